"""A learned filter over coded events: how much to trust each international event.

The rules (``event_arguments``, ``event_partners``, ``event_statements``) propose events; this
module scores each report of an international event (source and target of different countries)
with a small logistic model and sets ``Event.confidence``. After repeated reports collapse into
one event (``event_merge`` keeps the highest confidence of its reports), events below the model's
threshold are dropped. Domestic events and events without a receiver are not scored
(``confidence`` stays None) and always kept.

The features say how an event was found and how it sits in its article, never which words or
countries it involves: the pattern family's PLOVER type and QuadClass, the voice (active, passive,
noun, statement), where the partner came from (the clause, an earlier event, the article's main
counterpart, an anaphor, a quote's speaker), how far the actors stand from the trigger, whether an
actor came from the dictionary or the learned NER, the kinds of the actors, hedges, commentators
and history words in the sentence (``lang/id/event_filter.yaml``), quotes, how many countries the
sentence and the article name, the position in the article, whether the headline names both
countries, how salient the two countries are in the article and how often the article reports
the same triple. The weights (``lang/id/event_filter.tsv``) are built by
``scripts/train_event_filter.py`` from the development gold only, with the threshold chosen by
cross-validation over articles.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

from warta.analyse.clauses import phrase_regex
from warta.lang import load_yaml
from warta.model import MUTUAL_TYPES, Doc, Event, Mention

Features = dict[str, float]


@dataclass(frozen=True, slots=True)
class FilterModel:
    weights: dict[str, float]
    threshold: float

    def score(self, feats: Features) -> float:
        z = self.weights.get("bias", 0.0) + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True, slots=True)
class FilterCues:
    patterns: dict[str, re.Pattern[str]]  # cue list name -> whole-word regex


@cache
def load_cues() -> FilterCues:
    text = resources.files("warta.lang.id").joinpath("event_filter.yaml").read_text(encoding="utf-8")
    data = load_yaml(text) or {}
    pats = {}
    for name, words in data.items():
        if words:
            pats[name] = phrase_regex(str(w).lower() for w in words)
    return FilterCues(pats)


def parse_weights(text: str) -> FilterModel:
    """``feature<TAB>weight`` lines (``#`` comments); the line ``threshold<TAB>x`` sets the cut."""
    weights: dict[str, float] = {}
    threshold = 0.0
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("\t")
        if name == "threshold":
            threshold = float(value)
        else:
            weights[name] = float(value)
    return FilterModel(weights, threshold)


@cache
def load_model() -> FilterModel | None:
    """The packaged model, or None when no weights file ships (every event is then kept)."""
    try:
        text = resources.files("warta.lang.id").joinpath("event_filter.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return parse_weights(text)


def scored(e: Event) -> bool:
    """Whether the filter scores this event: international, with a receiver."""
    return (e.target is not None and bool(e.source.country) and bool(e.target.country)
            and e.source.country != e.target.country)


def triple_key(e: Event) -> tuple[str, str, str]:
    s, t = e.source.country or "", e.target.country if e.target else ""
    if e.type in MUTUAL_TYPES and t < s:
        s, t = t, s
    return s, e.type, t or ""


class ArticleContext:
    """What the features need to know about the article, computed once."""

    def __init__(self, doc: Doc, events: list[Event]) -> None:
        self.doc = doc
        self.low = doc.text.lower()
        self.n_sent = max(1, len(doc.sentences))
        self.sent_starts = [s.start for s in doc.sentences]
        self.by_span: dict[tuple[int, int], Mention] = {}
        country_mentions: Counter[str] = Counter()
        surfaces: dict[str, set[str]] = {}
        self.sent_countries: dict[int, set[str]] = {}
        for m in doc.mentions:
            self.by_span.setdefault((m.start, m.end), m)
            a = m.actor
            if a is None:
                continue
            cs = [x.country for x in a.members if x.country] if a.members else ([a.country] if a.country else [])
            for c in cs:
                country_mentions[c] += 1
                self.sent_countries.setdefault(m.sentence, set()).add(c)
                if not a.members and len(m.text) >= 2:
                    surfaces.setdefault(c, set()).add(m.text.lower())
        self.country_mentions = country_mentions
        ranked = [c for c, _ in country_mentions.most_common()]
        self.rank = {c: i for i, c in enumerate(ranked)}
        self.n_countries = len(country_mentions)
        title = (doc.article.title or "").lower()
        self.has_title = bool(title)
        self.title_countries = {c for c, ss in surfaces.items()
                                if any(re.search(r"(?<!\w)%s(?!\w)" % re.escape(s), title) for s in ss)} if title else set()
        self.quotes = [(q.start, q.end, q.direct) for q in doc.quotes]
        self.triples: Counter[tuple[str, str, str]] = Counter()
        self.triple_rules: dict[tuple[str, str, str], set[str]] = {}
        self.pairs: Counter[frozenset[str]] = Counter()
        for e in events:
            if scored(e):
                k = triple_key(e)
                self.triples[k] += 1
                self.triple_rules.setdefault(k, set()).add(e.rule.split("/")[0])
                self.pairs[frozenset((e.source.country, e.target.country))] += 1  # type: ignore[union-attr]
        self.cues = load_cues()
        self._sent_cues: dict[int, set[str]] = {}

    def sentence_cues(self, i: int) -> set[str]:
        if i not in self._sent_cues:
            s = self.doc.sentences[i] if 0 <= i < len(self.doc.sentences) else None
            text = self.low[s.start:s.end] if s else ""
            self._sent_cues[i] = {name for name, p in self.cues.patterns.items() if p.search(text)}
        return self._sent_cues[i]

    def in_quote(self, at: int) -> str | None:
        for s, e, direct in self.quotes:
            if s <= at < e:
                return "direct" if direct else "reported"
        return None


def _kind(rule: str) -> str:
    """active | passive | noun | statement, from the rule id ("accuse.accuse/noun+partner:recent")."""
    tail = rule.rsplit("/", 1)[-1]
    return tail.split("+", 1)[0]


def _actor_features(ctx: ArticleContext, prefix: str, p, trigger_at: int, sentence: int, out: Features) -> None:
    if p is None:
        return
    m = ctx.by_span.get((p.start, p.end))
    if m is None or m.actor is None or m.actor.country != p.country:
        out[f"{prefix}_derived"] = 1.0  # an anaphor, a quote's speaker, a partner from elsewhere
        kind = None
    else:
        kind = m.actor.kind
        rule = (m.rule or "").split(":", 1)[0]
        out[f"{prefix}_from_{'ner' if rule == 'crf' else 'coref' if rule == 'coref' else 'dict'}"] = 1.0
    if kind:
        out[f"{prefix}_kind_{kind}"] = 1.0
    if p.start or p.end:
        si = bisect_right(ctx.sent_starts, p.start) - 1
        if si != sentence:
            out[f"{prefix}_other_sentence"] = 1.0
        else:
            out[f"{prefix}_distance"] = math.log1p(abs(p.start - trigger_at) / 10.0)
    rank = ctx.rank.get(p.country or "")
    out[f"{prefix}_rank_top2"] = 1.0 if rank is not None and rank < 2 else 0.0
    out[f"{prefix}_mentions"] = math.log1p(ctx.country_mentions.get(p.country or "", 0))


def features(ctx: ArticleContext, e: Event) -> Features:
    """The feature vector of one international event report (see the module's doc)."""
    f: Features = {}
    f[f"type_{e.type}"] = 1.0
    f[f"quad_{e.quad_class or 0}"] = 1.0
    kind = _kind(e.rule)
    f[f"kind_{kind}"] = 1.0
    if "+partner:" in e.rule:
        f[f"partner_{e.rule.rsplit('+partner:', 1)[1]}"] = 1.0
    if "+context" in e.rule:
        f["partner_context"] = 1.0
    if e.rule.startswith("threaten.intent/"):
        f["intent_threat"] = 1.0
    if e.mode:
        f["has_mode"] = 1.0
    trigger_at = e.start
    text = ctx.doc.text
    t = text.find(e.trigger, e.start, e.end + 1) if e.trigger else -1
    if t >= 0:
        trigger_at = t
    _actor_features(ctx, "src", e.source, trigger_at, e.sentence, f)
    _actor_features(ctx, "tgt", e.target, trigger_at, e.sentence, f)
    for cue in ctx.sentence_cues(e.sentence):
        f[f"cue_{cue}"] = 1.0
    q = ctx.in_quote(trigger_at)
    if q:
        f[f"quote_{q}"] = 1.0
    f["sentence_countries"] = math.log1p(len(ctx.sent_countries.get(e.sentence, ())))
    f["article_countries"] = math.log1p(ctx.n_countries)
    f["position"] = e.sentence / ctx.n_sent
    f["lead"] = 1.0 if e.sentence < 3 else 0.0
    if ctx.has_title:
        both = {e.source.country, e.target.country} <= ctx.title_countries  # type: ignore[union-attr]
        f["title_both"] = 1.0 if both else 0.0
        f["title_one"] = 1.0 if not both and ({e.source.country, e.target.country} & ctx.title_countries) else 0.0  # type: ignore[union-attr]
    else:
        f["no_title"] = 1.0
    k = triple_key(e)
    f["triple_reports"] = math.log(ctx.triples.get(k, 1))
    f["triple_rules"] = math.log(max(1, len(ctx.triple_rules.get(k, ()))))
    f["pair_reports"] = math.log1p(ctx.pairs.get(frozenset((e.source.country, e.target.country)), 0))  # type: ignore[union-attr]
    f["modality_" + e.modality] = 1.0
    if e.date and ctx.doc.published and e.date[:4].isdigit() and int(e.date[:4]) < ctx.doc.published.year - 1:
        f["date_past"] = 1.0
    return f


def score_events(doc: Doc, events: list[Event], model: FilterModel | None = None) -> None:
    """Set ``confidence`` on every international report (in place)."""
    model = model or load_model()
    if model is None:
        return
    todo = [e for e in events if scored(e)]
    if not todo:
        return
    ctx = ArticleContext(doc, events)
    for e in todo:
        e.confidence = round(model.score(features(ctx, e)), 4)


def keep(events: list[Event], model: FilterModel | None = None) -> list[Event]:
    """The events at or above the model's threshold (unscored events always stay)."""
    model = model or load_model()
    if model is None:
        return events
    return [e for e in events if e.confidence is None or e.confidence >= model.threshold]
