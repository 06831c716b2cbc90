"""An event's evidence as a reader sees it: the sentence(s) it was coded from, with source, trigger
and target marked.

Offsets come from the store (characters into ``articles.text``). The trigger is stored as words
("menandatangani serangkaian perjanjian"), so it is located inside the event's span, then inside its
sentence: as one phrase when it is written so, else word by word in order.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Sequence

from markupsafe import Markup

from warta.api.marks import Span, render

SentenceSpans = Sequence[Sequence[int]]  # [[start, end, paragraph], …] as analyses.sentences holds
_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)


def sentence_of(sentences: SentenceSpans, offset: int) -> int | None:
    """Index of the sentence holding ``offset`` (None when no sentence does)."""
    starts = [s[0] for s in sentences]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i][0] <= offset < max(sentences[i][1], sentences[i][0] + 1):
        return i
    return None


def _phrase(text: str, lo: int, hi: int, words: list[str]) -> list[tuple[int, int]]:
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)"
    m = re.compile(pattern, re.IGNORECASE).search(text, lo, hi)
    return [(m.start(), m.end())] if m else []


def _words_in_order(text: str, lo: int, hi: int, words: list[str]) -> list[tuple[int, int]]:
    found, pos = [], lo
    for w in words:
        m = re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)", re.IGNORECASE).search(text, pos, hi)
        if m:
            found.append((m.start(), m.end()))
            pos = m.end()
    return found


def trigger_spans(text: str, trigger: str | None, windows: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the trigger words stand: the first window (narrowest first) that holds them."""
    words = _WORD.findall(trigger or "")
    if not words:
        return []
    for lo, hi in windows:
        lo, hi = max(0, lo), min(len(text), hi)
        if lo >= hi:
            continue
        spans = _phrase(text, lo, hi, words) or _words_in_order(text, lo, hi, words)
        if spans:
            return spans
    return []


def _party_ok(text: str, start: int | None, end: int | None) -> bool:
    return start is not None and end is not None and 0 <= start < end <= len(text)


def event_spans(text: str, sentences: SentenceSpans, ev: dict[str, Any], with_ids: bool = False) -> list[Span]:
    """Source, target and trigger of one stored event as marks (``ev``: a row of queries.list_events)."""
    spans: list[Span] = []
    if _party_ok(text, ev.get("src_start"), ev.get("src_end")):
        spans.append(Span(ev["src_start"], ev["src_end"], "src",
                          title=f"sumber: {ev.get('src_name') or ev.get('src_text')} ({ev.get('src_code') or '?'})"))
    if _party_ok(text, ev.get("tgt_start"), ev.get("tgt_end")):
        spans.append(Span(ev["tgt_start"], ev["tgt_end"], "tgt",
                          title=f"sasaran: {ev.get('tgt_name') or ev.get('tgt_text')} ({ev.get('tgt_code') or '?'})"))
    windows = []
    if _party_ok(text, ev.get("start_char"), ev.get("end_char")):
        windows.append((ev["start_char"], ev["end_char"]))
    s = ev.get("sentence")
    if s is not None and 0 <= s < len(sentences):
        windows.append((sentences[s][0], sentences[s][1]))
    for i, (start, end) in enumerate(trigger_spans(text, ev.get("trigger"), windows)):
        spans.append(Span(start, end, "trg", title=f"pemicu · {ev.get('type')} · aturan {ev.get('rule')}",
                          id=f"ev-{ev['idx']}" if with_ids and i == 0 else None))
    return spans


def evidence_ranges(text: str, sentences: SentenceSpans, ev: dict[str, Any]) -> list[tuple[int, int]]:
    """The sentences that hold the event and its actors, merged where they touch."""
    anchors = [ev.get("start_char"), ev.get("src_start"), ev.get("tgt_start")]
    chosen: set[int] = set()
    s = ev.get("sentence")
    if s is not None and 0 <= s < len(sentences):
        chosen.add(s)
    for off in anchors:
        if off is not None and 0 <= off < len(text):
            i = sentence_of(sentences, off)
            if i is not None:
                chosen.add(i)
    if not chosen:
        # No sentence spans stored: fall back to the event's own span widened to its actors.
        points = [p for p in (ev.get("start_char"), ev.get("end_char"), ev.get("src_start"), ev.get("src_end"),
                              ev.get("tgt_start"), ev.get("tgt_end")) if p is not None and 0 <= p <= len(text)]
        return [(min(points), max(points))] if points else []
    ranges: list[list[int]] = []
    for i in sorted(chosen):
        start, end = sentences[i][0], sentences[i][1]
        if ranges and i - 1 in chosen and ranges[-1][1] <= start:
            ranges[-1][1] = end
        else:
            ranges.append([start, end])
    return [(a, b) for a, b in ranges]


def evidence_html(text: str, sentences: SentenceSpans, ev: dict[str, Any]) -> Markup:
    """The evidence sentence(s) of an event with source, target and trigger marked; sentences that
    are not adjacent are joined with " … "."""
    spans = event_spans(text, sentences, ev)
    parts = [render(text, spans, lo, hi) for lo, hi in evidence_ranges(text, sentences, ev)]
    return Markup(" <span class=\"gap\">…</span> ").join(parts)


def evidence_text(text: str, sentences: SentenceSpans, ev: dict[str, Any]) -> str:
    return " … ".join(text[lo:hi] for lo, hi in evidence_ranges(text, sentences, ev))
