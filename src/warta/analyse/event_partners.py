"""The unsaid side of an event: "Israel melancarkan serangan udara tambahan" in an article about
Israel and Lebanon attacks Lebanon; "China dituduh melanggar kesepakatan" after "Trump …" is accused
by the US; "Kamboja membantah tuduhan itu" answers the one who accused Cambodia.

The clause coder leaves such *half events* when a trigger names one side and the other's place is
empty (no phrase stands there that the mention layer failed to resolve). Each is completed with a
partner of another country, found — in this order, each with a confidence rule — as:

1. ``recent``: the other side of the latest event of the article, up to ``RECENT`` sentences back,
   in which the known actor's country took part;
2. ``counterpart``: the known country's main counterpart in the article — the country it is paired
   with in at least ``MIN_COUNTERPART`` of the events coded with both sides, more often than with any
   other.

A sentence that names other countries (outside place phrases: "di Gaza") in no slot of the event
is left alone: who the partner is, is then unclear (measured: guessing there costs more precision
than it gains recall).

Only events of the same leaning count as evidence: cooperation (QuadClass 1–2) for cooperation,
conflict (3–4) for conflict, and for material conflict (attacks, arrests, sanctions) only events of
the same type — Israel's partner in talks is not the country it bombs.

A half event none of these completes is dropped. The rule of a completed event says how its
partner was found (``accuse.accuse/active+partner:recent``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from warta.analyse.event_filter import scored
from warta.model import Event, Participant

RECENT = 3  # sentences back for the latest event of the known actor
MIN_COUNTERPART = 2  # events with both sides that make a country the known actor's main counterpart


@dataclass(slots=True)
class Half:
    event: Event  # the known side stands as source (missing "target") or as target (missing "source")
    missing: str
    sentence: int
    candidates: list[Participant]  # other-country actors of the sentence that may be the partner


def _country(p: Participant | None) -> str | None:
    return p.country if p is not None else None


def _partner_in(e: Event, known: str) -> Participant | None:
    """The other side of a complete event in which ``known`` took part."""
    if e.target is None:
        return None
    if e.source.country == known and e.target.country and e.target.country != known:
        return e.target
    if e.target.country == known and e.source.country and e.source.country != known:
        return e.source
    return None


def _leaning(e: Event) -> str:
    """What events count as evidence for a partner of ``e``'s kind (see the module's doc)."""
    q = e.quad_class or 0
    if q == 4:
        return e.type
    return "conflict" if q == 3 else "cooperation"


def complete(halves: list[Half], events: list[Event]) -> list[Event]:
    """The half events that a partner completes, in their order."""
    if not halves:
        return []
    full = [e for e in events if scored(e)]  # both sides known, of two countries
    by_leaning: dict[str, list[Event]] = {}
    for e in full:
        lean = _leaning(e)
        by_leaning.setdefault(lean, []).append(e)
        if lean not in ("conflict", "cooperation"):
            by_leaning.setdefault("conflict", []).append(e)  # material conflict also backs verbal
    counts: dict[tuple[str, str], Counter] = {}
    for lean, evs in by_leaning.items():
        for e in evs:
            for a, b in ((e.source.country, e.target.country), (e.target.country, e.source.country)):
                counts.setdefault((lean, a), Counter())[b] += 1  # type: ignore[index]
    out: list[Event] = []
    for h in halves:
        known = h.event.source.country if h.missing == "target" else _country(h.event.target)
        if not known:
            continue
        lean = _leaning(h.event)
        partner, how = _choose(h, known, by_leaning.get(lean, []), counts.get((lean, known)))
        if partner is None:
            continue
        e = h.event
        spans = [e.start, e.end]
        if partner.start or partner.end:
            if e.start - 400 < partner.start < e.end + 400:  # in the same stretch of text
                spans += [partner.start, partner.end]
        rule = f"{e.rule}+partner:{how}"
        if h.missing == "target":
            out.append(replace(e, target=partner, rule=rule, start=min(spans), end=max(spans)))
        else:
            out.append(replace(e, source=partner, target=e.target, rule=rule, start=min(spans), end=max(spans)))
    return out


def _choose(h: Half, known: str, full: list[Event], c: Counter | None) -> tuple[Participant | None, str]:
    if any(c.country and c.country != known for c in h.candidates):
        return None, ""
    for e in reversed(full):
        if e.sentence > h.sentence or e.sentence < h.sentence - RECENT:
            continue
        p = _partner_in(e, known)
        if p is not None:
            return p, "recent"
    if c:
        top = c.most_common(2)
        if top[0][1] >= MIN_COUNTERPART and (len(top) == 1 or top[0][1] > top[1][1]):
            country = top[0][0]
            for e in full:
                p = _partner_in(e, known)
                if p is not None and p.country == country:
                    return p, "counterpart"
    return None, ""
