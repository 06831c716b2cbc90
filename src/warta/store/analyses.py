"""Analyser output in the store: ``write_analyses(con, analyses)`` replaces every row of the given
articles; ``read_analyses(con, ids)`` reads them back as ``Analysis`` records.

Re-analysing an article (rules change often) deletes its old rows in ``analyses``, ``entities``,
``dates``, ``events`` and ``quotes`` and writes the new ones, so the tables always hold exactly
one analysis per article. The caller owns the transaction (``store.db.transaction``).
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

import duckdb

import warta
from warta.model import Actor, Analysis, DateExpr, Event, Mention, Participant, Quote, Sentence
from warta.store.arrow import insert_rows
from warta.store.records import now

ANALYSIS_TABLES = ("analyses", "entities", "dates", "events", "quotes")

ANALYSES_COLUMNS = ("article_id", "analysed_at", "warta_version", "skipped", "n_sentences", "sentences")
ENTITY_COLUMNS = ("article_id", "idx", "text", "label", "start_char", "end_char", "sentence",
                  "name", "code", "country", "kind", "role", "rule")
DATE_COLUMNS = ("article_id", "idx", "text", "start_char", "end_char", "sentence", "value", "granularity", "rule")
EVENT_COLUMNS = ("article_id", "idx", "type", "mode", "cameo", "goldstein", "quad_class",
                 "src_text", "src_name", "src_code", "src_country", "src_start", "src_end",
                 "tgt_text", "tgt_name", "tgt_code", "tgt_country", "tgt_start", "tgt_end",
                 "modality", "event_date", "date_granularity", "location",
                 "sentence", "start_char", "end_char", "trigger", "rule", "mentions", "confidence")
QUOTE_COLUMNS = ("article_id", "idx", "text", "start_char", "end_char", "direct", "cue",
                 "speaker_text", "speaker_name", "speaker_code", "speaker_country", "sentence", "rule",
                 "speaker_start", "speaker_end")


def _party(p: Participant | None) -> tuple:
    if p is None:
        return (None,) * 6
    return (p.text, p.name, p.code, p.country, p.start, p.end)


def delete_analyses(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    for table in ANALYSIS_TABLES:
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [article_ids])


def write_analyses(con: duckdb.DuckDBPyConnection, analyses: Iterable[Analysis]) -> int:
    """Store ``analyses`` (replacing earlier ones of the same articles); returns how many."""
    batch = list(analyses)
    if not batch:
        return 0
    delete_analyses(con, [a.id for a in batch])
    at, version = now(), warta.__version__
    heads, entities, dates, events, quotes = [], [], [], [], []
    for a in batch:
        sentences = json.dumps([[s.start, s.end, s.paragraph] for s in a.sentences]) if a.sentences else None
        heads.append((a.id, at, version, a.skipped, len(a.sentences), sentences))
        for i, m in enumerate(a.entities):
            act = m.actor
            entities.append((a.id, i, m.text, m.label, m.start, m.end, m.sentence,
                             act.name if act else None, act.code if act else None,
                             act.country if act else None, act.kind if act else None,
                             act.role if act else None, m.rule))
        for i, d in enumerate(a.dates):
            dates.append((a.id, i, d.text, d.start, d.end, d.sentence, d.value, d.granularity, d.rule))
        for i, e in enumerate(a.events):
            events.append((a.id, i, e.type, e.mode, e.cameo, e.goldstein, e.quad_class,
                           *_party(e.source), *_party(e.target),
                           e.modality, e.date, e.date_granularity, e.location,
                           e.sentence, e.start, e.end, e.trigger, e.rule, e.mentions, e.confidence))
        for i, q in enumerate(a.quotes):
            sp = q.speaker
            quotes.append((a.id, i, q.text, q.start, q.end, q.direct, q.cue,
                           sp.text if sp else None, sp.name if sp else None, sp.code if sp else None,
                           sp.country if sp else None, q.sentence, q.rule,
                           sp.start if sp else None, sp.end if sp else None))
    insert_rows(con, "analyses", ANALYSES_COLUMNS, heads)
    insert_rows(con, "entities", ENTITY_COLUMNS, entities)
    insert_rows(con, "dates", DATE_COLUMNS, dates)
    insert_rows(con, "events", EVENT_COLUMNS, events)
    insert_rows(con, "quotes", QUOTE_COLUMNS, quotes)
    return len(batch)


# --------------------------------------------------------------------------------------------
# Reading back
# --------------------------------------------------------------------------------------------

def _party_of(text: str | None, name: str | None, code: str | None, country: str | None,
              start: int | None, end: int | None) -> Participant | None:
    if text is None and name is None:
        return None
    return Participant(text=text if text is not None else name or "", name=name, code=code, country=country,
                       start=start or 0, end=end or 0)


def _rows(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...],
          ids: list[str]) -> Iterable[dict[str, Any]]:
    cur = con.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
                      "ORDER BY article_id, idx", [ids])
    while rows := cur.fetchmany(5_000):
        for row in rows:
            yield dict(zip(columns, row, strict=True))


def read_analyses(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
                  with_text: bool = False) -> dict[str, Analysis]:
    """The stored analyses of ``article_ids`` (those that have one) as the analyser returned them:
    ``write_analyses`` in reverse. What the store does not keep stays at its default: the parts of a
    compound mention, an actor's dictionary id and group members, sentence texts (``Sentence.text``
    is empty: slice ``articles.text``; ``with_text`` fills ``Analysis.text``)."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return {}
    out: dict[str, Analysis] = {}
    for aid, title, published, language, url, source, skipped, sentences, text in con.execute(
            "SELECT n.article_id, a.title, a.published, a.language, a.url, a.source, n.skipped, n.sentences, "
            f"{'a.text' if with_text else 'NULL'} FROM analyses n JOIN articles a ON a.id = n.article_id "
            "WHERE n.article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall():
        spans = json.loads(sentences) if sentences else []
        out[aid] = Analysis(id=aid, title=title, date=published.isoformat() if published else None,
                            language=language, url=url, source=source, skipped=skipped, text=text,
                            sentences=[Sentence(index=k, start=s, end=e, paragraph=p)
                                       for k, (s, e, p) in enumerate(spans)])
    found = [i for i in ids if i in out]
    for r in _rows(con, "entities", ENTITY_COLUMNS, found):
        actor = (Actor(name=r["name"] or "", code=r["code"], country=r["country"], kind=r["kind"], role=r["role"])
                 if r["kind"] is not None else None)
        out[r["article_id"]].entities.append(Mention(text=r["text"], start=r["start_char"], end=r["end_char"],
                                                     sentence=r["sentence"], label=r["label"], actor=actor,
                                                     rule=r["rule"] or ""))
    for r in _rows(con, "dates", DATE_COLUMNS, found):
        out[r["article_id"]].dates.append(DateExpr(text=r["text"], start=r["start_char"], end=r["end_char"],
                                                   sentence=r["sentence"], value=r["value"],
                                                   granularity=r["granularity"], rule=r["rule"] or ""))
    for r in _rows(con, "events", EVENT_COLUMNS, found):
        out[r["article_id"]].events.append(Event(
            type=r["type"], mode=r["mode"], cameo=r["cameo"], goldstein=r["goldstein"], quad_class=r["quad_class"],
            source=_party_of(*(r[f"src_{k}"] for k in ("text", "name", "code", "country", "start", "end")))
            or Participant(text=""),
            target=_party_of(*(r[f"tgt_{k}"] for k in ("text", "name", "code", "country", "start", "end"))),
            modality=r["modality"] or "asserted", date=r["event_date"], date_granularity=r["date_granularity"],
            location=r["location"], sentence=r["sentence"] or 0, start=r["start_char"] or 0,
            end=r["end_char"] or 0, trigger=r["trigger"] or "", rule=r["rule"] or "",
            mentions=r["mentions"] if r["mentions"] is not None else 1, confidence=r["confidence"]))
    for r in _rows(con, "quotes", QUOTE_COLUMNS, found):
        out[r["article_id"]].quotes.append(Quote(
            text=r["text"], start=r["start_char"], end=r["end_char"], direct=bool(r["direct"]), cue=r["cue"],
            speaker=_party_of(*(r[f"speaker_{k}"] for k in ("text", "name", "code", "country", "start", "end"))),
            sentence=r["sentence"] or 0, rule=r["rule"] or ""))
    return out
