"""`/api/articles`: stored articles, and one with its whole analysis."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from warta.api import views
from warta.api.params import ArticleQuery, Key
from warta.api.routes.common import NOT_FOUND, CursorDep
from warta.api.schemas import ArticleDetail, ArticleSummary, Page
from warta.store import queries

router = APIRouter(tags=["articles"])


@router.get("/articles", response_model=Page[ArticleSummary], summary="List articles")
def list_articles(cur: CursorDep, q: Annotated[ArticleQuery, Query()]) -> dict:
    """Articles by publication date (newest first), filtered by date range, outlet, title words or a
    country their events or entities involve."""
    f = queries.ArticleFilter(date_from=q.date_from, date_to=q.date_to, source=q.source, q=q.q, country=q.country)
    total, rows = queries.list_articles(cur, f, q.page, q.limit)
    return views.page_of(total, q.page, q.limit, rows)


# ":path": an id may hold "/" (dumps often use the URL path as the id)
@router.get("/articles/{article_id:path}", response_model=ArticleDetail, responses=NOT_FOUND, summary="One article")
def get_article(cur: CursorDep, article_id: Annotated[Key, Path(description="The article's id.")]) -> dict:
    """The article's normalised text and its analysis: entities, dates, events (with evidence) and
    quotes, every one with character offsets into `text`; the stories it belongs to."""
    return article_detail(cur, article_id)


def article_detail(cur: CursorDep, article_id: str) -> dict:
    art = queries.get_article(cur, article_id)
    if art is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    texts = {article_id: {"text": art["text"], "sentences": art["sentences"]}}
    return {
        **art,
        "sentences": [list(s) for s in art["sentences"]],
        "entities": [views.entity_out(r) for r in queries.article_entities(cur, article_id)],
        "dates": [views.date_out(r) for r in queries.article_dates(cur, article_id)],
        "events": [views.event_out(r, texts) for r in queries.article_events(cur, article_id)],
        "quotes": [views.quote_out({**r, "article_id": article_id}) for r in queries.article_quotes(cur, article_id)],
        "stories": queries.article_stories(cur, article_id),
    }
