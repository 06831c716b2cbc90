"""Writing analyser output: ``write_analyses(con, analyses)`` replaces every row of the given articles.

Re-analysing an article (rules change often) deletes its old rows in ``analyses``, ``entities``,
``dates``, ``events`` and ``quotes`` and writes the new ones, so the tables always hold exactly
one analysis per article. The caller owns the transaction (``store.db.transaction``).
"""

from __future__ import annotations

import json
from typing import Iterable

import duckdb

import warta
from warta.model import Analysis, Participant
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
                 "sentence", "start_char", "end_char", "trigger", "rule", "mentions")
QUOTE_COLUMNS = ("article_id", "idx", "text", "start_char", "end_char", "direct", "cue",
                 "speaker_text", "speaker_name", "speaker_code", "speaker_country", "sentence", "rule")


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
                           e.sentence, e.start, e.end, e.trigger, e.rule, e.mentions))
        for i, q in enumerate(a.quotes):
            sp = q.speaker
            quotes.append((a.id, i, q.text, q.start, q.end, q.direct, q.cue,
                           sp.text if sp else None, sp.name if sp else None, sp.code if sp else None,
                           sp.country if sp else None, q.sentence, q.rule))
    insert_rows(con, "analyses", ANALYSES_COLUMNS, heads)
    insert_rows(con, "entities", ENTITY_COLUMNS, entities)
    insert_rows(con, "dates", DATE_COLUMNS, dates)
    insert_rows(con, "events", EVENT_COLUMNS, events)
    insert_rows(con, "quotes", QUOTE_COLUMNS, quotes)
    return len(batch)
