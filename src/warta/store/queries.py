"""Every read query of the API, the web pages and ``warta relations``: parameterised SQL in one file.

Like Datasette, the web layer only reads, and it reads through here. Values always travel as
parameters (``?``); the only SQL assembled at run time is the choice among the fixed fragments
below (a ``WHERE`` clause per filter that is set, a date bucket per granularity), never text a
caller typed. Functions take a DuckDB cursor and return plain dicts and lists.

An event's *day* is the date the article gives it when that date is resolved to a day, otherwise the
article's publication date (as GDELT dates events by the report); date filters and the relations
timeline use it. It is the store's ``event_day`` SQL macro (migration 005), the same definition the
``daily_events`` view and the exports use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timezone
from typing import Any, Literal, Sequence

import duckdb

Cursor = duckdb.DuckDBPyConnection
Granularity = Literal["day", "month"]

#: The day an event is counted on (see the module docstring), for ``events e JOIN articles a``.
EVENT_DAY = "event_day(e.date_granularity, e.event_date, a.published)"
#: Who published an article, for counting distinct sources (GDELT's NumSources; migration 005).
OUTLET_KEY = "outlet_key(a.source, a.url, a.id)"

_BUCKET: dict[str, str] = {"day": "day", "month": "date_trunc('month', day)::DATE"}

_EVENT_COLUMNS = (
    "e.article_id, e.idx, e.type, e.mode, e.cameo, e.goldstein, e.quad_class, "
    "e.src_text, e.src_name, e.src_code, e.src_country, e.src_start, e.src_end, "
    "e.tgt_text, e.tgt_name, e.tgt_code, e.tgt_country, e.tgt_start, e.tgt_end, "
    "e.modality, e.event_date, e.date_granularity, e.location, e.sentence, e.start_char, e.end_char, "
    "e.trigger, e.rule, e.mentions, e.confidence, "
    f"{EVENT_DAY} AS day, a.title AS article_title, a.source AS article_source, "
    "a.published AS article_published, a.url AS article_url"
)


def _dicts(cur: Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _one(cur: Cursor) -> dict[str, Any] | None:
    rows = _dicts(cur)
    return rows[0] if rows else None


@dataclass(slots=True)
class Where:
    """A conjunction of fixed SQL fragments and their parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def between(self, column: str, first: date | None, last: date | None) -> None:
        """``column`` from ``first`` to ``last`` (either may be open); ``column`` is a fixed fragment."""
        if first:
            self.add(f"{column} >= ?", first)
        if last:
            self.add(f"{column} <= ?", last)

    @property
    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _page(page: int, limit: int) -> list[int]:
    return [limit, (page - 1) * limit]


# --------------------------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class ArticleFilter:
    date_from: date | None = None
    date_to: date | None = None
    source: str | None = None  # outlet, exact (case-insensitive)
    q: str | None = None  # words in the title (case-insensitive substring)
    country: str | None = None  # articles with an event or entity of this country key


def _article_where(f: ArticleFilter) -> Where:
    w = Where()
    w.between("a.published", f.date_from, f.date_to)
    if f.source:
        w.add("lower(a.source) = lower(?)", f.source)
    if f.q:
        w.add("contains(lower(coalesce(a.title, '')), lower(?))", f.q)
    if f.country:
        w.add("(a.id IN (SELECT article_id FROM events WHERE src_country = ? OR tgt_country = ?) "
              "OR a.id IN (SELECT article_id FROM entities WHERE country = ?))",
              f.country, f.country, f.country)
    return w


def list_articles(cur: Cursor, f: ArticleFilter, page: int = 1, limit: int = 50) -> tuple[int, list[dict[str, Any]]]:
    w = _article_where(f)
    total = cur.execute(f"SELECT count(*) FROM articles a {w.sql}", w.params).fetchone()[0]
    cur.execute(
        "SELECT a.id, a.title, a.source, a.published, a.url, a.language, length(a.text) AS n_chars "
        f"FROM articles a {w.sql} ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?",
        w.params + _page(page, limit))
    rows = _dicts(cur)
    ids = [r["id"] for r in rows]
    n_events = _counts_by_article(cur, "events", ids)
    n_quotes = _counts_by_article(cur, "quotes", ids)
    for r in rows:
        r["n_events"], r["n_quotes"] = n_events.get(r["id"], 0), n_quotes.get(r["id"], 0)
    return total, rows


def _counts_by_article(cur: Cursor, table: Literal["events", "quotes"], ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    cur.execute(f"SELECT article_id, count(*) FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
                "GROUP BY 1", [ids])
    return dict(cur.fetchall())


def get_article(cur: Cursor, article_id: str) -> dict[str, Any] | None:
    cur.execute("SELECT a.id, a.title, a.source, a.published, a.url, a.language, a.text, a.extra, "
                "n.analysed_at, n.warta_version, n.skipped, n.sentences "
                "FROM articles a LEFT JOIN analyses n ON n.article_id = a.id WHERE a.id = ?", [article_id])
    row = _one(cur)
    if row is None:
        return None
    if row["analysed_at"] is not None and row["analysed_at"].tzinfo is None:
        row["analysed_at"] = row["analysed_at"].replace(tzinfo=timezone.utc)  # the store writes UTC
    row["extra"] = _json(row["extra"], {})
    row["sentences"] = [tuple(s) for s in _json(row["sentences"], [])]
    return row


def _json(value: str | None, default: Any) -> Any:
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


def article_entities(cur: Cursor, article_id: str) -> list[dict[str, Any]]:
    cur.execute("SELECT idx, text, label, start_char, end_char, sentence, name, code, country, kind, role, rule "
                "FROM entities WHERE article_id = ? ORDER BY start_char, idx", [article_id])
    return _dicts(cur)


def article_dates(cur: Cursor, article_id: str) -> list[dict[str, Any]]:
    cur.execute("SELECT idx, text, start_char, end_char, sentence, value, granularity, rule "
                "FROM dates WHERE article_id = ? ORDER BY start_char, idx", [article_id])
    return _dicts(cur)


def article_quotes(cur: Cursor, article_id: str) -> list[dict[str, Any]]:
    cur.execute("SELECT idx, text, start_char, end_char, direct, cue, speaker_text, speaker_name, "
                "speaker_code, speaker_country, speaker_start, speaker_end, sentence, rule FROM quotes "
                "WHERE article_id = ? ORDER BY start_char, idx", [article_id])
    return _dicts(cur)


def article_events(cur: Cursor, article_id: str) -> list[dict[str, Any]]:
    cur.execute(f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
                "WHERE e.article_id = ? ORDER BY e.start_char, e.idx", [article_id])
    return _dicts(cur)


def article_stories(cur: Cursor, article_id: str) -> list[dict[str, Any]]:
    cur.execute("SELECT s.story_id, s.day, s.headline FROM story_articles sa JOIN stories s USING (story_id) "
                "WHERE sa.article_id = ? ORDER BY s.day DESC", [article_id])
    return _dicts(cur)


def article_texts(cur: Cursor, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Text and sentence spans of each article (for evidence snippets)."""
    if not article_ids:
        return {}
    cur.execute("SELECT a.id, a.text, n.sentences FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
                "WHERE a.id IN (SELECT unnest(?::VARCHAR[]))", [list(article_ids)])
    return {r[0]: {"text": r[1], "sentences": [tuple(s) for s in _json(r[2], [])]} for r in cur.fetchall()}


# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class EventFilter:
    date_from: date | None = None
    date_to: date | None = None
    country: str | None = None  # source or target country key
    source_country: str | None = None
    target_country: str | None = None
    actor: str | None = None  # source or target actor code, or its prefix ("RUS" matches RUSGOV)
    types: Sequence[str] = ()
    quad_classes: Sequence[int] = ()
    modality: str | None = None
    article_id: str | None = None


def _event_where(f: EventFilter) -> Where:
    w = Where()
    w.between(EVENT_DAY, f.date_from, f.date_to)
    if f.country:
        w.add("(e.src_country = ? OR e.tgt_country = ?)", f.country, f.country)
    if f.source_country:
        w.add("e.src_country = ?", f.source_country)
    if f.target_country:
        w.add("e.tgt_country = ?", f.target_country)
    if f.actor:
        w.add("(starts_with(coalesce(e.src_code, ''), ?) OR starts_with(coalesce(e.tgt_code, ''), ?))",
              f.actor, f.actor)
    if f.types:
        w.add("list_contains(?::VARCHAR[], e.type)", list(f.types))
    if f.quad_classes:
        w.add("list_contains(?::INTEGER[], e.quad_class)", list(f.quad_classes))
    if f.modality:
        w.add("e.modality = ?", f.modality)
    if f.article_id:
        w.add("e.article_id = ?", f.article_id)
    return w


def list_events(cur: Cursor, f: EventFilter, page: int = 1, limit: int = 50) -> tuple[int, list[dict[str, Any]]]:
    w = _event_where(f)
    base = f"FROM events e JOIN articles a ON a.id = e.article_id {w.sql}"
    total = cur.execute(f"SELECT count(*) {base}", w.params).fetchone()[0]
    cur.execute(f"SELECT {_EVENT_COLUMNS} {base} ORDER BY day DESC NULLS LAST, e.article_id, e.idx "
                "LIMIT ? OFFSET ?", w.params + _page(page, limit))
    return total, _dicts(cur)


def get_event(cur: Cursor, article_id: str, idx: int) -> dict[str, Any] | None:
    cur.execute(f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
                "WHERE e.article_id = ? AND e.idx = ?", [article_id, idx])
    return _one(cur)


def event_type_counts(cur: Cursor, f: EventFilter) -> dict[str, int]:
    w = _event_where(f)
    cur.execute(f"SELECT e.type, count(*) FROM events e JOIN articles a ON a.id = e.article_id {w.sql} "
                "GROUP BY 1 ORDER BY 2 DESC, 1", w.params)
    return {t: n for t, n in cur.fetchall()}


# --------------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class QuoteFilter:
    date_from: date | None = None
    date_to: date | None = None
    speaker: str | None = None  # words of the speaker's name or surface text (case-insensitive)
    speaker_code: str | None = None  # code or its prefix
    country: str | None = None  # the speaker's country key
    direct: bool | None = None
    article_id: str | None = None


def list_quotes(cur: Cursor, f: QuoteFilter, page: int = 1, limit: int = 50) -> tuple[int, list[dict[str, Any]]]:
    w = Where()
    w.between("a.published", f.date_from, f.date_to)
    if f.speaker:
        w.add("(contains(lower(coalesce(q.speaker_name, '')), lower(?)) "
              "OR contains(lower(coalesce(q.speaker_text, '')), lower(?)))", f.speaker, f.speaker)
    if f.speaker_code:
        w.add("starts_with(coalesce(q.speaker_code, ''), ?)", f.speaker_code)
    if f.country:
        w.add("q.speaker_country = ?", f.country)
    if f.direct is not None:
        w.add("q.direct = ?", f.direct)
    if f.article_id:
        w.add("q.article_id = ?", f.article_id)
    base = f"FROM quotes q JOIN articles a ON a.id = q.article_id {w.sql}"
    total = cur.execute(f"SELECT count(*) {base}", w.params).fetchone()[0]
    cur.execute("SELECT q.article_id, q.idx, q.text, q.start_char, q.end_char, q.direct, q.cue, q.speaker_text, "
                "q.speaker_name, q.speaker_code, q.speaker_country, q.speaker_start, q.speaker_end, q.sentence, q.rule, "
                f"a.title AS article_title, a.source AS article_source, a.published AS article_published "
                f"{base} ORDER BY a.published DESC NULLS LAST, q.article_id, q.idx LIMIT ? OFFSET ?",
                w.params + _page(page, limit))
    return total, _dicts(cur)


# --------------------------------------------------------------------------------------------
# Stories and the digest
# --------------------------------------------------------------------------------------------

_STORY_COLUMNS = ("s.story_id, s.day, s.rank, s.headline, s.summary, s.gist, s.url, s.score, s.is_world, "
                  "s.best_article_id, s.outlets, s.countries, s.score_parts, s.quote, s.reasons, s.built_at, "
                  "(SELECT count(*) FROM story_articles x WHERE x.story_id = s.story_id) AS n_articles")
#: Story columns stored as JSON (migration 003) and what they are when absent.
_STORY_JSON = {"summary": [], "outlets": [], "countries": [], "score_parts": {}, "quote": None, "reasons": []}


def _story_row(row: dict[str, Any]) -> dict[str, Any]:
    for key, default in _STORY_JSON.items():
        row[key] = _json(row.get(key), default)
    if isinstance(row["quote"], dict):
        row["quote_article_id"] = row["quote"].pop("article_id", None)
    if row.get("built_at") is not None and row["built_at"].tzinfo is None:
        row["built_at"] = row["built_at"].replace(tzinfo=timezone.utc)  # the store writes UTC
    return row


def list_stories(cur: Cursor, day: date | None = None, world_only: bool = False,
                 page: int = 1, limit: int = 50) -> tuple[int, list[dict[str, Any]]]:
    w = Where()
    if day:
        w.add("s.day = ?", day)
    if world_only:
        w.add("s.is_world")
    total = cur.execute(f"SELECT count(*) FROM stories s {w.sql}", w.params).fetchone()[0]
    cur.execute(f"SELECT {_STORY_COLUMNS} FROM stories s {w.sql} "
                "ORDER BY s.day DESC NULLS LAST, s.rank NULLS LAST, s.score DESC NULLS LAST, s.story_id "
                "LIMIT ? OFFSET ?",
                w.params + _page(page, limit))
    return total, [_story_row(r) for r in _dicts(cur)]


def get_story(cur: Cursor, story_id: str) -> dict[str, Any] | None:
    cur.execute(f"SELECT {_STORY_COLUMNS} FROM stories s WHERE s.story_id = ?", [story_id])
    row = _one(cur)
    return _story_row(row) if row else None


def story_articles(cur: Cursor, story_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The articles of each story: id, title, source, published, url."""
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in story_ids}
    if not story_ids:
        return out
    cur.execute("SELECT sa.story_id, a.id, a.title, a.source, a.published, a.url FROM story_articles sa "
                "JOIN articles a ON a.id = sa.article_id WHERE sa.story_id IN (SELECT unnest(?::VARCHAR[])) "
                "ORDER BY sa.story_id, sa.position, a.published, a.id", [list(story_ids)])
    for story_id, *rest in cur.fetchall():
        out[story_id].append(dict(zip(("id", "title", "source", "published", "url"), rest, strict=True)))
    return out


def articles_published(cur: Cursor, day: date) -> int:
    cur.execute("SELECT count(*) FROM articles WHERE published = ?", [day])
    return cur.fetchone()[0]


# --------------------------------------------------------------------------------------------
# Relations between two countries
# --------------------------------------------------------------------------------------------

def relations(cur: Cursor, a: str, b: str, date_from: date | None = None, date_to: date | None = None,
              by: Granularity = "day", modality: str | None = "asserted") -> list[dict[str, Any]]:
    """Per period and direction (``"AB"`` = a→b, ``"BA"`` = b→a): events, events per QuadClass,
    Goldstein sum, mentions and articles. Only periods with events appear."""
    w = Where()
    w.add("((e.src_country = ? AND e.tgt_country = ?) OR (e.src_country = ? AND e.tgt_country = ?))", a, b, b, a)
    if modality:
        w.add("e.modality = ?", modality)
    outer = Where()
    outer.between("day", date_from, date_to)
    outer.add("day IS NOT NULL")
    cur.execute(
        f"WITH ev AS (SELECT {EVENT_DAY} AS day, e.src_country, e.quad_class, e.goldstein, e.mentions, "
        f"e.article_id FROM events e JOIN articles a ON a.id = e.article_id {w.sql}) "
        f"SELECT {_BUCKET[by]} AS period, CASE WHEN src_country = ? THEN 'AB' ELSE 'BA' END AS direction, "
        "count(*) AS events, "
        "count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2, "
        "count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4, "
        "round(coalesce(sum(goldstein), 0), 2)::DOUBLE AS goldstein, "
        "sum(coalesce(mentions, 1))::BIGINT AS mentions, "
        f"count(DISTINCT article_id) AS articles FROM ev {outer.sql} GROUP BY ALL ORDER BY period, direction",
        w.params + [a] + outer.params)
    return _dicts(cur)


def top_pairs(cur: Cursor, date_from: date | None = None, date_to: date | None = None,
              limit: int = 20, modality: str | None = "asserted") -> list[dict[str, Any]]:
    """The country pairs with the most events between them (either direction), for an overview."""
    w = Where()
    w.add("e.src_country IS NOT NULL AND e.tgt_country IS NOT NULL AND e.src_country <> e.tgt_country")
    if modality:
        w.add("e.modality = ?", modality)
    w.between(EVENT_DAY, date_from, date_to)
    cur.execute(
        "SELECT least(e.src_country, e.tgt_country) AS a, greatest(e.src_country, e.tgt_country) AS b, "
        "count(*) AS events, round(coalesce(sum(e.goldstein), 0), 2)::DOUBLE AS goldstein, "
        "count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict "
        f"FROM events e JOIN articles a ON a.id = e.article_id {w.sql} "
        "GROUP BY ALL ORDER BY events DESC, a, b LIMIT ?", w.params + [limit])
    return _dicts(cur)


def countries(cur: Cursor) -> list[dict[str, Any]]:
    """Every country key that takes part in an event, with how many events."""
    cur.execute("SELECT country, count(*) AS events FROM ("
                "SELECT src_country AS country FROM events UNION ALL SELECT tgt_country FROM events) "
                "WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1")
    return _dicts(cur)


# --------------------------------------------------------------------------------------------
# What the database holds
# --------------------------------------------------------------------------------------------

COUNTED_TABLES = ("articles", "analyses", "entities", "dates", "events", "quotes", "stories")


def counts(cur: Cursor) -> dict[str, Any]:
    # One UNION ALL of plain counts: DuckDB plans many scalar subqueries in one SELECT far slower.
    cur.execute(" UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in COUNTED_TABLES))
    n = dict(cur.fetchall())
    out: dict[str, Any] = {"articles": n["articles"], "analysed": n["analyses"], "entities": n["entities"],
                           "dates": n["dates"], "events": n["events"], "quotes": n["quotes"],
                           "stories": n["stories"]}
    cur.execute("SELECT count(DISTINCT source), min(published), max(published) FROM articles")
    out["sources"], out["first_published"], out["last_published"] = cur.fetchone()
    cur.execute("SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1")
    out["event_types"] = {t: k for t, k in cur.fetchall()}
    cur.execute("SELECT coalesce(modality, 'unknown'), count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1")
    out["modalities"] = {m: k for m, k in cur.fetchall()}
    return out
