"""Exact-value accuracy of date expressions on the hand-labelled dev set (``tests/gold/dates-dev.jsonl``).

The gold holds article ids, character offsets into the corpus text, the publication date used and
the expected value, never article text; the articles are read from ``../shared/corpus``. A gold
expression counts as correct when a found expression overlaps it and has the same value. Every
article in the gold was read in full, so a found expression that overlaps no gold one is reported
as an extra (a false positive, or something the labelling guide leaves out — tests/gold/README.md).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from warta.analyse.dates import find_dates
from warta.analyse.segment import segment
from warta.errors import InputError
from warta.model import Article, DateExpr, Doc

SPLITS = ("dev", "heldout", "all")


@dataclass(slots=True)
class GoldDate:
    article: str
    corpus: str
    published: date
    start: int | None
    end: int | None
    expr: str | None
    value: str | None
    granularity: str | None
    form: str
    split: str


@dataclass(slots=True)
class Outcome:
    gold: GoldDate
    found: DateExpr | None  # the overlapping expression (the one with the gold value if any)

    @property
    def correct(self) -> bool:
        return self.found is not None and self.found.value == self.gold.value


@dataclass(slots=True)
class DatesReport:
    split: str
    articles: int
    outcomes: list[Outcome] = field(default_factory=list)
    extras: list[tuple[str, DateExpr]] = field(default_factory=list)  # (article id, expression)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def correct(self) -> int:
        return sum(o.correct for o in self.outcomes)

    @property
    def found(self) -> int:
        return sum(o.found is not None for o in self.outcomes)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def by_form(self) -> dict[str, tuple[int, int, int]]:
        """form → (gold, found, correct)."""
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for o in self.outcomes:
            row = table[o.gold.form]
            row[0] += 1
            row[1] += o.found is not None
            row[2] += o.correct
        return {k: (v[0], v[1], v[2]) for k, v in sorted(table.items(), key=lambda kv: -kv[1][0])}


def load_gold(path: Path) -> list[GoldDate]:
    if not path.exists():
        raise InputError(f"gold file not found: {path}")
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.append(GoldDate(
                article=d["id"], corpus=d["corpus"], published=date.fromisoformat(d["published"]),
                start=d["start"], end=d["end"], expr=d.get("expr"), value=d["value"],
                granularity=d["granularity"], form=d["form"], split=d["split"],
            ))
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"{path}:{number}: not a gold date line ({e})") from e
    return out


def read_articles(corpus_dir: Path, wanted: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    """(corpus file, article id) → text, for the wanted ids of each corpus file."""
    if not corpus_dir.is_dir():
        raise InputError(f"corpus directory not found: {corpus_dir} (the development data in ../shared "
                         "is not part of a user's clone; pass --shared)")
    texts: dict[tuple[str, str], str] = {}
    for name, ids in wanted.items():
        path = corpus_dir / name
        if not path.exists():
            raise InputError(f"corpus file not found: {path}")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                head = line[:200]
                if not any(i in head for i in ids):
                    continue
                row = json.loads(line)
                if row.get("id") in ids:
                    texts[(name, row["id"])] = row["text"]
    missing = {(n, i) for n, ids in wanted.items() for i in ids} - set(texts)
    if missing:
        raise InputError(f"{len(missing)} gold articles are not in the corpus, e.g. {sorted(missing)[0]}")
    return texts


def evaluate(gold_path: Path, corpus_dir: Path, split: str = "all") -> DatesReport:
    if split not in SPLITS:
        raise InputError(f"--split must be one of {', '.join(SPLITS)}, not {split!r}")
    gold = [g for g in load_gold(gold_path) if split == "all" or g.split == split]
    by_article: dict[tuple[str, str], list[GoldDate]] = defaultdict(list)
    for g in gold:
        by_article[(g.corpus, g.article)].append(g)
    wanted: dict[str, set[str]] = defaultdict(set)
    for corpus, article in by_article:
        wanted[corpus].add(article)
    texts = read_articles(corpus_dir, wanted)

    report = DatesReport(split=split, articles=len(by_article))
    for key, items in by_article.items():
        text = texts[key]
        doc = Doc(article=Article(id=key[1], text=text, published=items[0].published), text=text)
        segment(doc)
        find_dates(doc)
        labelled = [g for g in items if g.start is not None]
        for g in labelled:
            overlapping = [d for d in doc.dates if d.start < g.end and g.start < d.end]
            best = next((d for d in overlapping if d.value == g.value), overlapping[0] if overlapping else None)
            report.outcomes.append(Outcome(g, best))
        for d in doc.dates:
            if not any(d.start < g.end and g.start < d.end for g in labelled):
                report.extras.append((key[1], d))
    return report
