"""Shared helpers of the benchmarks: figures, skipping, the development data, peak memory.

A benchmark is a module ``bench/bench_<name>.py`` with

    TITLE = "what it measures"
    def run() -> list[Figure]      # raise Skip("why") when it cannot run here

``bench/run.py`` runs each in its own process (so peak RSS is the benchmark's own) and prints
the figures. Figures are printed, never asserted: speed goals live here, not in the tests.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SHARED = Path(os.environ.get("WARTA_SHARED", REPO.parent / "shared"))


class Skip(Exception):
    """The benchmark cannot run here (e.g. ../shared is missing); the message says why."""


@dataclass
class Figure:
    name: str
    value: float | int | str
    unit: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise Skip(f"needs {path} (the development data in ../shared, not part of a user's clone)")
    return path


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_subprocess(script: Path, *args: str, timeout: float = 1800) -> dict[str, Any]:
    """Run ``script`` with ``args`` in a fresh interpreter; it prints one JSON object last."""
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=timeout,
                          cwd=REPO)
    if done.returncode != 0:
        raise RuntimeError(f"{script.name} {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
