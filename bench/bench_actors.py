"""Actor dictionary: load time (cold build and warm cache), matching speed and memory.

Scenarios, each in a fresh process:

- cold: build from the data files with no cache (what the first run after a data change does);
- warm: ``load()`` from the pickled cache (every later process);
- match: ``find`` and ``find_roles`` over ../shared/corpus/kompas-2025.jsonl, in µs per 3,500
  characters (a typical article), next to a bare regex tokenising pass (``\\w+``) on the same text
  as the yardstick the team brief uses.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, in_subprocess, peak_rss_mb, shared_file  # noqa: E402

TITLE = "actor dictionary: load time, matching speed, memory"
ARTICLE = 3500  # characters in a typical article


def scenario_cold(_: Path) -> dict:
    os.environ["WARTA_NO_CACHE"] = "1"
    started = time.perf_counter()
    from warta.lang.id import actors

    d = actors.load_from(actors.DATA_DIR, use_cache=False)
    return {"seconds": time.perf_counter() - started, "entries": len(d), "peak_rss_mb": peak_rss_mb()}


def scenario_warm(_: Path) -> dict:
    from warta.lang.id import actors

    actors.load_from(actors.DATA_DIR)  # make sure the cache exists
    started = time.perf_counter()
    d = actors.load_from(actors.DATA_DIR)
    return {"seconds": time.perf_counter() - started, "entries": len(d), "peak_rss_mb": peak_rss_mb()}


def scenario_match(corpus: Path) -> dict:
    from warta.lang.id import actors

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    chars = sum(map(len, texts))
    d = actors.load()
    words = re.compile(r"\w+")

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for t in texts:
                d._last = ("", "", ())  # measure each call on its own, not the shared scan
                fn(t)
            best = min(best, time.perf_counter() - started)
        return best / chars * ARTICLE * 1e6

    hits = sum(len(d.find(t)) for t in texts)
    roles = sum(len(d.find_roles(t)) for t in texts)
    return {
        "articles": len(texts), "chars": chars, "hits": hits, "roles": roles,
        "find_us": timed(d.find), "roles_us": timed(d.find_roles),
        "both_us": timed(lambda t: (d.find(t), d.find_roles(t))),
        "tokenise_us": timed(lambda t: sum(1 for _ in words.finditer(t))),
        "peak_rss_mb": peak_rss_mb(),
    }


SCENARIOS = {"cold": scenario_cold, "warm": scenario_warm, "match": scenario_match}


def run() -> list[Figure]:
    corpus = shared_file("corpus", "kompas-2025.jsonl")
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as cache:
        os.environ["WARTA_CACHE_DIR"] = cache
        cold = in_subprocess(Path(__file__), "--scenario", "cold", str(corpus))
        warm = in_subprocess(Path(__file__), "--scenario", "warm", str(corpus))
        match = in_subprocess(Path(__file__), "--scenario", "match", str(corpus))
    return [
        Figure("load, cold (build from files)", round(cold["seconds"], 2), "s", f"{cold['entries']:,} entries"),
        Figure("load, warm (pickled cache)", round(warm["seconds"], 3), "s",
               f"peak RSS {warm['peak_rss_mb']:.0f} MB after loading"),
        Figure("find + find_roles", round(match["both_us"]), "µs per 3,500 chars",
               f"find {match['find_us']:.0f}, find_roles {match['roles_us']:.0f} alone; "
               f"{match['hits']:,} actor hits and {match['roles']:,} role words in {match['articles']:,} articles"),
        Figure("bare \\w+ tokenising pass", round(match["tokenise_us"]), "µs per 3,500 chars",
               f"find + find_roles = {match['both_us'] / match['tokenise_us']:.1f}x"),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), required=True)
    parser.add_argument("input", type=Path)
    args = parser.parse_args()
    print(json.dumps(SCENARIOS[args.scenario](args.input)))
