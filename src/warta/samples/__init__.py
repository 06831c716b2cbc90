"""The bundled sample corpus (see ATTRIBUTION.md): ``sample_path()`` gives its file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_FILE = "indosum-world.jsonl.gz"


def sample_path() -> Path:
    """The sample's path on disk (the package is installed as files: editable or wheel)."""
    return Path(str(resources.files("warta.samples").joinpath(SAMPLE_FILE)))
