"""Text normalisation: the one form every character offset of the analyser points into.

- Unicode NFC; line breaks unified; zero-width and control characters removed; every kind of
  space (NBSP, thin space, tab …) becomes one ASCII space; runs of spaces collapse.
- Typographic quotes, dashes and ellipses are kept: the quote finder needs “ ” ‘ ’.
- Paragraphs: every non-empty line is a paragraph, and paragraphs are separated by exactly one
  blank line ("\n\n"). The text has no other line breaks, no leading or trailing space.
- Publishing furniture (read-more links, "Baca juga: …") listed in
  ``lang/id/ingest-boilerplate.tsv`` is removed and returned so the caller can remember it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

# Characters that carry no text: zero-width spaces/joiners, BOM, soft hyphen, bidi marks, and
# C0/C1 controls except the line feed (tabs become spaces below).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Every Unicode space separator and the tab -> " ".
_SPACE_CHARS = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_SPACE_CHARS}][ {_SPACE_CHARS}]*| [ {_SPACE_CHARS}]+")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
_PARAGRAPH_SPLIT = re.compile(r" *\n[ \n]*")


def normalise_text(text: str) -> str:
    """The normal form described in the module docstring (without boilerplate removal)."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    paragraphs = [p.strip() for p in _PARAGRAPH_SPLIT.split(text)]
    return "\n\n".join(p for p in paragraphs if p)


def normalise_line(text: str | None) -> str | None:
    """A one-line field (title, source): normalised, on one line, None when empty."""
    if text is None:
        return None
    line = " ".join(normalise_text(text).split())
    return line or None


@cache
def _boilerplate() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(patterns removed anywhere, patterns removed only at the end), from the data file."""
    anywhere: list[str] = []
    at_end: list[str] = []
    data = resources.files("warta.lang.id").joinpath("ingest-boilerplate.tsv").read_text("utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        where, _, pattern = line.partition("\t")
        (anywhere if where.strip() == "any" else at_end).append(pattern.strip())
    def compile_all(ps: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in ps) or "(?!)", re.IGNORECASE)
    return compile_all(anywhere), compile_all(at_end)


def strip_boilerplate(text: str) -> tuple[str, list[str]]:
    """Remove furniture paragraphs from normalised text; returns (text, removed paragraphs in order).

    ``end`` patterns are removed only from the run of closing paragraphs; ``any`` patterns also
    inside the text. A text that would become empty is returned unchanged: then the furniture
    is the record (a teaser), and the caller decides."""
    anywhere, at_end = _boilerplate()
    paragraphs = text.split("\n\n")
    keep = [not anywhere.fullmatch(p) for p in paragraphs]
    i = len(paragraphs) - 1
    while i >= 0 and (not keep[i] or at_end.fullmatch(paragraphs[i])):
        keep[i] = False
        i -= 1
    if not any(keep) or all(keep):
        return text, []
    removed = [p for p, k in zip(paragraphs, keep, strict=True) if not k]
    return "\n\n".join(p for p, k in zip(paragraphs, keep, strict=True) if k), removed
