"""The "Top N Dunia" digest: a day's articles → stories → world filter → ranked → summarised.

Pure functions over records (``Article`` with an optional ``Analysis``); ``warta.stories.store`` feeds
them from the DuckDB store and writes the stories back. A story belongs to the day when at least one of
its articles was published that day; its articles may reach back ``window_days`` (adjacent days).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from warta.model import Analysis, Article, Quote, Story
from warta.stories import headline as hl
from warta.stories.cluster import (THRESHOLD, WINDOW_DAYS, StoryInput, Vectors, cluster, cosine,
                                   story_input, vectorise, _stopwords)
from warta.stories.rank import PastStory, StoryFacts, rank
from warta.stories.summarise import Candidate, attribution_after, candidates, strong_quote, summarise
from warta.stories.gist import choose_gist
from warta.stories.text import clean_url, looks_retokenised, tidy, words
from warta.stories.world import HOME, judge

#: Words of summary per story in the digest (IndoSum references are ~60; a digest item is longer).
DIGEST_WORDS = 85
MAX_SENTENCES = 5
MAX_PARAGRAPHS = 4


@dataclass(slots=True)
class Item:
    """An article and, when it has been analysed, its analysis."""

    article: Article
    analysis: Analysis | None = None
    syndicated: list[str] = field(default_factory=list)  # outlets of near-duplicate copies


@dataclass(slots=True)
class Digest:
    day: date
    top: int
    stories: list[Story]  # the top stories, best first
    world_stories: int  # world stories of the day before cutting to ``top``
    stories_total: int  # all stories of the day
    articles: int  # articles published on the day
    all_stories: list[Story] = field(default_factory=list)  # every story of the day (persisted)
    lineup: list[Story] = field(default_factory=list)  # the digest of any length: world stories, best
    #                                                    first, twins left out (``stories`` is its head)

    def to_dict(self) -> dict[str, Any]:
        from warta.stories.render import edition_date, intro

        return {
            "edition": f"Top {len(self.stories)} Dunia", "date": self.day.isoformat(),
            "edition_date": edition_date(self.day), "intro": intro(self) if self.stories else None,
            "top": self.top, "articles": self.articles, "stories_total": self.stories_total,
            "world_stories": self.world_stories,
            "stories": [{"rank": i + 1, **s.to_dict()} for i, s in enumerate(self.stories)],
        }


def story_id(day: date, article_ids: list[str]) -> str:
    h = hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:10]
    return f"s{day:%Y%m%d}-{h}"


def _centre(inputs: list[StoryInput], members: list[int]) -> Counter[str]:
    sw = _stopwords()
    c: Counter[str] = Counter()
    for i in members:
        c.update({w for w in words(inputs[i].title + " " + inputs[i].lead[:400]) if len(w) > 2 and w not in sw})
    return c


def _representative(items: list[Item], members: list[int], vec: Vectors, day: date) -> int:
    """The member closest to the story's centre, preferring the day's own, well-formed articles."""
    centroid: dict[int, float] = {}
    for i in members:
        for t, x in vec.vecs[i].items():
            centroid[t] = centroid.get(t, 0.0) + x

    def value(i: int) -> float:
        a = items[i].article
        v = cosine(vec.vecs[i], centroid) / len(members)
        v += 0.3 if a.published == day else 0.0
        v += min(len(a.text) / 3000, 0.3)
        v -= 0.15 * hl.headline_penalty(a.title or "")
        return v

    return max(members, key=value)


def _paragraphs(chosen: list[Candidate], quote: Candidate | None, retokenised: bool,
                quote_tail: Candidate | None = None) -> list[str]:
    """2–4 paragraphs, as digest items are laid out: the lead (joined with the next sentence when it
    is short), a direct quote on its own (with the sentence that attributes it, when that comes
    after it), the other sentences one or two to a paragraph."""
    paras: list[tuple[list[str], bool]] = []  # (sentences, is the quote)
    for c in chosen:
        text, is_quote = tidy(c.text, retokenised), c is quote
        if c is quote_tail and paras and paras[-1][1]:
            paras[-1][0].append(text)
            continue
        if not paras or is_quote or paras[-1][1]:
            paras.append(([text], is_quote))
            continue
        sents = paras[-1][0]
        n_words = sum(len(x.split()) for x in sents)
        if len(paras) == 1:
            joins = n_words < 20  # a short lead takes the next sentence along
        else:
            joins = len(sents) < 2 and n_words + len(text.split()) <= 60
        if joins:
            sents.append(text)
        else:
            paras.append(([text], False))
    while len(paras) > MAX_PARAGRAPHS:
        last, _ = paras.pop()
        paras[-1][0].extend(last)
    return [" ".join(p) for p, _ in paras]


def make_story(items: list[Item], members: list[int], inputs: list[StoryInput], vec: Vectors,
               day: date) -> tuple[Story, StoryFacts]:
    """A story of ``members``: world verdict, headline, and — for world stories, the only ones a digest
    shows — summary paragraphs, quote and gist (other stories keep their headline only: cheap)."""
    arts = [items[i].article for i in members]
    verdicts = [judge(items[i].article.title, items[i].article.text, items[i].analysis) for i in members]
    world_score = sum(v.score for v in verdicts) / len(verdicts)
    roundup = all(hl.is_roundup(a.title) for a in arts)
    is_world = world_score >= 3.0 and sum(v.is_world for v in verdicts) * 2 >= len(verdicts) and not roundup
    rep_i = _representative(items, members, vec, day)
    rep, rep_an = items[rep_i].article, items[rep_i].analysis
    texts = [a.text for a in arts]
    title = hl.choose_title([a.title or "" for a in arts], _centre(inputs, members), prefer=rep.title)
    evidence = hl.case_evidence(texts, only=hl.headline_words(title))
    headline = hl.title_case(title, texts, evidence=evidence) if title else ""
    paragraphs: list[str] = []
    quote, quote_article, chosen, quote_tail = None, rep, [], None
    if is_world:
        summary = summarise(rep.text, rep.title, rep_an.sentences if rep_an else None,
                            rep_an.quotes if rep_an else None, max_words=DIGEST_WORDS,
                            max_sentences=MAX_SENTENCES, keep_quote=True)
        chosen, quote, quote_tail = list(summary.chosen), summary.quote, summary.quote_tail
        if quote is None:  # a strong quote from another outlet's article, kept whole with its attribution
            for i in sorted(members, key=lambda i: items[i].article.published != day):
                if i == rep_i:
                    continue
                a, an = items[i].article, items[i].analysis
                cands = candidates(a.text, a.title, an.sentences if an else None)
                q = strong_quote(cands, an.quotes if an else None)
                if q is not None:
                    quote, quote_article = q, a
                    quote_tail = attribution_after(cands, q)
                    chosen += [q] + ([quote_tail] if quote_tail else [])
                    break
        retok = any(looks_retokenised(a.text) for a in (rep, quote_article))
        paragraphs = _paragraphs(chosen, quote, retok, quote_tail)
    if not headline:
        headline = paragraphs[0].split(". ")[0] if paragraphs else (rep.title or rep.id)
    country_weight: Counter[str] = Counter()
    for v in verdicts:
        for rank_, c in enumerate(v.countries[:5]):
            country_weight[c] += 1.0 / (1 + rank_)
    today = [i for i in members if items[i].article.published == day]
    outlets = list(dict.fromkeys(a.source for a in arts if a.source))
    goldstein, triples = [], set()
    for i in members:
        an = items[i].analysis
        for e in an.events if an else []:
            tgt = e.target.country if e.target else None
            if e.modality == "asserted" and any(c and c != HOME for c in (e.source.country, tgt)):
                if e.goldstein is not None:
                    goldstein.append(e.goldstein)
                triples.add((e.source.country, e.type, tgt))
    gist_text = ""
    if is_world:
        prose = [tidy(c.text, retok) for c in chosen if c is not quote and c is not quote_tail]
        gist_evidence = hl.case_evidence(texts, only=hl.headline_words(" ".join([headline, *prose[:3]])))
        gist_text = choose_gist(headline, prose, gist_evidence, from_slug=title.islower())
    story = Story(
        id=story_id(day, [a.id for a in arts]), day=day, article_ids=[a.id for a in arts],
        headline=headline, summary=paragraphs, gist=gist_text,
        url=clean_url(rep.url or next((a.url for a in arts if a.url), None)), outlets=outlets,
        quote=_quote_record(quote, quote_article, items) if quote else None,
        quote_article_id=quote_article.id if quote else None,
        countries=[c for c, _ in country_weight.most_common()], is_world=is_world, best_article_id=rep.id,
        reasons=[f"{items[members[k]].article.id}: " + "; ".join(v.reasons) for k, v in enumerate(verdicts[:3])]
        + (["a round-up of other stories, not a story of its own"] if roundup else []),
    )
    facts = StoryFacts(
        articles_today=len(today),
        outlets_today=len({items[i].article.source for i in today if items[i].article.source}
                          | {o for i in today for o in items[i].syndicated}),
        syndicated=sum(len(items[i].syndicated) for i in today), goldstein=goldstein, triples=len(triples),
        world_score=world_score, title_words=frozenset(_title_words(headline)))
    return story, facts


def _title_words(headline: str) -> set[str]:
    sw = _stopwords()
    return {w for w in words(headline) if len(w) > 2 and w not in sw}


def _quote_record(c: Candidate, article: Article, items: list[Item]) -> Quote:
    an = next((it.analysis for it in items if it.article.id == article.id), None)
    known = next((q for q in (an.quotes if an else []) if q.direct and q.sentence == c.sentence.index), None)
    if known is not None:
        return known
    return Quote(text=c.text, start=c.sentence.start, end=c.sentence.end, direct=True, cue=None,
                 speaker=None, sentence=c.sentence.index, rule=f"digest:strong-quote:{article.id}")


def build_stories(items: list[Item], day: date, window_days: int = WINDOW_DAYS,
                  threshold: float = THRESHOLD) -> tuple[list[Story], dict[str, StoryFacts]]:
    """The stories of ``day``: clusters of ``items`` (which may reach back ``window_days``) with at
    least one article published on ``day``."""
    start = day - timedelta(days=window_days)
    items = [it for it in items if it.article.published and start <= it.article.published <= day]
    inputs = [story_input(it.article, it.analysis) for it in items]
    vec = vectorise(inputs)
    groups = cluster(inputs, threshold=threshold, window_days=window_days, vectors=vec)
    stories, facts = [], {}
    for members in groups:
        if not any(items[i].article.published == day for i in members):
            continue
        s, f = make_story(items, members, inputs, vec, day)
        stories.append(s)
        facts[s.id] = f
    return stories, facts


def country_shares(items: list[Item]) -> dict[str, float]:
    """Share of the window's articles that mention each foreign country (title or lead places, or
    analysed actors) — how prominent a country is in the news of these days."""
    from warta.stories.world import find_places

    counts: Counter[str] = Counter()
    for it in items:
        a = it.article
        found = {k for _, _, _, k in find_places((a.title or "") + "\n" + a.text[:600], lower=False)}
        if it.analysis:
            found |= {m.actor.country for m in it.analysis.entities if m.actor and m.actor.country}
        counts.update(found - {HOME, None})
    n = max(len(items), 1)
    return {c: k / n for c, k in counts.items()}


def make_digest(items: list[Item], day: date, top: int = 3, past: list[PastStory] | None = None,
                window_days: int = WINDOW_DAYS) -> Digest:
    """Cluster, filter, rank and summarise: the digest of ``day`` from ``items`` (that day and the
    ``window_days`` before it). ``past``: stories of earlier days, for novelty."""
    stories, facts = build_stories(items, day, window_days)
    shares = country_shares(items)
    ranked = rank(stories, facts, shares, past or [])
    world = [s for s in ranked if s.is_world]
    lineup: list[Story] = []
    for s in world:  # no story twice: a story too close to a chosen one is the same one split by clustering
        twin = next((c for c in lineup if _same_story(s, c, facts)), None)
        if twin is not None:
            twin.reasons.append(f"also told by story {s.id} ({s.headline!r}), left out of the digest")
            s.reasons.append(f"the same happening as story {twin.id} ({twin.headline!r}), left out of the digest")
            continue
        lineup.append(s)
    return Digest(day=day, top=top, stories=lineup[:top], world_stories=len(world), stories_total=len(ranked),
                  articles=sum(1 for it in items if it.article.published == day), all_stories=ranked,
                  lineup=lineup)


def _same_story(a: Story, b: Story, facts: dict[str, StoryFacts]) -> bool:
    """Headlines sharing half their content words, or summaries sharing most of their names."""
    wa, wb = _title_words(a.headline), _title_words(b.headline)
    if wa and wb and len(wa & wb) / min(len(wa), len(wb)) >= 0.5:
        return True
    na, nb = _names(" ".join(a.summary)), _names(" ".join(b.summary))
    return len(na) >= 3 and len(nb) >= 3 and len(na & nb) / min(len(na), len(nb)) >= 0.6


_NAME_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


def _names(text: str) -> set[str]:
    return set(_NAME_WORD.findall(text))


def past_from(stories: list[Story], facts: dict[str, StoryFacts] | None = None) -> list[PastStory]:
    return [PastStory(id=s.id, day=s.day, article_ids=frozenset(s.article_ids),
                      title_words=frozenset(_title_words(s.headline)),
                      articles=(facts[s.id].articles_today if facts and s.id in facts else len(s.article_ids)),
                      headline=s.headline) for s in stories]
