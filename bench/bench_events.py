"""Event stage (``warta.analyse.events.code_events``) alone, on documents the earlier stages
(segment, dates, mentions, quotes) have prepared: every article of ../shared/corpus/kompas-2025.jsonl
(ordinary news, mostly domestic) and the international ones of indosum-dev, per article and per
3,500 characters. The team's goal for the stage: under ~0.7 ms of CPU per article.

CPU time of this process (``time.process_time``), best of several rounds, so that other work on a
shared machine disturbs the figures as little as possible.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, peak_rss_mb, shared_file  # noqa: E402

TITLE = "event stage (PLOVER/CAMEO coding after quotes), CPU time"
ARTICLE = 3500  # characters in a typical article


def _prepared(path: Path, only_intl: bool, limit: int):
    from warta.analyse.events import code_events
    from warta.analyse.pipeline import STAGES
    from warta.model import Article, Doc

    docs = []
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        if only_intl and not r.get("intl"):
            continue
        try:
            published = date.fromisoformat(str(r.get("date", ""))[:10])
        except ValueError:
            published = None
        doc = Doc(article=Article(id=r["id"], text=r["text"], published=published, language="id"), text=r["text"])
        for stage in STAGES[:STAGES.index(code_events)]:  # segment, dates, mentions, quotes
            stage(doc)
        docs.append(doc)
        if len(docs) >= limit:
            break
    return docs


def run() -> list[Figure]:
    from warta.analyse.events import code_events

    quick = bool(os.environ.get("WARTA_BENCH_QUICK"))
    corpora = {
        "kompas-2025": _prepared(shared_file("corpus", "kompas-2025.jsonl"), False, 400 if quick else 2000),
        "indosum-dev intl": _prepared(shared_file("corpus", "indosum-dev.jsonl"), True, 150 if quick else 600),
    }
    rounds = 2 if quick else 3
    figures: list[Figure] = []
    for name, docs in corpora.items():
        code_events(docs[0])  # language data loads on first use
        chars = sum(len(d.text) for d in docs)
        best = float("inf")
        for _ in range(rounds):
            t = time.process_time()
            for d in docs:
                code_events(d)
            best = min(best, time.process_time() - t)
        events = sum(len(d.events) for d in docs)
        figures += [
            Figure(f"{name}: per article", round(best / len(docs) * 1000, 3), "ms",
                   f"{len(docs)} articles, {chars / len(docs):,.0f} characters on average; goal < 0.7 ms"),
            Figure(f"{name}: per {ARTICLE:,} characters", round(best / (chars / ARTICLE) * 1000, 3), "ms"),
            Figure(f"{name}: events", events, "", "after collapsing repeats"),
        ]
    figures.append(Figure("peak memory", round(peak_rss_mb(), 1), "MB"))
    return figures
