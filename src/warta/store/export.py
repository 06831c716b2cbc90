"""Exports of a warta store (a DuckDB file, or a Parquet store opened by ``store.parquet``):

- ``gdelt_events``: GDELT 2.0 Events rows (61 columns, ``store.gdelt.EVENT_COLUMNS``). One row per
  day, Actor1, Actor2, CAMEO code and ActionGeo over the *asserted* events of every article, like
  GDELT's de-duplicated events: NumMentions is the sum of the mentions (an article's repeats of the
  same event), NumArticles the distinct articles, NumSources the distinct outlets. The day is the
  event's own date when the article gives it to the day, else the publication date (as in the API).
  GLOBALEVENTID is a stable 53-bit hash of the row's key, so re-exports agree. IsRootEvent is 1 when
  an article reports it in its lead paragraph; AvgTone is 0 (warta computes no tone); Actor geo is
  the actor's country at country level; ActionGeo the event's stated location where warta knows
  the place; SOURCEURL the earliest article's URL (or its id when it has none); DATEADDED the time
  of the latest analysis (UTC).
- ``gdelt_mentions``: GDELT 2.0 Mentions rows (16 columns): every article's report of each
  exported event, with sentence (1-based, as GDELT) and character offsets — the evidence.
- ``plover_events``: one PLOVER-style JSON object per event (all modalities), with the PLOVER
  fields (id, date, source, recipient, event, mode, quad_code, event_scale, event_loc, event_text,
  text_info, cite_info, coder) plus warta's: cameo, modality, stated date, and ``evidence``
  (article id, sentence index and text, offsets, trigger, rule, mentions).
- ``analyses``: the stored analyses in the shape of ``warta analyze --format jsonl``.

Everything streams: rows are read in day (or id) order in pages and only one day's events are
held at a time. Filters: ``date_from``/``date_to`` on the event day (events) or publication date
(analyses).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb

import warta
from warta.store import gdelt
from warta.store.analyses import read_analyses
from warta.store.queries import EVENT_DAY, OUTLET_KEY, Where

PAGE = 5_000
CODEBOOK = "PLOVER 2021 (openeventdata) + CAMEO; warta CODING-GUIDE"


@dataclass(slots=True)
class ExportFilter:
    date_from: date | None = None
    date_to: date | None = None

    def where(self, column: str) -> tuple[str, list[Any]]:
        w = Where()
        w.between(column, self.date_from, self.date_to)
        return " AND ".join(w.clauses), w.params


@dataclass(slots=True)
class ExportReport:
    """What an export wrote and what it left out, and why."""

    rows: int = 0
    events_read: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def _stream(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    cur = con.cursor()
    cur.execute(sql, params)
    names = [d[0] for d in cur.description]
    while rows := cur.fetchmany(PAGE):
        for row in rows:
            yield dict(zip(names, row))
    cur.close()


# --------------------------------------------------------------------------------------------
# Event rows, with their article's facts and the sentence they come from
# --------------------------------------------------------------------------------------------

def _event_rows(con: duckdb.DuckDBPyConnection, f: ExportFilter, asserted_only: bool) -> Iterator[dict[str, Any]]:
    where, params = f.where("day")
    conditions = [c for c in (where, "modality = 'asserted'" if asserted_only else "") if c]
    sql = f"""
        WITH ev AS (
            SELECT e.*, {EVENT_DAY} AS day, {OUTLET_KEY} AS outlet_key, a.source AS outlet, a.url, a.title,
                   a.language,
                   a.published, length(a.text) AS doc_len, an.analysed_at, an.warta_version,
                   CAST(json_extract(an.sentences, '$[' || e.sentence || ']') AS INTEGER[]) AS span,
                   a.text AS _text
            FROM events e JOIN articles a ON a.id = e.article_id
            LEFT JOIN analyses an ON an.article_id = e.article_id
        )
        SELECT * EXCLUDE (_text, span), span[3] AS paragraph,
               CASE WHEN span IS NULL THEN NULL ELSE substring(_text, span[1] + 1, span[2] - span[1]) END AS sentence_text
        FROM ev {'WHERE ' + ' AND '.join(conditions) if conditions else ''}
        ORDER BY day NULLS LAST, article_id, idx"""
    return _stream(con, sql, params)


def _id53(*parts: Any) -> int:
    digest = hashlib.blake2b("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"), digest_size=8)
    return int.from_bytes(digest.digest(), "big") >> 11


# --------------------------------------------------------------------------------------------
# GDELT
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Group:
    """One GDELT event being aggregated: the rows of the same day, actors, code and place."""

    first: dict[str, Any]
    action_geo: gdelt.Geo
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> int:
        r = self.first
        return _id53(r["day"], r["src_code"] or r["src_name"], r["tgt_code"] or r["tgt_name"], r["cameo"],
                     self.action_geo.key)


def _groups(con: duckdb.DuckDBPyConnection, f: ExportFilter, report: ExportReport) -> Iterator[_Group]:
    """The export's events, one day at a time (in day, then key order)."""
    day: date | None = None
    groups: dict[tuple, _Group] = {}

    def flush() -> Iterator[_Group]:
        yield from (groups[k] for k in sorted(groups, key=lambda k: tuple(str(x) for x in k)))
        groups.clear()

    for row in _event_rows(con, f, asserted_only=True):
        report.events_read += 1
        if row["day"] is None:
            report.skip("no date (article undated, event date not to the day)")
            continue
        if not row["cameo"]:
            report.skip("no CAMEO code")
            continue
        if row["day"] != day:
            yield from flush()
            day = row["day"]
        geo = gdelt.place_geo(row["location"]) if row["location"] else gdelt.Geo()
        key = (row["src_code"] or row["src_name"] or "", row["tgt_code"] or row["tgt_name"] or "", row["cameo"], geo.key)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(row, geo)
        group.rows.append(row)
    yield from flush()


def _gdelt_event_row(g: _Group) -> list[Any]:
    r, rows = g.first, g.rows
    day: date = r["day"]
    earliest = min(rows, key=lambda x: (x["published"] or date.max, x["article_id"]))
    added = max((x["analysed_at"] for x in rows if x["analysed_at"]), default=None)
    src = gdelt.actor_columns(r["src_code"], r["src_name"] or r["src_text"], r["src_country"])
    tgt = (gdelt.actor_columns(r["tgt_code"], r["tgt_name"] or r["tgt_text"], r["tgt_country"])
           if (r["tgt_code"] or r["tgt_name"] or r["tgt_text"]) else gdelt.ActorColumns())
    cameo = r["cameo"]
    goldstein = next((x["goldstein"] for x in rows if x["goldstein"] is not None), None)
    quad = next((x["quad_class"] for x in rows if x["quad_class"] is not None), None)
    root = any(x["paragraph"] == 0 or x["sentence"] == 0 for x in rows)
    return [
        g.id, gdelt.sql_date(day), day.year * 100 + day.month, day.year, gdelt.fraction_date(day),
        *src.row(), *tgt.row(),
        int(root), cameo, cameo[:3], cameo[:2], quad, goldstein,
        sum(1 if x["mentions"] is None else x["mentions"] for x in rows), len({x["outlet_key"] for x in rows}), len({x["article_id"] for x in rows}),
        0,  # AvgTone: warta computes no tone
        *gdelt.country_geo(r["src_country"]).row(),
        *(gdelt.country_geo(r["tgt_country"]).row() if r["tgt_country"] else gdelt.Geo().row()),
        *g.action_geo.row(),
        gdelt.date_added(added), earliest["url"] or earliest["article_id"],
    ]


def gdelt_events(con: duckdb.DuckDBPyConnection, f: ExportFilter = ExportFilter(),
                 report: ExportReport | None = None) -> Iterator[list[Any]]:
    """GDELT 2.0 Event rows (lists of 61 values in ``gdelt.EVENT_COLUMNS`` order)."""
    report = report if report is not None else ExportReport()
    for g in _groups(con, f, report):
        report.rows += 1
        yield _gdelt_event_row(g)


def gdelt_mentions(con: duckdb.DuckDBPyConnection, f: ExportFilter = ExportFilter(),
                   report: ExportReport | None = None) -> Iterator[list[Any]]:
    """GDELT 2.0 Mention rows (16 values in ``gdelt.MENTION_COLUMNS`` order), one per stored event
    record of the exported events."""
    report = report if report is not None else ExportReport()
    for g in _groups(con, f, report):
        event_time = gdelt.sql_date(g.first["day"]) * 1_000_000
        for r in g.rows:
            report.rows += 1
            seen = r["published"] or (r["analysed_at"].date() if r["analysed_at"] else g.first["day"])
            yield [g.id, event_time, gdelt.sql_date(seen) * 1_000_000, 1, r["outlet"] or r["outlet_key"],
                   r["url"] or r["article_id"], (r["sentence"] or 0) + 1,
                   r["src_start"] if r["src_start"] is not None else -1,
                   r["tgt_start"] if r["tgt_start"] is not None else -1,
                   r["start_char"], 1, _percent(r["confidence"]), r["doc_len"], 0, "",
                   json.dumps({"article_id": r["article_id"], "trigger": r["trigger"], "rule": r["rule"],
                               "mentions": r["mentions"]}, ensure_ascii=False)]


def _percent(confidence: float | None) -> int:
    """GDELT's Confidence (percent): the event filter's, or 100 for an event it does not score."""
    return 100 if confidence is None else max(1, round(100 * confidence))


def write_tsv(rows: Iterator[list[Any]], out, header: tuple[str, ...] | None = None) -> int:
    """Tab-separated rows (GDELT's files have no header; ``header`` adds one)."""
    n = 0
    if header:
        out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join(gdelt.cell(v) for v in row) + "\n")
        n += 1
    return n


# --------------------------------------------------------------------------------------------
# PLOVER
# --------------------------------------------------------------------------------------------

def _plover_actor(text: str | None, name: str | None, code: str | None, country: str | None,
                  start: int | None, end: int | None) -> dict[str, Any]:
    code = code or ""
    return {"code": code[:3] or None, "sector": code[3:] or None, "actor_text": text,
            "identifier_text": name, "country": country, "start": start, "end": end}


def _plover_loc(place: str | None) -> dict[str, Any] | None:
    if not place:
        return None
    geo = gdelt.place_geo(place)
    c = next((c for c in gdelt.countries().values() if geo.country and c.fips == geo.country), None)
    return {"name": place, "country code": None, "cc3": c.iso3 if c else None,
            "latitude": geo.lat, "longitude": geo.lon, "geo_type": geo.type or None}


def plover_events(con: duckdb.DuckDBPyConnection, f: ExportFilter = ExportFilter(),
                  report: ExportReport | None = None) -> Iterator[dict[str, Any]]:
    """One PLOVER-style record per stored event (every modality), in day order."""
    report = report if report is not None else ExportReport()
    coder = f"warta {warta.__version__}"
    for r in _event_rows(con, f, asserted_only=False):
        report.events_read += 1
        report.rows += 1
        day: date | None = r["day"]
        analysed: datetime | None = r["analysed_at"]
        target = None
        if r["tgt_text"] or r["tgt_name"] or r["tgt_code"]:
            target = _plover_actor(r["tgt_text"], r["tgt_name"], r["tgt_code"], r["tgt_country"], r["tgt_start"], r["tgt_end"])
        yield {
            "id": f"warta-{r['article_id']}-{r['idx']}",
            "date": day.isoformat() if day else None,
            "source": [_plover_actor(r["src_text"], r["src_name"], r["src_code"], r["src_country"], r["src_start"], r["src_end"])],
            "recipient": [target] if target else [],
            "event": [r["type"]],
            "mode": r["mode"],
            "context": [],
            "quad_code": r["quad_class"],
            "event_scale": r["goldstein"],
            "cameo": r["cameo"],
            "modality": r["modality"],
            "stated_date": r["event_date"],
            "stated_date_granularity": r["date_granularity"],
            "event_loc": _plover_loc(r["location"]),
            "event_text": [r["sentence_text"]] if r["sentence_text"] else [],
            "text_info": {"sequence": r["sentence"], "start": r["start_char"], "end": r["end_char"]},
            "cite_info": {"url": r["url"], "title": r["title"], "language": r["language"],
                          "publication": r["outlet"], "coder": coder, "codebook": CODEBOOK},
            "coder": coder,
            "coded_date": analysed.date().isoformat() if analysed else None,
            "evidence": {"article_id": r["article_id"], "sentence": r["sentence"], "sentence_text": r["sentence_text"],
                         "start": r["start_char"], "end": r["end_char"], "trigger": r["trigger"], "rule": r["rule"],
                         "mentions": r["mentions"], "confidence": r["confidence"]},
        }


# --------------------------------------------------------------------------------------------
# Analyses as `warta analyze` prints them
# --------------------------------------------------------------------------------------------

def analyses(con: duckdb.DuckDBPyConnection, f: ExportFilter = ExportFilter(), with_text: bool = False,
             with_sentences: bool = False, report: ExportReport | None = None) -> Iterator[dict[str, Any]]:
    """Stored analyses as ``warta analyze --format jsonl`` prints them (articles in publication, then
    id order), read back by ``store.analyses.read_analyses``."""
    report = report if report is not None else ExportReport()
    where, params = f.where("a.published")
    sql = (f"SELECT a.id FROM articles a JOIN analyses x ON x.article_id = a.id "
           f"{'WHERE ' + where if where else ''} ORDER BY a.published NULLS LAST, a.id")
    cur = con.cursor()
    cur.execute(sql, params)
    while page := [r[0] for r in cur.fetchmany(500)]:
        stored = read_analyses(con, page, with_text=with_text)
        for article_id in page:
            report.rows += 1
            yield stored[article_id].to_dict(with_text=with_text, with_sentences=with_sentences)
    cur.close()
