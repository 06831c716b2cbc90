"""Bulk inserts through Arrow: one INSERT … SELECT per batch instead of a statement per row."""

from __future__ import annotations

from typing import Any, Sequence

import duckdb
import pyarrow as pa


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
                rows: Sequence[Sequence[Any]], where: str = "") -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``.

    ``where`` filters the batch (SQL over the alias ``b``), e.g. an anti-join that makes the
    insert idempotent."""
    if not rows:
        return
    data = pa.table({c: pa.array([r[i] for r in rows]) for i, c in enumerate(columns)})
    name = f"_batch_{table}"
    con.register(name, data)
    try:
        cols = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {', '.join('b.' + c for c in columns)} "
                    f"FROM {name} b {where}")
    finally:
        con.unregister(name)
