"""Pair quotation marks into quoted spans, robust to the marks real Indonesian corpora carry.

Real text mixes “typographic” and "straight" marks, uses a closing mark to open (``bantuan.” Saya``),
puts spaces on the wrong side (``… lakukan, "ujarnya``), loses a mark, and runs a quotation over
several paragraphs by opening each paragraph and closing only the last. So a mark's shape says little;
its context says more. Each mark gets a cost for being an opening and a cost for being a closing
(from the characters around it, a cue word right after it, an introducing verb or colon right before
it), and a small dynamic programme over the marks finds the cheapest consistent reading: marks
alternate open/close; a mark may be skipped (inch signs, stray marks); a quotation may be left
unclosed at a paragraph's end (the multi-paragraph convention) or close without an opening (a lost
mark: the span then starts at the sentence or paragraph start). Work is proportional to the number of
marks, not the text.

Single marks (‘ ’ and ') are mostly apostrophes (Ma’ruf, Jum'at) and nested quotes; they are paired
only outside double-quoted spans and only where the context is unambiguous.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

DOUBLE_MARKS = "\"“”„‟«»"
OPEN_SHAPES = "“„‟«"
CLOSE_SHAPES = "”»"
SINGLE_MARKS = "'‘’"

_WORD_AFTER = re.compile(r"[\s,]*([^\W\d_]+)")
_OPENERS = "([{—–-:/"  # characters after which a mark opens ("(“…”)", "kata X: “…”")
_AFTER_CLOSE = ",.;:!?)]}…"  # characters that follow a closing mark

# Costs of the dynamic programme: a reading's cost is the sum of its marks' costs and penalties.
_SKIP = 4.0           # ignore a mark
_UNOPENED = 5.0       # a closing mark with no opening
_REOPEN = 5.0         # an opening while a quotation is still open
_UNCLOSED_END = 3.0   # a quotation still open at the end of the text
_UNCLOSED_PARA = 1.0  # a quotation still open at a paragraph's end (0 when the next paragraph reopens)
_MAX_UNOPENED_SENTENCES = 3  # a lost opening reaches back at most this many sentences


@dataclass(slots=True)
class QuotedSpan:
    """A quotation: ``start``/``end`` delimit its content (without the marks); ``open``/``close`` are
    the offsets of its marks, None when the mark is missing (the span then runs from a sentence or
    paragraph start, or to the paragraph's end)."""

    start: int
    end: int
    open: int | None
    close: int | None
    single: bool = False

    @property
    def outer_start(self) -> int:
        return self.open if self.open is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


@dataclass(frozen=True, slots=True)
class MarkWords:
    """The words that decide a mark: ``cues`` right after a mark close it (“…,” kata X; “…,” ujarnya);
    ``intros`` right before it open it (X mengatakan, “…”)."""

    cues: frozenset[str]
    intros: frozenset[str]


def _costs(text: str, i: int, words: MarkWords) -> tuple[float, float, float]:
    """(open cost, close cost, skip cost) of the mark at ``i``."""
    n = len(text)
    ch = text[i]
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < n else "\n"
    space_before = before.isspace() or before in _OPENERS
    space_after = after.isspace()
    open_c, close_c, skip_c = 1.0, 1.0, _SKIP
    if space_before and not space_after:
        open_c, close_c = 0.0, 3.0          # ␣"Saya
    elif not space_before and (space_after or after in _AFTER_CLOSE):
        open_c, close_c = 2.0, 0.0          # jalan,"␣  /  jalan".   (PFSA opens with .”␣ : parity decides)
    elif not space_before and not space_after and before.isalnum() and after.isalnum():
        skip_c = 0.5                        # Ma"ruf, 5"inch: not a quotation mark
    if ch in OPEN_SHAPES:
        open_c, close_c = max(0.0, open_c - 0.5), close_c + 0.5
    elif ch in CLOSE_SHAPES:
        open_c, close_c = open_c + 0.5, max(0.0, close_c - 0.5)
    m = _WORD_AFTER.match(text, i + 1)
    if m and m.group(1).lower() in words.cues and "\n" not in text[i + 1:m.start(1)]:
        open_c, close_c = open_c + 4.0, 0.0  # “…,” kata / …, "ujarnya
    j = i
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j > 0 and text[j - 1] in ",:":
        if text[j - 1] == ":" or last_word(text, j - 1).lower() in words.intros:
            open_c, close_c = 0.0, close_c + 2.0  # X mengatakan, “…  /  kata X: “…
    return open_c, close_c, skip_c


_PUNCT = " \t\n,.:;!?()[]\"“”‘’'«»—–-/"


def last_word(text: str, end: int, limit: int = 40) -> str:
    """The word that ends at ``end`` (after skipping spaces and punctuation before it)."""
    chunk = text[max(0, end - limit):end].rstrip(_PUNCT)
    if not chunk:
        return ""
    i = max(chunk.rfind(" "), chunk.rfind("\n"), chunk.rfind("\t"))
    return chunk[i + 1:].lstrip(_PUNCT)


def _positions(text: str, chars: str) -> list[int]:
    """Offsets of any of ``chars`` in ``text``, in order (str.find per character: faster than a
    regular expression over the whole text)."""
    out: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    out.sort()
    return out


def _paragraph_of(paragraph_starts: list[int], pos: int) -> int:
    return bisect.bisect_right(paragraph_starts, pos) - 1


def find_double_spans(text: str, paragraphs: list[tuple[int, int]], sentence_starts: list[int],
                      words: MarkWords) -> list[QuotedSpan]:
    marks = _positions(text, DOUBLE_MARKS)
    if not marks:
        return []
    pstarts = [p[0] for p in paragraphs]
    costs = [_costs(text, i, words) for i in marks]
    paras = [_paragraph_of(pstarts, i) for i in marks]
    INF = float("inf")
    # best[state] = (cost, backpointer index into trail); state 0 = outside, 1 = inside a quotation.
    best = [0.0, INF]
    trail: list[tuple[int, str, int]] = []  # (previous trail index, action, mark index)
    back = [-1, -1]
    for k, (i, (oc, cc, sc)) in enumerate(zip(marks, costs)):
        if k and paras[k] != paras[k - 1] and best[1] < INF:
            # a paragraph ended inside a quotation: cheap if this paragraph reopens with a mark
            reopens = text[pstarts[paras[k]]:i].strip() == ""
            pen = 0.0 if reopens else _UNCLOSED_PARA
            cand = best[1] + pen
            if cand < best[0]:
                trail.append((back[1], "para-end", k))
                best, back = [cand, INF], [len(trail) - 1, -1]
            else:
                best, back = [best[0], INF], [back[0], -1]
        options: list[tuple[float, int, int, str]] = []  # (cost, new state, from state, action)
        if best[0] < INF:
            options += [(best[0] + oc, 1, 0, "open"), (best[0] + cc + _UNOPENED, 0, 0, "unopened"),
                        (best[0] + sc, 0, 0, "skip")]
        if best[1] < INF:
            options += [(best[1] + cc, 0, 1, "close"), (best[1] + oc + _REOPEN, 1, 1, "reopen"),
                        (best[1] + sc, 1, 1, "skip")]
        nbest, nback = [INF, INF], [-1, -1]
        for cost, new, old, action in options:
            if cost < nbest[new]:
                trail.append((back[old], action, k))
                nbest[new], nback[new] = cost, len(trail) - 1
        best, back = nbest, nback
    end_state = 0 if best[0] <= best[1] + _UNCLOSED_END else 1
    actions: list[tuple[str, int]] = []
    t = back[end_state]
    while t >= 0:
        prev, action, k = trail[t]
        actions.append((action, k))
        t = prev
    actions.reverse()

    spans: list[QuotedSpan] = []
    open_at: int | None = None  # mark offset of the open quotation
    for action, k in actions:
        i = marks[k]
        if action == "open":
            open_at = i
        elif action == "close" and open_at is not None:
            spans.append(QuotedSpan(open_at + 1, i, open_at, i))
            open_at = None
        elif action == "reopen" and open_at is not None:
            spans.append(QuotedSpan(open_at + 1, _trim_end(text, i), open_at, None))
            open_at = i
        elif action == "para-end" and open_at is not None:
            p = paragraphs[_paragraph_of(pstarts, open_at)]
            spans.append(QuotedSpan(open_at + 1, p[1], open_at, None))
            open_at = None
        elif action == "unopened":
            start = _unopened_start(text, i, marks[k - 1] + 1 if k else 0,
                                    paragraphs[paras[k]][0], sentence_starts)
            spans.append(QuotedSpan(start, i, None, i))
    if open_at is not None:
        p = paragraphs[_paragraph_of(pstarts, open_at)]
        spans.append(QuotedSpan(open_at + 1, p[1], open_at, None))
    trimmed = [_trimmed(text, s) for s in spans]
    return [s for s in trimmed if s.end > s.start]


def _trim_end(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _unopened_start(text: str, close: int, after_prev_mark: int, paragraph_start: int,
                    sentence_starts: list[int]) -> int:
    """Where a quotation whose opening mark was lost most likely began: the paragraph's start (or
    just after the previous mark), but no more than a few sentences back."""
    start = max(after_prev_mark, paragraph_start)
    k = bisect.bisect_right(sentence_starts, close) - 1
    if k >= 0:
        limit = sentence_starts[max(0, k - _MAX_UNOPENED_SENTENCES + 1)]
        start = max(start, limit)
    return start


_EDGE = frozenset(DOUBLE_MARKS + SINGLE_MARKS)


def _trimmed(text: str, s: QuotedSpan) -> QuotedSpan:
    """The content without surrounding spaces or stray marks (a skipped mark, an empty pair)."""
    a, b = s.start, s.end
    while a < b and (text[a].isspace() or text[a] in _EDGE):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in _EDGE):
        b -= 1
    if a != s.start or b != s.end:
        return QuotedSpan(a, b, s.open, s.close, s.single)
    return s


def find_single_spans(text: str, paragraphs: list[tuple[int, int]], outside: list[QuotedSpan],
                      max_len: int = 600) -> list[QuotedSpan]:
    """‘…’ and '…' quotations outside the double-quoted spans, paired only where unambiguous: an
    opening after a space before a letter, a closing after a non-space before a space or punctuation,
    never a mark between two letters (an apostrophe)."""
    spans: list[QuotedSpan] = []
    covered = [(s.outer_start, s.outer_end) for s in outside]
    pstarts = [p[0] for p in paragraphs]
    open_at: int | None = None
    cstarts = [a for a, _ in covered]
    for i in _positions(text, SINGLE_MARKS):
        k = bisect.bisect_right(cstarts, i) - 1
        if k >= 0 and i < covered[k][1]:
            continue
        mark = text[i]
        before = text[i - 1] if i else "\n"
        after = text[i + 1] if i + 1 < len(text) else "\n"
        if before.isalnum() and after.isalnum():
            continue  # apostrophe
        if open_at is not None and (_paragraph_of(pstarts, open_at) != _paragraph_of(pstarts, i)
                                    or i - open_at > max_len):
            open_at = None
        is_open = (before.isspace() or before in _OPENERS) and after.isalnum() and mark != "’"
        is_close = not before.isspace() and (after.isspace() or after in _AFTER_CLOSE) and mark != "‘"
        if open_at is None and is_open:
            open_at = i
        elif open_at is not None and is_close:
            s = _trimmed(text, QuotedSpan(open_at + 1, i, open_at, i, single=True))
            if s.end > s.start:
                spans.append(s)
            open_at = None
    return spans
