"""Opening the DuckDB store: migrations, schema checks, and errors a user can act on.

``open_store(path)`` applies the numbered SQL files of ``store/migrations/`` that the database
has not seen, each in one transaction, and records them in ``schema_version``. A database written
by a newer warta is refused rather than misread; a database another process is writing gives
"… is in use by another warta process" (DuckDB allows one writing process per file; with
``wait`` seconds, opening retries until the other process is done).
"""

from __future__ import annotations

import os
import re
import time
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb

from warta.errors import StoreError

#: DuckDB's buffer pool may otherwise grow towards 80 % of RAM as a long ingest reads its tables;
#: a writer gets this cap (it spills to disk beyond it). WARTA_DUCKDB_MEMORY overrides ("4GB").
WRITER_MEMORY_LIMIT = "512MB"

_MIGRATION_NAME = re.compile(r"^(\d{3})_[\w-]+\.sql$")
_LOCK = re.compile(r"Could not set lock|Conflicting lock", re.I)
_PID = re.compile(r"PID (\d+)")


@cache
def migrations() -> tuple[tuple[int, str, str], ...]:
    """(version, file name, SQL) of every migration shipped, in order."""
    found = []
    for entry in resources.files("warta.store").joinpath("migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, entry.read_text("utf-8")))
    return tuple(sorted(found))


def latest_version() -> int:
    return migrations()[-1][0] if migrations() else 0


def _connect(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as e:
            message = str(e)
            if _LOCK.search(message):
                if time.monotonic() < deadline:
                    time.sleep(0.25)
                    continue
                pid = _PID.search(message)
                who = f" (pid {pid.group(1)})" if pid else ""
                raise StoreError(f"{path} is in use by another warta process{who}; "
                                 "wait for it to finish (DuckDB allows one writer per file)") from None
            raise StoreError(f"cannot open {path}: {message}") from None
        except duckdb.Error as e:
            raise StoreError(f"cannot open {path}: {e}") from None


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied (0 for a database warta never set up)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def _migrate(con: duckdb.DuckDBPyConnection, path: Path, current: int) -> None:
    for version, name, sql in migrations():
        if version <= current:
            continue
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, name])
            con.execute("COMMIT")
        except duckdb.Error as e:
            con.execute("ROLLBACK")
            raise StoreError(f"migrating {path} to schema {version} ({name}) failed: {e}") from None


def open_store(path: str | Path, read_only: bool = False, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """A connection to the warta database at ``path``, migrated to this warta's schema.

    Read-only opening needs an existing, up-to-date database and never changes it."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"no database at {path} (create one with `warta ingest PATH… --db {path}`)")
    if not read_only and path.parent and not path.parent.exists():
        raise StoreError(f"cannot create {path}: folder {path.parent} does not exist")
    con = _connect(path, read_only, wait)
    try:
        current = schema_version(con)
        latest = latest_version()
        if current > latest:
            raise StoreError(f"{path} has schema version {current}, newer than this warta understands "
                             f"({latest}); upgrade warta to read it")
        if current < latest:
            if read_only:
                raise StoreError(f"{path} has schema version {current}, this warta needs {latest}; "
                                 "open it once for writing (e.g. `warta ingest` or `warta reanalyze`) to upgrade it")
            con.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
            _migrate(con, path, current)
        if not read_only:
            con.execute(f"SET memory_limit = '{_memory_limit()}'")
            _close_dead_runs(con)
    except BaseException:
        con.close()
        raise
    return con


def _memory_limit() -> str:
    value = os.environ.get("WARTA_DUCKDB_MEMORY", WRITER_MEMORY_LIMIT).strip()
    if not re.fullmatch(r"\d+(?:\.\d+)?\s*[KMGT]i?B", value, re.I):
        raise StoreError(f"WARTA_DUCKDB_MEMORY={value!r}: expected a size such as 512MB or 4GB")
    return value


def _close_dead_runs(con: duckdb.DuckDBPyConnection) -> None:
    """Runs still marked running when we hold the write lock were killed: say so."""
    con.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One atomic unit: committed on success, rolled back on any error (then re-raised)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
