"""What the quote finder reads around its hits: the patterns it compiles from the language data
(used at single positions, never run over the whole text) and the article's layout (paragraphs and
sentences, from the segmenter or a plain splitter)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from warta.analyse.quote_marks import MarkWords
from warta.lang.id import speech
from warta.lang.id.speech import SpeechCues
from warta.model import Doc


# ---------------------------------------------------------------------------------------------
# Patterns, compiled once from the language data (used at single positions, never over the text)
# ---------------------------------------------------------------------------------------------

def alt(words: frozenset[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Patterns:
    cues: SpeechCues
    marks: MarkWords
    cue_gap: re.Pattern[str]       # between a closing mark and its cue: ,” kata / ,” demikian kata
    verb_gap: re.Pattern[str]      # between a reporting verb and an opening mark: mengatakan kepada wartawan, “
    verb_closed: re.Pattern[str]   # a reporting verb's sentence ends with it: Johnson menambahkan (di London).
    who_gap: re.Pattern[str]       # between a cue and an opening mark: kata Sri Mulyani, “
    who_stop: re.Pattern[str]      # a circumstance after the speaker: ujar X [dalam webinar] “Judul”
    clause_start: re.Pattern[str]  # after a reporting verb: , bahwa / kepada wartawan,
    passive_next: re.Pattern[str]  # Hal itu dikatakan X (group "subject": "Hal itu")
    demikian_before: re.Pattern[str]
    verb_blockers: re.Pattern[str]
    stops: re.Pattern[str]         # where the speaker phrase after a cue ends
    coordinated: re.Pattern[str]   # a verb joined to the sentence's subject: "…, dan menegaskan"
    and_capital: re.Pattern[str]   # "dan" inside a name: "Politik, Hukum, dan Keamanan"
    adverbs_only: re.Pattern[str]  # nothing but adverbs between a subject and its verb


@cache
def patterns() -> Patterns:
    cues = speech.load()
    adverbs = alt(cues.verb_adverbs)
    passive = alt(cues.passive_cues)
    demikian = alt(cues.demikian)
    comp = alt(cues.complementisers)
    stops = alt(cues.speaker_stops)
    nya_words = frozenset(w + "nya" for w in cues.direct_cues)
    marks = MarkWords(cues=cues.direct_cues | nya_words,
                      intros=cues.all_reporting_verbs | cues.direct_cues | nya_words | cues.according_to)
    return Patterns(
        cues=cues, marks=marks,
        cue_gap=re.compile(rf"(?i)[\s,]*(?:(?:{demikian})\s+)?$"),
        verb_gap=re.compile(rf"(?i)\s*(?:(?:{stops})\b[^.!?\n“”\"]{{0,80}})?[,:.]?\s*$"),
        verb_closed=re.compile(rf"(?i)\s*(?:(?:{stops})\b[^.!?\n“”\"]{{0,80}})?[.!?…]"),
        who_gap=re.compile(r"(?P<who>[^.!?\n“”\"]{0,90}?)\s*[,:]?\s*$"),
        who_stop=re.compile(rf"\b(?:{stops})\b"),  # lower case only: "Menteri Dalam Negeri" is a name
        # a phrase between the verb and its clause ("mengatakan di Washington bahwa …") only when a
        # comma or "bahwa" ends it
        clause_start=re.compile(rf"(?i)\s*(?:(?:{stops})\b[^.!?\n,“”\"]{{0,80}}?(?=\s*(?:[,:]|(?:{comp})\b)))?"
                                rf"\s*(?P<punct>[,:])?\s*(?:(?P<comp>{comp})\b\s*)?"),
        passive_next=re.compile(rf"(?i)\s*(?P<subject>{alt(cues.passive_subjects)})\s+(?:(?:{adverbs})\s+)?(?P<cue>{passive})\b"),
        demikian_before=re.compile(rf"(?i),\s*(?:{demikian})\s+$"),
        verb_blockers=re.compile(rf"(?i)\b(?:{alt(cues.verb_blockers)})\s+(?:(?:{adverbs})\s+)?$"),
        coordinated=re.compile(rf"(?i)(?:,\s*|\s)(?:{alt(cues.coordinators)})\s+(?:\w+\s+)?$"),
        and_capital=re.compile(rf"(?:{alt(cues.coordinators)})\s+[A-Z]"),
        stops=re.compile(rf"\b(?:{stops})\b|,\s+(?=[a-z])|[.!?;](?=\s|$)|[“”\"\n]"),
        adverbs_only=re.compile(rf"(?i)\s*(?:(?:{adverbs})\s+)*"),
    )


# ---------------------------------------------------------------------------------------------
# Layout: paragraphs and sentences
# ---------------------------------------------------------------------------------------------

_SENT_END_RE = re.compile(r"[.!?…]+[\"”’']?(?=\s+[\"“‘'(\[A-Z0-9])|[.!?…]+[\"”’']?\s*$|\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Lines with text, as (start, end): any line break ends a paragraph."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out or [(0, len(text))]


def sentences(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans from the segmenter; a plain splitter when the document has none."""
    if doc.sentences:
        return [(s.start, s.end) for s in doc.sentences]
    out: list[tuple[int, int]] = []
    for a, b in paragraphs:
        pos = a
        for m in _SENT_END_RE.finditer(doc.text, a, b):
            if m.end() > pos and doc.text[pos:m.end()].strip():
                out.append((pos, m.end()))
            pos = m.end()
            while pos < b and doc.text[pos].isspace():
                pos += 1
        if pos < b and doc.text[pos:b].strip():
            out.append((pos, b))
    return out or [(0, len(doc.text))]


@dataclass
class Layout:
    text: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]

    def __post_init__(self) -> None:
        self._pstarts = [a for a, _ in self.paragraphs]
        self._sstarts = [a for a, _ in self.sentences]

    def paragraph(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._pstarts, pos) - 1)

    def sentence(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sstarts, pos) - 1)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        return self.sentences[self.sentence(pos)]

    def sentence_starts(self) -> list[int]:
        return self._sstarts

    def starts_sentence(self, pos: int) -> bool:
        """True when only whitespace (or a sentence end glued to the mark, PFSA's ``.” Saya``)
        stands between the start of ``pos``'s sentence or paragraph and ``pos``."""
        p = self.paragraphs[self.paragraph(pos)][0]
        head = self.text[max(p, pos - 200):pos].rstrip()
        return head == "" or head[-1] in ".!?:…" or pos <= self.sentence_span(pos)[0]
