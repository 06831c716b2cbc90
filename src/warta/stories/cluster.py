"""Stories: articles that report the same happening, across outlets and adjacent days.

Each article becomes a TF-IDF vector of its title (counted twice), its lead (the first ~60 words after
the dateline, page furniture and the outlet's own repeated boilerplate removed) and, when it has been
analysed, its actors and event triples (``actor:RUS``, ``event:RUS>AGREE>CHN``). Candidate pairs come
from blocking — articles within ``window_days`` of each other that share at least two of their salient
terms (terms common in the batch are not salient) — so the work grows with the size of a day's news,
not with the square of the corpus. Candidate pairs are merged greedily, most similar first, with an
average-link test: two groups join only when the mean cosine similarity of all their cross pairs is at
least ``threshold`` (the sum vectors of the groups make that one dot product). Near-duplicates (cosine
near 1) always merge first.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from warta.model import Analysis, Article
from warta.stories.text import dateline_end, is_noise_paragraph, strip_title_prefix, words

#: Mean cosine two groups need to join (tuned on the dev split of tests/gold/story-pairs.jsonl).
THRESHOLD = 0.30
#: Cosine a pair of articles needs to propose that their groups merge.
LINK = 0.30
#: Articles further apart than this many days are never compared.
WINDOW_DAYS = 2
LEAD_WORDS = 60
SALIENT_TERMS = 12
MIN_SHARED_SALIENT = 2
TITLE_WEIGHT = 2
TAG_WEIGHT = 2
#: Names (capitalised inside a sentence) and numbers single out a happening better than common words.
NAME_BOOST = 1.5
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+|[A-Z]{2,})\b")


@dataclass(slots=True)
class StoryInput:
    """One article as the clusterer sees it."""

    id: str
    day: date | None
    title: str
    lead: str
    outlet: str | None = None
    tags: tuple[str, ...] = ()  # actor keys and event triples from the analysis


@cache
def _stopwords() -> frozenset[str]:
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words())


def lead_text(text: str, title: str | None, n_words: int = LEAD_WORDS * 3) -> str:
    """The start of the story: after a repeated headline and the dateline, without furniture lines."""
    start = strip_title_prefix(text, title)
    body = text[start:].lstrip()
    body = body[dateline_end(body):]
    kept: list[str] = []
    count = 0
    for para in body.split("\n"):
        if not para.strip() or is_noise_paragraph(para):
            continue
        kept.append(para.strip())
        count += len(para.split())
        if count >= n_words:
            break
    return " ".join(" ".join(kept).split()[:n_words])


def tags_of(analysis: Analysis | None) -> tuple[str, ...]:
    """Actors and event triples of an analysed article: the shared-actor and shared-event signals."""
    if analysis is None:
        return ()
    tags: set[str] = set()
    for m in analysis.entities:
        a = m.actor
        if a is not None and (a.code or a.name) and m.label in ("PER", "ORG", "GPE"):
            tags.add(f"actor:{a.code or a.name}".lower().replace(" ", "_"))
    for e in analysis.events:
        if e.modality != "asserted":
            continue
        src = e.source.country or e.source.code or e.source.name or "?"
        tgt = (e.target.country or e.target.code or e.target.name) if e.target else "-"
        tags.add(f"event:{src}>{e.type}>{tgt}".lower().replace(" ", "_"))
    return tuple(sorted(tags))


def story_input(article: Article, analysis: Analysis | None = None) -> StoryInput:
    return StoryInput(id=article.id, day=article.published, title=article.title or "",
                      lead=lead_text(article.text, article.title), outlet=article.source,
                      tags=tags_of(analysis))


# --- vectors ---------------------------------------------------------------------------------------

def _names(item: StoryInput) -> set[str]:
    """Lower-cased words the title or lead writes with a capital inside a sentence, and numbers."""
    found = {m.lower() for m in _NAME.findall(item.lead)}
    if item.title and not item.title.islower():
        found |= {m.lower() for m in _NAME.findall(item.title)}
    found |= {w for w in words(item.title + " " + item.lead) if w.isdigit() and len(w) > 1}
    return found


def _tokens(item: StoryInput, boilerplate: set[tuple[str, ...]] | None) -> list[str]:
    sw = _stopwords()
    lead = words(item.lead)
    if boilerplate:
        drop = set()
        for i in range(len(lead) - 4):
            if tuple(lead[i:i + 5]) in boilerplate:
                drop.update(range(i, i + 5))
        lead = [w for i, w in enumerate(lead) if i not in drop]
    lead = lead[:LEAD_WORDS]
    title = words(item.title)
    toks = [w for w in title for _ in range(TITLE_WEIGHT)] + lead
    toks = [w for w in toks if (len(w) > 2 and w not in sw) or (w.isdigit() and len(w) > 1)]
    return toks + [t for t in item.tags for _ in range(TAG_WEIGHT)]


def _outlet_boilerplate(items: list[StoryInput]) -> dict[str, set[tuple[str, ...]]]:
    """Five-word runs that open many of one outlet's leads: site navigation, not news."""
    by_outlet: dict[str, list[list[str]]] = defaultdict(list)
    for it in items:
        if it.outlet:
            by_outlet[it.outlet].append(words(it.lead)[:LEAD_WORDS * 2])
    out: dict[str, set[tuple[str, ...]]] = {}
    for outlet, leads in by_outlet.items():
        if len(leads) < 3:
            continue
        shingles: Counter[tuple[str, ...]] = Counter()
        for l in leads:
            shingles.update({tuple(l[i:i + 5]) for i in range(len(l) - 4)})
        limit = max(3, len(leads) // 2)
        common = {s for s, c in shingles.items() if c >= limit}
        if common:
            out[outlet] = common
    return out


@dataclass(slots=True)
class Vectors:
    vecs: list[dict[int, float]]
    vocab: dict[str, int]
    df: list[int]
    salient: list[list[int]] = field(default_factory=list)


def vectorise(items: list[StoryInput]) -> Vectors:
    boiler = _outlet_boilerplate(items)
    vocab: dict[str, int] = {}
    tfs: list[Counter[int]] = []
    boosts: list[set[int]] = []
    for it in items:
        toks = _tokens(it, boiler.get(it.outlet or ""))
        tfs.append(Counter(vocab.setdefault(t, len(vocab)) for t in toks))
        names = _names(it) | set(it.tags)  # actors and event triples weigh like names
        boosts.append({vocab[t] for t in set(toks) if t in names})
    df = [0] * len(vocab)
    for tf in tfs:
        for t in tf:
            df[t] += 1
    n = len(items)
    idf = [math.log((n + 1) / (d + 1)) + 1.0 for d in df]
    vecs = []
    for tf, boost in zip(tfs, boosts):
        v = {t: (1.0 + math.log(c)) * idf[t] * (NAME_BOOST if t in boost else 1.0) for t, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / norm for t, x in v.items()})
    max_df = max(4, int(0.05 * n))
    salient = []
    for v in vecs:
        terms = [t for t in sorted(v, key=v.__getitem__, reverse=True) if df[t] <= max_df]
        salient.append(terms[:SALIENT_TERMS])
    return Vectors(vecs, vocab, df, salient)


def cosine(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


# --- blocking and merging --------------------------------------------------------------------------

def _day_key(d: date | None) -> int | None:
    return d.toordinal() if d else None


def candidate_pairs(items: list[StoryInput], vec: Vectors, window_days: int = WINDOW_DAYS) -> set[tuple[int, int]]:
    """Pairs within the date window that share enough salient terms. Undated articles are compared
    with every article (their day is unknown), still only through shared salient terms."""
    postings: dict[int, list[int]] = defaultdict(list)
    for i, terms in enumerate(vec.salient):
        for t in terms:
            postings[t].append(i)
    days = [_day_key(it.day) for it in items]
    pairs: set[tuple[int, int]] = set()
    for i, terms in enumerate(vec.salient):
        shared: Counter[int] = Counter()
        for t in terms:
            for j in postings[t]:
                if j > i:
                    shared[j] += 1
        for j, c in shared.items():
            if c < MIN_SHARED_SALIENT:
                continue
            di, dj = days[i], days[j]
            if di is not None and dj is not None and abs(di - dj) > window_days:
                continue
            pairs.add((i, j))
    return pairs


def cluster(items: list[StoryInput], threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS,
            max_span_days: int | None = None, link: float | None = None,
            vectors: Vectors | None = None) -> list[list[int]]:
    """Group the items into stories. Returns lists of item indices, biggest story first.

    ``link`` is the similarity a pair needs to propose a merge (default: ``LINK``); ``threshold`` the mean
    similarity the two groups then need; ``vectors``: ``vectorise(items)`` when the caller has it."""
    if not items:
        return []
    link = LINK if link is None else link
    vec = vectors or vectorise(items)
    edges = []
    for i, j in candidate_pairs(items, vec, window_days):
        s = cosine(vec.vecs[i], vec.vecs[j])
        if s >= max(link, threshold):
            edges.append((s, i, j))
    edges.sort(reverse=True)
    parent = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    sums: dict[int, dict[int, float]] = {i: dict(v) for i, v in enumerate(vec.vecs)}
    span = {i: (_day_key(it.day), _day_key(it.day)) for i, it in enumerate(items)}
    max_span = max_span_days if max_span_days is not None else 2 * window_days

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s, i, j in edges:
        a, b = find(i), find(j)
        if a == b:
            continue
        lo = [d for d in (span[a][0], span[b][0]) if d is not None]
        hi = [d for d in (span[a][1], span[b][1]) if d is not None]
        if lo and hi and max(hi) - min(lo) > max_span:
            continue
        avg = cosine(sums[a], sums[b]) / (len(members[a]) * len(members[b]))
        if avg < threshold:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a] += members.pop(b)
        sa = sums[a]
        for t, x in sums.pop(b).items():
            sa[t] = sa.get(t, 0.0) + x
        span[a] = (min(lo) if lo else None, max(hi) if hi else None)
    groups = [sorted(m) for m in members.values()]
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups
