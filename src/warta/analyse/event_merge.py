"""One article reports the same event many times; keep it once, with a mention count.

Two coded events are the same when they have the same type, modality and actors (by country key;
either order for the mutual types AGREE/CONSULT/COOPERATE) and dates that agree (equal, one unknown,
or one inside the other: 2022-02 and 2022). The first report's evidence is kept; a later report
fills a missing location and sharpens the date; the event's confidence is the highest of its
reports' (event_filter). Events of a ``confirm: pair`` pattern (context-
dependent wording, e.g. "mengirim tentara ke X" as invasion) survive only when another pattern
reports the same type between the same actors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from warta.model import MUTUAL_TYPES, Event

Key = tuple[str, str, str, str | None]


def actor_key(e: Event, which: str) -> str | None:
    p = e.source if which == "source" else e.target
    if p is None:
        return None
    return p.country or p.name


def pair_key(e: Event) -> tuple[str, str, str | None]:
    s, t = actor_key(e, "source") or "", actor_key(e, "target")
    if e.type in MUTUAL_TYPES and t is not None and t < s:
        s, t = t, s
    return e.type, s, t


def dates_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def confirm_pairs(events: list[Event], confirm_by: dict[str, tuple[str, ...]],
                  recode: Callable[[Event], Event | None] | None = None) -> list[Event]:
    """Events of a pattern in ``confirm_by`` stand only when one of the patterns it lists reports
    the same type between the same actors in the article; otherwise ``recode`` gives what to code
    them as (None: drop)."""
    if not confirm_by:
        return events
    by_rule: dict[str, set] = {}
    for e in events:
        by_rule.setdefault(e.rule.split("/")[0], set()).add(pair_key(e))
    out = []
    for e in events:
        needs = confirm_by.get(e.rule.split("/")[0])
        if needs and not any(pair_key(e) in by_rule.get(r, ()) for r in needs):
            other = recode(e) if recode else None
            if other is not None:
                out.append(other)
            continue
        out.append(e)
    return out


def _max(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


def collapse(events: list[Event]) -> list[Event]:
    """One event per reported happening. The evidence kept is the first report's, unless a later
    one states the date more precisely (the report that dates it is the best evidence of it)."""
    kept: list[Event] = []
    by_key: dict[tuple, list[int]] = {}
    for e in events:
        key = (*pair_key(e), e.modality)
        i = next((i for i in by_key.get(key, ()) if dates_agree(kept[i].date, e.date)), None)
        if i is None:
            by_key.setdefault(key, []).append(len(kept))
            kept.append(e)
            continue
        same = kept[i]
        conf = _max(same.confidence, e.confidence)
        if e.date and (same.date is None or len(e.date) > len(same.date)):
            kept[i] = replace(e, mentions=same.mentions + e.mentions, location=e.location or same.location,
                              confidence=conf)
        else:
            same.mentions += e.mentions
            same.location = same.location or e.location
            same.confidence = conf
    return kept
