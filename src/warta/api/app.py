"""The FastAPI application: ``create_app(db_path)`` serves one warta database, read-only.

JSON under ``/api`` (OpenAPI at ``/openapi.json``, a reference page at ``/docs`` built from it — no
CDN), server-rendered pages elsewhere, static files (CSS, the vendored Vega bundles) under ``/static``.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import AsyncIterator, Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

import warta
from warta.api import errors, filters
from warta.api.store import ReadOnlyStore

DESCRIPTION = """Read-only access to a warta database: Indonesian news coded as PLOVER/CAMEO events
(who did what to whom, with evidence), quotes, stories and the daily "Top N Dunia" digest.

Every event, quote and entity carries character offsets into its article's normalised text and the
rule that produced it. Bad parameters give 422 with a `message` naming the parameter; unknown ids 404."""


#: No script but our own files (JSON data blocks are not scripts); Vega compiles its expressions with
#: ``Function`` ('unsafe-eval') and vega-embed adds a style element ('unsafe-inline' styles). Nothing
#: is fetched from elsewhere: a CDN reference would be blocked and reported.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-eval'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                               "connect-src 'self'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("warta.api").joinpath(name)))


def create_app(db_path: str | Path) -> FastAPI:
    """An app serving the warta database at ``db_path`` (opened now, read-only: a missing, locked or
    outdated database raises ``StoreError`` here, before any request)."""
    store = ReadOnlyStore(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="warta", version=warta.__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.store = store
    templates = Jinja2Templates(directory=_package_dir("templates"))
    filters.install(templates.env)
    app.state.templates = templates
    errors.install(app)
    app.mount("/static", StaticFiles(directory=_package_dir("static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    from warta.api import pages
    from warta.api.routes import router as api_router

    app.include_router(api_router)
    app.include_router(pages.router)
    return app
