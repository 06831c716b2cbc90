"""Loaders for the Indonesian data files the stories and digest read (``src/warta/lang/id/``).

Each loader reads its file once (functools cache) and returns plain, immutable structures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from warta.lang import load_yaml


def _read(name: str) -> str:
    return resources.files("warta.lang.id").joinpath(name).read_text(encoding="utf-8")


def _yaml(name: str) -> dict[str, Any]:
    return load_yaml(_read(name)) or {}


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for line in _read(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


@dataclass(frozen=True, slots=True)
class NewsText:
    noise_paragraph: re.Pattern[str]
    noise_sentence: re.Pattern[str]
    speech_verbs: frozenset[str]
    connectors: tuple[str, ...]


@cache
def news_text() -> NewsText:
    d = _yaml("news_text.yaml")
    return NewsText(
        noise_paragraph=re.compile("|".join(f"(?:{p})" for p in d["noise_paragraph"]), re.IGNORECASE),
        noise_sentence=re.compile("|".join(f"(?:{p})" for p in d["noise_sentence"]), re.IGNORECASE),
        speech_verbs=frozenset(w.lower() for w in d["speech_verbs"]),
        connectors=tuple(sorted((c.lower() for c in d["connectors"]), key=len, reverse=True)),
    )


@dataclass(frozen=True, slots=True)
class HeadlineCase:
    lowercase_words: frozenset[str]
    acronyms: dict[str, str]  # lower-case form -> written form
    clickbait: re.Pattern[str]
    roundup: re.Pattern[str]


@cache
def headline_case() -> HeadlineCase:
    d = _yaml("headline_case.yaml")
    acr = {a.lower(): a for a in d.get("mixed_case", [])}
    acr.update({a.lower(): a for a in d["acronyms"]})
    return HeadlineCase(
        lowercase_words=frozenset(w.lower() for w in d["lowercase_words"]),
        acronyms=acr,
        clickbait=re.compile("|".join(f"(?:{p})" for p in d["clickbait"]), re.IGNORECASE),
        roundup=re.compile("|".join(f"(?:{p})" for p in d["roundup"]), re.IGNORECASE),
    )


@dataclass(frozen=True, slots=True)
class GistWords:
    leading_time: tuple[str, ...]  # longest first; weekday names included
    fronted: frozenset[str]
    not_passive: frozenset[str]
    scene_openers: tuple[str, ...]  # longest first
    anaphora: frozenset[str]
    max_words: int
    max_words_uncut: int
    cut_before: tuple[str, ...]


@cache
def gist_words() -> GistWords:
    from warta.lang.id.text import calendar

    d = _yaml("headline_case.yaml")["gist"]
    weekdays = {w.lower() for w in calendar().weekdays}
    by_length = lambda words: tuple(sorted({w.lower() for w in words}, key=len, reverse=True))  # noqa: E731
    return GistWords(leading_time=by_length([*d["leading_time"], *weekdays]),
                     fronted=frozenset(w.lower() for w in d["fronted"]),
                     not_passive=frozenset(w.lower() for w in d["not_passive"]),
                     scene_openers=by_length(d["scene_openers"]), anaphora=frozenset(d["anaphora"]),
                     max_words=int(d["max_words"]), max_words_uncut=int(d["max_words_uncut"]),
                     cut_before=by_length(d["cut_before"]))


@cache
def role_words() -> frozenset[str]:
    """Offices ("presiden", "gubernur", "menteri luar negeri"), lower case: the role words the actor
    dictionary's ``roles.tsv`` writes with a capital (kinds of people, "warga", "bocah", are written in
    lower case there). An office is written with a capital before a name ("Gubernur Guam Eddie Calvo")."""
    out = set()
    for row in _tsv("roles.tsv"):
        surface = row[0].lstrip("=").strip()
        if surface[:1].isupper():
            out.add(surface.lower())
    return frozenset(out)


@cache
def digest_wording() -> dict[str, Any]:
    return _yaml("digest.yaml")


@cache
def world_places() -> dict[str, str]:
    """Foreign place name or alias (as written) -> country key. CLDR Indonesian country names (babel)
    plus the aliases, capitals and regions of world_places.tsv, less the names it marks "-";
    Indonesia itself is left out."""
    from babel import Locale
    import pycountry

    places: dict[str, str] = {}
    for code, name in Locale("id").territories.items():
        if len(code) != 2 or not code.isalpha():
            continue  # regions such as "001" (dunia)
        country = pycountry.countries.get(alpha_2=code)
        if country is None or country.alpha_3 == "IDN":
            continue
        places[name] = country.alpha_3
        short = re.sub(r"\s*\(.*\)$", "", name)  # "Myanmar (Burma)" -> "Myanmar"
        places.setdefault(short, country.alpha_3)
    for name, key in (row[:2] for row in _tsv("world_places.tsv")):
        if key == "-":
            places.pop(name, None)
        else:
            places[name] = key
    return places


@dataclass(frozen=True, slots=True)
class WorldCue:
    cue: str
    weight: float
    kind: str


@cache
def world_cues() -> tuple[WorldCue, ...]:
    return tuple(WorldCue(r[0], float(r[1]), r[2]) for r in _tsv("world_cues.tsv"))


@cache
def summary_weights() -> dict[str, float]:
    """The sentence scorer's weights (feature -> weight), trained by scripts/train_summariser.py."""
    try:
        rows = _tsv("summary_weights.tsv")
    except FileNotFoundError:
        return {}
    return {r[0]: float(r[1]) for r in rows}
