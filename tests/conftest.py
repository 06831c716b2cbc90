"""Shared test fixtures. ``../shared`` holds development data; a user's clone lacks it, so tests that
need it take the ``shared_dir`` fixture and skip with a reason when it is absent (CI has it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WARTA_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "README.md").exists():
        pytest.skip(f"needs the development data in {SHARED} (not part of a user's clone)")
    return SHARED


@pytest.fixture(scope="session")
def seed_example(shared_dir: Path) -> Path:
    """The Tempo.co "Top 3 Dunia" item of 25 May 2023 (measurement only: never copied into the repo)."""
    return shared_dir / "examples" / "top3-dunia-item.txt"
