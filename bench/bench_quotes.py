"""Quotes stage (``warta.analyse.quotes.find_quotes``) alone, on documents the earlier stages
(segment, mentions) have prepared: ../shared/corpus/kompas-2025.jsonl (ordinary news) and the
quote-dense PFSA-ID documents, per article and per 3,500 characters, next to a bare regex
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

TITLE = "quotes stage (direct + indirect quotes, speakers), CPU time"
ARTICLE = 3500  # characters in a typical article
LIMIT = 400     # documents per corpus: enough for a stable figure


def _prepared(path: Path, text_key: str, date_key: str | None):
    from warta.analyse.mentions import find_mentions
    from warta.analyse.segment import segment
    from warta.model import Article, Doc

    docs = []
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        published = date.fromisoformat(r[date_key]) if date_key and r.get(date_key) else None
        doc = Doc(article=Article(id=r["id"], text=r[text_key], published=published), text=r[text_key])
        segment(doc)
        find_mentions(doc)
        docs.append(doc)
        if len(docs) >= LIMIT:
            break
    return docs


def run() -> list[Figure]:
    from warta.analyse.quotes import find_quotes

    corpora = {
        "kompas-2025": _prepared(shared_file("corpus", "kompas-2025.jsonl"), "text", "date"),
        "PFSA-ID": _prepared(shared_file("gold", "quotes-pfsa-id", "documents-dev.jsonl"), "text", None),
    }
    bare = re.compile(r"\w+|\S")
    rounds = 3 if os.environ.get("WARTA_BENCH_QUICK") else 7
    figures: list[Figure] = []
    for name, docs in corpora.items():
        find_quotes(docs[0])  # language data loads on first use
        chars = sum(len(d.text) for d in docs)
        best_q = best_b = float("inf")
        for _ in range(rounds):
            started = time.process_time()
            for doc in docs:
                find_quotes(doc)
            best_q = min(best_q, time.process_time() - started)
            started = time.process_time()
            for doc in docs:
                bare.findall(doc.text)
            best_b = min(best_b, time.process_time() - started)
        n = len(docs)
        found = sum(len(d.quotes) for d in docs)
        figures += [
            Figure(f"{name}: quotes stage", best_q / n * 1e6, "µs/article",
                   f"{chars / n:,.0f} characters, {found / n:.1f} quotes per article, {n} articles"),
            Figure(f"{name}: quotes stage per {ARTICLE:,} chars", best_q / chars * ARTICLE * 1e6, "µs"),
            Figure(f"{name}: bare regex pass per {ARTICLE:,} chars", best_b / chars * ARTICLE * 1e6, "µs"),
            Figure(f"{name}: quotes / bare pass", best_q / best_b, "x"),
        ]
    figures.append(Figure("peak memory", peak_rss_mb(), "MB"))
    return figures
