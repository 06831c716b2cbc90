"""Is it world news ("Dunia")? Foreign affairs, and Indonesia's relations with other countries.

An article scores points for foreign places (CLDR country names in Indonesian plus the capitals, regions
and aliases of ``lang/id/world_places.tsv``) and for the cues of ``lang/id/world_cues.tsv`` (diplomacy,
conflict; negative cues for sport, entertainment and gadgets), weighted by where they stand — title ×3,
lead ×1.5, body a little — plus a foreign dateline, and, once the article is analysed, its events with a
foreign party and the foreign actors in its lead. The verdict keeps its reasons, so an editor can see
why a story was (not) taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import ahocorasick

from warta.model import Analysis
from warta.stories.langdata import world_cues, world_places
from warta.stories.text import after_dateline

HOME = "IDN"
#: Score from which an article counts as world news.
WORLD_THRESHOLD = 3.0
LEAD_CHARS = 400
_WORDCHAR = re.compile(r"\w")


@dataclass(slots=True)
class WorldVerdict:
    score: float
    is_world: bool
    countries: list[str] = field(default_factory=list)  # foreign country keys, most prominent first
    reasons: list[str] = field(default_factory=list)


@cache
def _place_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for name, key in world_places().items():
        auto.add_word(name, (name, key))
    auto.make_automaton()
    return auto


@cache
def _lower_place_automaton() -> ahocorasick.Automaton:
    """For titles rebuilt from URL slugs (all lower case)."""
    auto = ahocorasick.Automaton()
    for name, key in world_places().items():
        auto.add_word(name.lower(), (name, key))
    auto.make_automaton()
    return auto


@cache
def _cue_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for cue in world_cues():
        auto.add_word(cue.cue.lower(), cue)
    auto.make_automaton()
    return auto


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _WORDCHAR.match(before) and not _WORDCHAR.match(after)


def find_places(text: str, lower: bool = False) -> list[tuple[int, int, str, str]]:
    """(start, end, name, country key) of foreign places, longest match at each position.
    ``lower``: the text is all lower case (a slug title), match names case-insensitively."""
    hits = []
    auto = _lower_place_automaton() if lower else _place_automaton()
    for end_idx, (name, key) in auto.iter(text):
        start = end_idx - len(name) + 1
        if _bounded(text, start, end_idx + 1):
            hits.append((start, end_idx + 1, name, key))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out, last_end = [], -1
    for h in hits:
        if h[0] >= last_end:
            out.append(h)
            last_end = h[1]
    return out


def find_cues(text: str):
    low = text.lower()
    seen = {}
    for end_idx, cue in _cue_automaton().iter(low):
        start = end_idx - len(cue.cue) + 1
        if _bounded(low, start, end_idx + 1):
            seen[cue.cue] = cue
    return list(seen.values())


def judge(title: str | None, text: str, analysis: Analysis | None = None) -> WorldVerdict:
    from warta.analyse.segment import dateline as find_dateline

    title = title or ""
    found = find_dateline(text)
    body_start = after_dateline(text, found)
    dateline = text[found.start:found.end] if found else ""
    lead = text[body_start:body_start + LEAD_CHARS]
    body = text[body_start + LEAD_CHARS:]
    score = 0.0
    reasons: list[str] = []
    weight_by_country: dict[str, float] = {}

    def places(part: str, each: float, cap: float, label: str) -> None:
        nonlocal score
        keys: dict[str, str] = {}
        for _, _, name, key in find_places(part, lower=part.islower()):
            if key != HOME:
                keys.setdefault(key, name)
        gained = min(each * len(keys), cap)
        if gained:
            score += gained
            reasons.append(f"{label}: {', '.join(keys.values())} (+{gained:.1f})")
            for k in keys:
                weight_by_country[k] = weight_by_country.get(k, 0.0) + each

    places(title, 3.0, 6.0, "foreign place in title")
    places(lead, 1.5, 3.0, "foreign place in lead")
    places(body, 0.3, 1.2, "foreign places in body")
    if dateline and find_places(dateline.lower(), lower=True):
        score += 2.0
        reasons.append(f"foreign dateline {dateline.strip(' -–—')!r} (+2.0)")

    # World cues count once per part (the body's are capped); another desk's cues count once per
    # article, where they first appear, and are not capped: many of them mean a sports or showbiz piece.
    desk: dict[str, float] = {}
    for part, factor, cap, label in ((title, 2.0, None, "title"), (lead, 1.0, None, "lead"),
                                     (body, 0.2, 1.5, "body")):
        cues = find_cues(part)
        world = [c for c in cues if c.weight > 0]
        total = sum(c.weight * factor for c in world)
        if cap is not None:
            total = min(total, cap)
        if world:
            score += total
            reasons.append(f"{label} cues: {', '.join(c.cue for c in world)} ({total:+.1f})")
        for c in cues:
            if c.weight < 0 and c.cue not in desk:
                desk[c.cue] = c.weight * (2.0 if factor == 2.0 else 1.0 if factor == 1.0 else 0.5)
    if desk:
        score += sum(desk.values())
        reasons.append(f"another desk's cues: {', '.join(desk)} ({sum(desk.values()):+.1f})")

    if analysis is not None:
        foreign_events = {(e.source.country, e.type, e.target.country if e.target else None)
                          for e in analysis.events if e.modality == "asserted"
                          and any(c and c != HOME for c in (e.source.country, e.target.country if e.target else None))}
        if foreign_events:
            gained = min(1.0 * len(foreign_events), 3.0)
            score += gained
            reasons.append(f"events with a foreign party: {len(foreign_events)} (+{gained:.1f})")
            for src, _, tgt in foreign_events:
                for c in (src, tgt):
                    if c and c != HOME:
                        weight_by_country[c] = weight_by_country.get(c, 0.0) + 1.0
        lead_actors = {m.actor.country for m in analysis.entities
                       if m.sentence <= 2 and m.actor and m.actor.country and m.actor.country != HOME}
        if lead_actors:
            gained = min(0.5 * len(lead_actors), 1.5)
            score += gained
            reasons.append(f"foreign actors in the lead: {', '.join(sorted(lead_actors))} (+{gained:.1f})")
    countries = sorted(weight_by_country, key=lambda k: -weight_by_country[k])
    return WorldVerdict(score=round(score, 2), is_world=score >= WORLD_THRESHOLD, countries=countries,
                        reasons=reasons)
