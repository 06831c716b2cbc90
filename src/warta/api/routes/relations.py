"""`/api/relations`: how two countries treat each other over time, and the busiest pairs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from warta.api.chart import Relations
from warta.api.params import CountryKey, PairsQuery, RelationsQuery
from warta.api.routes.common import CursorDep
from warta.api.schemas import CountryOut, PairOut, RelationsOut
from warta.store import queries

router = APIRouter(tags=["relations"])


def load_relations(cur: CursorDep, a: str, b: str, q: RelationsQuery) -> Relations:
    modality = None if q.modality == "all" else q.modality
    rows = queries.relations(cur, a, b, q.date_from, q.date_to, q.by, modality)
    return Relations(a=a, b=b, by=q.by, rows=rows, date_from=q.date_from, date_to=q.date_to, modality=modality)


@router.get("/relations/{a}/{b}", response_model=RelationsOut, summary="Relations of two countries",
)
def get_relations(cur: CursorDep, a: Annotated[CountryKey, Path(description="First country key (RUS).")],
                  b: Annotated[CountryKey, Path(description="Second country key (CHN).")],
                  q: Annotated[RelationsQuery, Query()]) -> dict:
    """Per day (or month) and direction — `AB` is a → b, `BA` is b → a — the number of events, the
    events per QuadClass (q1 verbal cooperation, q2 material cooperation, q3 verbal conflict, q4
    material conflict), the sum of their Goldstein values, mentions and articles. Only asserted events
    count unless `modality` says otherwise. The same key twice gives the country's domestic events
    (all `AB`)."""
    rel = load_relations(cur, a, b, q)
    return {"a": rel.a, "b": rel.b, "by": rel.by, "modality": q.modality, "from": q.date_from, "to": q.date_to,
            "rows": rel.rows, "totals": rel.totals}


@router.get("/relations", response_model=list[PairOut], summary="The busiest country pairs")
def list_pairs(cur: CursorDep, q: Annotated[PairsQuery, Query()]) -> list[dict]:
    """Country pairs by number of asserted events between them (either direction); `limit` pairs."""
    return queries.top_pairs(cur, q.date_from, q.date_to, limit=q.limit)


@router.get("/countries", response_model=list[CountryOut], summary="Countries in events")
def list_countries(cur: CursorDep) -> list[dict]:
    """Every country key that is the source or target of an event, with the number of events."""
    return queries.countries(cur)
