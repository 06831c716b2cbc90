"""Hostile input (issue 9): ``warta ingest`` over what a crawler brings home on a bad day — truncated
and fake gzip, decompression bombs, invalid UTF-8, Windows-1252, UTF-16/32 with and without a BOM,
binary files under text names, empty files, JSON Lines with broken lines and wrong types, HTML
without main text or nested 100,000 deep, XML entity bombs in feeds, truncated WARCs, a 150,000-
character token, 1 MB of prose (stored; too long to analyse), a file name that is not UTF-8, a
dangling symlink and a named pipe — and a 100 MB
single text, a 100 MB JSON line and a 100 MB page, with the peak memory of the ingest measured.

The corpus is written by ``hostile_corpus.build`` into a temporary folder (no committed binaries);
the command runs as a user runs it, in a subprocess. Every record must end stored, duplicate or
quarantined with a reason, per file exactly as ``build`` expects; the ledger balances; no
traceback reaches the user.

UTF-16/32 with a byte-order mark is decoded and stored: the BOM is an unambiguous declaration (it is
how Windows tools save "Unicode" text), so refusing valid text would lose articles for nothing.
Without a BOM nothing reliable tells UTF-16 from binary, and the file is quarantined as "binary".
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest

import hostile_corpus
import indonesian_grammar as grammar

#: What the hostile corpus may be quarantined for, and nothing else.
REASONS = {"empty", "binary", "bad-encoding", "bad-gzip", "truncated-gzip", "too-large", "malformed-json",
           "invalid-record", "missing-text", "id-conflict", "no-main-text", "too-deep", "unsafe-xml",
           "not-a-feed", "truncated-warc", "unreadable"}
FIFO = "pipa-bernama.txt"


def warta(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "warta.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def stored_path(path: Path) -> str:
    """A path as the store writes it (a name that is not UTF-8 has its bytes escaped)."""
    return os.fsencode(path.absolute()).decode("utf-8", "backslashreplace")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("hostile")
    root = base / "in"
    cases = hostile_corpus.build(root)
    os.mkfifo(root / FIFO)  # no writer: it must neither block the ingest nor be passed over
    cases[FIFO] = hostile_corpus.Expect(quarantined={"empty": 1}, note="a named pipe with no writer")
    db = base / "w.duckdb"
    run = warta("ingest", str(root), "--db", str(db), "--json", "--quiet", "--workers", "1")
    return root, cases, db, run


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_no_traceback_reaches_the_user(hostile) -> None:
    _, _, _, run = hostile
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    assert run.returncode == 0, run.stderr
    assert run.stderr == "", "nothing on stderr with --quiet: bad input is quarantined, not shouted about"


def test_the_ledger_balances_and_matches_the_stored_rows(hostile) -> None:
    _, cases, db, run = hostile
    report = json.loads(run.stdout)
    ledger = report["ledger"]
    assert ledger["balanced"] and ledger["read"] == ledger["stored"] + ledger["duplicates"] + ledger["quarantined"]
    (n_articles,), = rows(db, "SELECT count(*) FROM articles")
    (n_duplicates,), = rows(db, "SELECT count(*) FROM duplicates")
    (n_quarantined,), = rows(db, "SELECT count(*) FROM quarantine")
    assert (ledger["stored"], ledger["duplicates"], ledger["quarantined"]) == (n_articles, n_duplicates, n_quarantined)
    run_row, = rows(db, "SELECT status, n_read, n_stored, n_duplicates, n_quarantined FROM ingest_runs")
    assert run_row == ("done", ledger["read"], ledger["stored"], ledger["duplicates"], ledger["quarantined"])
    assert sum(report["quarantine_reasons"].values()) == ledger["quarantined"]
    assert report["analysed"] == ledger["stored"] and report["analysis_errors"] == 0


def test_every_file_ends_as_expected(hostile) -> None:
    """Per file: how many records stored, duplicate, and quarantined for which reasons."""
    root, cases, db, _ = hostile
    stored = dict(rows(db, "SELECT input_path, count(*) FROM articles GROUP BY 1"))
    duplicates = dict(rows(db, "SELECT input_path, count(*) FROM duplicates GROUP BY 1"))
    reasons: dict[str, dict[str, int]] = {}
    for path, reason, n in rows(db, "SELECT input_path, reason, count(*) FROM quarantine GROUP BY 1, 2"):
        reasons.setdefault(path, {})[reason] = n
    wrong = []
    for name, expect in cases.items():
        key = stored_path(root / name)
        got = (stored.get(key, 0), duplicates.get(key, 0), reasons.get(key, {}))
        low, high = expect.stored_range()
        if not (low <= got[0] <= high and got[1] == expect.duplicates and got[2] == expect.quarantined):
            wrong.append(f"{name!r}: stored {got[0]}, duplicates {got[1]}, quarantined {got[2]}; expected "
                         f"stored {expect.stored}, duplicates {expect.duplicates}, quarantined {expect.quarantined}")
    assert not wrong, "\n".join(wrong)
    # Nothing in the store comes from anywhere else, and every file the walk saw left a trace.
    seen = set(stored) | set(duplicates) | set(reasons)
    assert seen == {stored_path(root / name) for name in cases}
    assert len(cases) >= 50


def test_quarantine_rows_say_what_and_where(hostile) -> None:
    _, _, db, _ = hostile
    for path, index, reason, detail in rows(db, "SELECT input_path, record_index, reason, detail FROM quarantine"):
        assert reason in REASONS, (path, reason)
        assert path and index is not None and index >= 0
        assert detail and len(detail) <= 500, (path, reason)
    # A broken line is located by its line number; a cut stream at the record where it was cut.
    located = {(Path(p).name, i, r) for p, i, r in rows(db, "SELECT input_path, record_index, reason FROM quarantine")}
    assert ("broken.jsonl", 10, "malformed-json") in located and ("broken.jsonl", 2, "invalid-record") in located
    assert ("terpotong.warc", 3, "truncated-warc") in located and ("long-line.jsonl.gz", 1, "too-large") in located


def test_stored_texts_are_clean_and_every_one_is_analysed(hostile) -> None:
    _, _, db, _ = hostile
    texts = rows(db, "SELECT a.id, a.text, a.title, x.skipped FROM articles a LEFT JOIN analyses x ON x.article_id = a.id")
    for id_, text, title, skipped in texts:
        assert text and text == text.strip() and unicodedata.is_normalized("NFC", text)
        assert not any(ord(c) < 32 and c != "\n" for c in text), id_
        assert "\ufeff" not in text and "\r" not in text
        assert skipped is None or not skipped.startswith("error"), (id_, skipped)
    assert sum(1 for t in texts if t[3] == "too-long") == 1, "the 1 MB text is stored, its analysis skipped"
    by_id = {t[0]: t for t in texts}
    assert "\ufffd akhir." in by_id["surrogate"][1], "a lone surrogate is kept as U+FFFD, the article stored"
    assert by_id["nul-char"][1].startswith("Awal "), "a NUL character is removed, the article stored"
    (fields,), = rows(db, "SELECT extra FROM articles WHERE id = 'title-list'")
    assert "title: expected a string, got list" in json.loads(fields)["field_errors"]
    unusable = sorted(json.loads(e)["given_id"][:8] for (e,) in rows(db, "SELECT extra FROM articles "
                                                                      "WHERE extra LIKE '%given_id%'"))
    assert unusable == ["line\nbre", "long-id-"], "ids no URL can carry are replaced by derived ids"
    (raw_date,), = rows(db, "SELECT extra FROM articles WHERE id = 'bad-date'")
    assert json.loads(raw_date)["date_raw"] == "kemarin sore"
    assert rows(db, "SELECT published FROM articles WHERE id IN ('null-date', 'feb-30', 'huge-ts', 'nan-date')") == \
        [(None,)] * 4


def test_feeds_never_expand_entities_or_read_local_files(hostile) -> None:
    _, _, db, _ = hostile
    for (text,) in rows(db, "SELECT text FROM articles"):
        assert "lollol" not in text and "&lol" not in text and "root:x:0:0" not in text


def test_the_web_serves_hostile_articles_escaped(hostile) -> None:
    """Stored hostile text reaches people through the API and the pages: never a 5xx, never live markup."""
    from fastapi.testclient import TestClient

    from warta.api.app import create_app

    _, _, db, _ = hostile
    app = create_app(db)
    try:
        client = TestClient(app, raise_server_exceptions=False)
        ids = [r[0] for r in rows(db, "SELECT id FROM articles ORDER BY id")]
        for id_ in ids:
            for url in (f"/api/articles/{quote(id_, safe='')}", f"/articles/{quote(id_, safe='')}"):
                r = client.get(url)
                assert r.status_code == 200, (url[:80], r.status_code, r.text[:200])
        page = client.get("/articles/xss").text
        assert "<script>alert" not in page and "<img src=x" not in page and 'href="javascript:' not in page
        assert "&lt;script&gt;alert(&#39;judul&#39;)&lt;/script&gt;" in page
        for url in ("/", "/articles", "/events", "/quotes", "/api/articles?limit=100", "/api/stats"):
            assert client.get(url).status_code == 200, url
    finally:
        app.state.store.close()


def test_reingesting_the_hostile_corpus_adds_nothing(hostile, tmp_path: Path) -> None:
    root, _, db, first = hostile
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    before = {t: rows(copy, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "duplicates", "quarantine")}
    again = warta("ingest", str(root), "--db", str(copy), "--json", "--quiet", "--workers", "1")
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    ledger, old = json.loads(again.stdout)["ledger"], json.loads(first.stdout)["ledger"]
    assert ledger["balanced"] and ledger["read"] == old["read"] and ledger["stored"] == 0
    assert ledger["already_stored"] == old["stored"] and ledger["quarantined"] == old["quarantined"]
    assert before == {t: rows(copy, f"SELECT count(*) FROM {t}")[0][0] for t in before}


def test_analyze_reads_the_hostile_corpus_without_a_traceback(hostile) -> None:
    """The stateless path: one JSON line per article, each quarantined record named on stderr."""
    root, _, _, first = hostile
    run = warta("analyze", str(root), "--workers", "1")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    report = json.loads(first.stdout)
    # analyze does not deduplicate: it prints what ingest stored, the duplicates, and the id conflicts.
    assert len(lines) == report["ledger"]["stored"] + report["ledger"]["duplicates"] + \
        report["quarantine_reasons"].get("id-conflict", 0)
    assert run.stderr.count("quarantined ") == report["ledger"]["quarantined"] - \
        report["quarantine_reasons"].get("id-conflict", 0)


# ---------------------------------------------------------------------------------------------
# 100 MB records: quarantined as too-large, read only up to the limit, memory flat
# ---------------------------------------------------------------------------------------------

MB = 1024 * 1024


def _write_big(path: Path, head: bytes = b"", tail: bytes = b"", size: int = 100 * MB, json_string: bool = False) -> None:
    """Stream ``size`` bytes of prose to disk without holding them."""
    chunk = grammar.article(random.Random(9), 40).encode()
    if json_string:
        chunk = chunk.replace(b"\n", b"\\n")
    with open(path, "wb") as f:
        f.write(head)
        written = len(head)
        while written < size:
            f.write(chunk)
            written += len(chunk)
        f.write(tail)


def _peak_rss_mb(*args: str, workdir: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run the command; its peak resident memory (from wait4's rusage of the child) in MB."""
    out, err = workdir / "out", workdir / "err"
    with open(out, "wb") as o, open(err, "wb") as e:
        proc = subprocess.Popen([sys.executable, "-m", "warta.cli", *args], stdout=o, stderr=e)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out.read_text(), err.read_text())
    return done, usage.ru_maxrss / 1024


@pytest.mark.slow
def test_100_mb_records_are_quarantined_with_memory_bounded(tmp_path: Path) -> None:
    big, small = tmp_path / "besar", tmp_path / "kecil"
    big.mkdir()
    small.mkdir()
    after = json.dumps({"id": "sesudah", "text": grammar.article(random.Random(10))}).encode() + b"\n"
    _write_big(big / "besar.txt")
    _write_big(big / "besar.jsonl", head=b'{"id": "besar", "text": "', tail=b'"}\n' + after, json_string=True)
    _write_big(big / "besar.html", head=b"<html><body><article><p>", tail=b"</p></article></body></html>")
    (small / "kecil.jsonl").write_bytes(after)
    common = ("--json", "--quiet", "--workers", "1")
    baseline, base_mb = _peak_rss_mb("ingest", str(small), "--db", str(tmp_path / "k.duckdb"), *common, workdir=tmp_path)
    run, peak_mb = _peak_rss_mb("ingest", str(big), "--db", str(tmp_path / "b.duckdb"), *common, workdir=tmp_path)
    for r in (baseline, run):
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    report = json.loads(run.stdout)
    assert report["ledger"] == {"read": 4, "stored": 1, "duplicates": 0, "quarantined": 3, "already_stored": 0,
                                "balanced": True}
    assert report["quarantine_reasons"] == {"too-large": 3}
    # 300 MB of input, each record read only up to its limit (5 MB text, 20 MB page): the ingest
    # holds less than one copy of a 100 MB record beyond what the same command needs for one line.
    assert peak_mb - base_mb < 60, f"peak {peak_mb:.0f} MB vs {base_mb:.0f} MB for a one-line input"
