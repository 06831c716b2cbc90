"""The ingest into the store: ledger balance, idempotent re-runs, duplicates, crash recovery, analysis."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest_texts import (DIGEST_ITEM, ENGLISH, GEMPA, MALAY, MARITIM_AGENCY, MARITIM_OWN_REPORT,
                          MARITIM_SYNDICATED, news_page, paragraphs, write_jsonl)
from warta.errors import InputError
from warta.ingest.options import IngestOptions
from warta.ingest.pipeline import ingest, store_inputs
from warta.store import open_store


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Everything the ingest decides, without run ids and timestamps."""
    return {
        "articles": rows(con, "SELECT id, content_hash, input_path, record_index, member, language, title FROM articles ORDER BY id"),
        "duplicates": rows(con, "SELECT id, duplicate_of, kind, input_path, record_index FROM duplicates ORDER BY input_path, record_index"),
        "quarantine": rows(con, "SELECT input_path, record_index, reason FROM quarantine ORDER BY input_path, record_index"),
        "minhashes": rows(con, "SELECT article_id, md5(signature::VARCHAR) FROM minhashes ORDER BY article_id"),
        "bands": rows(con, "SELECT article_id, count(*), sum(key) FROM minhash_bands GROUP BY 1 ORDER BY 1"),
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small crawl: JSONL with a broken line and an exact repeat, a syndicated copy, HTML, text, junk."""
    d = tmp_path / "corpus"
    d.mkdir()
    write_jsonl(d / "antara.jsonl", [
        {"id": "ant-1", "title": "Menlu RI bertemu Menlu Jepang", "text": MARITIM_AGENCY, "date": "2023-05-24",
         "source": "Antara", "url": "https://antara.example/1"},
        {"id": "ant-2", "title": "Bantuan gempa diberangkatkan", "text": GEMPA, "date": "2023-02-07", "source": "Antara"},
        '{"id": "ant-3", "text": "terpotong',
        {"id": "ant-4", "title": "Ulangan", "text": GEMPA + "\n\n", "date": "2023-02-07", "source": "Antara"},  # exact repeat
        {"id": "my-1", "title": "Hubungan dua hala", "text": MALAY, "date": "2023-05-24", "source": "Bernama"},
        {"id": "en-1", "title": "Maritime talks", "text": ENGLISH, "date": "2023-05-24", "source": "Wire"},
    ])
    write_jsonl(d / "kompas.jsonl", [
        {"id": "kom-1", "title": "Menlu RI Bertemu Menlu Jepang", "text": MARITIM_SYNDICATED, "date": "2023-05-24",
         "source": "Kompas.com"},
        {"id": "kom-2", "title": "Jepang tambah hibah kapal", "text": MARITIM_OWN_REPORT, "date": "2023-05-25",
         "source": "Kompas.com"},
    ])
    (d / "dunia.html").write_text(news_page("Jepang Tambah Hibah Kapal Patroli", paragraphs(MARITIM_OWN_REPORT)),
                                  encoding="utf-8")  # the same text as kom-2, read from a page
    (d / "item.txt").write_text(DIGEST_ITEM, encoding="utf-8")
    (d / "kosong.txt").write_bytes(b"")
    (d / "gambar.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return d


def test_ledger_balances_and_every_record_is_accounted_for(tmp_path: Path, corpus: Path) -> None:
    con = open_store(tmp_path / "w.duckdb")
    report = ingest(con, [corpus], IngestOptions(batch_size=3), analyse=False)
    ledger = report.ledger
    assert ledger.balanced and ledger.read == 12
    assert ledger.quarantined == 3 and report.quarantine_reasons == {"malformed-json": 1, "empty": 1, "binary": 1}
    assert ledger.duplicates == 3 and ledger.stored == 6
    run = rows(con, "SELECT n_read, n_stored, n_duplicates, n_quarantined, status FROM ingest_runs")[0]
    assert run == (12, 6, 3, 3, "done")
    assert rows(con, "SELECT count(*) FROM articles")[0][0] == 6
    dups = {r[0]: r[1:] for r in rows(con, "SELECT id, duplicate_of, kind FROM duplicates")}
    assert dups["ant-4"] == ("ant-2", "exact")
    assert dups["kom-1"][0] == "ant-1" and dups["kom-1"][1] == "near"  # syndicated copy
    # the page (read first: files in name order) and kom-2 carry the same text
    page_id = rows(con, "SELECT id FROM articles WHERE input_path LIKE '%dunia.html'")[0][0]
    assert dups["kom-2"] == (page_id, "exact")
    q = rows(con, "SELECT input_path, record_index, reason FROM quarantine ORDER BY input_path")
    assert (str(corpus / "antara.jsonl"), 3, "malformed-json") in q
    assert {r[2] for r in q} == {"malformed-json", "empty", "binary"}
    langs = dict(rows(con, "SELECT id, language FROM articles WHERE id IN ('my-1', 'en-1', 'ant-1')"))
    assert langs == {"my-1": "ms", "en-1": "en", "ant-1": "id"}
    similarity = rows(con, "SELECT similarity FROM duplicates WHERE id = 'kom-1'")[0][0]
    assert 0.8 <= similarity < 1.0
    con.close()


def test_reingest_adds_nothing_and_counts_every_record(tmp_path: Path, corpus: Path) -> None:
    con = open_store(tmp_path / "w.duckdb")
    first = ingest(con, [corpus], analyse=False).ledger
    before = snapshot(con)
    second = ingest(con, [corpus], analyse=False).ledger
    assert snapshot(con) == before
    assert second.read == first.read and second.stored == 0
    assert second.already_stored == first.stored
    assert second.duplicates == first.stored + first.duplicates and second.quarantined == first.quarantined
    assert second.balanced
    runs = rows(con, "SELECT run_id, n_read, n_stored, n_already_stored FROM ingest_runs ORDER BY run_id")
    assert runs == [(1, first.read, first.stored, 0), (2, second.read, 0, first.stored)]
    con.close()


def test_near_duplicates_span_runs_and_threshold_is_configurable(tmp_path: Path) -> None:
    agency = write_jsonl(tmp_path / "agency.jsonl", [{"id": "ant-1", "text": MARITIM_AGENCY}])
    outlets = write_jsonl(tmp_path / "outlets.jsonl", [{"id": "kom-1", "text": MARITIM_SYNDICATED},
                                                       {"id": "kom-2", "text": MARITIM_OWN_REPORT}])
    con = open_store(tmp_path / "w.duckdb")
    ingest(con, [agency], analyse=False)
    ledger = ingest(con, [outlets], analyse=False).ledger  # a later run: signatures come from the store
    assert (ledger.stored, ledger.duplicates) == (1, 1)
    assert rows(con, "SELECT id, duplicate_of, kind FROM duplicates") == [("kom-1", "ant-1", "near")]
    con.close()
    strict = open_store(tmp_path / "strict.duckdb")
    ledger = ingest(strict, [agency, outlets], IngestOptions(near_threshold=0.97), analyse=False).ledger
    assert (ledger.stored, ledger.duplicates) == (3, 0)
    strict.close()


def test_id_conflicts(tmp_path: Path) -> None:
    given = write_jsonl(tmp_path / "given.jsonl", [{"id": "x-1", "text": MARITIM_AGENCY},
                                                   {"id": "x-1", "text": GEMPA}])
    pages = write_jsonl(tmp_path / "pages.jsonl", [
        {"url": "https://contoh.co.id/live", "text": MARITIM_OWN_REPORT},
        {"url": "https://contoh.co.id/live", "text": GEMPA},  # the page changed between crawls
    ])
    con = open_store(tmp_path / "w.duckdb")
    ledger = ingest(con, [given, pages], analyse=False).ledger
    assert ledger.balanced and ledger.stored == 3
    assert rows(con, "SELECT record_index, reason FROM quarantine") == [(2, "id-conflict")]
    urls = rows(con, "SELECT count(DISTINCT id), count(*) FROM articles WHERE url = 'https://contoh.co.id/live'")
    assert urls == [(2, 2)]
    con.close()


class Killed(BaseException):
    """Stands in for SIGKILL: nothing after it runs, not even ``except Exception`` blocks."""


def test_interrupted_run_loses_one_batch_and_a_rerun_completes_it(tmp_path: Path, corpus: Path) -> None:
    clean = open_store(tmp_path / "clean.duckdb")
    ingest(clean, [corpus], IngestOptions(batch_size=2), analyse=False)
    expected = snapshot(clean)
    clean.close()

    con = open_store(tmp_path / "crash.duckdb")
    batches = 0

    def die_in_third_batch(ledger, progress) -> None:
        nonlocal batches
        batches += 1
        if batches == 2:
            raise Killed()

    with pytest.raises(Killed):
        store_inputs(con, [corpus], IngestOptions(batch_size=2), on_batch=die_in_third_batch)
    partial = snapshot(con)
    assert 0 < len(partial["articles"]) < len(expected["articles"])
    assert rows(con, "SELECT n_read, status FROM ingest_runs") == [(4, "failed")]
    ledger = ingest(con, [corpus], IngestOptions(batch_size=2), analyse=False).ledger
    assert ledger.balanced and ledger.already_stored == len(partial["articles"])
    assert snapshot(con) == expected
    con.close()


def test_ingest_analyses_new_articles_and_skips_other_languages(tmp_path: Path, corpus: Path) -> None:
    con = open_store(tmp_path / "w.duckdb")
    report = ingest(con, [corpus])
    assert report.analysed == report.ledger.stored
    skipped = dict(rows(con, "SELECT article_id, skipped FROM analyses WHERE skipped IS NOT NULL AND skipped NOT LIKE 'error:%'"))
    assert skipped == {"my-1": "language:ms", "en-1": "language:en"}
    assert rows(con, "SELECT count(*) FROM analyses")[0][0] == report.ledger.stored
    con.close()


def test_pending_articles_of_an_earlier_run_are_analysed_later(tmp_path: Path, corpus: Path) -> None:
    con = open_store(tmp_path / "w.duckdb")
    first = ingest(con, [corpus / "antara.jsonl"], analyse=False)
    assert first.analysed == 0 and rows(con, "SELECT count(*) FROM analyses")[0][0] == 0
    second = ingest(con, [corpus / "kompas.jsonl"])
    assert second.analysed == first.ledger.stored + second.ledger.stored
    con.close()


def test_analysis_failure_is_recorded_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import warta.analyse

    def fragile(article):
        if article.id == "bad":
            raise ValueError("offsets out of range")
        return real(article)

    real = warta.analyse.analyse
    monkeypatch.setattr(warta.analyse, "analyse", fragile)
    data = write_jsonl(tmp_path / "a.jsonl", [{"id": "bad", "text": GEMPA}, {"id": "good", "text": MARITIM_AGENCY}])
    con = open_store(tmp_path / "w.duckdb")
    report = ingest(con, [data])
    assert (report.analysed, report.analysis_errors) == (2, 1)
    assert rows(con, "SELECT skipped FROM analyses WHERE article_id = 'bad'") == [("error: ValueError: offsets out of range",)]
    con.close()


def test_missing_input_writes_nothing(tmp_path: Path) -> None:
    con = open_store(tmp_path / "w.duckdb")
    with pytest.raises(InputError):
        ingest(con, [tmp_path / "tidak-ada"])
    assert rows(con, "SELECT count(*) FROM ingest_runs")[0][0] == 0
    con.close()
