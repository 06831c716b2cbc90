"""`/api/stats`: what the served database holds."""

from __future__ import annotations

from fastapi import APIRouter, Request

from warta.api.routes.common import CursorDep
from warta.api.schemas import Stats
from warta.store import queries
from warta.store.db import schema_version

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=Stats, summary="What the database holds")
def get_stats(cur: CursorDep, request: Request) -> dict:
    """Counts of articles, analyses, entities, dates, events, quotes and stories; the publication date
    range; events per type and modality."""
    return {**queries.counts(cur), "database": request.app.state.store.path.name,
            "schema_version": schema_version(cur)}
