"""Text layer: sentence segmentation, date expressions and (on-demand) tokens over
../shared/corpus/kompas-2025.jsonl, per article and per 3,500 characters, next to a bare regex
tokenising pass (``\\w+|\\S``) on the same text as the yardstick the team brief uses.

CPU time of this process (``time.process_time``), best of several rounds that time each step in
turn, so that other work on a shared machine disturbs the figures as little as possible.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, peak_rss_mb, shared_file  # noqa: E402

TITLE = "text layer: segment + dates (+ tokens on demand), CPU time"
ARTICLE = 3500  # characters in a typical article


def run() -> list[Figure]:
    from warta.analyse.dates import find_dates
    from warta.analyse.segment import segment
    from warta.analyse.tokenize import tokenize
    from warta.model import Article, Doc

    path = shared_file("corpus", "kompas-2025.jsonl")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    articles = [Article(id=r["id"], text=r["text"], published=date.fromisoformat(r["date"])) for r in rows]
    chars = sum(len(a.text) for a in articles)
    bare = re.compile(r"\w+|\S")
    steps = {
        "bare regex pass": lambda d: bare.findall(d.text),
        "segment": segment,
        "segment + dates": lambda d: (segment(d), find_dates(d)),
        "tokens": lambda d: tokenize(d.text),
    }
    rounds = 3 if os.environ.get("WARTA_BENCH_QUICK") else 9
    best = {name: float("inf") for name in steps}
    for _ in range(rounds):
        for name, step in steps.items():
            docs = [Doc(article=a, text=a.text) for a in articles]
            started = time.process_time()
            for doc in docs:
                step(doc)
            best[name] = min(best[name], time.process_time() - started)
    best["dates"] = best["segment + dates"] - best["segment"]
    yardstick = best["bare regex pass"]
    figures = [Figure("articles", len(articles), note=f"{chars / len(articles):,.0f} characters on average")]
    for name in ("bare regex pass", "segment", "dates", "segment + dates", "tokens"):
        seconds = best[name]
        note = "on first use of doc.tokens" if name == "tokens" else ""
        figures.append(Figure(f"{name}: per article", seconds / len(articles) * 1e6, "µs", note))
        figures.append(Figure(f"{name}: per {ARTICLE:,} characters", seconds / chars * ARTICLE * 1e6, "µs",
                              f"{seconds / yardstick:.1f}× the bare regex pass"))
    figures.append(Figure("peak memory", peak_rss_mb(), "MB"))
    return figures


if __name__ == "__main__":
    for figure in run():
        print(figure)
