"""Errors as a client can act on them: JSON under ``/api``, an HTML page elsewhere.

A bad parameter is a 422 whose ``message`` names the parameter, what it got and what it takes
(``detail`` keeps pydantic's list for programs); an unknown id is a 404; anything unexpected is a
500 with one line and no traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta.model import PLOVER_TYPES

log = logging.getLogger("warta.api")

HINTS: dict[str, str] = {
    "from": "a day written YYYY-MM-DD, e.g. 2023-05-24",
    "to": "a day written YYYY-MM-DD, e.g. 2023-05-24",
    "date": "a day written YYYY-MM-DD, e.g. 2023-05-24",
    "country": "a country key: ISO alpha-3 (RUS, CHN, IDN) or a bloc (UN, EU, NATO, ASEAN, G7, WST)",
    "source": "a country key: ISO alpha-3 (RUS, CHN, IDN) or a bloc (UN, EU, NATO, ASEAN, G7, WST)",
    "target": "a country key: ISO alpha-3 (RUS, CHN, IDN) or a bloc (UN, EU, NATO, ASEAN, G7, WST)",
    "a": "a country key: ISO alpha-3 (RUS, CHN, IDN) or a bloc (UN, EU, NATO, ASEAN, G7, WST)",
    "b": "a country key: ISO alpha-3 (RUS, CHN, IDN) or a bloc (UN, EU, NATO, ASEAN, G7, WST)",
    "actor": "an actor code such as RUSGOV or its leading letters (RUS)",
    "speaker_code": "an actor code such as RUSGOV or its leading letters (RUS)",
    "type": "one of PLOVER's 16 types: " + ", ".join(PLOVER_TYPES),
    "quad_class": "QuadClass 1, 2, 3 or 4",
    "modality": "asserted, future, negated or hypothetical",
    "page": "a page number from 1",
    "limit": "items per page, 1–200",
    "top": "number of stories, 1–20",
    "idx": "the event's number in its article (an integer from 0)",
}


def _field(loc: tuple[Any, ...]) -> str:
    named = [str(x) for x in loc[1:] if not isinstance(x, int)]
    return named[0] if named else (str(loc[-1]) if loc else "request")


def validation_message(errors: list[dict[str, Any]]) -> str:
    """One sentence per bad parameter: ``country: 'R$S' is not valid — expected a country key …``."""
    parts = []
    for e in errors:
        name = _field(tuple(e.get("loc", ())))
        got = e.get("input")
        msg = str(e.get("msg", "invalid"))
        hint = HINTS.get(name)
        shown = f" {got!r}" if isinstance(got, (str, int, float)) else ""
        if e.get("type") == "value_error":
            parts.append(f"{name}: {msg.removeprefix('Value error, ')}")
        elif hint:
            parts.append(f"{name}:{shown} is not valid — expected {hint}")
        else:
            parts.append(f"{name}:{shown} {msg}")
    return "; ".join(parts)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _page(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "title": title, "message": message},
                                      status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse | HTMLResponse:
        errors = list(exc.errors())
        message = validation_message(errors)
        if wants_json(request):
            return JSONResponse(status_code=422, content={"detail": jsonable_encoder(errors, custom_encoder={
                Exception: str}), "message": message})
        return _page(request, 422, "Parameter tidak valid", message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse | HTMLResponse:
        if wants_json(request):
            return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail},
                                headers=getattr(exc, "headers", None))
        title = {404: "Tidak ditemukan", 405: "Metode tidak diizinkan"}.get(exc.status_code, "Galat")
        return _page(request, exc.status_code, title, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse | HTMLResponse:
        log.exception("unexpected error on %s", request.url.path)
        message = f"internal error ({type(exc).__name__}); the server log has the details"
        if wants_json(request):
            return JSONResponse(status_code=500, content={"detail": message})
        return _page(request, 500, "Galat server", message)
