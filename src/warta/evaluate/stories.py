"""`warta eval stories`: how well the story clustering groups articles about the same happening.

Two measurements on the development corpora in ``../shared/corpus``:

- **Pairwise precision and recall** on ``tests/gold/story-pairs.jsonl``: article pairs read and labelled by
  hand (same happening / different happening — positives across outlets and days, hard negatives on the
  same topic or country). Labelled before any tuning; the ``held`` split is only measured, never tuned on.
  All corpora named in the gold file are clustered together, as one big batch, exactly as the digest
  clusters a window of days; a pair counts as "predicted same" when both articles land in one story.
- **Recall on kamboja-multisource**: 420 articles from 18 outlets on Indonesians in Cambodian scam
  compounds (2015–2025; 185 undated). Reports the biggest story, how many articles share a story with
  another outlet's article, and the story sizes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from warta.errors import WartaError
from warta.stories.cluster import THRESHOLD, WINDOW_DAYS, StoryInput, cluster, lead_text

CORPUS_FILES = {
    "indosum-dev": "indosum-dev.jsonl",
    "kompas-2025": "kompas-2025.jsonl",
    "detik-2025": "detik-2025.jsonl",
    "kamboja-multisource": "kamboja-multisource.jsonl",
}


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def load_items(path: Path) -> list[StoryInput]:
    if not path.exists():
        raise WartaError(f"{path} not found: the corpora are development data in ../shared/corpus/")
    items = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise WartaError(f"{path}:{n}: not JSON ({e.msg})") from None
            items.append(StoryInput(id=str(d["id"]), day=_day(d.get("date")), title=d.get("title") or "",
                                    lead=lead_text(d.get("text") or "", d.get("title")),
                                    outlet=d.get("source")))
    return items


def load_gold(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise WartaError(f"{path} not found")
    rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    for r in rows:
        if r.get("label") not in ("same", "different") or not r.get("a") or not r.get("b"):
            raise WartaError(f"{path}: bad row {r}")
    return rows


@dataclass(slots=True)
class PairScores:
    split: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class KambojaRecall:
    articles: int
    stories: int
    largest: int
    largest_outlets: int
    in_multi_outlet_story: int
    sizes: list[int]


@dataclass(slots=True)
class StoriesReport:
    pairs: dict[str, PairScores]
    kamboja: KambojaRecall | None
    articles: int
    stories: int
    seconds: float
    threshold: float
    window_days: int


def story_of(items: list[StoryInput], groups: list[list[int]]) -> dict[str, int]:
    out = {}
    for g, members in enumerate(groups):
        for i in members:
            out[items[i].id] = g
    return out


def score_pairs(gold: list[dict[str, Any]], story: dict[str, int]) -> dict[str, PairScores]:
    scores: dict[str, PairScores] = {}
    for r in gold:
        for split in (r.get("split", "dev"), "all"):
            s = scores.setdefault(split, PairScores(split))
            a, b = story.get(r["a"]), story.get(r["b"])
            pred = a is not None and a == b
            gold_same = r["label"] == "same"
            if pred and gold_same:
                s.tp += 1
            elif pred:
                s.fp += 1
                if split != "all":
                    s.errors.append(r)
            elif gold_same:
                s.fn += 1
                if split != "all":
                    s.errors.append(r)
            else:
                s.tn += 1
    return scores


def kamboja_recall(items: list[StoryInput], groups: list[list[int]]) -> KambojaRecall:
    kam = [(g, [i for i in m if items[i].id.startswith("kamboja_")]) for g, m in enumerate(groups)]
    kam = [(g, m) for g, m in kam if m]
    sizes = sorted((len(m) for _, m in kam), reverse=True)
    largest = max(kam, key=lambda x: len(x[1]))[1] if kam else []
    multi = 0
    for _, m in kam:
        if len({items[i].outlet for i in m}) >= 2:
            multi += len(m)
    return KambojaRecall(articles=sum(sizes), stories=len(kam), largest=len(largest),
                         largest_outlets=len({items[i].outlet for i in largest}),
                         in_multi_outlet_story=multi, sizes=sizes)


def evaluate(corpus_dir: Path, gold_path: Path, threshold: float = THRESHOLD,
             window_days: int = WINDOW_DAYS) -> StoriesReport:
    import time

    gold = load_gold(gold_path)
    items: list[StoryInput] = []
    seen: set[str] = set()
    for name in sorted({c for r in gold for c in r.get("corpora", [])} | {"kamboja-multisource"}):
        fname = CORPUS_FILES.get(name)
        if fname is None:
            raise WartaError(f"{gold_path}: unknown corpus {name!r}")
        for it in load_items(corpus_dir / fname):
            if it.id not in seen:
                seen.add(it.id)
                items.append(it)
    t0 = time.perf_counter()
    groups = cluster(items, threshold=threshold, window_days=window_days)
    seconds = time.perf_counter() - t0
    story = story_of(items, groups)
    return StoriesReport(pairs=score_pairs(gold, story), kamboja=kamboja_recall(items, groups),
                         articles=len(items), stories=len(groups), seconds=seconds,
                         threshold=threshold, window_days=window_days)
