"""``warta eval events``: the event coder against hand-labelled articles (``tests/gold/events-dev.jsonl``).

Scored, per CODING-GUIDE and issue 4: each article's distinct *international* (source country,
type, target country) triples of *asserted* events; AGREE/CONSULT/COOPERATE pairs unordered.
- gold = required asserted events with two different countries;
- a system triple matching only an optional gold event (any modality) is ignored: neither TP nor FP;
- a system asserted triple that the gold has only as future/negated/hypothetical is a FP.
Date accuracy: over matched triples whose gold event has a date, the system's date (of its first
dated report of that triple) equals the gold date at the gold's granularity.

Article texts come from the development corpus (never from the repo): kompas and indosum by id, the
seed example from ``examples/``, bppt runs as their sentences ``seq[0]..seq[1]`` joined in order.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from warta.errors import InputError
from warta.model import MUTUAL_TYPES, PLOVER_TYPES, Analysis, Article, Event

Triple = tuple[str, str, str]
SPLITS = ("dev", "heldout", "all")


@dataclass(slots=True)
class GoldArticle:
    id: str
    corpus: str
    published: date | None
    split: str
    events: list[dict]
    seq: tuple[int, int] | None = None


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass(slots=True)
class Miss:
    """One error, for --show-errors: a FP (system triple) or a FN (gold triple)."""

    article: str
    kind: str  # FP | FN | DATE (matched, wrong date)
    triple: Triple
    rule: str = ""
    sentence: str = ""
    trigger: str = ""
    note: str = ""
    gold_other: str = ""  # for a FP: what the gold says about the same triple, if anything


@dataclass(slots=True)
class Report:
    articles: int = 0
    overall: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in PLOVER_TYPES})
    dated: int = 0  # matched triples whose gold has a date
    date_correct: int = 0
    ignored_optional: int = 0
    errors: list[Miss] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return self.date_correct / self.dated if self.dated else 0.0


def triple(source: str | None, type_: str, target: str | None) -> Triple | None:
    """The scored key of an event, or None when it is not international."""
    if not source or not target or source == target:
        return None
    if type_ in MUTUAL_TYPES and target < source:
        source, target = target, source
    return source, type_, target


def load_gold(path: Path) -> list[GoldArticle]:
    if not path.is_file():
        raise InputError(f"gold file {path} not found")
    out: list[GoldArticle] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            seq = tuple(r["seq"]) if r.get("seq") else None
            out.append(GoldArticle(
                id=r["id"], corpus=r["corpus"], split=r.get("split", "dev"), events=r.get("events") or [],
                published=date.fromisoformat(r["published"]) if r.get("published") else None,
                seq=(int(seq[0]), int(seq[-1])) if seq else None,
            ))
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"{path}:{lineno}: not a gold article ({type(e).__name__}: {e})") from None
    return out


def load_articles(gold: list[GoldArticle], corpus_dir: Path) -> dict[str, Article]:
    """The text of every gold article, from the development corpus."""
    if not corpus_dir.is_dir():
        raise InputError(f"corpus directory {corpus_dir} not found (the development data, ../shared)")
    wanted: dict[str, dict[str, GoldArticle]] = defaultdict(dict)
    for g in gold:
        wanted[g.corpus][g.id] = g
    out: dict[str, Article] = {}
    for corpus, items in wanted.items():
        path = corpus_dir / corpus if (corpus_dir / corpus).exists() else corpus_dir / "corpus" / corpus
        if not path.exists():
            raise InputError(f"corpus file {corpus} not found under {corpus_dir}")
        if path.suffix == ".txt":
            for g in items.values():
                out[g.id] = Article(id=g.id, text=path.read_text(encoding="utf-8"), published=g.published,
                                    language="id", source=corpus)
            continue
        runs = {g.seq: g for g in items.values() if g.seq}
        sentences: dict[int, str] = {}
        with path.open(encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("id") in items and "text" in r:
                    g = items[r["id"]]
                    out[g.id] = Article(id=g.id, text=r["text"], title=r.get("title"), url=r.get("url"),
                                        source=r.get("source"), language="id",
                                        published=g.published or _date(r.get("date")))
                elif runs and "seq" in r:
                    seq = int(r["seq"])
                    if any(a <= seq <= b for a, b in runs):
                        sentences[seq] = r.get("text_id") or r.get("text") or ""
        for (a, b), g in runs.items():
            text = " ".join(sentences[i] for i in range(a, b + 1) if i in sentences)
            out[g.id] = Article(id=g.id, text=text, published=g.published, language="id", source=corpus)
    missing = [g.id for g in gold if g.id not in out]
    if missing:
        raise InputError(f"{len(missing)} gold articles not found in the corpus, e.g. {missing[0]}")
    return out


def _date(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None


def _sentence_of(analysis: Analysis, e: Event) -> str:
    text = analysis.text or ""
    for s in analysis.sentences:
        if s.index == e.sentence:
            return text[s.start:s.end]
    return text[e.start:e.end]


def score_article(g: GoldArticle, analysis: Analysis, report: Report) -> None:
    required: dict[Triple, dict] = {}
    optional: set[Triple] = set()
    other: dict[Triple, str] = {}
    for ev in g.events:
        t = triple(ev.get("source"), ev.get("type", ""), ev.get("target"))
        if t is None:
            continue
        if ev.get("required") and ev.get("modality", "asserted") == "asserted":
            required.setdefault(t, ev)
        elif not ev.get("required"):
            optional.add(t)
        else:
            other[t] = f"gold has it {ev.get('modality')}"
    optional -= set(required)
    system: dict[Triple, list[Event]] = {}
    for e in analysis.events:
        if e.modality != "asserted" or e.target is None:
            continue
        t = triple(e.source.country, e.type, e.target.country)
        if t is not None:
            system.setdefault(t, []).append(e)
    report.articles += 1
    for t, evs in system.items():
        counts = report.by_type[t[1]]
        if t in required:
            report.overall.tp += 1
            counts.tp += 1
            gd = required[t].get("date")
            if gd:
                report.dated += 1
                dated = next((e for e in evs if e.date), evs[0])
                sd = dated.date
                if sd is not None and sd[:len(gd)] == gd:
                    report.date_correct += 1
                else:
                    report.errors.append(Miss(g.id, "DATE", t, dated.rule, _sentence_of(analysis, dated),
                                              dated.trigger, note=f"gold {gd}, system {sd}"))
        elif t in optional:
            report.ignored_optional += 1
        else:
            report.overall.fp += 1
            counts.fp += 1
            e = evs[0]
            report.errors.append(Miss(g.id, "FP", t, e.rule, _sentence_of(analysis, e), e.trigger,
                                      gold_other=other.get(t, "")))
    for t, ev in required.items():
        if t not in system:
            report.overall.fn += 1
            report.by_type[t[1]].fn += 1
            report.errors.append(Miss(g.id, "FN", t, note=ev.get("note") or ""))


def evaluate(gold_path: Path, corpus_dir: Path, split: str = "dev") -> Report:
    return evaluate_many([gold_path], corpus_dir, split)[1]


def evaluate_many(gold_paths: list[Path], corpus_dir: Path, split: str = "dev") -> tuple[list[tuple[Path, Report]], Report]:
    """Each gold file scored on its own, and all of them together (articles are scored per file,
    so two annotators' files may share an article)."""
    from warta.analyse import analyse

    if split not in SPLITS:
        raise InputError(f"--split must be one of {', '.join(SPLITS)}, not {split!r}")
    if not gold_paths:
        raise InputError("no gold file given")
    per_file: list[tuple[Path, Report]] = []
    together = Report()
    for path in gold_paths:
        gold = [g for g in load_gold(path) if split == "all" or g.split == split]
        if not gold:
            raise InputError(f"no gold articles in split {split!r} of {path}")
        articles = load_articles(gold, corpus_dir)
        report = Report()
        for g in gold:
            analysis = analyse(articles[g.id])
            score_article(g, analysis, report)
            score_article(g, analysis, together)
        per_file.append((path, report))
    return per_file, together
