"""The digest's adapter to the DuckDB store: read a window of days (articles with their analyses and
syndicated copies), read earlier stories for novelty, and write a day's stories (replacing the day's
earlier ones) into ``stories`` / ``story_articles``."""

from __future__ import annotations

import json
from datetime import date, timedelta

import duckdb

from warta.model import (Actor, Analysis, Event, Mention, Participant, Quote, Sentence, Story)
from warta.stories.cluster import WINDOW_DAYS
from warta.stories.digest import Digest, Item, make_digest, past_from
from warta.stories.rank import PastStory

#: Articles the digest reads: Indonesian (or not yet identified) and dated.
_ARTICLE_WHERE = "published BETWEEN ? AND ? AND (language IS NULL OR language = 'id')"


def latest_day(con: duckdb.DuckDBPyConnection) -> date | None:
    row = con.execute("SELECT max(published) FROM articles WHERE published IS NOT NULL "
                      "AND (language IS NULL OR language = 'id')").fetchone()
    return row[0] if row else None


def busiest_day(con: duckdb.DuckDBPyConnection) -> date | None:
    row = con.execute("SELECT published FROM articles WHERE published IS NOT NULL "
                      "AND (language IS NULL OR language = 'id') "
                      "GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1").fetchone()
    return row[0] if row else None


def _participant(text, name, code, country, start, end) -> Participant | None:
    if text is None and name is None:
        return None
    return Participant(text=text or name or "", name=name, code=code, country=country,
                       start=start or 0, end=end or 0)


def load_items(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[Item]:
    """Articles published from ``start`` to ``end`` with whatever analysis the store holds for them."""
    rows = con.execute(f"SELECT id, text, title, url, source, published, language FROM articles "
                       f"WHERE {_ARTICLE_WHERE} ORDER BY published, id", [start, end]).fetchall()
    from warta.model import Article

    items = {r[0]: Item(Article(id=r[0], text=r[1], title=r[2], url=r[3], source=r[4], published=r[5],
                                language=r[6])) for r in rows}
    if not items:
        return []
    ids = list(items)
    for aid, skipped, sentences in con.execute(
            "SELECT article_id, skipped, sentences FROM analyses WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [ids]).fetchall():
        it = items[aid]
        an = Analysis(id=aid, title=it.article.title, date=str(it.article.published), language=it.article.language,
                      skipped=skipped)
        if sentences:
            text = it.article.text
            an.sentences = [Sentence(index=k, start=s, end=e, paragraph=p, text=text[s:e])
                            for k, (s, e, p) in enumerate(json.loads(sentences))]
        it.analysis = an
    analysed = {aid: it.analysis for aid, it in items.items() if it.analysis is not None}
    if analysed:
        for r in con.execute(
                "SELECT article_id, text, label, start_char, end_char, sentence, name, code, country, kind, role, rule "
                "FROM entities WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id, idx",
                [list(analysed)]).fetchall():
            actor = Actor(name=r[6], code=r[7], country=r[8], kind=r[9] or "country", role=r[10]) if r[6] else None
            analysed[r[0]].entities.append(Mention(text=r[1], start=r[3], end=r[4], sentence=r[5], label=r[2],
                                                   actor=actor, rule=r[11] or ""))
        for r in con.execute(
                "SELECT article_id, type, mode, cameo, goldstein, quad_class, src_text, src_name, src_code, "
                "src_country, src_start, src_end, tgt_text, tgt_name, tgt_code, tgt_country, tgt_start, tgt_end, "
                "modality, event_date, location, sentence, start_char, end_char, trigger, rule "
                "FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id, idx",
                [list(analysed)]).fetchall():
            src = _participant(*r[6:12]) or Participant(text="")
            analysed[r[0]].events.append(Event(
                type=r[1], mode=r[2], cameo=r[3], goldstein=r[4], quad_class=r[5], source=src,
                target=_participant(*r[12:18]), modality=r[18] or "asserted", date=r[19], location=r[20],
                sentence=r[21] or 0, start=r[22] or 0, end=r[23] or 0, trigger=r[24] or "", rule=r[25] or ""))
        for r in con.execute(
                "SELECT article_id, text, start_char, end_char, direct, cue, speaker_text, speaker_name, "
                "speaker_code, speaker_country, sentence, rule FROM quotes "
                "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id, idx",
                [list(analysed)]).fetchall():
            speaker = _participant(r[6], r[7], r[8], r[9], 0, 0)
            analysed[r[0]].quotes.append(Quote(text=r[1], start=r[2], end=r[3], direct=bool(r[4]), cue=r[5],
                                               speaker=speaker, sentence=r[10] or 0, rule=r[11] or ""))
    for dup_of, source in con.execute(
            "SELECT duplicate_of, source FROM duplicates WHERE duplicate_of IN (SELECT unnest(?::VARCHAR[])) "
            "AND source IS NOT NULL", [ids]).fetchall():
        items[dup_of].syndicated.append(source)
    return [it for it in items.values() if not (it.analysis and it.analysis.skipped)]


def load_past(con: duckdb.DuckDBPyConnection, before: date, days: int = 1) -> list[PastStory]:
    """World stories stored for the ``days`` before ``before`` (top ones first)."""
    rows = con.execute("SELECT s.story_id, s.day, s.headline, list(sa.article_id) FROM stories s "
                       "JOIN story_articles sa USING (story_id) WHERE s.day >= ? AND s.day < ? AND s.is_world "
                       "GROUP BY ALL ORDER BY s.day DESC, max(s.score) DESC",
                       [before - timedelta(days=days), before]).fetchall()
    stories = [Story(id=r[0], day=r[1], article_ids=list(r[3]), headline=r[2] or "") for r in rows]
    return past_from(stories)


def save_stories(con: duckdb.DuckDBPyConnection, day: date, stories: list[Story]) -> None:
    """Replace the stories of ``day`` with ``stories`` (one transaction)."""
    from warta.store import transaction
    from warta.store.records import now

    at = now()
    with transaction(con):
        con.execute("DELETE FROM story_articles WHERE story_id IN (SELECT story_id FROM stories WHERE day = ?)",
                    [day])
        con.execute("DELETE FROM stories WHERE day = ?", [day])
        if stories:
            con.executemany("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [(s.id, day, s.headline, json.dumps(s.summary, ensure_ascii=False), s.gist, s.url,
                              s.score, s.is_world, at) for s in stories])
            con.executemany("INSERT INTO story_articles VALUES (?, ?)",
                            [(s.id, a) for s in stories for a in s.article_ids])


def digest_for_day(con: duckdb.DuckDBPyConnection, day: date, top: int = 3, save: bool = True,
                   window_days: int = WINDOW_DAYS) -> Digest:
    """Build the digest of ``day`` from the store; with ``save``, write the day's stories back."""
    items = load_items(con, day - timedelta(days=window_days), day)
    past = load_past(con, day)
    if not past:  # the day before was never built: build it in memory for novelty
        prev_items = [it for it in items if it.article.published and it.article.published < day]
        if prev_items:
            prev_day = max(it.article.published for it in prev_items)
            prev = make_digest(prev_items, prev_day, top=top, window_days=window_days)
            past = past_from([s for s in prev.all_stories if s.is_world])
    digest = make_digest(items, day, top=top, past=past, window_days=window_days)
    if save:
        save_stories(con, day, digest.all_stories)
    return digest
