"""The DuckDB store: ``open_store`` (migrations, locks), ``write_analyses`` (analyser output),
ingest writes in ``records``; read-only queries for the API live in ``queries``."""

from warta.store.analyses import read_analyses, write_analyses
from warta.store.db import open_store, transaction

__all__ = ["open_store", "read_analyses", "transaction", "write_analyses"]
