"""The Parquet store: warta's tables as Parquet files partitioned by date, for corpora too big to
pass around as one DuckDB file, and for tools that read Parquet (pandas, Spark, Polars, DuckDB).

Layout (Hive partitioning, one folder per table, partitioned by the article's publication date)::

    DIR/warta-parquet.json                  manifest: format, partition, schema version, tables
    DIR/articles/day=2025-06-01/data_0.parquet
    DIR/events/day=2025-06-01/data_0.parquet
    DIR/{analyses,entities,dates,quotes}/day=…/…
    DIR/*/day=undated/…                     articles without a publication date

Every table keeps the DuckDB store's columns (``store/migrations``), so the same SQL runs on both:
``open_parquet(DIR)`` gives an in-memory DuckDB connection whose views ``articles``, ``events`` …
read the files — ``warta export --db DIR`` and plain ``duckdb`` use it::

    SELECT type, count(*) FROM read_parquet('DIR/events/*/*.parquet', hive_partitioning=true) GROUP BY 1

Writing a range of days replaces those days' partitions and leaves the others, so a daily job can
export (or re-export) just the new day.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Literal

import duckdb

from warta.errors import StoreError
from warta.store.db import schema_version
from warta.store.export import ExportFilter

MANIFEST = "warta-parquet.json"
TABLES = ("articles", "analyses", "entities", "dates", "events", "quotes")
Partition = Literal["day", "month", "year"]
_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
UNDATED = "undated"


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def is_parquet_store(path: str | Path) -> bool:
    return (Path(path) / MANIFEST).is_file()


def _partition_key(partition: Partition) -> str:
    """SQL for the partition value of an article ``a``."""
    return f"coalesce(strftime(a.published, '{_FORMATS[partition]}'), '{UNDATED}')"


def _table_select(table: str, key: str, partition: Partition, where_sql: str = "") -> str:
    """A table's rows, each with its article's partition value ``key``."""
    if table == "articles":
        return f"SELECT a.*, {key} AS {partition} FROM articles a {where_sql}"
    return f"SELECT t.*, {key} AS {partition} FROM {table} t JOIN articles a ON a.id = t.article_id {where_sql}"


def _copy(con: duckdb.DuckDBPyConnection, select: str, out: Path, partition: Partition, file_pattern: str,
          params: list | None = None) -> None:
    """Append ``select``'s rows as Parquet files under ``out``, one folder per partition value."""
    con.execute(f"COPY ({select}) TO {_quote(out)} (FORMAT parquet, COMPRESSION zstd, "
                f"PARTITION_BY ({partition}), OVERWRITE_OR_IGNORE, FILENAME_PATTERN '{file_pattern}')", params or [])


def _write_manifest(con: duckdb.DuckDBPyConnection, out: Path, partition: Partition) -> None:
    manifest = {"format": "warta-parquet", "partition": partition, "schema_version": schema_version(con),
                "tables": [t for t in TABLES if (out / t).exists()]}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def export_parquet(con: duckdb.DuckDBPyConnection, out: str | Path, f: ExportFilter = ExportFilter(),
                   partition: Partition = "day") -> dict[str, int]:
    """Write the store's tables under ``out`` (rows per table). Partitions of the written days are
    replaced; an existing store must use the same partitioning."""
    out = Path(out)
    manifest_path = out / MANIFEST
    if out.exists() and any(out.iterdir()) and not manifest_path.exists():
        raise StoreError(f"{out} exists and is not a warta Parquet store; choose an empty or new folder")
    if manifest_path.exists():
        old = json.loads(manifest_path.read_text("utf-8"))
        if old.get("partition") != partition:
            raise StoreError(f"{out} is partitioned by {old.get('partition')}, not {partition}")
    out.mkdir(parents=True, exist_ok=True)
    key = _partition_key(partition)
    where, params = f.where("a.published")
    where_sql = f"WHERE {where}" if where else ""
    counts: dict[str, int] = {}
    values = [v for (v,) in con.execute(f"SELECT DISTINCT {key} FROM articles a {where_sql}", params).fetchall()]
    for table in TABLES:
        for value in values:  # replace exactly the partitions this export writes
            shutil.rmtree(out / table / f"{partition}={value}", ignore_errors=True)
        select = _table_select(table, key, partition, where_sql)
        counts[table] = con.execute(f"SELECT count(*) FROM ({select})", params).fetchone()[0]
        if counts[table]:
            _copy(con, select, out / table, partition, "data_{i}", params)
    _write_manifest(con, out, partition)
    return counts


def open_parquet(path: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table of the Parquet store at ``path``,
    with the DuckDB store's columns (the partition column is left out)."""
    path = Path(path)
    if not is_parquet_store(path):
        raise StoreError(f"no warta Parquet store at {path} (make one with `warta export --format parquet --out {path}`)")
    manifest = json.loads((path / MANIFEST).read_text("utf-8"))
    from warta.store.db import open_store

    con = open_store(":memory:")  # every table and view of the schema, empty
    for table in manifest.get("tables", TABLES):
        if not any((path / table).glob("*/*.parquet")):
            continue  # nothing written: the empty table stays
        files = _quote(path / table / "*" / "*.parquet")
        source = f"read_parquet({files}, hive_partitioning = true, union_by_name = true)"
        # A store written by an older warta lacks the columns later migrations added: they read as NULL.
        present = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
        columns = [name if name in present else f"CAST(NULL AS {kind}) AS {name}"
                   for name, kind, *_ in con.execute(f"DESCRIBE {table}").fetchall()]
        con.execute(f"DROP TABLE {table}")
        con.execute(f"CREATE VIEW {table} AS SELECT {', '.join(columns)} FROM {source}")
    return con


def open_for_export(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a DuckDB store file, or to a Parquet store folder."""
    from warta.store.db import open_store

    if Path(path).is_dir():
        return open_parquet(path)
    return open_store(path, read_only=True)


class ParquetStoreWriter:
    """Appends articles and their analyses to a new Parquet store, a batch at a time, without a
    database file: ``warta analyze PATH… --format parquet --out DIR`` for corpora of any size.

    Each batch goes through an in-memory DuckDB with the store's schema (the same writers as the
    database: ``records.insert_articles``, ``write_analyses``) and is appended as new files to the
    day partitions it touches; memory holds one batch."""

    def __init__(self, out: str | Path, partition: Partition = "day", batch_size: int = 2_000) -> None:
        from warta.store.db import open_store

        self.out = Path(out)
        if self.out.exists() and any(self.out.iterdir()):
            raise StoreError(f"{self.out} is not empty; write a new Parquet store into a new folder "
                             "(or `warta ingest` + `warta export --format parquet` to update one)")
        self.out.mkdir(parents=True, exist_ok=True)
        self.partition = partition
        self.batch_size = batch_size
        self.counts = {t: 0 for t in TABLES}
        self._con = open_store(":memory:")
        self._batch: list[tuple] = []

    def add(self, article, analysis) -> None:
        self._batch.append((article, analysis))
        if len(self._batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        from warta.store.analyses import write_analyses
        from warta.store.records import insert_articles

        if not self._batch:
            return
        con = self._con
        insert_articles(con, [a for a, _ in self._batch], run_id=None)
        write_analyses(con, [x for _, x in self._batch])
        key = _partition_key(self.partition)
        for table in TABLES:
            n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if not n:
                continue
            _copy(con, _table_select(table, key, self.partition), self.out / table, self.partition, "part_{uuid}")
            self.counts[table] += n
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")
        self._batch.clear()

    def close(self) -> dict[str, int]:
        self.flush()
        _write_manifest(self._con, self.out, self.partition)
        self._con.close()
        return self.counts
