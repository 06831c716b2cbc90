"""Limits and switches of the ingest, in one place so readers, CLI and benchmarks agree."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Bounds that keep memory flat whatever the input holds.

    ``max_text_bytes`` caps one text record (a .txt file, a JSONL line, a feed entry's text):
    larger records are quarantined as ``too-large`` without being read whole.
    ``max_markup_bytes`` caps one markup document (an HTML page, a feed file, a WARC payload),
    which carries scripts and styles beside its text.
    """

    max_text_bytes: int = 5 * MB
    max_markup_bytes: int = 20 * MB


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How ``warta ingest`` stores: batch size (one transaction each) and near-duplicate threshold."""

    read: ReadOptions = ReadOptions()
    batch_size: int = 500
    near_threshold: float = 0.8
