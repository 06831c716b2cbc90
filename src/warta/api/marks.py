"""Text with marked spans as safe HTML.

Spans come from character offsets into ``articles.text`` and may nest (an entity inside a quote) or
overlap (a trigger that runs into an actor). Text is escaped piece by piece and tags are opened and
closed in a proper nesting: where two spans cross, the inner one is closed and re-opened (the
re-opened part carries the class but not the ``id``, so ids stay unique).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from markupsafe import Markup, escape

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    cls: str
    title: str | None = None
    id: str | None = None
    tag: str = "mark"
    data: tuple[tuple[str, str], ...] = ()


def _open(span: Span, first: bool) -> str:
    attrs = [f'class="{escape(span.cls)}"']
    if span.id and first:
        attrs.append(f'id="{escape(span.id)}"')
    if span.title:
        attrs.append(f'title="{escape(span.title)}"')
    attrs.extend(f'data-{escape(k)}="{escape(v)}"' for k, v in span.data)
    return f"<{span.tag} {' '.join(attrs)}>"


def _close(span: Span) -> str:
    return f"</{span.tag}>"


def render(text: str, spans: Iterable[Span], lo: int = 0, hi: int | None = None,
           ids_written: set[str] | None = None) -> Markup:
    """``text[lo:hi]`` escaped, with every span (clipped to the range) wrapped in its tag.

    ``ids_written`` (shared across calls that render parts of one page) keeps each id to its
    first tag."""
    ids_written = set() if ids_written is None else ids_written
    hi = len(text) if hi is None else min(hi, len(text))
    lo = max(0, lo)
    clipped = []
    for order, s in enumerate(spans):
        start, end = max(s.start, lo), min(s.end, hi)
        if start < end:
            clipped.append((start, end, order, s))
    # Outer spans first: earlier start, then longer, then the order given.
    clipped.sort(key=lambda c: (c[0], -c[1], c[2]))
    bounds = sorted({lo, hi, *(c[0] for c in clipped), *(c[1] for c in clipped)})
    out: list[str] = []
    stack: list[tuple[int, int, int, Span]] = []
    pending = 0
    nxt = 0  # the next span of ``clipped`` to open
    for pos in bounds:
        if pos > lo:
            out.append(str(escape(text[pending:pos])))
        pending = pos
        # Close the spans that end here; spans above them on the stack are closed and re-opened.
        ending = [i for i, c in enumerate(stack) if c[1] <= pos]
        if ending:
            cut = ending[0]
            for c in reversed(stack[cut:]):
                out.append(_close(c[3]))
            keep = [c for c in stack[cut:] if c[1] > pos]
            del stack[cut:]
            for c in keep:
                out.append(_open(c[3], first=False))
                stack.append(c)
        if pos >= hi:
            break
        # Open the spans that start here (outer first); a span longer than an open one that it
        # outlives still nests: it is closed and re-opened when that one ends.
        while nxt < len(clipped) and clipped[nxt][0] == pos:
            c = clipped[nxt]
            nxt += 1
            out.append(_open(c[3], first=c[3].id not in ids_written))
            if c[3].id:
                ids_written.add(c[3].id)
            stack.append(c)
    return Markup("".join(out))


def paragraphs(text: str, spans: Sequence[Span], lo: int = 0, hi: int | None = None) -> list[Markup]:
    """``text[lo:hi]`` as marked paragraphs (split at blank lines); spans crossing a paragraph
    break continue in the next one."""
    hi = len(text) if hi is None else min(hi, len(text))
    out: list[Markup] = []
    ids_written: set[str] = set()
    start = lo
    while start <= hi:
        brk = text.find(PARAGRAPH_BREAK, start, hi)
        end = hi if brk < 0 else brk
        if end > start:
            out.append(render(text, spans, start, end, ids_written))
        if brk < 0:
            break
        start = brk + len(PARAGRAPH_BREAK)
    return out
