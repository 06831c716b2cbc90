"""The ``quotes`` stage: who said what — direct and indirect quotes with their speakers resolved.

``find_quotes(doc)`` sets ``doc.quotes``: ``Quote``s in text order. What a quote's fields mean:

- ``text``/``start``/``end``: the statement — for a direct quote the words between the quotation
  marks, WITHOUT the marks, surrounding spaces and the comma that hands over to the cue
  (“Kami siap,” kata X → ``Kami siap``; a final . ? ! inside the marks stays); for an indirect quote
  the reported clause without the cue, the speaker, "bahwa" and the sentence's final full stop
  (X mengatakan bahwa kami siap. → ``kami siap``).
- ``direct``: True for words inside quotation marks; False for reported speech, including statements
  whose quotation marks were stripped upstream ("Kami siap, kata X.").
- ``cue``: the cue word as written ("kata", "katanya", "mengatakan", "menurut"); None when the quote
  continues the previous speaker's.
- ``speaker``: ``Participant`` — ``text`` and offsets of the reference in the article ("Mishustin",
  "dia", the "nya" of "katanya", "Kementerian Luar Negeri China"), ``name`` the person or body it
  resolves to in its fullest form ("Mikhail Mishustin"), ``code``/``country`` from the actor layer.
  ``name`` is None when the reference cannot be resolved (a bare role nobody held before, "mereka").
- ``sentence``: index of the sentence where the statement starts; ``rule``: how it was found —
  ``direct:cue-after``, ``direct:cue-before``, ``direct:introduced``, ``direct:continues``,
  ``direct:passive``, ``indirect:verb``, ``indirect:menurut``, ``indirect:cue``, ``indirect:demikian``.

How: one regex pass finds every quotation mark (``quote_marks`` pairs them), one finds every cue word;
everything else works in small windows around those hits. Speakers come from ``doc.mentions``, with a
backup finder for names the NER missed (``speakers``). Quotations without any attribution that do not
continue a speaker (scare quotes, titles, slogans) are not quotes and are left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from warta.analyse.cue_hits import CUE, MENURUT, PASSIVE, VERB, Hit, find_hits
from warta.analyse.quote_marks import MarkWords, QuotedSpan, find_double_spans, find_single_spans, last_word
from warta.analyse.speakers import Candidate, Speakers
from warta.lang.id import speech
from warta.lang.id.speech import SpeechCues
from warta.model import Doc, Participant, Quote

_MIN_INDIRECT_WORDS = 3
_MIN_UNATTRIBUTED_WORDS = 4  # a cue-less quotation shorter than this is a scare quote, not speech
_WINDOW = 250  # characters looked at around a quotation for its cue
_MAX_UNNAMED_WORDS = 6  # "seorang pejabat senior Kementerian Luar Negeri AS"


# ---------------------------------------------------------------------------------------------
# Patterns, compiled once from the language data (used at single positions, never over the text)
# ---------------------------------------------------------------------------------------------

def _alt(words: frozenset[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    cues: SpeechCues
    marks: MarkWords
    cue_gap: re.Pattern[str]       # between a closing mark and its cue: ,” kata / ,” demikian kata
    verb_gap: re.Pattern[str]      # between a reporting verb and an opening mark: mengatakan kepada wartawan, “
    who_gap: re.Pattern[str]       # between a cue and an opening mark: kata Sri Mulyani, “
    clause_start: re.Pattern[str]  # after a reporting verb: , bahwa / kepada wartawan,
    passive_next: re.Pattern[str]  # Hal itu dikatakan X
    demikian_before: re.Pattern[str]
    verb_blockers: re.Pattern[str]
    stops: re.Pattern[str]         # where the speaker phrase after a cue ends
    adverbs_only: re.Pattern[str]  # nothing but adverbs between a subject and its verb


@cache
def _patterns() -> _Patterns:
    cues = speech.load()
    adverbs = _alt(cues.verb_adverbs)
    passive = _alt(cues.passive_cues)
    demikian = _alt(cues.demikian)
    comp = _alt(cues.complementisers)
    stops = _alt(cues.speaker_stops)
    nya_words = frozenset(w + "nya" for w in cues.direct_cues)
    marks = MarkWords(cues=cues.direct_cues | nya_words,
                      intros=cues.all_reporting_verbs | cues.direct_cues | nya_words | cues.according_to)
    return _Patterns(
        cues=cues, marks=marks,
        cue_gap=re.compile(rf"(?i)[\s,]*(?:(?:{demikian})\s+)?$"),
        verb_gap=re.compile(rf"(?i)\s*(?:(?:{stops})\b[^.!?\n“”\"]{{0,80}})?[,:.]?\s*$"),
        who_gap=re.compile(r"(?P<who>[^.!?\n“”\"]{0,90}?)\s*[,:]?\s*$"),
        # a phrase between the verb and its clause ("mengatakan di Washington bahwa …") only when a
        # comma or "bahwa" ends it
        clause_start=re.compile(rf"(?i)\s*(?:(?:{stops})\b[^.!?\n,“”\"]{{0,80}}?(?=\s*(?:[,:]|(?:{comp})\b)))?"
                                rf"\s*(?P<punct>[,:])?\s*(?:(?P<comp>{comp})\b\s*)?"),
        passive_next=re.compile(rf"(?i)\s*(?:{_alt(cues.passive_subjects)})\s+(?:(?:{adverbs})\s+)?(?P<cue>{passive})\b"),
        demikian_before=re.compile(rf"(?i),\s*(?:{demikian})\s+$"),
        verb_blockers=re.compile(r"(?i)\b(?:yang|tidak|tak|belum|enggan|akan|untuk|bisa|dapat|ingin|mau|harus|sempat)\s+(?:(?:juga|pun)\s+)?$"),
        stops=re.compile(rf"\b(?:{stops})\b|,\s+(?=[a-z])|[.!?;](?=\s|$)|[“”\"\n]"),
        adverbs_only=re.compile(rf"(?i)\s*(?:(?:{adverbs})\s+)*"),
    )


# ---------------------------------------------------------------------------------------------
# Layout: paragraphs and sentences
# ---------------------------------------------------------------------------------------------

_PARA_RE = re.compile(r"[^\n]+")
_SENT_END_RE = re.compile(r"[.!?…]+[\"”’']?(?=\s+[\"“‘'(\[A-Z0-9])|[.!?…]+[\"”’']?\s*$|\n")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = [(m.start(), m.end()) for m in _PARA_RE.finditer(text) if m.group().strip()]
    return out or [(0, len(text))]


def _sentences(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
class _Layout:
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


# ---------------------------------------------------------------------------------------------
# Drafts: a statement with its unresolved speaker reference
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    direct: bool
    rule: str
    cue: str | None = None
    ref: Candidate | None = None
    ref_pos: int = 0          # where the reference is resolved from (pronouns, -nya)
    continues: bool = False   # takes the speaker of the statement before
    cue_at: int | None = None  # offset of the cue word (a direct quote's cue is no indirect quote)
    event: bool = False       # no statement: only says who speaks now ("Hal senada disampaikan X")
    lazy: Callable[[], Candidate | None] | None = None  # an event's speaker, found on demand
    span: QuotedSpan | None = None


def _words(text: str) -> int:
    return len(text.split())


def _statement_end(text: str, a: int, b: int) -> int:
    """Trim spaces, the comma handing over to a cue, and (for indirect quotes) a final full stop."""
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return b


def _speaker_after(sp: Speakers, pats: _Patterns, layout: _Layout, pos: int) -> Candidate | None:
    """The speaker named right after a cue at ``pos``: "kata Menteri Luar Negeri Retno Marsudi kepada …".

    A pronoun right after the cue wins; then the first person the NER tagged; then a backup name —
    the one right after the cue when a comma follows it ("kata Alamsyah, juru bicara …"), else the
    last before the phrase ends (Indonesian puts the name after the role and the body); then a body
    that is not a role's jurisdiction ("Gubernur DKI Jakarta"); then a bare role's holder."""
    text = layout.text
    m = sp.mention_starting_after(pos)
    if m is not None and m.label == "PER" and m.start - pos <= 2:
        return Candidate(sp.participant_for(m), m.start, m.end, person=True)
    end = _speaker_phrase_end(sp, pats, layout, pos)
    cands = [c for c in sp.candidates(pos, end) if c.participant is not None or c.pronoun]
    if not cands:
        return _unnamed_speaker(sp, pos, end, cands)
    first = cands[0]
    if first.pronoun and first.start - pos <= 2:
        return first
    ner = [c for c in cands if c.person and not c.backup]
    if ner:
        return ner[0]
    backup = [c for c in cands if c.person and c.backup and not c.role and c.participant.name]
    if backup:
        if backup[0].start - pos <= 2 and (len(backup) == 1 or text[backup[0].end:backup[0].end + 1] == ","):
            return backup[0]
        titled = [c for c in backup if c.titled]
        return titled[0] if titled else backup[-1]
    unnamed = _unnamed_speaker(sp, pos, end, cands)
    if unnamed is not None:
        return unnamed
    bodies = [c for c in cands if not c.person and not c.pronoun and not _after_role(sp, c.start)]
    if bodies:
        return bodies[0]
    roles = [c for c in cands if c.role]
    return roles[0] if roles else None


def _unnamed_speaker(sp: Speakers, pos: int, end: int, cands: list[Candidate]) -> Candidate | None:
    """A speaker described, not named: "kata seorang pejabat AS", "ujar warga Bekasi Utara", "kata
    petugas itu". The phrase is the speaker's text, with no name; a state inside it gives the country."""
    text = sp.text
    a = pos
    while a < end and text[a] == " ":
        a += 1
    if a >= end or not text[a].islower() or any(c.start - a <= 1 for c in cands):
        return None
    b = text.find(",", a, end)
    b = end if b < 0 else b
    words = text[a:b].split()[:_MAX_UNNAMED_WORDS]
    if not words:
        return None
    b = a + len(" ".join(words)) if text[a:b].startswith(" ".join(words)) else b
    return _described(sp, a, b, cands)


def _after_role(sp: Speakers, pos: int) -> bool:
    """True when a role word stands right before ``pos``: "Gubernur | DKI Jakarta" is a jurisdiction."""
    w = last_word(sp.text, pos, 30).lower()
    return w in sp.cues.name_prefixes


def _speaker_phrase_end(sp: Speakers, pats: _Patterns, layout: _Layout, pos: int) -> int:
    """Where the speaker phrase after a cue ends: at a stop word ("kepada", "dalam", "saat" …) that
    is not inside a name, a comma before a lower-case word, or the sentence's end."""
    text = layout.text
    limit = min(layout.sentence_span(pos)[1], pos + 160, layout.paragraphs[layout.paragraph(pos)][1])
    for m in pats.stops.finditer(text, pos, limit):
        if sp.inside_mention(m.start()):
            continue
        g = m.group().lower()
        if g == "dan" and text[m.end() + 1:m.end() + 2].isupper():
            continue  # "Kementerian Koperasi dan UKM": part of a name
        if g.startswith(",") and _AND_CAPITAL.match(text, m.end()):
            continue  # "Bidang Politik, Hukum, dan Keamanan"
        return m.start()
    return limit


_AND_CAPITAL = re.compile(r"(?:dan|serta)\s+[A-Z]")
_COORDINATED = re.compile(r"(?i)(?:,\s*|\s)(?:dan|serta|lalu|kemudian|sekaligus)\s+(?:\w+\s+)?$")
_GAP_BREAK = re.compile(r"[.!?“”\"\n]")


def _speaker_before(sp: Speakers, layout: _Layout, a: int, b: int) -> Candidate | None:
    """The subject of a reporting verb at ``b``, looking back to ``a`` (its sentence's start).

    Candidates in subject position — after the clause's start, a comma, a role word or another name,
    not after a verb or preposition ("menanggapi pernyataan Joe Biden") — come first; among them a
    person before a body, nearest the verb first. A coordinated verb ("Beijing menolak …, dan
    menegaskan") takes the sentence's first subject."""
    text = layout.text
    quick = _subject_next_to_verb(sp, _patterns(), a, b)
    if quick is not None:
        return quick
    coordinated = _COORDINATED.search(text, max(a, b - 30), b)
    # persons are looked for up to 160 characters before the verb, bodies up to 60; a coordinated
    # verb needs the whole sentence
    lo = a if coordinated else max(a, b - 200)
    cands = [c for c in sp.candidates(lo, b) if (c.participant is not None or c.pronoun)
             and not _SENTENCE_GAP.search(text, c.end, b)]
    if not cands:
        return None
    subjects = [c for c in cands if _subject_like(text, a, c.start, sp.cues.name_prefixes)]
    if coordinated:
        return subjects[0] if subjects else None
    for pool in (subjects, cands):
        persons = [c for c in pool if (c.pronoun or (c.person and not c.role)) and b - c.end <= 160]
        if persons:
            return persons[-1]
        others = [c for c in pool if b - c.end <= 60 and not c.pronoun]
        if others:
            return others[-1]
        if pool is subjects:
            described = _described_subject(sp, a, b, cands)
            if described is not None:
                return described
    return None


def _described_subject(sp: Speakers, a: int, b: int, cands: list[Candidate]) -> Candidate | None:
    """A subject described, not named, whose names are not in subject position: "Sumber keamanan
    Israel mengatakan" is a source (country ISR), not Israel. The clause's words before the verb
    (after a leading adverbial and its comma) when they are few."""
    text = sp.text
    start = max(a, text.rfind(",", a, b) + 1)
    while start < b and text[start] == " ":
        start += 1
    end = b
    while end > start and text[end - 1] == " ":
        end -= 1
    words = text[start:end].split()
    if not words or len(words) > _MAX_UNNAMED_WORDS or not text[start].isalpha() or words[0].lower() in _NOT_SUBJECT:
        return None
    if any(c.person and start <= c.start < end for c in cands):
        return None  # a named person in it ("Lebih fokus | Faisal menambahkan": a subheading before)
    return _described(sp, start, end, cands)


def _described(sp: Speakers, a: int, b: int, cands: list[Candidate]) -> Candidate:
    """A speaker described by ``text[a:b]``. With a demonstrative at its end ("juru bicara itu",
    "mantan Gubernur DKI Jakarta tersebut") it refers back like a pronoun; otherwise it is a new,
    unnamed speaker, whose country a state named in the description gives."""
    text = sp.text
    if last_word(text, b, 12).lower() in sp.cues.demonstratives:
        return Candidate(None, a, b, pronoun=True)
    country = next((c.participant.country for c in cands if c.participant is not None
                    and a <= c.start < b and c.participant.country), None)
    return Candidate(Participant(text=text[a:b], name=None, country=country, start=a, end=b), a, b,
                     person=True, backup=True)


_NOT_SUBJECT = frozenset({"yang", "dan", "atau", "tetapi", "namun", "untuk", "dengan", "di", "ke", "dari"})


def _subject_next_to_verb(sp: Speakers, pats: _Patterns, a: int, b: int) -> Candidate | None:
    """The common cases without a search, giving what the search would: a pronoun right before the
    verb ("Ia juga menambahkan"), or the nearest person the NER tagged, in subject position, with
    nothing between it and the verb that could be another speaker ("Wang Wenbin, Selasa (5/3),
    mengatakan")."""
    text = sp.text
    w_end = b
    while w_end > a and text[w_end - 1] == " ":
        w_end -= 1
    w = last_word(text, w_end, 12)
    if w and w.lower() in sp.cues.pronouns and w_end - len(w) >= a and text[w_end - 1].isalpha():
        return Candidate(None, w_end - len(w), w_end, pronoun=True)
    m = sp.person_ending_before(b, max(a, b - 160))
    if m is None or _SENTENCE_GAP.search(text, m.end, b) or not sp.subject_like(m.start):
        return None
    if not pats.adverbs_only.fullmatch(text, m.end, b):
        for c in _CAPITALISED.finditer(text, m.end, b):
            if c.group().lower() not in sp.cues.not_names and not sp.inside_mention(c.start() + 1):
                return None  # a name or body the search must weigh
        if _pronoun_in(sp, m.end, b):
            return None
    return Candidate(sp.participant_for(m), m.start, m.end, person=True)


def _pronoun_in(sp: Speakers, a: int, b: int) -> bool:
    return any(w.lower() in sp.cues.pronouns for w in sp.text[a:b].split())


_CAPITALISED = re.compile(r"[A-Z]\w*")
_SENTENCE_GAP = re.compile(r"[.!?](?=\s)|\n")
_PREV_WORD = re.compile(r"(\S+)\s*$")


def _subject_like(text: str, a: int, pos: int, role_words: frozenset[str]) -> bool:
    """True when the word before ``pos`` leaves it in subject position: nothing (clause start),
    punctuation, a capitalised word, a role word or "dan"."""
    m = _PREV_WORD.search(text, max(a, pos - 40), pos)
    if not m:
        return True
    w = m.group(1)
    if not w[-1:].isalnum():
        return True
    low = w.lower()
    return w[:1].isupper() or low in role_words or low in ("dan", "serta")


class _Hits:
    """The cue hits of a document with lookups by position."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.starts = [h.start for h in hits]

    def first_from(self, pos: int) -> Hit | None:
        i = bisect.bisect_left(self.starts, pos)
        return self.hits[i] if i < len(self.hits) else None

    def last_before(self, pos: int) -> Hit | None:
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and self.hits[i].stop > pos:
            i -= 1
        return self.hits[i] if i >= 0 else None


def _attribute_direct(s: QuotedSpan, sp: Speakers, pats: _Patterns, layout: _Layout, hits: _Hits) -> _Draft | None:
    text = layout.text
    cues = pats.cues
    d = _Draft(s.start, _statement_end(text, s.start, s.end), True, "", span=s)
    if d.end <= d.start:
        return None
    para_a, para_b = layout.paragraphs[layout.paragraph(s.outer_start)]
    head_a = max(para_a, s.outer_start - _WINDOW)
    head = text[head_a:s.outer_start]
    before = last_word(text, s.outer_start).lower()
    if before in cues.title_cues and text[head_a:s.outer_start].rstrip()[-1:] not in (",", ":"):
        return None  # bertajuk “…”, istilah “…”: a title or a term
    # 1. a cue after the closing mark: “…,” kata X / “…,” katanya / “…,” X menambahkan
    h = hits.first_from(s.outer_end) if s.close is not None else None
    if h is not None and h.start < para_b:
        gap_a, gap_b = s.outer_end, h.start
        if h.kind in (CUE, PASSIVE) and pats.cue_gap.match(text, gap_a, gap_b):
            d.rule, d.cue, d.ref_pos, d.cue_at = "direct:cue-after", h.word, s.outer_start, h.start
            d.ref = (Candidate(None, h.end, h.stop, pronoun=True) if h.nya
                     else _speaker_after(sp, pats, layout, h.stop))
            return d
        if (h.kind == VERB and gap_b - gap_a <= 100 and not _GAP_BREAK.search(text, gap_a, gap_b)
                and not pats.verb_blockers.search(text, max(gap_a, gap_b - 30), gap_b)):
            ref = _speaker_before(sp, layout, gap_a, gap_b)
            if ref is not None:
                d.rule, d.cue, d.ref, d.ref_pos, d.cue_at = "direct:cue-after", h.word, ref, s.outer_start, h.start
                return d
    # 2. a cue before the opening mark, in its sentence or an introducing one ending with ':'
    if s.open is not None:
        introduced = False
        if not head.strip() and layout.paragraph(s.outer_start) > 0:
            pa, pb = layout.paragraphs[layout.paragraph(s.outer_start) - 1]
            if text[pa:pb].rstrip().endswith(":"):
                head_a, introduced = max(pa, pb - _WINDOW), True  # "Mishustin menambahkan:" ¶ “…”
        found = _cue_before(head_a, s.outer_start, sp, pats, layout, hits)
        if found:
            d.cue, d.ref, d.cue_at = found
            d.ref_pos = d.ref.start
            d.rule = "direct:introduced" if introduced else "direct:cue-before"
            return d
    d.rule = "direct:unattributed"
    return d


def _cue_before(a: int, b: int, sp: Speakers, pats: _Patterns, layout: _Layout,
                hits: _Hits) -> tuple[str, Candidate, int | None] | None:
    """The attribution that ends right before an opening mark at ``b`` (looking back to ``a``):
    "X mengatakan, “", "kata X, “", "menurut X, “", "X: “"."""
    text = layout.text
    h = hits.last_before(b)
    if h is not None and h.start >= a:
        if h.kind == VERB and pats.verb_gap.match(text, h.stop, b):
            s_start = layout.sentence_span(h.start)[0]
            if not pats.verb_blockers.search(text, max(s_start, h.start - 30), h.start):
                ref = _speaker_before(sp, layout, s_start, h.start)
                if ref is not None:
                    return h.word, ref, h.start
        elif h.kind in (CUE, MENURUT):
            m = pats.who_gap.match(text, h.stop, b)
            if m:
                if h.nya:
                    return h.word, Candidate(None, h.end, h.stop, pronoun=True), h.start
                cands = [c for c in sp.candidates(m.start("who"), m.end("who")) if c.participant is not None or c.pronoun]
                if cands:
                    return h.word, next((c for c in cands if c.person), cands[0]), h.start
    tail = text[a:b].rstrip()
    if tail.endswith(":"):
        colon = a + len(tail) - 1
        cands = [c for c in sp.candidates(max(a, colon - 90), colon) if c.participant is not None or c.pronoun]
        if cands and colon - cands[-1].end <= 2:
            return ":", cands[-1], None
    return None


# ---------------------------------------------------------------------------------------------
# Indirect quotes
# ---------------------------------------------------------------------------------------------

def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _indirect(h: Hit, sp: Speakers, pats: _Patterns, layout: _Layout,
              quoted: list[tuple[int, int]], qstarts: list[int]) -> _Draft | None:
    text = layout.text
    s_start, s_end = layout.sentence_span(h.start)
    # the statement never runs into a quotation that starts later in the sentence
    k = bisect.bisect_right(qstarts, h.stop)
    if k < len(quoted) and quoted[k][0] < s_end:
        s_end = quoted[k][0]
    body_end = s_end
    while body_end > s_start and (text[body_end - 1].isspace() or text[body_end - 1] in ".!?…\"”’'"):
        body_end -= 1

    if h.kind == VERB:
        if pats.verb_blockers.search(text, max(s_start, h.start - 30), h.start):
            return None
        m = pats.clause_start.match(text, h.stop, body_end)
        a = m.end() if m else h.stop
        clause = bool(m and (m.group("punct") or m.group("comp")))
        if ((h.word.lower() in pats.cues.reporting_verbs_with_clause and not clause)
                or text[a:a + 1] in "“”\"‘" or _words(text[a:body_end]) < _MIN_INDIRECT_WORDS):
            # no statement we keep ("X menyebut nama …", "X mengatakan, “…”"), but X speaks now;
            # who X is is worked out only if a later "katanya" asks
            return _Draft(h.start, h.start, False, "event", h.word, None, h.start, event=True,
                          lazy=lambda: _person_or_none(_speaker_before(sp, layout, s_start, h.start)))
        ref = _speaker_before(sp, layout, s_start, h.start)
        if ref is None:
            return None
        return _Draft(a, _statement_end(text, a, body_end), False, "indirect:verb", h.word, ref, ref.start)

    if h.kind == MENURUT:
        if h.nya:
            ref = Candidate(None, h.end, h.stop, pronoun=True)
            who_end = h.stop
        else:
            comma = text.find(",", h.stop, body_end)
            who_end = comma if comma >= 0 else body_end
            if who_end - h.stop > 90:
                return None
            cands = [c for c in sp.candidates(h.stop, who_end) if c.participant is not None or c.pronoun]
            if not cands:
                return None  # "menurut rencana", "menurut data": not a speaker
            ref = next((c for c in cands if c.person), cands[0])
        after = who_end
        while after < body_end and text[after] in ", ":
            after += 1
        before_text = text[s_start:h.start].rstrip(" ,")
        if _words(text[after:body_end]) >= _MIN_INDIRECT_WORDS + 1 or _words(before_text) < _MIN_INDIRECT_WORDS:
            a, b = after, body_end
        else:
            a, b = s_start, s_start + len(before_text)
        if _words(text[a:b]) < _MIN_INDIRECT_WORDS:
            return None
        return _Draft(a, _statement_end(text, a, b), False, "indirect:menurut", h.word, ref, ref.start)

    # a cue word without quotation marks: "Kami siap, kata X." / "…, demikian dikatakan X."
    demikian = pats.demikian_before.search(text, s_start, h.start)
    if h.kind == PASSIVE and not demikian:
        return None
    if not demikian and not re.search(r",\s*$", text[max(s_start, h.start - 5):h.start]):
        return None
    cut = demikian.start() if demikian else text.rindex(",", s_start, h.start)
    if h.nya:
        ref = Candidate(None, h.end, h.stop, pronoun=True)
    else:
        ref = _speaker_after(sp, pats, layout, h.stop)
        if ref is None or ref.start - h.stop > 40:
            return None
    rule = "indirect:demikian" if demikian else "indirect:cue"
    if _words(text[s_start:cut]) >= _MIN_INDIRECT_WORDS + 1:
        return _Draft(s_start, _statement_end(text, s_start, cut), False, rule, h.word, ref, s_start)
    # a parenthetical attribution near the start: "Namun, lanjut Teguh, pekan pertama …": the rest
    after = text.find(",", ref.end, body_end) if not h.nya else (h.stop if text[h.stop:h.stop + 1] == "," else -1)
    if after < 0 or after - ref.end > 60:
        return None
    a = after + 1
    while a < body_end and text[a].isspace():
        a += 1
    if _words(text[a:body_end]) < _MIN_INDIRECT_WORDS + 1:
        return None
    return _Draft(a, _statement_end(text, a, body_end), False, rule, h.word, ref, s_start)


# ---------------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------------

def find_quotes(doc: Doc) -> None:
    """Set ``doc.quotes`` (see the module docstring)."""
    text = doc.text or ""
    doc.quotes = []
    if not text.strip():
        return
    cues = speech.load()
    pats = _patterns()
    paragraphs = _paragraphs(text)
    layout = _Layout(text, paragraphs, _sentences(doc, paragraphs))

    spans = find_double_spans(text, paragraphs, layout.sentence_starts(), pats.marks)
    spans += find_single_spans(text, paragraphs, spans)
    spans.sort(key=lambda s: s.start)
    quoted = [(s.outer_start, s.outer_end) for s in spans]
    qstarts = [a for a, _ in quoted]
    all_hits = find_hits(text, cues)
    hits = _Hits([h for h in all_hits if not _inside(quoted, qstarts, h.start)])
    sp = Speakers(doc, cues, layout.sentence_starts(), quoted=quoted, confirmed=lambda: _confirmed_names(text, hits.hits))

    drafts: list[_Draft] = []
    used: set[int] = set()
    for s in spans:
        d = _attribute_direct(s, sp, pats, layout, hits)
        if d is not None:
            drafts.append(d)
            if d.cue_at is not None:
                used.add(d.cue_at)
    taken = sorted((d.start, d.end) for d in drafts)
    for h in hits.hits:
        if h.start in used:
            continue  # the cue of a direct quote
        d = _indirect(h, sp, pats, layout, quoted, qstarts) or _passive_event(h, sp, pats, layout)
        if d is None:
            continue
        if not d.event:
            k = bisect.bisect_left(taken, (d.end, d.end))
            if (k and taken[k - 1][1] > d.start) or (k < len(taken) and taken[k][0] < d.end):
                continue  # overlaps a statement already found
            bisect.insort(taken, (d.start, d.end))
        drafts.append(d)
    drafts.sort(key=lambda d: d.start)
    _link_unattributed(drafts, sp, pats, layout)
    doc.quotes = _resolve(drafts, sp, layout)


_CONFIRM_AFTER = re.compile(r"\s+([A-Z][\w’'\-]+)(?:\s+([A-Z][\w’'\-]+))?\s*[,.]")


def _person_or_none(ref: Candidate | None) -> Candidate | None:
    return ref if ref is not None and (ref.person or ref.pronoun) else None


def _event(h: Hit, ref: Candidate) -> _Draft | None:
    """A speaker introduced without a statement we keep ("Hal senada disampaikan X") still becomes
    the one a later "katanya" refers to."""
    if _person_or_none(ref) is None:
        return None
    return _Draft(h.start, h.start, False, "event", h.word, ref, ref.start, event=True)


def _passive_event(h: Hit, sp: Speakers, pats: _Patterns, layout: _Layout) -> _Draft | None:
    """"Hal senada disampaikan X": X speaks now."""
    s_start = layout.sentence_span(h.start)[0]
    if h.kind != PASSIVE or not pats.passive_next.match(layout.text, s_start, h.stop + 1):
        return None
    ref = _speaker_after(sp, pats, layout, h.stop)
    return _event(h, ref) if ref is not None else None


def _confirmed_names(text: str, hits: list[Hit]) -> frozenset[str]:
    """Words the article uses on their own as a name right after a cue or before a reporting verb
    ("kata Nahak", "Yohanes mengatakan"): they show where a name starts in a long role phrase."""
    out: set[str] = set()
    for h in hits:
        if h.kind in (CUE, MENURUT) and not h.nya:
            m = _CONFIRM_AFTER.match(text, h.stop, min(len(text), h.stop + 60))
            if m:
                out.update(g.lower() for g in m.groups() if g)
        elif h.kind == VERB:
            w = last_word(text, h.start, 30)
            if w[:1].isupper() and text[h.start - len(w) - 2:h.start - len(w) - 1] not in ("", "."):
                out.add(w.lower())
    return frozenset(out)


def _link_unattributed(drafts: list[_Draft], sp: Speakers, pats: _Patterns, layout: _Layout) -> None:
    """Give a cue-less quotation the speaker of the quote it continues, or of a passive attribution
    in the next sentence ("Hal itu dikatakan X"); drop it when it has neither (a scare quote, a title)."""
    text = layout.text
    # a run of paragraphs opened but not closed takes the attribution found later in the run
    for i in range(len(drafts) - 2, -1, -1):
        d, nxt = drafts[i], drafts[i + 1]
        if (d.rule == "direct:unattributed" and d.span is not None and d.span.close is None and nxt.direct
                and nxt.ref is not None and nxt.span is not None
                and layout.paragraph(nxt.span.outer_start) == layout.paragraph(d.start) + 1
                and layout.starts_sentence(nxt.span.outer_start)):
            d.rule, d.cue, d.ref, d.ref_pos = nxt.rule, nxt.cue, nxt.ref, nxt.ref_pos
    keep: list[_Draft] = []
    prev: _Draft | None = None
    for d in drafts:
        if d.event:
            keep.append(d)
            continue
        if d.rule == "direct:unattributed":
            s = d.span
            assert s is not None
            linked = False
            at_start = layout.starts_sentence(s.outer_start)
            if prev is not None and at_start and _near(prev, d, layout):
                d.rule, d.continues, linked = "direct:continues", True, True
            if not linked:
                s_end = layout.sentence_span(max(s.start, s.outer_end - 1))[1]
                m = pats.passive_next.match(text, s_end, min(len(text), s_end + 80))
                if m:
                    ref = _speaker_after(sp, pats, layout, m.end())
                    if ref is not None:
                        d.rule, d.cue, d.ref, d.ref_pos, linked = "direct:passive", m.group("cue"), ref, s.outer_start, True
            if not linked or (_words(text[d.start:d.end]) < _MIN_UNATTRIBUTED_WORDS and not at_start):
                continue
        keep.append(d)
        prev = d
    drafts[:] = keep


def _near(prev: _Draft, d: _Draft, layout: _Layout) -> bool:
    """``d`` follows ``prev`` closely enough to continue it: the same or the next paragraph, with at
    most one sentence between them."""
    start = d.span.outer_start if d.span else d.start
    return (layout.paragraph(start) - layout.paragraph(prev.end) <= 1
            and layout.sentence(start) - layout.sentence(prev.end) <= 2)


def _lazy_speaker(sp: Speakers, text: str, find: Callable[[], Candidate | None]) -> Callable[[], Participant | None]:
    """The resolved speaker of a lazily found reference (resolving a pronoun in it when asked)."""
    def speaker() -> Participant | None:
        ref = find()
        if ref is None:
            return None
        if ref.pronoun:
            return sp.resolve_reference(ref.start, text[ref.start:ref.end], ref.start, ref.end)
        return ref.participant
    return speaker


def _resolve(drafts: list[_Draft], sp: Speakers, layout: _Layout) -> list[Quote]:
    text = layout.text
    out: list[Quote] = []
    prev_speaker: Participant | None = None
    for d in drafts:
        speaker: Participant | None
        if d.lazy is not None:
            sp.remember_lazy(d.start, _lazy_speaker(sp, text, d.lazy))
            continue
        if d.continues:
            speaker = prev_speaker
        elif d.ref is None:
            speaker = None
        elif d.ref.pronoun:
            speaker = sp.resolve_reference(d.ref_pos, text[d.ref.start:d.ref.end], d.ref.start, d.ref.end)
        else:
            speaker = d.ref.participant
        if speaker is not None and not d.continues and d.ref is not None:
            sp.remember(d.ref.start, speaker)
        if d.event:
            continue
        out.append(Quote(text=text[d.start:d.end], start=d.start, end=d.end, direct=d.direct, cue=d.cue,
                         speaker=speaker, sentence=layout.sentence(d.start), rule=d.rule))
        prev_speaker = speaker
    return out
