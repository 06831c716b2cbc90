"""Server-rendered pages (Jinja2): the digest, the event explorer, an event's evidence, an article with
its analysis marked, quotes, the relations of two countries with their chart, and the API reference.

Pages read through the same queries and parameter models as the API; the only JavaScript is the
bundled vega-embed that draws the relations chart.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Path, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ValidationError

from warta.api import chart, views
from warta.api.digest import NotBuilt, stored_digest
from warta.api.evidence import evidence_html, evidence_ranges, event_spans
from warta.api.marks import Span, paragraphs
from warta.api.labels import entity_label, modality_label, plover_label
from warta.api.params import (ArticleQuery, CountryKey, DigestQuery, EventQuery, Key, PairsQuery, QuoteQuery,
                              RelationsQuery, form_values)
from warta.api.routes.common import CursorDep
from warta.api.routes.events import event_filter
from warta.api.routes.relations import load_relations
from warta.model import PLOVER_TYPES
from warta.store import queries

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
M = TypeVar("M", bound=BaseModel)


def _form(request: Request, model: type[M]) -> M:
    """The page's query string validated like the API's (empty form fields dropped); errors → 422 page."""
    values = form_values(list(request.query_params.multi_items()))
    try:
        return model.model_validate(values)
    except ValidationError as e:
        raise RequestValidationError([{**err, "loc": ("query", *err["loc"])} for err in e.errors()]) from None


def _render(request: Request, template: str, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context)


def _query_without(request: Request, *drop: str) -> str:
    """The current query string without some keys (for pager links)."""
    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k not in drop and v != ""])


# --------------------------------------------------------------------------------------------
# Digest
# --------------------------------------------------------------------------------------------

@router.get("/")
def digest_page(request: Request, cur: CursorDep) -> HTMLResponse:
    from warta.stories import render
    from warta.stories.langdata import digest_wording

    q = _form(request, DigestQuery)
    sd = stored_digest(cur, q.day, q.top)
    if isinstance(sd, NotBuilt):  # the page says why and how to build it, with links to built days
        response = _render(request, "digest.html", sd=None, missing=sd, top=q.top, day=q.day,
                           edition=render.edition_date(sd.day) if sd.day else None)
        response.status_code = 404 if sd.day else 200
        return response
    d = sd.digest
    return _render(request, "digest.html", sd=sd, missing=None, top=q.top, day=q.day, title=render.title(d),
                   edition=render.edition_date(d.day), intro=render.intro(d), lead_in=render.lead_in(d),
                   read_more=digest_wording()["read_more"])


# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------

def _event_cards(cur: CursorDep, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    texts = queries.article_texts(cur, sorted({r["article_id"] for r in rows}))
    cards = []
    for r in rows:
        doc = texts.get(r["article_id"])
        ev_html = evidence_html(doc["text"], doc["sentences"], r) if doc else ""
        cards.append({**r, "evidence_html": ev_html, "path": views.event_path(r["article_id"], r["idx"]),
                      "article_path": views.article_path(r["article_id"]),
                      "cameo_label": views.cameo_label(r["cameo"])})
    return cards


@router.get("/events")
def events_page(request: Request, cur: CursorDep) -> HTMLResponse:
    q = _form(request, EventQuery)
    f = event_filter(q)
    total, rows = queries.list_events(cur, f, q.page, q.limit)
    return _render(request, "events.html", q=q, total=total, pages=views.pages(total, q.limit),
                   events=_event_cards(cur, rows), type_counts=queries.event_type_counts(cur, f),
                   plover_types=PLOVER_TYPES, base_query=_query_without(request, "page"))


@router.get("/events/{article_id:path}/{idx}")  # ids may hold "/" (URL paths used as ids)
def event_page(request: Request, cur: CursorDep, article_id: Annotated[Key, Path()],
               idx: Annotated[int, Path(ge=0, le=1_000_000)]) -> HTMLResponse:
    row = queries.get_event(cur, article_id, idx)
    if row is None:
        raise HTTPException(404, f"Tidak ada peristiwa {idx} di artikel {article_id!r}.")
    doc = queries.article_texts(cur, [article_id])[article_id]
    text, sentences = doc["text"], doc["sentences"]
    card = _event_cards(cur, [row])[0]
    # Context: the paragraphs around the evidence, with the same marks.
    ranges = evidence_ranges(text, sentences, row)
    lo = text.rfind("\n\n", 0, ranges[0][0]) + 2 if ranges else 0
    end = text.find("\n\n", ranges[-1][1]) if ranges else -1
    hi = len(text) if end < 0 else end
    context_paras = paragraphs(text, event_spans(text, sentences, row), max(lo, 0), hi)
    others = [r for r in queries.article_events(cur, article_id) if r["idx"] != idx]
    return _render(request, "event.html", ev=card, context_paras=context_paras,
                   others=[{**o, "path": views.event_path(article_id, o["idx"])} for o in others])


# --------------------------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------------------------

@router.get("/articles")
def articles_page(request: Request, cur: CursorDep) -> HTMLResponse:
    q = _form(request, ArticleQuery)
    f = queries.ArticleFilter(date_from=q.date_from, date_to=q.date_to, source=q.source, q=q.q, country=q.country)
    total, rows = queries.list_articles(cur, f, q.page, q.limit)
    return _render(request, "articles.html", q=q, total=total, pages=views.pages(total, q.limit),
                   articles=[{**r, "path": views.article_path(r["id"])} for r in rows],
                   base_query=_query_without(request, "page"))


def _article_spans(entities: list[dict], dates: list[dict], quotes: list[dict], events: list[dict],
                   text: str, sentences: list) -> list[Span]:
    spans: list[Span] = []
    for q in quotes:
        who = q["speaker_name"] or q["speaker_text"] or "?"
        spans.append(Span(q["start_char"], q["end_char"], f"quote {'direct' if q['direct'] else 'indirect'}",
                          title=f"kutipan {'langsung' if q['direct'] else 'tidak langsung'} · {who}"
                                f" · isyarat “{q['cue'] or '—'}” · aturan {q['rule']}",
                          id=f"q-{q['idx']}", tag="span"))
        start, end = q.get("speaker_start"), q.get("speaker_end")
        if start is not None and end is not None and 0 <= start < end <= len(text):
            spans.append(Span(start, end, "speaker", title=f"pembicara kutipan {q['idx']} · {who}",
                              id=f"sp-{q['idx']}", tag="span"))
    for e in entities:
        parts = [entity_label(e["label"]), e["name"], e["code"], e["role"], f"aturan {e['rule']}"]
        spans.append(Span(e["start_char"], e["end_char"], f"ent ent-{e['label']}",
                          title=" · ".join(p for p in parts if p), id=f"ent-{e['idx']}"))
    for d in dates:
        spans.append(Span(d["start_char"], d["end_char"], "date",
                          title=f"tanggal · {d['value'] or 'tak terselesaikan'} · aturan {d['rule']}",
                          id=f"date-{d['idx']}"))
    for ev in events:
        for s in event_spans(text, sentences, ev, with_ids=True):
            if s.cls == "trg":
                src, tgt = ev["src_country"] or ev["src_code"] or "?", ev["tgt_country"] or ev["tgt_code"] or "—"
                spans.append(Span(s.start, s.end, "trg", id=s.id,
                                  title=f"peristiwa {ev['idx']} · {src} {ev['type']} {tgt} · aturan {ev['rule']}"))
    return spans


@router.get("/articles/{article_id:path}")
def article_page(request: Request, cur: CursorDep, article_id: Annotated[Key, Path()]) -> HTMLResponse:
    art = queries.get_article(cur, article_id)
    if art is None:
        raise HTTPException(404, f"Tidak ada artikel dengan id {article_id!r}.")
    text, sentences = art["text"], art["sentences"]
    entities = queries.article_entities(cur, article_id)
    dates = queries.article_dates(cur, article_id)
    quotes = queries.article_quotes(cur, article_id)
    events = queries.article_events(cur, article_id)
    spans = _article_spans(entities, dates, quotes, events, text, sentences)
    return _render(request, "article.html", art=art, paras=paragraphs(text, spans), entities=entities, dates=dates,
                   quotes=quotes, events=[{**e, "path": views.event_path(article_id, e["idx"])} for e in events],
                   stories=queries.article_stories(cur, article_id))


# --------------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------------

@router.get("/quotes")
def quotes_page(request: Request, cur: CursorDep) -> HTMLResponse:
    q = _form(request, QuoteQuery)
    f = queries.QuoteFilter(date_from=q.date_from, date_to=q.date_to, speaker=q.speaker,
                            speaker_code=q.speaker_code, country=q.country, direct=q.direct, article_id=q.article_id)
    total, rows = queries.list_quotes(cur, f, q.page, q.limit)
    return _render(request, "quotes.html", q=q, total=total, pages=views.pages(total, q.limit),
                   quotes=[{**r, "article_path": views.article_path(r["article_id"])} for r in rows],
                   base_query=_query_without(request, "page"))


# --------------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------------

@router.get("/relations")
def relations_index(request: Request, cur: CursorDep) -> Response:
    q = _form(request, PairsQuery)
    a, b = request.query_params.get("a", "").strip(), request.query_params.get("b", "").strip()
    if a and b:  # the form's "show" button
        pa = _form(request, _PairForm)
        return RedirectResponse(views.relations_path(pa.a, pa.b, **{"from": q.date_from, "to": q.date_to}),
                                status_code=303)
    pairs = queries.top_pairs(cur, q.date_from, q.date_to, limit=q.limit)
    return _render(request, "relations_index.html", q=q,
                   pairs=[{**p, "path": views.relations_path(p["a"], p["b"])} for p in pairs],
                   countries=queries.countries(cur))


class _PairForm(BaseModel):
    a: CountryKey
    b: CountryKey


def _period_end(period: date, by: str) -> date:
    if by == "day":
        return period
    nxt = date(period.year + (period.month == 12), period.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


@router.get("/relations/{a}/{b}")
def relations_page(request: Request, cur: CursorDep, a: Annotated[CountryKey, Path()],
                   b: Annotated[CountryKey, Path()]) -> HTMLResponse:
    q = _form(request, RelationsQuery)
    rel = load_relations(cur, a, b, q)
    spec = chart.vega_lite_spec(rel) if rel.rows else None
    table = []
    for row in rel.table():
        end = _period_end(row["period"], rel.by)
        links = {d: f"/events?{urlencode({'source': s, 'target': t, 'from': row['period'], 'to': end})}"
                 for d, s, t in (("AB", a, b), ("BA", b, a))}
        table.append({**row, "links": links})
    return _render(request, "relations.html", rel=rel, q=q, table=table,
                   spec_json=chart.script_json(spec) if spec else None,
                   options_json=chart.script_json(chart.embed_options()),
                   events_link=f"/events?{urlencode({'country': a, 'from': q.date_from or '', 'to': q.date_to or ''})}")


# --------------------------------------------------------------------------------------------
# API reference (from the OpenAPI schema; no CDN)
# --------------------------------------------------------------------------------------------

def _schema_type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if schema.get("type") == "array":
        return f"[{_schema_type(schema.get('items', {}))}] …"
    bits = [schema.get("format") or schema.get("type", "")]
    if "pattern" in schema and "format" not in schema:
        bits.append(f"/{schema['pattern']}/")
    if "minimum" in schema or "maximum" in schema:
        bits.append(f"{schema.get('minimum', '')}–{schema.get('maximum', '')}")
    return " ".join(b for b in bits if b)


@router.get("/docs")
def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _schema_type(p.get("schema", {})),
                       "description": p.get("description") or p.get("schema", {}).get("description", "")}
                      for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "params": params,
                              "tag": (op.get("tags") or [""])[0]})
    return _render(request, "docs.html", endpoints=endpoints, info=spec.get("info", {}),
                   plover=[(t, plover_label(t)) for t in PLOVER_TYPES],
                   modalities=[(m, modality_label(m)) for m in ("asserted", "future", "negated", "hypothetical")])
