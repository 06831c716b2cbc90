"""The commands of the ingest: ingest, stats, analyze, reanalyze, demo — as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest_texts import DIGEST_ITEM, ENGLISH, GEMPA, MARITIM_AGENCY, MARITIM_SYNDICATED, write_jsonl
from warta.cli import app

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    write_jsonl(d / "a.jsonl", [
        {"id": "ant-1", "title": "Menlu RI bertemu Menlu Jepang", "text": MARITIM_AGENCY, "date": "2023-05-24", "source": "Antara"},
        {"id": "kom-1", "title": "Menlu RI Bertemu Menlu Jepang", "text": MARITIM_SYNDICATED, "date": "2023-05-24", "source": "Kompas.com"},
        {"id": "ant-2", "title": "Bantuan gempa", "text": GEMPA, "date": "2023-02-07", "source": "Antara"},
        {"id": "en-1", "text": ENGLISH, "date": "2023-05-24", "source": "Wire"},
        "{rusak",
    ])
    (d / "item.txt").write_text(DIGEST_ITEM, encoding="utf-8")
    return d


def test_ingest_prints_a_balanced_ledger_then_stats(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "w.duckdb"
    result = run("ingest", str(inputs), "--db", str(db), "--json", "--quiet")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ledger"] == {"read": 6, "stored": 4, "duplicates": 1, "quarantined": 1, "already_stored": 0,
                                "balanced": True}
    assert report["quarantine_reasons"] == {"malformed-json": 1}
    assert report["analysed"] == 4
    # The days the run touched have their stories built: `warta serve` shows their digest at once.
    assert report["story_days"] == ["2023-02-07", "2023-05-24"]
    from warta.stories.store import load_digest
    from warta.store import open_store

    con = open_store(db, read_only=True)
    try:
        digest = load_digest(con, date(2023, 5, 24), top=3)
        assert digest is not None and digest.articles == 1  # the English article is no Indonesian news
    finally:
        con.close()

    table = run("ingest", str(inputs), "--db", str(db), "--no-analyze", "--quiet")
    assert table.exit_code == 0
    assert "already stored by an earlier run" in table.stdout and "balanced" in table.stdout
    assert "stories" not in table.stdout  # nothing new stored, nothing to build

    stats = json.loads(run("stats", "--db", str(db), "--json").stdout)
    assert stats["articles"] == 4
    assert stats["languages"] == {"id": 3, "en": 1}
    assert stats["ledger"]["runs"] == 2 and stats["ledger"]["read"] == 12 and stats["ledger"]["balanced"]
    assert stats["date_range"] == ["2023-02-07", "2023-05-24"] and stats["undated"] == 1
    assert stats["quarantine"] == {"malformed-json": 1}
    assert stats["duplicates"] == {"near": 1}
    assert stats["analysis"]["skipped"] == {"language:en": 1} and stats["analysis"]["pending"] == 0
    assert stats["sources"]["Antara"] == 2

    shown = run("stats", "--db", str(db))
    for heading in ("Ledger over 2 run(s)", "Languages", "Outlets", "Quarantine reasons", "Analysis"):
        assert heading in shown.stdout


def test_reanalyze(tmp_path: Path, inputs: Path) -> None:
    db = tmp_path / "w.duckdb"
    stored = run("ingest", str(inputs), "--db", str(db), "--no-analyze", "--quiet")
    assert "no stories built: `warta reanalyze --pending`" in stored.stdout
    pending = run("reanalyze", "--db", str(db), "--pending", "--quiet")
    assert "re-analysed 4 article(s)" in pending.stdout
    assert "stories built for 2 day(s) (2023-02-07 … 2023-05-24)" in pending.stdout
    again = run("reanalyze", "--db", str(db), "--quiet")
    assert "re-analysed 4 article(s)" in again.stdout
    stats = json.loads(run("stats", "--db", str(db), "--json").stdout)
    assert stats["analysis"]["pending"] == 0 and stats["analysis"]["analysed"] == 3


def test_analyze_prints_one_json_object_per_article(inputs: Path) -> None:
    result = run("analyze", str(inputs / "a.jsonl"), str(inputs / "item.txt"), "--with-text")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in lines][:4] == ["ant-1", "kom-1", "ant-2", "en-1"]  # stateless: no dedup
    item = lines[-1]
    assert item["title"] == "Presiden Filipina Kunjungi Jakarta Bahas Perbatasan Laut"
    assert not item["text"].endswith("baca di sini.")
    for d in lines:
        assert {"id", "title", "date", "language", "entities", "events", "quotes", "dates"} <= set(d)
        for e in d["entities"]:  # offsets point into the normalised text
            assert d["text"][e["start"]:e["end"]] == e["text"]
    assert lines[3]["language"] == "en" and lines[3]["skipped"] == "language:en"
    assert "quarantined" in result.stderr and "malformed-json" in result.stderr and ":5" in result.stderr


def test_analyze_table_format(inputs: Path) -> None:
    result = run("analyze", str(inputs / "item.txt"), "--format", "table")
    assert result.exit_code == 0
    assert "Presiden" in result.stdout and "Filipina" in result.stdout and "entities" in result.stdout


def _warta(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "WARTA_DEBUG": ""}
    return subprocess.run([sys.executable, "-m", "warta.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=120)


def test_user_errors_are_one_line_not_a_traceback(tmp_path: Path) -> None:
    missing = _warta("ingest", "tidak-ada.jsonl", "--db", "w.duckdb", cwd=tmp_path)
    assert missing.returncode == 2
    assert "error: no such file or directory: tidak-ada.jsonl" in missing.stderr
    assert "Traceback" not in missing.stderr
    no_db = _warta("stats", "--db", "kosong.duckdb", cwd=tmp_path)
    assert no_db.returncode == 2 and "no database at kosong.duckdb" in no_db.stderr
    bad_format = _warta("analyze", "x.txt", "--format", "xml", cwd=tmp_path)
    assert bad_format.returncode == 2 and "Traceback" not in bad_format.stderr


def test_demo_runs_offline_on_the_bundled_sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("warta-demo.duckdb").write_text("an old demo database, to be replaced")
    result = run("demo", "--quiet")
    assert result.exit_code == 0, result.output
    assert "Ingested the sample" in result.stdout and "balanced" in result.stdout
    assert "stories built for" in result.stdout
    digest = result.stdout[result.stdout.index("Digest of the busiest day"):]
    assert "Top 3 Dunia edisi " in digest and "Berikut Top 3 Dunia selengkapnya:" in digest
    assert digest.count("Baca di sini untuk berita selengkapnya. http") == 3
    assert "utm_" not in digest  # reader links without click tracking
    stats = json.loads(run("stats", "--db", "warta-demo.duckdb", "--json").stdout)
    assert 200 <= stats["articles"] <= 400 and stats["ledger"]["balanced"] and stats["ledger"]["runs"] == 1
    assert stats["analysis"]["pending"] == 0 and stats["analysis"]["analysed"] > 200
    assert max(n for _, n in stats["busiest_days"]) >= 4  # a day with several world stories for the digest
