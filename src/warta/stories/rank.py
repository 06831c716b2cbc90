"""Ranking a day's world stories: coverage, the weight of their events, and novelty.

score = coverage (articles today, distinct outlets — syndicated copies count as coverage)
      + event weight (largest |Goldstein| among the story's asserted events, and how many distinct
        international (source, type, target) triples it reports)
      + prominence of its countries (how much of the window's news mentions them)
      + a little of its world-news score,
then halved when the story only continues one already told on an earlier day without growing.
Every part is kept in ``Story.score_parts`` so the order can be explained.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from warta.model import Story

CONTINUATION_FACTOR = 0.5
TITLE_OVERLAP = 0.5


@dataclass(slots=True)
class StoryFacts:
    """What ranking needs to know about a story, beyond the Story record."""

    articles_today: int
    outlets_today: int
    syndicated: int = 0  # near-duplicate copies recorded at ingest
    goldstein: list[float] = field(default_factory=list)  # of asserted events with a foreign party
    triples: int = 0  # distinct (source country, type, target country)
    world_score: float = 0.0
    title_words: frozenset[str] = frozenset()


@dataclass(slots=True)
class PastStory:
    """A story told on an earlier day, for novelty."""

    id: str
    day: object
    article_ids: frozenset[str]
    title_words: frozenset[str]
    articles: int
    headline: str = ""


def prominence(countries: list[str], country_share: dict[str, float]) -> float:
    """Up to three of the story's countries, each weighted by the share of the window's articles that
    mention it (a story about the powers everyone writes about outranks an obscure one)."""
    return sum(math.sqrt(country_share.get(c, 0.0)) for c in countries[:3])


def _continues(story: Story, facts: StoryFacts, past: PastStory) -> bool:
    if past.article_ids & set(story.article_ids):
        return True
    a, b = facts.title_words, past.title_words
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= TITLE_OVERLAP


def score_story(story: Story, facts: StoryFacts, country_share: dict[str, float],
                past: list[PastStory]) -> None:
    parts = {
        "articles": round(1.0 * math.log2(1 + facts.articles_today + 0.5 * facts.syndicated), 3),
        "outlets": round(1.5 * math.log2(1 + facts.outlets_today), 3),
        "events": round(1.5 * max((abs(g) for g in facts.goldstein), default=0.0) / 10.0
                        + min(0.2 * facts.triples, 0.6), 3),
        "prominence": round(prominence(story.countries, country_share), 3),
        "world": round(0.05 * min(facts.world_score, 10.0), 3),
    }
    total = sum(parts.values())
    for p in past:
        if _continues(story, facts, p):
            if facts.articles_today > p.articles:
                story.reasons.append(f"continues the story of {p.day} ({p.headline!r}) and grew "
                                     f"({p.articles} → {facts.articles_today} articles)")
            else:
                parts["novelty"] = round(-(1 - CONTINUATION_FACTOR) * total, 3)
                total *= CONTINUATION_FACTOR
                story.reasons.append(f"continues the story of {p.day} ({p.headline!r}) without growing")
            break
    story.score_parts = parts
    story.score = round(total, 3)


def rank(stories: list[Story], facts: dict[str, StoryFacts], country_share: dict[str, float],
         past: list[PastStory]) -> list[Story]:
    for s in stories:
        score_story(s, facts[s.id], country_share, past)
    return sorted(stories, key=lambda s: (-s.score, -len(s.article_ids), s.id))
