"""`/api/stories` and `/api/digest`: the stories `warta digest` stored, and the "Top N Dunia"
digest of a day in the seed's shape (JSON, or issue 6's text, Markdown and HTML renderings)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from warta.api import views
from warta.api.digest import NotBuilt, digest_dict, stored_digest
from warta.api.params import DigestFormat, DigestQuery, Key, StoryQuery
from warta.api.routes.common import NOT_FOUND, CursorDep
from warta.api.schemas import DigestOut, Page, StoryOut
from warta.store import queries

router = APIRouter(tags=["stories"])


def _with_articles(cur: CursorDep, rows: list[dict]) -> list[dict]:
    arts = queries.story_articles(cur, [r["story_id"] for r in rows])
    return [{**r, "articles": arts[r["story_id"]]} for r in rows]


@router.get("/stories", response_model=Page[StoryOut], summary="List stories")
def list_stories(cur: CursorDep, q: Annotated[StoryQuery, Query()]) -> dict:
    """Stories (articles that report the same happening), newest day and best score first."""
    total, rows = queries.list_stories(cur, q.day, q.world, q.page, q.limit)
    return views.page_of(total, q.page, q.limit, _with_articles(cur, rows))


@router.get("/stories/{story_id}", response_model=StoryOut, responses=NOT_FOUND, summary="One story")
def get_story(cur: CursorDep, story_id: Annotated[Key, Path(description="The story's id.")]) -> dict:
    row = queries.get_story(cur, story_id)
    if row is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return _with_articles(cur, [row])[0]


@router.get("/digest", response_model=DigestOut, summary="The Top N Dunia digest of a day",
            responses={**NOT_FOUND, 200: {"content": {"text/plain": {}, "text/markdown": {}, "text/html": {}}}})
def get_digest(cur: CursorDep, q: Annotated[DigestQuery, Query()],
               format: Annotated[DigestFormat, Query(description="json (default), text, markdown or html.")] = "json",
               ) -> dict | Response:
    """The day's top world stories, best first, with the edition's intro ("Top 3 Dunia edisi Kamis,
    25 Mei 2023, dibuka dengan berita …"), summaries and links: exactly the digest `warta digest`
    (or `warta ingest`) built and stored. Without `date`: the latest built day that has world
    stories. A day whose stories were never built is a 404 that says how to build them."""
    sd = stored_digest(cur, q.day, q.top)
    if isinstance(sd, NotBuilt):
        raise HTTPException(404, sd.message)
    if format == "json":
        return digest_dict(sd)
    from warta.stories import render

    body = render.render(sd.digest, format)
    if format == "html":
        return HTMLResponse(body)
    media = "text/markdown; charset=utf-8" if format == "markdown" else "text/plain; charset=utf-8"
    return PlainTextResponse(body, media_type=media)
