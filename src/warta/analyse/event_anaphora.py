"""Anaphors the mention layer left unresolved, resolved from the article's earlier mentions, for
the event coder only: "mereka" -> the last actors named together ("Rusia dan China"); "kedua
negara" -> that group or else the last two countries named; "ia"/"dia" -> the last person named;
"negara itu" -> the last country named; "kelompok tersebut" -> the last group or body named. Looks
back at most ``WINDOW`` sentences."""

from __future__ import annotations

import re
from bisect import bisect_left

from dataclasses import replace
from functools import cache

from warta.model import Actor, Doc, Mention

WINDOW = 2  # sentences back, besides the current one
#: Mention rules of a country named as such (not a city or region standing in a sentence as a place).
COUNTRY_NAMES = frozenset({"gazetteer:name", "gazetteer:alias", "test-gazetteer"})
#: What may stand between two actors named together: "Rusia dan China", "AS, Inggris",
#: "Rusia dan Presiden China".
_CONJ = re.compile(r"^\s*,?\s*(?:dan|serta|maupun|&)\s+(?:[A-Z]\w*\s+){0,2}$")
_LIST_COMMA = re.compile(r"^\s*,\s*$")


def _country(m: Mention) -> str | None:
    return m.actor.country if m.actor is not None else None


def _as_country(m: Mention) -> Mention:
    """A person's mention standing for their country ("kedua negara" after "Mishustin … Li")."""
    a = m.actor
    if a is None or a.kind != "person" or not a.country:
        return m
    return replace(m, actor=Actor(name=_country_name(a.country), code=a.country, country=a.country,
                                  kind="country"))


@cache
def _country_name(key: str) -> str:
    try:
        from warta.lang.id import actors

        entry = actors.load().country(key)
    except Exception:  # noqa: BLE001 - without the dictionary the key stands for the name
        return key
    return entry.name if entry is not None else key


def _is_group(m: Mention) -> bool:
    return m.actor is not None and m.actor.kind == "group" and len(m.actor.members) >= 2


class AnaphorContext:
    def __init__(self, doc: Doc) -> None:
        self.text = doc.text
        self.mentions = sorted((m for m in doc.mentions if _country(m) or _is_group(m)), key=lambda m: m.start)
        self.ends = [m.end for m in self.mentions]
        self.sentence_start = [s.start for s in doc.sentences]
        self.quotes = [q for q in doc.quotes if q.direct and q.speaker is not None and q.speaker.country]

    def _prior(self, offset: int, sentence: int) -> list[Mention]:
        lo_sent = max(0, sentence - WINDOW)
        lo = self.sentence_start[lo_sent] if self.sentence_start else 0
        k = bisect_left(self.ends, offset + 1)
        return [m for m in self.mentions[:k] if m.start >= lo]

    def resolve(self, kind: str, offset: int, sentence: int) -> list[Mention]:
        if kind == "first_person":  # "kami", "saya" inside a direct quote: its speaker
            for q in self.quotes:
                if q.start <= offset < q.end:
                    sp = q.speaker
                    return [Mention(text=sp.text, start=sp.start, end=sp.end, sentence=sentence, label="PER",
                                    actor=Actor(name=sp.name or sp.text, code=sp.code, country=sp.country,
                                                kind="person"), rule="quote-speaker")]
            return []
        prior = self._prior(offset, sentence)
        if not prior:
            return []
        if kind == "singular":
            # "ia"/"dia" mostly continues the subject: the first person named in this sentence,
            # else in the sentence before, else the last person named.
            people = [m for m in prior if m.actor is not None and m.actor.kind == "person"]
            if not people:
                return []
            for s in (sentence, sentence - 1):
                lo = self.sentence_start[s] if 0 <= s < len(self.sentence_start) else None
                hi = self.sentence_start[s + 1] if lo is not None and s + 1 < len(self.sentence_start) else None
                if lo is None:
                    continue
                here = [m for m in people if m.start >= lo and (hi is None or m.start < hi)]
                if here:
                    return [here[0]]
            return [people[-1]]
        if kind == "speaker":
            for s in (sentence, sentence - 1):
                lo = self.sentence_start[s] if 0 <= s < len(self.sentence_start) else None
                if lo is None:
                    continue
                hi = self.sentence_start[s + 1] if s + 1 < len(self.sentence_start) else None
                here = [m for m in prior if m.start >= lo and (hi is None or m.start < hi)]
                if here:
                    return [here[0]]
            return []
        if kind == "group":  # "kelompok tersebut", "organisasi itu": the last group or body named
            for m in reversed(prior):
                a = m.actor
                if a is not None and a.country and a.kind in ("group", "organisation", "sector") and not a.members:
                    return [m]
            return []
        if kind == "country":  # "negara tersebut", "negaranya": the last country named or implied
            for m in reversed(prior):
                if m.actor is not None and m.actor.country and m.actor.kind != "group":
                    return [m]
            return []
        group = self._last_group(prior)
        if group:
            return group
        if kind == "plural":
            return self._last_pair_of_people(prior, sentence) or self._last_collective(prior, sentence)
        out: list[Mention] = []
        seen: set[str] = set()
        for m in reversed(prior):
            c = _country(m)
            if c and c not in seen:
                seen.add(c)
                out.append(_as_country(m))
                if len(out) == 2:
                    return list(reversed(out))
        return []

    def last_other(self, offset: int, sentence: int, exclude: set[str],
                   skip: frozenset[tuple[int, int]] = frozenset()) -> Mention | None:
        """The referent of an object enclitic ("Iran … mengancam akan memusnahkannya"): the
        latest actor named before ``offset`` in this sentence other than the subject (spans in
        ``skip``) — none when that one is of the subject's own countries (``exclude``: "melucuti
        Hizbullah dan mengusirnya") — else the latest actor of another country in the ``WINDOW``
        sentences before."""
        lo = self.sentence_start[sentence] if 0 <= sentence < len(self.sentence_start) else 0
        for m in reversed(self._prior(offset, sentence)):
            if (m.start, m.end) in skip or _is_group(m) or (m.label == "LOC" and m.rule not in COUNTRY_NAMES):
                continue  # a city is where, not whom ("menggelar pertemuan di Nay Pyi Taw … meneleponnya")
            c = _country(m)
            if m.start >= lo:
                return m if c and c not in exclude else None
            if c and c not in exclude:
                return m
        return None

    def _last_pair_of_people(self, prior: list[Mention], sentence: int) -> list[Mention]:
        """"Menlu A mengatakan kepada Menlu B dalam pertemuan mereka": the last two people of
        different countries named in the same sentence."""
        lo = self.sentence_start[sentence] if 0 <= sentence < len(self.sentence_start) else 0
        out: list[Mention] = []
        for m in reversed(prior):
            if m.start < lo:
                break
            if m.actor is not None and m.actor.kind == "person" and all(
                    _country(m) != _country(o) for o in out):
                out.append(m)
                if len(out) == 2:
                    return list(reversed(out))
        return []

    def _last_collective(self, prior: list[Mention], sentence: int) -> list[Mention]:
        """"diplomat Korea Utara menyebutkan, duta besar mereka diusir": the last body of people
        ("diplomat Korea Utara", "pasukan Israel"; not a place) named in this sentence."""
        lo = self.sentence_start[sentence] if 0 <= sentence < len(self.sentence_start) else 0
        for m in reversed(prior):
            if m.start < lo:
                break
            if m.actor is not None and m.actor.kind in ("sector", "group", "organisation"):
                return [m]
        return []

    def _last_group(self, prior: list[Mention]) -> list[Mention]:
        """The last actors named together, with different countries (or a group mention)."""
        for j in range(len(prior) - 1, -1, -1):
            b = prior[j]
            if _is_group(b):
                return [b]
            group = [b]
            i = j - 1
            while i >= 0:  # "A, B dan C": the last link is a conjunction, earlier ones commas
                a = prior[i]
                gap = self.text[a.end:group[0].start]
                if a.end > group[0].start or not (_CONJ if len(group) == 1 else _LIST_COMMA).match(gap):
                    break
                group.insert(0, a)
                i -= 1
            countries = {_country(m) for m in group}
            if len(countries) >= 2:
                return group
        return []
