"""The digest's adapter to the DuckDB store.

Building: read a window of days (articles with their analyses and syndicated copies), read the day
before's stories for novelty, and write a day's stories — everything the digest shows, with their
rank — into ``stories`` / ``story_articles``, and the day's counts into ``story_days`` (migration 003),
replacing what the day had. ``build_days`` builds many days in date order, reading the store a block
of days at a time.

Reading: ``load_digest(con, day, top)`` gives back the ``Digest`` that was built, without clustering
or writing anything (it works on a read-only connection): what ``warta serve`` shows is exactly what
``warta digest`` and ``warta ingest`` built.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb

from warta.model import Article, Participant, Quote, Story
from warta.stories.cluster import WINDOW_DAYS
from warta.stories.digest import Digest, Item, make_digest, past_from
from warta.stories.rank import PastStory
from warta.store.analyses import read_analyses

#: Articles the digest reads: Indonesian (or not yet identified).
_INDONESIAN = "(language IS NULL OR language = 'id')"
#: At most this many articles (a block of days and the window before it) are held in memory at once.
BLOCK_ARTICLES = 4_000


def latest_day(con: duckdb.DuckDBPyConnection) -> date | None:
    row = con.execute(f"SELECT max(published) FROM articles WHERE published IS NOT NULL AND {_INDONESIAN}").fetchone()
    return row[0] if row else None


def article_days(con: duckdb.DuckDBPyConnection) -> list[date]:
    """Every day the digest has articles for, in order."""
    return [r[0] for r in con.execute(f"SELECT DISTINCT published FROM articles WHERE published IS NOT NULL "
                                      f"AND {_INDONESIAN} ORDER BY 1").fetchall()]


def busiest_day(con: duckdb.DuckDBPyConnection) -> date | None:
    row = con.execute(f"SELECT published FROM articles WHERE published IS NOT NULL AND {_INDONESIAN} "
                      "GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1").fetchone()
    return row[0] if row else None


# --------------------------------------------------------------------------------------------
# Reading the articles of a window
# --------------------------------------------------------------------------------------------

def load_items(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[Item]:
    """Articles published from ``start`` to ``end`` with whatever analysis the store holds for them
    (articles the analyser skipped — another language, too long, an error — are left out)."""
    rows = con.execute(f"SELECT id, text, title, url, source, published, language FROM articles "
                       f"WHERE published BETWEEN ? AND ? AND {_INDONESIAN} ORDER BY published, id",
                       [start, end]).fetchall()
    items = {r[0]: Item(Article(id=r[0], text=r[1], title=r[2], url=r[3], source=r[4], published=r[5],
                                language=r[6])) for r in rows}
    if not items:
        return []
    ids = list(items)
    for aid, analysis in read_analyses(con, ids).items():
        items[aid].analysis = analysis
    for dup_of, source in con.execute(
            "SELECT duplicate_of, source FROM duplicates WHERE duplicate_of IN (SELECT unnest(?::VARCHAR[])) "
            "AND source IS NOT NULL ORDER BY duplicate_of, source", [ids]).fetchall():
        items[dup_of].syndicated.append(source)
    return [it for it in items.values() if not (it.analysis and it.analysis.skipped)]


def load_past(con: duckdb.DuckDBPyConnection, before: date, days: int = 1) -> list[PastStory]:
    """World stories stored for the ``days`` before ``before`` (top ones first)."""
    rows = con.execute("SELECT s.story_id, s.day, s.headline, list(sa.article_id ORDER BY sa.position) "
                       "FROM stories s JOIN story_articles sa USING (story_id) "
                       "WHERE s.day >= ? AND s.day < ? AND s.is_world "
                       "GROUP BY ALL ORDER BY s.day DESC, max(s.score) DESC",
                       [before - timedelta(days=days), before]).fetchall()
    stories = [Story(id=r[0], day=r[1], article_ids=list(r[3]), headline=r[2] or "") for r in rows]
    return past_from(stories)


# --------------------------------------------------------------------------------------------
# Building and saving
# --------------------------------------------------------------------------------------------

def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _quote_json(story: Story) -> str | None:
    if story.quote is None:
        return None
    return _json({**story.quote.to_dict(), "article_id": story.quote_article_id})


STORY_COLUMNS = ("story_id", "day", "headline", "summary", "gist", "url", "score", "is_world", "built_at",
                 "rank", "best_article_id", "outlets", "countries", "score_parts", "quote", "reasons")


def save_digest(con: duckdb.DuckDBPyConnection, digest: Digest, at: datetime | None = None) -> None:
    """Replace the stories of ``digest.day`` with ``digest.all_stories`` (ranked by their place in
    ``digest.lineup``) and record the day in ``story_days``. The caller owns the transaction."""
    from warta.store.arrow import insert_rows
    from warta.store.records import now

    at = at or now()
    day = digest.day
    rank = {s.id: k for k, s in enumerate(digest.lineup or digest.stories, start=1)}
    con.execute("DELETE FROM story_articles WHERE story_id IN (SELECT story_id FROM stories WHERE day = ?)", [day])
    con.execute("DELETE FROM stories WHERE day = ?", [day])
    con.execute("DELETE FROM story_days WHERE day = ?", [day])
    stories = digest.all_stories or digest.stories
    insert_rows(con, "stories", STORY_COLUMNS, [
        (s.id, day, s.headline, _json(s.summary), s.gist, s.url, s.score, s.is_world, at, rank.get(s.id),
         s.best_article_id, _json(s.outlets), _json(s.countries), _json(s.score_parts), _quote_json(s),
         _json(s.reasons)) for s in stories])
    insert_rows(con, "story_articles", ("story_id", "article_id", "position"),
                [(s.id, a, k) for s in stories for k, a in enumerate(s.article_ids)])
    con.execute("INSERT INTO story_days VALUES (?, ?, ?, ?, ?)",
                [day, digest.articles, digest.stories_total, digest.world_stories, at])


def _blocks(con: duckdb.DuckDBPyConnection, days: list[date], window_days: int) -> Iterator[list[date]]:
    """``days`` (sorted) in runs whose articles, with the window before each run, fit in memory."""
    counts = dict(con.execute(f"SELECT published, count(*) FROM articles WHERE published BETWEEN ? AND ? "
                              f"AND {_INDONESIAN} GROUP BY 1", [days[0] - timedelta(days=window_days),
                                                                days[-1]]).fetchall())

    def in_window(first: date, last: date) -> int:
        return sum(n for d, n in counts.items() if first - timedelta(days=window_days) <= d <= last)

    block: list[date] = []
    for day in days:
        if block and in_window(block[0], day) > BLOCK_ARTICLES:
            yield block
            block = []
        block.append(day)
    if block:
        yield block


def build_days(con: duckdb.DuckDBPyConnection, days: Iterable[date], top: int = 3, save: bool = True,
               window_days: int = WINDOW_DAYS,
               on_error: Callable[[date, Exception], None] | None = None) -> Iterator[Digest]:
    """The digests of ``days``, built in date order; with ``save``, each block of days is written in
    one transaction as it is built. Novelty compares a day with the day before: the digest built
    just before it, else the stories stored for it, else (never built) that day built in memory.
    ``on_error``: a day whose build fails is reported there and skipped (else the error propagates)."""
    ordered = sorted(set(days))
    if not ordered:
        return
    built: dict[date, list[PastStory]] = {}
    for block in _blocks(con, ordered, window_days):
        items = load_items(con, block[0] - timedelta(days=window_days), block[-1])
        digests = []
        for day in block:
            window = [it for it in items if day - timedelta(days=window_days) <= it.article.published <= day]
            past = built.get(day - timedelta(days=1))
            if past is None:
                past = load_past(con, day)
            if not past:  # the day before was never built: build it in memory for novelty
                earlier = [it for it in window if it.article.published < day]
                if earlier:
                    prev_day = max(it.article.published for it in earlier)
                    prev = make_digest(earlier, prev_day, top=top, window_days=window_days)
                    past = past_from([s for s in prev.all_stories if s.is_world])
            try:
                digest = make_digest(window, day, top=top, past=past, window_days=window_days)
            except Exception as e:  # noqa: BLE001 - with on_error, one day's failure must not stop the others
                if on_error is None:
                    raise
                on_error(day, e)
                continue
            built[day] = past_from([s for s in digest.all_stories if s.is_world])
            digests.append(digest)
        if save:
            from warta.store import transaction
            from warta.store.records import now

            at = now()
            with transaction(con):
                for digest in digests:
                    save_digest(con, digest, at)
        yield from digests


def digest_for_day(con: duckdb.DuckDBPyConnection, day: date, top: int = 3, save: bool = True,
                   window_days: int = WINDOW_DAYS) -> Digest:
    """Build the digest of ``day`` from the store; with ``save``, write the day's stories back."""
    return next(build_days(con, [day], top=top, save=save, window_days=window_days))


def days_touched(con: duckdb.DuckDBPyConnection, *, run_id: int | None = None, analysed_since: datetime | None = None,
                 window_days: int = WINDOW_DAYS) -> list[date]:
    """The days whose stories may have changed: days with articles that ``run_id`` stored or found a
    duplicate of, or that were analysed at or after ``analysed_since``, and the ``window_days`` days
    after each (their stories reach back); only days that have articles."""
    parts, params = [], []
    if run_id is not None:
        parts += ["SELECT published FROM articles WHERE run_id = ?",
                  "SELECT a.published FROM duplicates d JOIN articles a ON a.id = d.duplicate_of WHERE d.run_id = ?"]
        params += [run_id, run_id]
    if analysed_since is not None:
        parts.append("SELECT a.published FROM analyses n JOIN articles a ON a.id = n.article_id "
                     "WHERE n.analysed_at >= ?")
        params.append(analysed_since)
    if not parts:
        return []
    rows = con.execute(
        f"WITH touched AS ({' UNION '.join(parts)}) "
        f"SELECT DISTINCT a.published FROM articles a JOIN touched t "
        f"ON a.published BETWEEN t.published AND t.published + ? WHERE {_INDONESIAN} ORDER BY 1",
        [*params, window_days]).fetchall()
    return [r[0] for r in rows]


# --------------------------------------------------------------------------------------------
# Reading a built digest back
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class StoryDay:
    """A day whose stories were built: the digest's counts, when, and whether articles of its window
    were stored or analysed after that (then ``warta digest --date DAY`` brings it up to date)."""

    day: date
    articles: int
    stories: int
    world_stories: int
    built_at: datetime | None
    stale: bool


def story_day(con: duckdb.DuckDBPyConnection, day: date, window_days: int = WINDOW_DAYS) -> StoryDay | None:
    """The build record of ``day``, or None when its stories were never built."""
    row = con.execute(
        "SELECT d.day, d.articles, d.stories, d.world_stories, d.built_at, "
        "EXISTS (SELECT 1 FROM articles a LEFT JOIN analyses n ON n.article_id = a.id "
        "        WHERE a.published BETWEEN d.day - ? AND d.day "
        "        AND (a.ingested_at > d.built_at OR n.analysed_at > d.built_at)) "
        "FROM story_days d WHERE d.day = ?", [window_days, day]).fetchone()
    return StoryDay(*row) if row else None


def _loads(value: str | None, default):
    return json.loads(value) if value else default


def _quote(value: str | None) -> tuple[Quote | None, str | None]:
    """The stored quote and the article it comes from."""
    d = _loads(value, None)
    if not d:
        return None, None
    article_id = d.pop("article_id", None)
    speaker = d.pop("speaker", None)
    return Quote(**d, speaker=Participant(**speaker) if speaker else None), article_id


def load_digest(con: duckdb.DuckDBPyConnection, day: date, top: int = 3, info: StoryDay | None = None) -> Digest | None:
    """The digest of ``day`` as it was built (its top ``top`` stories), or None when the day's stories
    were never built. Only reads: a read-only connection or cursor will do. ``info``: the day's
    ``story_day`` record when the caller has read it already."""
    info = info or story_day(con, day)
    if info is None:
        return None
    rows = con.execute(f"SELECT {', '.join(STORY_COLUMNS)}, (SELECT list(article_id ORDER BY position) "
                       "FROM story_articles sa WHERE sa.story_id = s.story_id) FROM stories s "
                       "WHERE s.day = ? AND s.rank <= ? ORDER BY s.rank", [day, top]).fetchall()
    stories = []
    for r in rows:
        v = dict(zip(STORY_COLUMNS, r, strict=False))
        quote, quote_article_id = _quote(v["quote"])
        stories.append(Story(
            id=v["story_id"], day=v["day"], article_ids=list(r[-1] or []), headline=v["headline"] or "",
            summary=_loads(v["summary"], []), gist=v["gist"] or "", url=v["url"], outlets=_loads(v["outlets"], []),
            score=v["score"] or 0.0, quote=quote, countries=_loads(v["countries"], []),
            is_world=bool(v["is_world"]), best_article_id=v["best_article_id"],
            score_parts=_loads(v["score_parts"], {}), reasons=_loads(v["reasons"], []),
            quote_article_id=quote_article_id))
    return Digest(day=day, top=top, stories=stories, world_stories=info.world_stories, stories_total=info.stories,
                  articles=info.articles, lineup=stories)


def latest_digest_day(con: duckdb.DuckDBPyConnection) -> date | None:
    """The latest built day that has a world story, else the latest built day."""
    row = con.execute("SELECT coalesce((SELECT max(day) FROM stories WHERE rank IS NOT NULL), "
                      "(SELECT max(day) FROM story_days))").fetchone()
    return row[0] if row else None


def neighbour_digest_days(con: duckdb.DuckDBPyConnection, day: date) -> tuple[date | None, date | None]:
    """The nearest built days before and after ``day`` that have a world story."""
    row = con.execute("SELECT (SELECT max(day) FROM stories WHERE rank IS NOT NULL AND day < ?), "
                      "(SELECT min(day) FROM stories WHERE rank IS NOT NULL AND day > ?)", [day, day]).fetchone()
    return row[0], row[1]
