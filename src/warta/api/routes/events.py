"""`/api/events`: coded events with filters and pagination, each with its evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from warta.api import views
from warta.api.params import EventQuery, Key
from warta.api.routes.common import NOT_FOUND, CursorDep
from warta.api.schemas import EventOut, Page
from warta.store import queries

router = APIRouter(tags=["events"])


def event_filter(q: EventQuery) -> queries.EventFilter:
    return queries.EventFilter(date_from=q.date_from, date_to=q.date_to, country=q.country,
                               source_country=q.source_country, target_country=q.target_country, actor=q.actor,
                               types=q.types, quad_classes=q.quad_classes, modality=q.modality,
                               article_id=q.article_id)


def events_page(cur: CursorDep, q: EventQuery) -> dict:
    total, rows = queries.list_events(cur, event_filter(q), q.page, q.limit)
    texts = queries.article_texts(cur, sorted({r["article_id"] for r in rows}))
    return views.page_of(total, q.page, q.limit, [views.event_out(r, texts) for r in rows])


@router.get("/events", response_model=Page[EventOut], summary="List events")
def list_events(cur: CursorDep, q: Annotated[EventQuery, Query()]) -> dict:
    """Events, newest day first. `day` is the event's own date when the article gives it to the day,
    else the publication date; `from`/`to` filter on it. Country filters use the coding guide's
    keys; `actor` matches an actor code or its start."""
    return events_page(cur, q)


@router.get("/events/{article_id:path}/{idx}", response_model=EventOut, responses=NOT_FOUND, summary="One event")
def get_event(cur: CursorDep, article_id: Annotated[Key, Path(description="The article's id.")],
              idx: Annotated[int, Path(ge=0, le=1_000_000, description="The event's number in its article.")]) -> dict:
    row = queries.get_event(cur, article_id, idx)
    if row is None:
        raise HTTPException(404, f"no event {idx} in article {article_id!r}")
    return views.event_out(row, queries.article_texts(cur, [article_id]))
