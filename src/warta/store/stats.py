"""What a warta database holds, as one plain dict (``warta stats`` renders it; ``--json`` prints it)."""

from __future__ import annotations

from typing import Any

import duckdb

from warta.store.db import schema_version


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    return con.execute(sql).fetchone()[0]


def _pairs(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, int]:
    return {str(k): v for k, v in con.execute(sql).fetchall()}


def store_stats(con: duckdb.DuckDBPyConnection, top: int = 10) -> dict[str, Any]:
    first, last = con.execute("SELECT min(published), max(published) FROM articles").fetchone()
    ledger = con.execute(
        "SELECT count(*), coalesce(sum(n_read), 0), coalesce(sum(n_stored), 0), coalesce(sum(n_duplicates), 0), "
        "coalesce(sum(n_quarantined), 0), coalesce(sum(n_already_stored), 0) FROM ingest_runs").fetchone()
    runs = con.execute(
        "SELECT run_id, started_at, finished_at, status, n_read, n_stored, n_duplicates, n_quarantined, "
        "n_already_stored, n_analysed FROM ingest_runs ORDER BY run_id DESC LIMIT 5").fetchall()
    busiest = con.execute(
        "SELECT published, count(*) AS n FROM articles WHERE published IS NOT NULL "
        "GROUP BY published ORDER BY n DESC, published DESC LIMIT 3").fetchall()
    return {
        "schema_version": schema_version(con),
        "articles": _one(con, "SELECT count(*) FROM articles"),
        "languages": _pairs(con, "SELECT coalesce(language, 'undecided'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"),
        "sources": _pairs(con, f"SELECT coalesce(source, 'unknown'), count(*) FROM articles GROUP BY 1 "
                               f"ORDER BY 2 DESC, 1 LIMIT {int(top)}"),
        "n_sources": _one(con, "SELECT count(DISTINCT source) FROM articles"),
        "date_range": [first.isoformat() if first else None, last.isoformat() if last else None],
        "undated": _one(con, "SELECT count(*) FROM articles WHERE published IS NULL"),
        "busiest_days": [[d.isoformat(), n] for d, n in busiest],
        "ledger": {
            "runs": ledger[0], "read": ledger[1], "stored": ledger[2], "duplicates": ledger[3],
            "quarantined": ledger[4], "already_stored": ledger[5],
            "balanced": ledger[1] == ledger[2] + ledger[3] + ledger[4],
        },
        "recent_runs": [
            {"run_id": r[0], "started_at": r[1].isoformat(timespec="seconds") if r[1] else None,
             "finished_at": r[2].isoformat(timespec="seconds") if r[2] else None, "status": r[3],
             "read": r[4], "stored": r[5], "duplicates": r[6], "quarantined": r[7],
             "already_stored": r[8], "analysed": r[9]}
            for r in runs
        ],
        "duplicates": _pairs(con, "SELECT kind, count(*) FROM duplicates GROUP BY 1 ORDER BY 1"),
        "quarantine": _pairs(con, "SELECT reason, count(*) FROM quarantine GROUP BY 1 ORDER BY 2 DESC, 1"),
        "analysis": {
            "analysed": _one(con, "SELECT count(*) FROM analyses WHERE skipped IS NULL"),
            "skipped": _pairs(con, "SELECT CASE WHEN skipped LIKE 'error:%' THEN 'error' ELSE skipped END, count(*) "
                                   "FROM analyses WHERE skipped IS NOT NULL GROUP BY 1 ORDER BY 2 DESC"),
            "pending": _one(con, "SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                 "(SELECT 1 FROM analyses x WHERE x.article_id = a.id)"),
            "sentences": _one(con, "SELECT coalesce(sum(n_sentences), 0) FROM analyses"),
            "entities": _one(con, "SELECT count(*) FROM entities"),
            "dates": _one(con, "SELECT count(*) FROM dates"),
            "events": _one(con, "SELECT count(*) FROM events"),
            "quotes": _one(con, "SELECT count(*) FROM quotes"),
            "event_types": _pairs(con, "SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        },
    }
