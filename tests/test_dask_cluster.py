"""A real Dask cluster on 127.0.0.1 — one ``dask scheduler`` and two ``dask worker`` processes of
this virtualenv — runs the analysis through ``warta.run``; the results must equal the local run's.

The processes are started and stopped by a fixture whose finaliser terminates them (then kills
their process groups) whatever happens in the test, so no worker outlives it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from warta.ingest import read_articles
from warta.model import Article
from warta.run import Runner, analyse_article, analyse_stream
from warta.samples import sample_path

pytestmark = pytest.mark.cluster

DASK = Path(sys.executable).with_name("dask")
N_ARTICLES = 40
STARTUP_TIMEOUT = 40.0


def _stop(procs: list[subprocess.Popen]) -> None:
    for p in reversed(procs):  # workers first, then the scheduler
        if p.poll() is None:
            p.terminate()
    for p in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(timeout=10)
        try:  # anything the process started in its own group
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _wait_for(condition, what: str, procs: list[subprocess.Popen], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not condition():
        dead = [p for p in procs if p.poll() is not None]
        if dead or time.monotonic() > deadline:
            raise RuntimeError(f"Dask cluster did not start ({what}):\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def dask_scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not DASK.exists():
        pytest.skip(f"no dask command beside {sys.executable}")
    from distributed import Client

    work = tmp_path_factory.mktemp("dask")
    log = work / "cluster.log"
    scheduler_file = work / "scheduler.json"
    procs: list[subprocess.Popen] = []
    with log.open("wb") as sink:
        def start(*args: str) -> None:
            procs.append(subprocess.Popen([str(DASK), *args], stdout=sink, stderr=subprocess.STDOUT,
                                          stdin=subprocess.DEVNULL, cwd=work, start_new_session=True))

        try:
            start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                  "--scheduler-file", str(scheduler_file))
            _wait_for(scheduler_file.exists, "scheduler file", procs, log)
            address = json.loads(scheduler_file.read_text())["address"]
            for i in range(2):
                start("worker", address, "--name", f"warta-{i}", "--nthreads", "1", "--no-nanny",
                      "--no-dashboard", "--memory-limit", "0", "--local-directory", str(work),
                      "--preload", "warta.run_preload")
            with Client(address, timeout=STARTUP_TIMEOUT, set_as_default=False) as client:
                _wait_for(lambda: len(client.scheduler_info()["workers"]) >= 2, "two workers", procs, log)
            yield address
        finally:
            _stop(procs)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """Articles of the bundled IndoSum sample (CC BY-SA 4.0)."""
    arts = [a for a in read_articles([sample_path()]) if isinstance(a, Article)]
    return arts[:N_ARTICLES]


def test_cluster_results_equal_the_local_run(dask_scheduler: str, articles: list[Article]) -> None:
    from distributed import Client, get_task_stream

    local = [a.to_dict(with_text=True, with_sentences=True) for a in analyse_stream(articles, workers=1)]
    with Client(dask_scheduler, set_as_default=False) as watcher, get_task_stream(client=watcher) as tasks:
        with Runner(scheduler=dask_scheduler, chunk_size=4) as runner:
            assert runner.describe() == f"Dask cluster {dask_scheduler} (2 workers)"
            remote = [a.to_dict(with_text=True, with_sentences=True)
                      for a in runner.map(analyse_article, iter(articles))]
    assert [r["id"] for r in remote] == [a.id for a in articles]  # in input order
    differing = [(r["id"], [k for k in r if r[k] != x.get(k)]) for r, x in zip(remote, local) if r != x]
    assert not differing, f"cluster and local analyses differ: {differing[:3]}"
    assert json.dumps(remote, sort_keys=True) == json.dumps(local, sort_keys=True)
    assert sum(len(r["entities"]) for r in remote) > N_ARTICLES
    # The chunks really ran on both workers.
    workers = [t["worker"] for t in tasks.data]
    assert len(set(workers)) == 2, f"tasks per worker: {dict((w, workers.count(w)) for w in set(workers))}"


def test_analyze_command_on_the_cluster(dask_scheduler: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from warta.cli import app

    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"t{i}", "date": "2024-02-06", "source": "uji", "text": text},
                                         ensure_ascii=False) + "\n" for i, text in enumerate(TEXTS)), encoding="utf-8")
    runner = CliRunner()
    local = runner.invoke(app, ["analyze", str(corpus), "--workers", "1", "-q"], catch_exceptions=False)
    remote = runner.invoke(app, ["analyze", str(corpus), "--scheduler", dask_scheduler, "-q"], catch_exceptions=False)
    assert local.exit_code == remote.exit_code == 0
    assert remote.stdout == local.stdout
    assert len(remote.stdout.splitlines()) == len(TEXTS)


# Short news items we wrote for this test.
TEXTS = [
    "JAKARTA, KOMPAS.com — Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Australia "
    "Penny Wong di Jakarta, Senin (5/2/2024). Keduanya sepakat memperkuat kerja sama maritim.",
    "Pemerintah China mengecam sanksi baru Amerika Serikat terhadap perusahaan teknologi asal Beijing. "
    "\u201cLangkah itu merugikan kedua negara,\u201d kata juru bicara Kementerian Luar Negeri China.",
    "Rusia meluncurkan serangan rudal ke Kyiv pada Selasa dini hari, menurut pejabat Ukraina.",
]
