"""The DuckDB store: migrations, schema checks, the lock message, and write_analyses."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from warta.errors import StoreError
from warta.model import Actor, Analysis, DateExpr, Event, Mention, Participant, Quote, Sentence
from warta.store import db as store_db
from warta.store import open_store, transaction, write_analyses


def test_new_database_gets_every_migration_once(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = open_store(path)
    versions = con.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    assert versions == [(v, name) for v, name, _ in store_db.migrations()]
    assert versions[0] == (1, "001_init.sql")
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "duplicates", "quarantine", "minhashes", "ingest_runs", "analyses", "entities",
            "dates", "events", "quotes", "stories", "story_articles"} <= tables
    con.close()
    con = open_store(path)  # reopening applies nothing again
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(versions)
    con.close()


def test_pending_migration_is_applied_and_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.duckdb"
    open_store(path).close()
    shipped = store_db.migrations()
    extra = (len(shipped) + 1, f"{len(shipped) + 1:03d}_notes.sql",
             "CREATE TABLE notes (article_id VARCHAR, note VARCHAR);")
    monkeypatch.setattr(store_db, "migrations", lambda: (*shipped, extra))
    with pytest.raises(StoreError, match="open it once for writing"):
        open_store(path, read_only=True)
    con = open_store(path)
    assert store_db.schema_version(con) == extra[0]
    con.execute("INSERT INTO notes VALUES ('a', 'b')")
    con.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = open_store(path)
    con.execute("INSERT INTO schema_version VALUES (99, '099_future.sql', now())")
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="schema version 99, newer than this warta"):
            open_store(path, read_only=read_only)


def test_missing_and_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        open_store(tmp_path / "nothing.duckdb", read_only=True)
    text = tmp_path / "notes.duckdb"
    text.write_text("bukan basis data\n" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(text)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "dir.duckdb")


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_locked_database_gives_a_clear_message_and_wait_works(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    open_store(path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), "1.5"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=r"is in use by another warta process \(pid \d+\)"):
            open_store(path)
        with pytest.raises(StoreError, match="in use by another warta process"):
            open_store(path, read_only=True)
        started = time.monotonic()
        con = open_store(path, wait=20)  # waits for the holder to finish
        assert time.monotonic() - started < 20
        con.close()
    finally:
        holder.kill()
        holder.wait()


def test_runs_left_running_are_marked_interrupted(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = open_store(path)
    con.execute("INSERT INTO ingest_runs (run_id, started_at, status) VALUES (1, now(), 'running')")
    con.close()
    con = open_store(path)
    assert con.execute("SELECT status FROM ingest_runs").fetchone()[0] == "interrupted"
    con.close()


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    con = open_store(tmp_path / "w.duckdb")
    with pytest.raises(RuntimeError):
        with transaction(con):
            con.execute("INSERT INTO quarantine (input_path, reason) VALUES ('x', 'empty')")
            raise RuntimeError("boom")
    assert con.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 0
    con.close()


def _analysis(article_id: str, n_events: int) -> Analysis:
    text = "Menlu Retno bertemu Menlu Hayashi di Tokyo pada 24 Mei 2023."
    retno = Mention("Retno", 6, 11, 0, "PER", Actor("Retno Marsudi", "IDNGOV", "IDN", "person", "Menteri Luar Negeri"),
                    "gazetteer:people")
    hayashi = Mention("Hayashi", 26, 33, 0, "PER", Actor("Yoshimasa Hayashi", "JPNGOV", "JPN", "person"), "crf")
    event = Event("CONSULT", Participant.from_mention(retno), Participant.from_mention(hayashi), cameo="040",
                  goldstein=1.0, quad_class=1, date="2023-05-24", date_granularity="day", location="Tokyo",
                  sentence=0, start=0, end=len(text), trigger="bertemu", rule="pattern:bertemu")
    return Analysis(
        id=article_id, title="Menlu bertemu", date="2023-05-24", language="id",
        entities=[retno, hayashi],
        dates=[DateExpr("24 Mei 2023", 48, 59, 0, "2023-05-24", "day", "calendar")],
        events=[event] * n_events,
        quotes=[Quote("Kami sepakat", 0, 12, True, "kata", Participant.from_mention(retno), 0, "quote:direct")],
        sentences=[Sentence(0, 0, len(text), 0)],
    )


def test_write_analyses_replaces_an_articles_rows(tmp_path: Path) -> None:
    con = open_store(tmp_path / "w.duckdb")
    with transaction(con):
        write_analyses(con, [_analysis("a1", 2), _analysis("a2", 1)])
    count = lambda table, aid: con.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", [aid]).fetchone()[0]  # noqa: E731
    assert [count("events", "a1"), count("events", "a2"), count("entities", "a1"), count("quotes", "a1")] == [2, 1, 2, 1]
    row = con.execute("SELECT type, src_name, src_country, tgt_code, tgt_start, tgt_end, cameo, trigger, rule "
                      "FROM events WHERE article_id = 'a2'").fetchone()
    assert row == ("CONSULT", "Retno Marsudi", "IDN", "JPNGOV", 26, 33, "040", "bertemu", "pattern:bertemu")
    assert con.execute("SELECT role, rule FROM entities WHERE article_id='a1' AND idx=0").fetchone() == (
        "Menteri Luar Negeri", "gazetteer:people")
    assert con.execute("SELECT n_sentences, sentences FROM analyses WHERE article_id='a1'").fetchone() == (1, "[[0, 60, 0]]")
    with transaction(con):  # re-analysed: the rules changed and now find fewer events
        write_analyses(con, [_analysis("a1", 0)])
    assert [count("events", "a1"), count("events", "a2"), count("analyses", "a1"), count("dates", "a1")] == [0, 1, 1, 1]
    skipped = Analysis(id="a3", title=None, date=None, language="en", skipped="language:en")
    with transaction(con):
        write_analyses(con, [skipped])
    assert con.execute("SELECT skipped, n_sentences FROM analyses WHERE article_id='a3'").fetchone() == ("language:en", 0)
    con.close()


def test_read_only_store_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    open_store(path).close()
    con = open_store(path, read_only=True)
    with pytest.raises(duckdb.Error):
        con.execute("INSERT INTO quarantine (input_path, reason) VALUES ('x', 'empty')")
    con.close()


def test_an_older_database_is_upgraded_and_keeps_its_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database of schema 2 (stories without their digest fields, quotes without speaker offsets)
    opens in this warta: the new columns read as NULL and its old stories count as never built."""
    from datetime import date

    from warta.stories.store import load_digest

    path = tmp_path / "old.duckdb"
    shipped = store_db.migrations()
    monkeypatch.setattr(store_db, "migrations", lambda: shipped[:2])
    con = open_store(path)
    con.execute("INSERT INTO stories VALUES ('s1', DATE '2024-02-06', 'Judul', '[\"Isi.\"]', 'isi', NULL, 1.0, "
                "TRUE, now())")
    con.execute("INSERT INTO quotes (article_id, idx, text, speaker_text) VALUES ('a', 0, 'kata', 'Retno')")
    con.close()
    monkeypatch.setattr(store_db, "migrations", lambda: shipped)
    con = open_store(path)
    try:
        assert store_db.schema_version(con) == shipped[-1][0]
        assert con.execute("SELECT rank, outlets FROM stories").fetchall() == [(None, None)]
        assert con.execute("SELECT speaker_text, speaker_start FROM quotes").fetchall() == [("Retno", None)]
        assert load_digest(con, date(2024, 2, 6)) is None  # rebuilt by `warta digest --date 2024-02-06`
    finally:
        con.close()
