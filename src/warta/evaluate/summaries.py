"""`warta eval summaries`: ROUGE of warta's extractive summaries on IndoSum, with lead-3 beside.

IndoSum's dev folds (``../shared/corpus/indosum-dev.jsonl``, 3,463 documents with a reference
``summary``) are split once and for all: documents in fold 05 are **held** aside (never used to fit or
tune anything), the others are **train** (scripts/train_summariser.py fits the sentence scorer and picks
the word budget on them). Reports ROUGE-1/2/L F (lower-cased word tokens) for warta, lead-3 and the
extractive oracle the corpus ships.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from warta.errors import WartaError
from warta.evaluate.rouge import Rouge, mean, rouge
from warta.stories.summarise import lead, summarise

SPLITS = ("train", "held", "all")


def indosum_split(doc: dict[str, Any]) -> str:
    """"held" for documents in IndoSum fold 05, "train" for the rest."""
    return "held" if "05" in (doc.get("indosum_dev_folds") or []) else "train"


def load_indosum(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        raise WartaError(f"{path} not found: the IndoSum dev file is development data in ../shared/corpus/")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise WartaError(f"{path}:{n}: not JSON ({e.msg})") from None
            if not d.get("text") or not d.get("summary"):
                raise WartaError(f"{path}:{n}: a document needs 'text' and 'summary'")
            yield d


@dataclass(slots=True)
class SummaryReport:
    split: str
    documents: int
    warta: Rouge
    lead3: Rouge
    oracle: Rouge | None


def evaluate(path: Path, split: str = "held", limit: int | None = None) -> SummaryReport:
    if split not in SPLITS:
        raise WartaError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    ours, base, oracle = [], [], []
    for d in load_indosum(path):
        if split != "all" and indosum_split(d) != split:
            continue
        if limit is not None and len(ours) >= limit:
            break
        ours.append(rouge(summarise(d["text"], d.get("title")).text, d["summary"]))
        base.append(rouge(" ".join(lead(d["text"])), d["summary"]))
        if d.get("extractive_oracle_sentences"):
            oracle.append(rouge(" ".join(d["extractive_oracle_sentences"]), d["summary"]))
    if not ours:
        raise WartaError(f"no documents in split {split!r} of {path}")
    return SummaryReport(split, len(ours), mean(ours), mean(base), mean(oracle) if oracle else None)
