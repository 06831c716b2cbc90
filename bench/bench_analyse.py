"""Analysis throughput, memory and scaling on ../shared/corpus/kompas-2025.jsonl + indosum-dev.jsonl.

Scenarios, each in a fresh process so its peak memory is its own:

- corpus: the ~5,400 articles, read and prepared first (not timed), then
    * the tokenising pass: ``warta.analyse.tokenize.tokenize`` over every article's text — the
      floor the full analysis is compared with (goal: analysis ≤ 10× it);
    * the full analysis in this process (``workers=1``);
    * the full analysis on 2 worker processes (``warta.run``; the pool is started and warmed on
      the first 100 articles before anything is timed, its start-up time is reported apart) —
      goal ≥ 1.6× one process;
- stream: a 100,000-article stream made by resampling the corpus (each article half the paragraphs
  of three random articles; generated as it is consumed, never materialised) analysed on 2 workers,
  within a time budget (``WARTA_BENCH_STREAM_SECONDS``, default 900 s; skipped with ``--quick``);
  peak memory is compared with the corpus run to show it stays flat in corpus size;
- cli: ``warta analyze kompas-2025.jsonl --workers 2 > /dev/null`` end to end (read, prepare,
  analyse, JSON), as a user runs it.

Memory is the whole process tree (parent, fork server, workers), sampled every 0.25 s: the sum of
RSS (counts pages the workers share with the fork server once per process) and the sum of PSS
(shared pages split between the processes that share them: the real footprint).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO, Figure, in_subprocess, peak_rss_mb, shared_file  # noqa: E402

TITLE = "analysis throughput, tokenising-pass ratio, 1→2 worker scaling, peak memory (kompas-2025 + indosum-dev)"
CORPORA = ("kompas-2025.jsonl", "indosum-dev.jsonl")
STREAM_SIZE = 100_000
WARM_ARTICLES = 100


class TreeMemory:
    """Peak RSS and PSS of this process and all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.25) -> None:
        import psutil

        self._me = psutil.Process()
        self._interval = interval
        self.peak_rss = self.peak_pss = 0.0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil

        rss = pss = 0
        procs = [self._me, *self._me.children(recursive=True)]
        for p in procs:
            try:
                info = p.memory_full_info()
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
        self.peak_rss = max(self.peak_rss, rss / 2**20)
        self.peak_pss = max(self.peak_pss, pss / 2**20)
        self.peak_processes = max(self.peak_processes, len(procs))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self._interval)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._sample()
        self._stop.set()
        self._thread.join()


def descendants_cpu() -> float:
    """CPU seconds used so far by this process's descendants (the pool's workers)."""
    import psutil

    total = 0.0
    for p in psutil.Process().children(recursive=True):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def load_corpus(paths: list[Path]):
    from warta.ingest import read_articles
    from warta.model import Article

    return [a for a in read_articles(paths) if isinstance(a, Article)]


def scenario_corpus(paths: list[Path]) -> dict:
    from warta.analyse.tokenize import tokenize
    from warta.run import Runner, analyse_article, warm

    articles = load_corpus(paths)
    n = len(articles)
    chars = sum(len(a.text) for a in articles)
    warm()  # language data loaded before timing, as in a long-running worker

    started, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(tokenize(a.text)) for a in articles)
    tok_s, tok_cpu = time.perf_counter() - started, time.process_time() - cpu

    # The pool is started first, so that its fork server loads the same code as this process.
    pool = Runner(workers=2)
    started = time.perf_counter()
    list(pool.map(analyse_article, articles[:WARM_ARTICLES]))  # start and warm the pool
    startup_s = time.perf_counter() - started
    try:
        started, cpu = time.perf_counter(), time.process_time()
        events = 0
        with Runner(workers=1) as runner:
            for a in runner.map(analyse_article, articles):
                events += len(a.events)
        one_s, one_cpu = time.perf_counter() - started, time.process_time() - cpu
        one_peak = peak_rss_mb()  # this process alone (the idle pool is not counted)

        with TreeMemory() as mem2:
            cpu_before = descendants_cpu()
            parent_cpu = time.process_time()
            started = time.perf_counter()
            events2 = sum(len(a.events) for a in pool.map(analyse_article, articles))
            two_s = time.perf_counter() - started
            workers_cpu = descendants_cpu() - cpu_before
            parent_cpu = time.process_time() - parent_cpu
    finally:
        pool.close()
    return {"articles": n, "chars": chars, "tokens": tokens, "events": events, "events_pool": events2,
            "tokenize_s": tok_s, "tokenize_cpu": tok_cpu, "one_s": one_s, "one_cpu": one_cpu,
            "two_s": two_s, "two_startup_s": startup_s, "two_workers_cpu": workers_cpu, "two_parent_cpu": parent_cpu,
            "one_peak_rss_mb": one_peak, "two_peak_rss_mb": mem2.peak_rss, "two_peak_pss_mb": mem2.peak_pss,
            "two_processes": mem2.peak_processes, "parent_peak_rss_mb": peak_rss_mb()}


def resampled(articles, size: int, seed: int = 2025) -> Iterator:
    """``size`` new articles, each half the paragraphs of three random corpus articles."""
    from warta.model import Article

    paragraphs = [[p for p in a.text.split("\n\n") if p.strip()] or [a.text] for a in articles]
    dates = [a.published or date(2025, 6, 1) for a in articles]
    rng = random.Random(seed)
    for i in range(size):
        parts: list[str] = []
        picks = rng.sample(range(len(articles)), 3)
        for k in picks:
            source = paragraphs[k]
            parts.extend(rng.sample(source, max(1, len(source) // 2)))
        yield Article(id=f"stream-{i}", text="\n\n".join(parts), title=None, source="bench",
                      published=dates[picks[0]], language="id")


def scenario_stream(paths: list[Path]) -> dict:
    from warta.run import Runner, analyse_article

    budget = float(os.environ.get("WARTA_BENCH_STREAM_SECONDS", "900"))
    articles = load_corpus(paths)
    base_rss = peak_rss_mb()
    done = events = 0
    checkpoints: list[tuple[int, float]] = []
    with TreeMemory() as mem:
        with Runner(workers=2) as runner:
            stream = runner.map(analyse_article, resampled(articles, STREAM_SIZE))
            started = time.perf_counter()
            for a in stream:
                done += 1
                events += len(a.events)
                if done % 5_000 == 0:
                    checkpoints.append((done, round(mem.peak_pss)))
                if time.perf_counter() - started > budget:
                    break
            seconds = time.perf_counter() - started
            stream.close()
    return {"articles": done, "events": events, "seconds": seconds, "budget": budget,
            "complete": done == STREAM_SIZE, "peak_rss_mb": mem.peak_rss, "peak_pss_mb": mem.peak_pss,
            "corpus_in_memory_mb": base_rss, "checkpoints": checkpoints}


def scenario_cli(paths: list[Path]) -> dict:
    warta = Path(sys.executable).with_name("warta")
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        done = subprocess.run([str(warta), "analyze", str(paths[0]), "--workers", "2", "-q"], stdout=sink,
                              stderr=subprocess.PIPE, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    n = sum(1 for _ in paths[0].open(encoding="utf-8"))
    return {"articles": n, "seconds": seconds}


SCENARIOS = {"corpus": scenario_corpus, "stream": scenario_stream, "cli": scenario_cli}


def run() -> list[Figure]:
    paths = [shared_file("corpus", name) for name in CORPORA]
    args = [str(p) for p in paths]
    c = in_subprocess(Path(__file__), "--scenario", "corpus", *args, timeout=3600)
    cli = in_subprocess(Path(__file__), "--scenario", "cli", args[0], timeout=3600)
    n = c["articles"]
    figures = [
        Figure("corpus", n, "articles", f"{c['chars'] / n:,.0f} characters and {c['tokens'] / n:,.0f} tokens per article"),
        Figure("tokenising pass", n / c["tokenize_s"], "articles/s",
               f"{c['tokenize_s'] * 1000 / n:.2f} ms/article, {n / c['tokenize_cpu']:,.0f}/CPU-s"),
        Figure("analysis, 1 process", n / c["one_s"], "articles/s",
               f"{c['one_s'] * 1000 / n:.2f} ms/article, {n / c['one_cpu']:,.0f}/CPU-s, {c['events']:,} events"),
        Figure("analysis ÷ tokenising pass", c["one_cpu"] / c["tokenize_cpu"], "×",
               f"CPU time, same run (wall: {c['one_s'] / c['tokenize_s']:.1f}×); goal ≤ 10×"),
        Figure("analysis, 2 workers", n / c["two_s"], "articles/s",
               f"goal ≥ 1,000; {n / max(c['two_workers_cpu'], 1e-9):,.0f}/worker-CPU-s; parent {c['two_parent_cpu']:.1f} CPU-s; "
               f"pool start-up {c['two_startup_s']:.1f} s not included; same events: {c['events'] == c['events_pool']}"),
        Figure("scaling 1 → 2 workers", c["one_s"] / c["two_s"], "×",
               f"goal ≥ 1.6×; the workers got {c['two_workers_cpu'] / c['two_s']:.2f} cores on average and the single "
               f"process {c['one_cpu'] / c['one_s']:.2f} (other load on the machine); CPU-normalised, 2 idle cores "
               f"would give {2 * c['one_cpu'] / max(c['two_workers_cpu'], 1e-9):.2f}×"),
        Figure("peak memory, 1 process", round(c["one_peak_rss_mb"]), "MB RSS",
               f"includes the {n:,} prepared articles held by the benchmark"),
        Figure("peak memory, 2 workers", round(c["two_peak_pss_mb"]), "MB PSS",
               f"{c['two_peak_rss_mb']:.0f} MB summed RSS over {c['two_processes']} processes (parent, fork server, workers)"),
        Figure("warta analyze --workers 2 (CLI)", cli["articles"] / cli["seconds"], "articles/s",
               f"kompas-2025 end to end: read, prepare, analyse, JSON; {cli['seconds']:.1f} s incl. start-up"),
    ]
    if os.environ.get("WARTA_BENCH_QUICK"):
        figures.append(Figure(f"stream of {STREAM_SIZE:,}", "skipped", "", "--quick"))
        return figures
    s = in_subprocess(Path(__file__), "--scenario", "stream", *args, timeout=7200)
    trend = ", ".join(f"{k // 1000}k: {v} MB" for k, v in s["checkpoints"][:: max(1, len(s["checkpoints"]) // 5)])
    figures += [
        Figure(f"stream of {STREAM_SIZE:,}, 2 workers", s["articles"] / s["seconds"], "articles/s",
               f"{s['articles']:,} analysed in {s['seconds']:.0f} s" + ("" if s["complete"] else f" (stopped at the {s['budget']:.0f} s budget)")),
        Figure(f"stream of {STREAM_SIZE:,}: peak memory", round(s["peak_pss_mb"]), "MB PSS",
               f"{s['peak_rss_mb']:.0f} MB summed RSS; vs {c['two_peak_pss_mb']:.0f} MB PSS for the {n:,}-article run; "
               f"peak so far at {trend}"),
    ]
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), required=True)
    parser.add_argument("corpus", type=Path, nargs="+")
    args = parser.parse_args()
    print(json.dumps(SCENARIOS[args.scenario](args.corpus)))
