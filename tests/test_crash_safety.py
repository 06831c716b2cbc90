"""Crash safety of ``warta ingest`` (issue 9): a run killed with SIGKILL mid-way, then run again, leaves
the store exactly as one clean run does — no record lost, none stored twice — whether it was killed
while storing or while analysing; two ingests on one database at once: one fails with a clear message
(or waits with ``--wait``), and nothing is corrupted.

The ingest runs as a user runs it, ``python -m warta.cli ingest …`` in a subprocess, through a thin
driver that only notes each committed transaction in a marker file (so the test knows when batches are
committed: the database itself is locked while the writer runs). The reference clean run is made in
this process with the same library call the command makes.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import indonesian_grammar as grammar
from warta.ingest.options import IngestOptions
from warta.ingest.pipeline import ingest
from warta.store import open_store

pytestmark = pytest.mark.slow

BATCH = 10
#: Articles per analysis transaction in the driven command (the library's default is 200; smaller
#: so that a corpus of a test's size is analysed in several transactions and can be killed between).
ANALYSIS_BATCH = 25

#: The driver: the real CLI, with the pipeline's ``transaction`` wrapped to append one line per
#: commit ("store" or "analyse") to $WARTA_TEST_MARKER after the COMMIT returned, and analysing
#: ANALYSIS_BATCH articles per transaction.
DRIVER = r"""
import os, sys
from contextlib import contextmanager
from functools import partial
import warta.ingest.pipeline as pipeline

marker = os.environ["WARTA_TEST_MARKER"]
real_transaction, real_write = pipeline.transaction, pipeline.write_analyses
state = {"kind": "store"}

def write_analyses(*args, **kwargs):
    state["kind"] = "analyse"
    return real_write(*args, **kwargs)

@contextmanager
def transaction(con):
    with real_transaction(con) as c:
        yield c
    with open(marker, "a") as f:
        f.write(state["kind"] + "\n")

pipeline.transaction, pipeline.write_analyses = transaction, write_analyses
pipeline.analyse_stored = partial(pipeline.analyse_stored, batch_size=int(os.environ["WARTA_TEST_ANALYSIS_BATCH"]))
from warta.cli import main
sys.argv = ["warta", *sys.argv[1:]]
main()
"""


def _text(seed: int) -> str:
    return grammar.article(random.Random(seed), 4)


def write_corpus(root: Path, start: int = 0, n_jsonl: int = 100, n_gz: int = 40, n_txt: int = 10) -> Path:
    """~150 records over three files and a folder: mostly new articles, with exact duplicates,
    near-duplicates (a syndicated copy under another dateline) and broken lines among them."""
    root.mkdir(parents=True, exist_ok=True)
    rows: list[str] = []
    texts: list[str] = []
    for i in range(n_jsonl):
        seed = start + i
        if i % 40 == 39:
            rows.append('{"id": "rusak-%d", "text": "Presiden bertemu' % seed)  # malformed: quarantined
            continue
        if i % 13 == 12 and texts:
            text = texts[i // 3]  # an exact duplicate under another id
        elif i % 17 == 16 and texts:
            head, _, rest = texts[i // 2].partition(" - ")
            text = "JAKARTA, Antara - " + rest  # a syndicated copy: near-duplicate
        else:
            text = _text(seed)
        texts.append(text)
        rows.append(json.dumps({"id": f"b-{seed:05d}", "title": grammar.headline(random.Random(-seed)),
                                "text": text, "date": f"2023-05-{1 + i % 28:02d}", "source": "Contoh"},
                               ensure_ascii=False))
    (root / "berita.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    gz_rows = [json.dumps({"url": f"https://contoh.co.id/{start + n_jsonl + i}", "text": _text(start + n_jsonl + i)})
               for i in range(n_gz)]
    (root / "umpan.jsonl.gz").write_bytes(gzip.compress(("\n".join(gz_rows) + "\n").encode()))
    (root / "teks").mkdir(exist_ok=True)
    for i in range(n_txt):
        seed = start + n_jsonl + n_gz + i
        (root / "teks" / f"{seed}.txt").write_text(grammar.headline(random.Random(seed)) + "\n" + _text(seed),
                                                   encoding="utf-8")
    (root / "teks" / "kosong.txt").write_bytes(b"")
    return root


def start_cli(*args: str, marker: Path | None = None) -> subprocess.Popen:
    """The command, started in its own process group (so a kill reaches any pool workers too)."""
    env = {**os.environ, "WARTA_TEST_MARKER": str(marker or os.devnull), "WARTA_TEST_ANALYSIS_BATCH": str(ANALYSIS_BATCH)}
    return subprocess.Popen([sys.executable, "-c", DRIVER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, start_new_session=True)


def run_cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    proc = start_cli(*args)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def kill_after(proc: subprocess.Popen, marker: Path, kind: str, commits: int, timeout: float = 120) -> int:
    """SIGKILL ``proc`` (and its process group: pool workers) once ``commits`` transactions of
    ``kind`` are committed; returns how many were."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = marker.read_text().split().count(kind) if marker.exists() else 0
        if done >= commits:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate(timeout=30)
            assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
            return done
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the ingest ended (rc {proc.returncode}) before {commits} {kind} commits: {err[-2000:]}")
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail(f"no {commits} {kind} commits within {timeout} s")


def snapshot(db: Path) -> dict[str, object]:
    """Everything the store holds that a rerun must reproduce (not timestamps or run numbers)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        def rows(sql: str) -> list[tuple]:
            return sorted(con.execute(sql).fetchall(), key=repr)
        return {
            "articles": rows("SELECT id, content_hash, md5(text), title, published, language, url, source, "
                             "input_path, record_index, member FROM articles"),
            "duplicates": rows("SELECT id, duplicate_of, kind, similarity, input_path, record_index, member FROM duplicates"),
            "quarantine": rows("SELECT input_path, record_index, member, reason, detail FROM quarantine"),
            "minhashes": rows("SELECT article_id, md5(signature::VARCHAR) FROM minhashes"),
            "minhash_bands": rows("SELECT band, key, article_id FROM minhash_bands"),
            "analyses": rows("SELECT article_id, skipped, n_sentences, sentences FROM analyses"),
            "entities": rows("SELECT * FROM entities"),
            "dates": rows("SELECT * FROM dates"),
            "events": rows("SELECT * FROM events"),
            "quotes": rows("SELECT * FROM quotes"),
        }
    finally:
        con.close()


def runs(db: Path) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = ("run_id", "status", "n_read", "n_stored", "n_duplicates", "n_quarantined", "n_already_stored", "n_analysed")
        return [dict(zip(cols, r)) for r in con.execute(f"SELECT {', '.join(cols)} FROM ingest_runs ORDER BY run_id").fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "in")


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> tuple[dict, dict]:
    """One uninterrupted run, made in this process with the library call the command makes."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    con = open_store(db)
    try:
        report = ingest(con, [str(corpus)], IngestOptions(batch_size=BATCH))  # analysed in one batch: same rows
    finally:
        con.close()
    assert report.ledger.balanced and report.analysis_errors == 0
    shot = snapshot(db)
    # The corpus exercises every table a rerun must reproduce.
    assert {r[3] for r in shot["quarantine"]} >= {"malformed-json", "empty"}
    assert {r[2] for r in shot["duplicates"]} == {"exact", "near"}
    assert shot["events"] and shot["quotes"] and shot["entities"]
    return report.ledger.to_dict(), shot


def assert_same_store(db: Path, reference: dict) -> None:
    shot = snapshot(db)
    for table, rows in reference.items():
        got = shot[table]
        assert len(got) == len(rows), f"{table}: {len(got)} rows after the rerun, {len(rows)} in a clean run"
        assert got == rows, f"{table} differs from a clean run's"


@pytest.mark.parametrize("phase,commits", [("store", 5), ("analyse", 2)])
def test_sigkill_midway_then_rerun_equals_a_clean_run(tmp_path: Path, corpus: Path, clean: tuple[dict, dict],
                                                      phase: str, commits: int) -> None:
    ledger, reference = clean
    db, marker = tmp_path / "w.duckdb", tmp_path / "commits"
    args = ("ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH), "--quiet", "--workers", "1")
    victim = start_cli(*args, marker=marker)
    done = kill_after(victim, marker, phase, commits)

    killed = runs(db)  # the killed run's committed work is in the store (DuckDB replays its WAL)
    # Killed while storing, the run is still marked running; killed while analysing, it says its
    # storing is complete ("stored") and the analysis is what a rerun must finish.
    assert len(killed) == 1 and killed[0]["status"] == ("running" if phase == "store" else "stored")
    stored_before = killed[0]["n_stored"]
    if phase == "store":
        assert 0 < killed[0]["n_read"] < ledger["read"], "killed mid-way through storing"
        # Each committed batch is in the ledger, no more, no less (the kill may fall between a
        # COMMIT and the driver's note of it: then one batch more than noted).
        noted = marker.read_text().split().count("store")
        assert noted >= done and killed[0]["n_read"] in (noted * BATCH, (noted + 1) * BATCH)
        assert len(snapshot(db)["articles"]) == stored_before
    else:
        assert 0 < len(snapshot(db)["analyses"]) < len(reference["analyses"])

    rerun = run_cli(*args, "--json")
    assert rerun.returncode == 0 and "Traceback" not in rerun.stderr, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["ledger"]["balanced"]
    assert report["ledger"]["already_stored"] == stored_before, "the rerun recognises what the killed run stored"

    assert_same_store(db, reference)
    first, second = runs(db)
    assert first["status"] == ("interrupted" if phase == "store" else "stored") and second["status"] == "done"
    # Across the two runs every stored article was stored exactly once.
    assert first["n_stored"] + second["n_stored"] == ledger["stored"] == len(reference["articles"])
    assert all(r["n_read"] == r["n_stored"] + r["n_duplicates"] + r["n_quarantined"] for r in (first, second))


def test_two_ingests_at_once_one_fails_clearly_one_waits_nothing_corrupted(tmp_path: Path, corpus: Path,
                                                                             clean: tuple[dict, dict]) -> None:
    other = write_corpus(tmp_path / "other", start=50_000, n_jsonl=30, n_gz=5, n_txt=2)
    db, marker = tmp_path / "w.duckdb", tmp_path / "commits"
    first = start_cli("ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH), "--quiet", "--workers", "1",
                      "--json", marker=marker)
    try:
        deadline = time.monotonic() + 60
        while not (marker.exists() and marker.read_text()):  # the first one holds the database
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.01)
        # Meanwhile: an ingest and a reader that give up at once, and an ingest that waits.
        refused = start_cli("ingest", str(other), "--db", str(db), "--quiet", "--workers", "1")
        stats = start_cli("stats", "--db", str(db))
        waiting = start_cli("ingest", str(other), "--db", str(db), "--quiet", "--workers", "1", "--json", "--wait", "120")
        for proc in (refused, stats):
            _, message = proc.communicate(timeout=60)
            assert first.poll() is None, "the first ingest should still be running (make the corpus larger)"
            assert proc.returncode == 2, message
            assert "in use by another warta process" in message and "Traceback" not in message
    finally:
        out, err = first.communicate(timeout=240)
    assert first.returncode == 0 and "Traceback" not in err, err
    w_out, w_err = waiting.communicate(timeout=240)
    assert waiting.returncode == 0 and "Traceback" not in w_err, w_err
    assert json.loads(w_out)["ledger"]["balanced"]

    # The store equals the two inputs ingested one after the other.
    shot = snapshot(db)
    sequential = tmp_path / "sequential.duckdb"
    con = open_store(sequential)
    try:
        for path in (corpus, other):
            ingest(con, [str(path)], IngestOptions(batch_size=BATCH), analyse=False)
    finally:
        con.close()
    expected = snapshot(sequential)
    for table in ("articles", "duplicates", "quarantine", "minhash_bands"):
        assert shot[table] == expected[table], f"{table} differs from two ingests run one after the other"
    assert len(shot["analyses"]) == len(shot["articles"])
    assert [r["status"] for r in runs(db)] == ["done", "done"]
