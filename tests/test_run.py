"""Execution (warta.run): the same analysis in-process and on a process pool, in order, lazily,
with bounded work in flight; the CLI's --workers; clear errors when a worker dies."""

from __future__ import annotations

import gzip
import itertools
import json
import operator
import os
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta.cli import app
from warta.ingest import read_articles
from warta.model import Article
from warta.run import MIN_PARALLEL, ExecutionError, Runner, analyse_stream, map_stream
from warta.samples import sample_path

#: Enough sample articles that the pool really starts (a shorter stream runs in-process).
N_SAMPLE = 64


@pytest.fixture(scope="module")
def sample_articles() -> list[Article]:
    """The first articles of the bundled IndoSum sample (CC BY-SA 4.0), prepared as `warta ingest` does."""
    arts = [a for a in read_articles([sample_path()]) if isinstance(a, Article)]
    assert len(arts) >= N_SAMPLE
    return arts[:N_SAMPLE]


def as_json(analyses) -> list[str]:
    return [json.dumps(a.to_dict(with_text=True, with_sentences=True), ensure_ascii=False, sort_keys=True)
            for a in analyses]


@pytest.fixture(scope="module")
def local_results(sample_articles: list[Article]) -> list[str]:
    return as_json(analyse_stream(sample_articles, workers=1))


def test_pool_gives_exactly_the_in_process_results_in_order(sample_articles, local_results) -> None:
    # Small chunks and a generator input: many tasks in flight, results must still come back in order.
    pooled = as_json(analyse_stream((a for a in sample_articles), workers=2, chunk_size=3))
    assert [json.loads(x)["id"] for x in pooled] == [a.id for a in sample_articles]
    assert pooled == local_results
    assert sum(len(json.loads(x)["entities"]) for x in pooled) > N_SAMPLE  # the analysis really ran


def test_analysis_records_pickle_to_equal_objects(sample_articles) -> None:
    analyses = list(analyse_stream(sample_articles[:8], workers=1))
    back = pickle.loads(pickle.dumps(analyses, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == analyses
    assert any(a.entities and a.entities[0].actor for a in back)  # nested records survive too


def test_stream_is_lazy_and_bounded() -> None:
    pulled = 0

    def numbers():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield i

    with Runner(workers=2, chunk_size=5) as runner:
        first = list(itertools.islice(runner.map(operator.neg, numbers()), 200))
        window = runner.window()
    assert first == [-i for i in range(200)]
    # An endless input: only what was asked for plus the work in flight was ever read.
    assert pulled <= 200 + MIN_PARALLEL + window * 5


def test_short_stream_runs_in_process_without_starting_a_pool() -> None:
    with Runner(workers=2) as runner:
        assert list(runner.map(str.upper, ["a", "b"])) == ["A", "B"]
        assert runner._pool is None


def test_a_dying_worker_is_a_clear_error() -> None:
    with pytest.raises(ExecutionError, match="worker process died"):
        list(map_stream(os._exit, [3] * (MIN_PARALLEL + 10), workers=2))


def test_unreachable_scheduler_is_a_clear_error() -> None:
    runner = Runner(scheduler="tcp://127.0.0.1:9", connect_timeout=1.0)
    with pytest.raises(ExecutionError, match="cannot reach the Dask scheduler"):
        list(runner.map(str.upper, ["a"]))
    runner.close()


def test_bad_worker_count_is_refused() -> None:
    with pytest.raises(ExecutionError):
        Runner(workers=0)


# --------------------------------------------------------------------------------------------
# The commands
# --------------------------------------------------------------------------------------------

def write_sample(path: Path, n: int) -> Path:
    with gzip.open(sample_path(), "rt", encoding="utf-8") as f, path.open("w", encoding="utf-8") as out:
        for line in itertools.islice(f, n):
            out.write(line)
    return path


def test_analyze_with_workers_prints_the_same_lines(tmp_path: Path) -> None:
    corpus = write_sample(tmp_path / "sample.jsonl", N_SAMPLE)
    runner = CliRunner()
    one = runner.invoke(app, ["analyze", str(corpus), "--workers", "1", "-q"], catch_exceptions=False)
    two = runner.invoke(app, ["analyze", str(corpus), "--workers", "2", "-q"], catch_exceptions=False)
    assert one.exit_code == two.exit_code == 0
    lines = one.stdout.splitlines()
    assert len(lines) == N_SAMPLE
    assert two.stdout == one.stdout


def test_ingest_and_reanalyze_with_workers_store_the_same_analyses(tmp_path: Path) -> None:
    from warta.store import open_store

    corpus = write_sample(tmp_path / "sample.jsonl", N_SAMPLE)
    db = tmp_path / "w.duckdb"
    runner = CliRunner()

    def stored() -> list[tuple]:
        con = open_store(db, read_only=True)
        try:
            return con.execute(
                "SELECT article_id, idx, type, cameo, src_code, tgt_code, start_char, end_char, rule FROM events "
                "UNION ALL SELECT article_id, idx, label, code, name, country, start_char, end_char, rule FROM entities "
                "ORDER BY 1, 2, 3, 7").fetchall()
        finally:
            con.close()

    done = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", "2", "-q", "--json"],
                         catch_exceptions=False)
    assert done.exit_code == 0
    assert json.loads(done.stdout)["analysed"] == N_SAMPLE
    pooled = stored()
    again = runner.invoke(app, ["reanalyze", "--db", str(db), "--workers", "1", "-q"], catch_exceptions=False)
    assert again.exit_code == 0
    assert stored() == pooled and len(pooled) > N_SAMPLE
