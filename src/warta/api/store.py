"""The served database: opened once, read-only, with a cursor per request.

DuckDB connections are not safe to share between threads, and FastAPI runs each request in a worker
thread; ``con.cursor()`` gives every request its own connection to the same database (closed when the
request ends). ``read_only=True`` makes every write fail inside DuckDB itself, whatever a route does.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator

import duckdb
from fastapi import Request

from warta.store import open_store


class ReadOnlyStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        # Opened now so that a missing, locked or outdated database fails before any request.
        self._con: duckdb.DuckDBPyConnection | None = open_store(self.path, read_only=True)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            # A host may end the app's lifespan and start it again (test runners do): reopen then.
            if self._con is None:
                self._con = open_store(self.path, read_only=True)
            return self._con.cursor()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


def get_cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """FastAPI dependency: this request's cursor."""
    cur = request.app.state.store.cursor()
    try:
        yield cur
    finally:
        cur.close()
