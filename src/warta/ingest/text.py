"""Plain-text files (.txt) -> one Article each.

A first line that reads as a headline becomes the title (short, one line, not ending like a
sentence, followed by body text); a leading digest item number ("2. ", "3) ") is stripped from it.
Hard-wrapped lines inside a paragraph are joined. Read-more lines at the end are removed later,
with all formats, by ``normalise.strip_boilerplate`` (and remembered in ``extra``).
"""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

from warta.ingest.decode import DecodeError, decode_text
from warta.ingest.options import ReadOptions
from warta.model import Article, Provenance, Quarantined

_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.)]\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.,;:]$|[.!?][\"”’']$")
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]$")
_BULLET = re.compile(r"^(?:[-*•–]|\d{1,2}[.)])\s")
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 30


def reads_as_headline(line: str, rest: str) -> bool:
    """Is ``line`` (the first non-empty line) a headline over the body ``rest``?"""
    line = line.strip()
    words = line.split()
    return (
        0 < len(line) <= HEADLINE_MAX_CHARS
        and 2 <= len(words) <= HEADLINE_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and len(rest.strip()) > len(line)
    )


def unwrap(text: str) -> str:
    """Join hard-wrapped lines: in a text whose paragraphs are separated by blank lines, a line
    break after a line without closing punctuation continues the sentence (unless the next line
    is a list item)."""
    if "\n\n" not in text.replace("\r\n", "\n"):
        return text  # one line per paragraph: every break is a paragraph break
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if (out and out[-1].strip() and stripped and not _TERMINAL.search(out[-1].rstrip())
                and not _BULLET.match(stripped)):
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(line)
    return "\n".join(out)


def article_from_plain_text(text: str, prov: Provenance) -> Article:
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    first_i = next((i for i, line in enumerate(lines) if line.strip()), None)
    title: str | None = None
    extra: dict[str, object] = {}
    if first_i is not None:
        first = lines[first_i]
        numbered = _ITEM_NUMBER.match(first)
        candidate = first[numbered.end():] if numbered else first
        rest = "\n".join(lines[first_i + 1:])
        if reads_as_headline(candidate, rest):
            title = candidate.strip()
            if numbered:
                extra["item_number"] = int(re.sub(r"\D", "", numbered.group()))
            text = rest
    return Article(id="", text=unwrap(text), title=title, provenance=prov, extra=extra)


def read_text(stream: BinaryIO, path: str, options: ReadOptions, member: str | None = None
              ) -> Iterator[Article | Quarantined]:
    """One record per file; the file is read up to the size limit and no further."""
    data = stream.read(options.max_text_bytes + 1)
    if len(data) > options.max_text_bytes:
        yield Quarantined(path, 0, "too-large", f"text larger than {options.max_text_bytes:,} bytes", member)
        return
    if not data.strip():
        yield Quarantined(path, 0, "empty", "the file holds no text" if data else "the file is empty", member)
        return
    try:
        text = decode_text(data)
    except DecodeError as e:
        yield Quarantined(path, 0, e.reason, str(e), member)
        return
    yield article_from_plain_text(text, Provenance(path, 0, member))
