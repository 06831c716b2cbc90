"""Ingest: read every supported format, normalise, identify the language, deduplicate, quarantine.

- ``read_inputs(paths)`` streams raw records (``Article | Quarantined``) from files and folders;
- ``prepare(raw)`` normalises one record into the Article warta stores (pure);
- ``ingest(con, paths)`` stores them with exact and near-duplicate detection and a balanced
  ledger, then analyses what is new (``pipeline``).
"""

from warta.ingest.options import IngestOptions, ReadOptions
from warta.ingest.prepare import prepare
from warta.ingest.sources import read_inputs

__all__ = ["IngestOptions", "ReadOptions", "prepare", "read_inputs", "read_articles"]


def read_articles(paths, options: ReadOptions = ReadOptions()):
    """Prepared Articles and Quarantined records from ``paths``: what ``warta analyze`` reads."""
    from warta.model import Article

    for item in read_inputs(paths, options):
        yield prepare(item, options) if isinstance(item, Article) else item
