"""warta keeps working when the actor dictionary's cache (``~/.cache/warta`` or
``$XDG_CACHE_HOME/warta``) cannot be written: a read-only home, a read-only XDG_CACHE_HOME, a file
where the cache directory should be. The analysis runs in a fresh process (``warta analyze``), since
the dictionary is loaded once per process; it must give the same actors as with a cache."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from warta.lang.id import actors

TEXT = ("Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri China Wang Yi di Jakarta, Senin. "
        "“Kami sepakat memperkuat kerja sama maritim,” kata Retno.\n")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0  # root writes into read-only directories


def _read_only(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    return path


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file())


def _analyze(tmp_path: Path, env_update: dict[str, str]) -> subprocess.CompletedProcess[str]:
    article = tmp_path / "artikel.txt"
    article.write_text(TEXT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("WARTA_CACHE_DIR", "WARTA_NO_CACHE", "XDG_CACHE_HOME")}
    env.update(env_update)
    return subprocess.run([sys.executable, "-c", "from warta.cli import main; main()", "analyze", "--workers", "1",
                           str(article)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


@pytest.mark.parametrize("where", ["home", "xdg", "file-in-the-way"])
def test_an_unwritable_cache_directory_still_gives_a_full_analysis(tmp_path: Path, where: str) -> None:
    ro = _read_only(tmp_path / "readonly")
    if where == "home":
        env = {"HOME": str(ro)}
    elif where == "xdg":
        env = {"HOME": str(ro), "XDG_CACHE_HOME": str(ro / "cache")}
    else:  # a regular file where the cache directory would go: unwritable for root too
        ro.chmod(0o755)
        (ro / "cache").write_text("not a directory\n", encoding="utf-8")
        env = {"HOME": str(ro), "XDG_CACHE_HOME": str(ro / "cache")}
    before = _files(ro)
    try:
        done = _analyze(tmp_path, env)
    finally:
        ro.chmod(0o755)  # let pytest clean up
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    [record] = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    speakers = [q["speaker"] for q in record["quotes"]]
    assert speakers and speakers[0]["name"] == "Retno Marsudi" and speakers[0]["country"] == "IDN"
    if not IS_ROOT or where == "file-in-the-way":
        assert _files(ro) == before  # nothing written, not even a half-written temporary file


def test_the_cache_dir_follows_xdg_and_ignores_a_relative_xdg_or_a_missing_home(monkeypatch: pytest.MonkeyPatch,
                                                                                  tmp_path: Path) -> None:
    monkeypatch.delenv("WARTA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert actors._cache_dir() == tmp_path / "warta"
    monkeypatch.setenv("XDG_CACHE_HOME", "relatif/cache")  # the XDG spec says: ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert actors._cache_dir() == tmp_path / "home" / ".cache" / "warta"
    monkeypatch.setattr(actors.os.path, "expanduser", lambda p: p)  # no HOME, no passwd entry
    assert actors._cache_dir() is None


def test_load_from_builds_without_writing_when_the_cache_cannot_be_written(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file, not a directory\n", encoding="utf-8")
    monkeypatch.delenv("WARTA_NO_CACHE", raising=False)
    monkeypatch.setenv("WARTA_CACHE_DIR", str(blocker / "warta"))
    d = actors.load_from(actors.DATA_DIR)
    assert d.find("Menteri Luar Negeri Retno Marsudi tiba di Beijing.")  # a working dictionary
    assert _files(tmp_path) == [blocker]
