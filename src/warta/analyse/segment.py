"""Paragraphs, sentences and tokens with character offsets, and the article's dateline.

- A paragraph is a non-empty line: corpora mark paragraphs with a blank line or a single newline,
  and list items and headings sit on lines of their own. A line without any letter or digit
  ("---", "* * *") holds no sentence.
- A dateline ("JAKARTA, KOMPAS.com —", "Jakarta (ANTARA) -", "TEMPO.CO, Jakarta -") is kept out of
  every sentence: the first sentence starts after it, so its place name never reads as the subject
  of the lead. Its place is offered as a location hint (``Doc.dateline``, :func:`dateline`).
- A sentence ends at ``.``, ``!``, ``?`` or an ellipsis, with any closing quotation marks and
  brackets after it, when the next word starts with a capital, a digit or an opening mark. A full
  stop after an abbreviation that stands before a name ("Prof.", "Jl.", "No." —
  ``lang/id/abbreviations.txt``), after an initial ("B. J. Habibie") or after a list number
  ("1. Memperbaiki") ends nothing. So a quotation of several sentences is split inside, and its
  closing mark stays with its last sentence together with the cue that follows ("…gunung,” kata
  Mishustin.") — where the quote extractor looks for it.
- Every offset is into ``doc.text``: ``doc.text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import re
from functools import cache

from warta.analyse.tokenize import TokenList, words_regex
from warta.lang.id.text import abbreviations, dateline_data
from warta.model import Dateline, Doc, Sentence

# --- datelines ------------------------------------------------------------------------------------

#: How far into an article a dateline with an outlet name is looked for (a scraped page may put the
#: headline before it, on the same line).
DATELINE_WINDOW = 400

_PLACE_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’]*\.?(?![\w.]))"  # Jakarta, KUALA, D.C., St.
_PLACE_LINK = r"(?:de|del|da|di|la|el|al|van|von|bin|upon|on)"
_PLACE = rf"{_PLACE_WORD}(?:[ \t]+(?:{_PLACE_LINK}[ \t]+)?{_PLACE_WORD}){{0,2}}"
_CAPS_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][A-Z'’]*[A-Z]\.?(?![\w.]))"
_CAPSPLACE = rf"{_CAPS_WORD}(?:[ \t]+(?:{_PLACE_LINK}[ \t]+)?{_CAPS_WORD}){{0,3}}"
_SEP = r"(?:-[ \t]*-|[-–—]{1,3})"
_SPACE = " \t\xa0\u200b\r"
_DOMAIN = r"[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.(?i:co\.id|com|co|id|net|org|news|tv)(?![\w.])"


@cache
def _dateline_patterns() -> tuple[tuple[re.Pattern[str], tuple[re.Pattern[str], ...]], ...]:
    """For each layout of ``datelines.txt``, in file order: the compiled layout (tried at the start of
    the text) and, for a layout with an outlet, the patterns searched further in: the layout at a
    line start, and the layout with its place in capitals anywhere (after a headline)."""
    data = dateline_data()
    outlet = rf"(?P<outlet>(?i:{words_regex(data.outlets)})(?![\w])|{_DOMAIN})"

    def compile_layout(layout: str) -> str:
        src = re.sub(r" +", r"[ \\t\\xa0]*", layout)
        return (src.replace("{OUTLET}", outlet)
                .replace("{CAPSPLACE}", f"(?P<place>{_CAPSPLACE})", 1).replace("{CAPSPLACE}", _CAPSPLACE)
                .replace("{PLACE}", f"(?P<place>{_PLACE})", 1).replace("{PLACE}", _PLACE)
                .replace("{SEP}", _SEP))

    out = []
    for layout in data.layouts:
        searched: list[re.Pattern[str]] = []
        if "{OUTLET}" in layout:
            searched.append(re.compile(r"(?<![^\n])" + compile_layout(layout)))
            if "{PLACE}" in layout:
                searched.append(re.compile(r"(?<![\w.])" + compile_layout(layout.replace("{PLACE}", "{CAPSPLACE}"))))
        out.append((re.compile(compile_layout(layout)), tuple(searched)))
    return tuple(out)


def dateline(text: str) -> Dateline | None:
    """The dateline of an article, or None. A layout counts at the start of the text; one with an
    outlet also at a later line start ("Penulis: …\\n\\nKOMPAS.com -") or, with its place in capitals,
    after a headline on the same line ("… TAIPEI, KOMPAS.com -"), within the first
    :data:`DATELINE_WINDOW` characters."""
    first = len(text) - len(text.lstrip())
    patterns = _dateline_patterns()
    best: re.Match[str] | None = None
    for pattern, _ in patterns:  # most articles open with their dateline
        best = pattern.match(text, first)
        if best is not None:
            break
    else:
        window = min(len(text), first + DATELINE_WINDOW)
        for _, searched in patterns:
            for p in searched:
                m = p.search(text, first, window)
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
    if best is None:
        return None
    groups = best.groupdict()
    place = groups.get("place")
    end = best.end()
    while end > best.start() and text[end - 1] in _SPACE:
        end -= 1
    return Dateline(
        start=best.start(), end=end, place=place,
        place_start=best.start("place") if place else None, place_end=best.end("place") if place else None,
        outlet=groups.get("outlet"),
    )


# --- sentences ------------------------------------------------------------------------------------

#: A line break, or a possible sentence end: terminal punctuation and closing marks before a space.
#: (One character class first, so that the regex engine skips to candidates at C speed.)
_BREAK = re.compile(r"[\n.!?…](?:(?<=\n)(?:[ \t\xa0\r]*\n)*|[.!?…]*[”\"’'»)\]]*(?=[\s\xa0]|$))")
_CLOSERS = "”\"’'»)]"
_OPENERS = frozenset("“\"‘'([«„")
_WORD_STOP = frozenset(" \t\xa0\n([“\"‘'«„")
_HAS_WORD = re.compile(r"\w")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_ENUMERATOR = re.compile(r"\W*(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})\\?")  # "1." "a." "iv." "1\." (Markdown)


def _ends_sentence(text: str, start: int, punct_end: int, line_start: int, next_char: str) -> bool:
    """Whether the punctuation run text[start:punct_end] ends a sentence before ``next_char``."""
    if not (next_char.isupper() or next_char.isdigit() or next_char in _OPENERS):
        return False
    if punct_end - start != 1 or text[start] != ".":
        return True  # "?", "!", "...", "…": a capital after it starts a new sentence
    w = start
    while w > line_start and text[w - 1] not in _WORD_STOP:
        w -= 1
    if w == start:
        return True
    word = text[w:start]
    kind = abbreviations().get(word)
    if kind == "prefix":
        return False
    if kind == "suffix":
        return not next_char.isdigit()
    if _INITIALS.fullmatch(word):
        return False  # B. J. Habibie, Susilo B. Yudhoyono, A.S.
    if _ENUMERATOR.fullmatch(text, line_start, start):
        return False  # "1. Memperbaiki skin barrier", "### 2. Menghidrasi", "a. Pertama"
    return True


def split_sentences(text: str, skip: Dateline | None = None) -> list[Sentence]:
    """The sentences of ``text`` with paragraph indexes (a paragraph is a line that holds a
    sentence); the span of ``skip`` (a dateline) is in none."""
    out: list[Sentence] = []
    paragraph = -1
    line_used = False

    def emit(s: int, e: int) -> None:
        nonlocal paragraph, line_used
        if skip is not None and s < skip.end and skip.start < e:
            if s < skip.start:
                emit(s, skip.start)
            if skip.end < e:
                emit(skip.end, e)
            return
        while s < e and text[s] in _SPACE:
            s += 1
        while e > s and text[e - 1] in _SPACE:
            e -= 1
        if e > s and (text[s].isalnum() or _HAS_WORD.search(text, s, e)):
            if not line_used:
                paragraph += 1
                line_used = True
            out.append(Sentence(index=len(out), start=s, end=e, paragraph=paragraph, text=text[s:e]))

    n = len(text)
    start = line_start = 0
    for m in _BREAK.finditer(text):
        pos = m.start()
        if text[pos] == "\n":
            if pos > start:
                emit(start, pos)
            start = line_start = m.end()
            line_used = False
            continue
        j = m.end()
        while j < n and text[j] in _SPACE:
            j += 1
        if j < n and text[j] != "\n":
            punct_end = m.end()
            while text[punct_end - 1] in _CLOSERS:
                punct_end -= 1
            if not _ends_sentence(text, pos, punct_end, line_start, text[j]):
                continue
        emit(start, m.end())
        start = j
    emit(start, n)
    return out


def segment(doc: Doc) -> None:
    """Stage: ``doc.dateline``, ``doc.sentences`` and ``doc.tokens`` (tokenized on first use)."""
    doc.dateline = dateline(doc.text)
    doc.sentences = split_sentences(doc.text, doc.dateline)
    doc.tokens = TokenList(doc.text)
