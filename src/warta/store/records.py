"""Writing what the ingest decides: runs, articles, duplicates, quarantine, MinHash signatures.

Every write of a batch happens inside the caller's transaction (see ``ingest.pipeline``), so a
run killed mid-way loses at most its current batch. Inserts are idempotent: an article id, a
duplicate's source location, or a quarantined location with the same reason that is already
stored is not stored again — re-reading an input adds nothing.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

import duckdb
import pyarrow as pa

from warta.model import Article, Duplicate, Ledger, Quarantined
from warta.store.arrow import insert_rows

ARTICLE_COLUMNS = ("id", "url", "source", "title", "published", "text", "language", "content_hash",
                   "input_path", "record_index", "member", "extra", "run_id", "ingested_at")
DUPLICATE_COLUMNS = ("id", "duplicate_of", "kind", "similarity", "url", "source", "title", "published",
                     "input_path", "record_index", "member", "run_id")
QUARANTINE_COLUMNS = ("input_path", "record_index", "member", "reason", "detail", "run_id")

_SAME_PLACE = ("x.input_path = b.input_path AND x.record_index IS NOT DISTINCT FROM b.record_index "
               "AND x.member IS NOT DISTINCT FROM b.member")


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, inputs: Sequence[str], options: dict[str, Any]) -> int:
    run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM ingest_runs").fetchone()[0]
    con.execute(
        "INSERT INTO ingest_runs (run_id, started_at, inputs, options, status) VALUES (?, ?, ?, ?, 'running')",
        [run_id, now(), json.dumps(list(inputs), ensure_ascii=False), json.dumps({**options, "pid": os.getpid()})],
    )
    return run_id


def add_to_run(con: duckdb.DuckDBPyConnection, run_id: int, delta: Ledger, analysed: int = 0) -> None:
    con.execute(
        "UPDATE ingest_runs SET n_read = n_read + ?, n_stored = n_stored + ?, n_duplicates = n_duplicates + ?, "
        "n_quarantined = n_quarantined + ?, n_already_stored = n_already_stored + ?, n_analysed = n_analysed + ? "
        "WHERE run_id = ?",
        [delta.read, delta.stored, delta.duplicates, delta.quarantined, delta.already_stored, analysed, run_id],
    )


def finish_run(con: duckdb.DuckDBPyConnection, run_id: int, status: str = "done") -> None:
    con.execute("UPDATE ingest_runs SET finished_at = ?, status = ? WHERE run_id = ?", [now(), status, run_id])


def _extra_json(extra: dict[str, Any]) -> str | None:
    return json.dumps(extra, ensure_ascii=False, default=str) if extra else None


def insert_articles(con: duckdb.DuckDBPyConnection, articles: Iterable[Article], run_id: int | None) -> None:
    at = now()
    rows = []
    for a in articles:
        p = a.provenance
        rows.append((a.id, a.url, a.source, a.title, a.published, a.text, a.language, a.content_hash,
                     p.path if p else None, p.index if p else None, p.member if p else None,
                     _extra_json(a.extra), run_id, at))
    insert_rows(con, "articles", ARTICLE_COLUMNS, rows,
                where="WHERE NOT EXISTS (SELECT 1 FROM articles x WHERE x.id = b.id)")


def insert_duplicates(con: duckdb.DuckDBPyConnection, duplicates: Iterable[Duplicate], run_id: int | None) -> None:
    rows = []
    for d in duplicates:
        a, p = d.article, d.article.provenance
        rows.append((a.id, d.duplicate_of, d.kind, d.similarity, a.url, a.source, a.title, a.published,
                     p.path if p else "", p.index if p else None, p.member if p else None, run_id))
    insert_rows(con, "duplicates", DUPLICATE_COLUMNS, rows,
                where=f"WHERE NOT EXISTS (SELECT 1 FROM duplicates x WHERE {_SAME_PLACE})")


def insert_quarantined(con: duckdb.DuckDBPyConnection, records: Iterable[Quarantined], run_id: int | None) -> None:
    rows = [(q.path, q.index, q.member, q.reason, q.detail, run_id) for q in records]
    insert_rows(con, "quarantine", QUARANTINE_COLUMNS, rows,
                where=f"WHERE NOT EXISTS (SELECT 1 FROM quarantine x WHERE {_SAME_PLACE} AND x.reason = b.reason)")


def insert_signatures(con: duckdb.DuckDBPyConnection, signatures: Sequence[tuple[str, bytes, Sequence[int]]]) -> None:
    """(article id, signature bytes, band keys) of newly stored articles."""
    new = con.execute("SELECT unnest(?::VARCHAR[]) EXCEPT SELECT article_id FROM minhashes",
                      [[s[0] for s in signatures]]).fetchall() if signatures else []
    fresh = {r[0] for r in new}
    rows = [(aid, blob) for aid, blob, _ in signatures if aid in fresh]
    insert_rows(con, "minhashes", ("article_id", "signature"), rows)
    insert_rows(con, "minhash_bands", ("band", "key", "article_id"),
                [(band, key, aid) for aid, _, keys in signatures if aid in fresh for band, key in enumerate(keys)])


def near_candidates(con: duckdb.DuckDBPyConnection, keys: Sequence[tuple[int, int, int]]) -> dict[int, set[str]]:
    """(row, band, key) of a batch -> {row: ids of stored articles sharing a band key}."""
    if not keys:
        return {}
    probe = pa.table({"row": pa.array([k[0] for k in keys], pa.int32()),
                      "band": pa.array([k[1] for k in keys], pa.int16()),
                      "key": pa.array([k[2] for k in keys], pa.int64())})
    con.register("_probe_bands", probe)
    try:
        rows = con.execute("SELECT DISTINCT p.row, m.article_id FROM _probe_bands p "
                           "JOIN minhash_bands m ON m.band = p.band AND m.key = p.key").fetchall()
    finally:
        con.unregister("_probe_bands")
    found: dict[int, set[str]] = {}
    for row, article_id in rows:
        found.setdefault(row, set()).add(article_id)
    return found


def stored_by_hash(con: duckdb.DuckDBPyConnection, hashes: Sequence[str]) -> dict[str, tuple[str, str | None, int | None, str | None]]:
    """content_hash -> (id, input_path, record_index, member) of stored articles with those hashes."""
    if not hashes:
        return {}
    rows = con.execute(
        "SELECT content_hash, id, input_path, record_index, member FROM articles "
        "WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))", [list(hashes)]).fetchall()
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}


def stored_ids(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, str]:
    """id -> content_hash of the stored articles among ``ids``."""
    if not ids:
        return {}
    rows = con.execute("SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                       [list(ids)]).fetchall()
    return dict(rows)


def texts_of(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, str]:
    """id -> normalised text of the stored articles among ``ids``."""
    if not ids:
        return {}
    return dict(con.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                            [list(ids)]).fetchall())


ARTICLE_SELECT = ("SELECT id, text, title, url, source, published, language, content_hash, "
                  "input_path, record_index, member, extra FROM articles")


def article_from_row(row: Sequence[Any]) -> Article:
    """An Article from a row of ``ARTICLE_SELECT``."""
    from warta.model import Provenance

    (id_, text, title, url, source, published, language, digest, path, index, member, extra) = row
    return Article(id=id_, text=text, title=title, url=url, source=source, published=published,
                   language=language, content_hash=digest,
                   provenance=Provenance(path, index if index is not None else 0, member) if path else None,
                   extra=json.loads(extra) if extra else {})


def iter_articles(con: duckdb.DuckDBPyConnection, where: str = "", params: Sequence[Any] = (),
                  batch_size: int = 500) -> Iterable[list[Article]]:
    """Stored articles in id order, a batch at a time (keyset pagination: the caller may write
    between batches on the same connection)."""
    last = ""
    condition = f"({where}) AND " if where else ""
    while True:
        rows = con.execute(f"{ARTICLE_SELECT} a WHERE {condition}a.id > ? ORDER BY a.id LIMIT ?",
                           [*params, last, batch_size]).fetchall()
        if not rows:
            return
        yield [article_from_row(r) for r in rows]
        last = rows[-1][0]
