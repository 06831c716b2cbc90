"""`/api/quotes`: who said what."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from warta.api import views
from warta.api.params import QuoteQuery
from warta.api.routes.common import CursorDep
from warta.api.schemas import Page, QuoteOut
from warta.store import queries

router = APIRouter(tags=["quotes"])


@router.get("/quotes", response_model=Page[QuoteOut], summary="List quotes")
def list_quotes(cur: CursorDep, q: Annotated[QuoteQuery, Query()]) -> dict:
    """Direct and indirect quotes with their speaker, filtered by speaker name or code, the
    speaker's country, publication dates or article."""
    f = queries.QuoteFilter(date_from=q.date_from, date_to=q.date_to, speaker=q.speaker,
                            speaker_code=q.speaker_code, country=q.country, direct=q.direct,
                            article_id=q.article_id)
    total, rows = queries.list_quotes(cur, f, q.page, q.limit)
    return views.page_of(total, q.page, q.limit, [views.quote_out(r) for r in rows])
