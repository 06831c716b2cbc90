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

How: ``str.find`` finds every quotation mark (``quote_marks`` pairs them), one Aho-Corasick pass every
cue word (``cue_hits``); everything else works in small windows around those hits. Speakers come from ``doc.mentions``, with a
backup finder for names the NER missed (``speakers``). Quotations without any attribution that do not
continue a speaker (scare quotes, titles, slogans) are not quotes and are left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from warta.analyse.cue_hits import CUE, MENURUT, PASSIVE, VERB, Hit, find_hits
from warta.analyse.quote_context import Layout, Patterns, paragraphs, patterns, sentences
from warta.analyse.quote_marks import QuotedSpan, find_double_spans, find_single_spans, last_word
from warta.analyse.speaker_phrases import GAP_BREAK, speaker_after, speaker_before
from warta.analyse.speakers import Candidate, Speakers
from warta.lang.id import speech
from warta.model import Doc, Participant, Quote

_MIN_INDIRECT_WORDS = 3
_MIN_UNATTRIBUTED_WORDS = 4  # a cue-less quotation shorter than this is a scare quote, not speech
_WINDOW = 250  # characters looked at around a quotation for its cue
_MARKS = "\"“”„‟«»'‘’"


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
    after_event: bool = False  # takes the speaker of a reporting verb in the sentence before ("X menilai lain. “…”")
    cue_at: int | None = None  # offset of the cue word (a direct quote's cue is no indirect quote)
    event: bool = False       # no statement: only says who speaks now ("Hal senada disampaikan X")
    lazy: Callable[[], Candidate | None] | None = None  # an event's speaker, found on demand
    span: QuotedSpan | None = None


def _words(text: str) -> int:
    return len(text.split())


def _statement_start(text: str, a: int, b: int) -> int:
    while a < b and (text[a].isspace() or text[a] in _MARKS):
        a += 1
    return a


def _statement_end(text: str, a: int, b: int) -> int:
    """Trim spaces, stray marks and the comma handing over to a cue."""
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;\"“”‘’'"):
        b -= 1
    return b


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


def _attribute_direct(s: QuotedSpan, sp: Speakers, pats: Patterns, layout: Layout, hits: _Hits) -> _Draft | None:
    text = layout.text
    cues = pats.cues
    d = _Draft(s.start, _statement_end(text, s.start, s.end), True, "", span=s)
    if d.end <= d.start or not any(c.isalnum() for c in text[d.start:d.end]):
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
                     else speaker_after(sp, pats, layout, h.stop))
            return d
        if (h.kind == VERB and gap_b - gap_a <= 100 and not GAP_BREAK.search(text, gap_a, gap_b)
                and not pats.verb_blockers.search(text, max(gap_a, gap_b - 30), gap_b)
                and not _verb_opens_next(text, d.end, h, pats)):
            ref = speaker_before(sp, layout, gap_a, gap_b)
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


def _verb_opens_next(text: str, statement_end: int, h: Hit, pats: Patterns) -> bool:
    """True when a reporting verb after a quotation belongs to the next sentence, not to the quotation:
    the quotation ends its sentence (“… saja.”) and the verb's own sentence goes on ("Johnson menilai
    lain.", "Johnson menambahkan, Inggris siap …") instead of ending with it ("Johnson menambahkan.")."""
    return text[statement_end - 1:statement_end] in ".!?…" and not pats.verb_closed.match(text, h.stop)


def _cue_before(a: int, b: int, sp: Speakers, pats: Patterns, layout: Layout,
                hits: _Hits) -> tuple[str, Candidate, int | None] | None:
    """The attribution that ends right before an opening mark at ``b`` (looking back to ``a``):
    "X mengatakan, “", "kata X, “", "menurut X, “", "X: “"."""
    text = layout.text
    h = hits.last_before(b)
    if h is not None and h.start >= a:
        if h.kind == VERB and pats.verb_gap.match(text, h.stop, b):
            s_start = layout.sentence_span(h.start)[0]
            if not pats.verb_blockers.search(text, max(s_start, h.start - 30), h.start):
                ref = speaker_before(sp, layout, s_start, h.start)
                if ref is not None:
                    return h.word, ref, h.start
        elif h.kind in (CUE, MENURUT):
            m = pats.who_gap.match(text, h.stop, b)
            if m and pats.who_stop.search(text, m.start("who"), m.end("who")) and text[a:b].rstrip()[-1:] not in (",", ":"):
                m = None  # "ujar X dalam webinar “Judul”": a title after a circumstance, not speech
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


def _indirect(h: Hit, sp: Speakers, pats: Patterns, layout: Layout,
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
                or text[a:a + 1] in _MARKS or _words(text[a:body_end]) < _MIN_INDIRECT_WORDS):
            # no statement we keep ("X menyebut nama …", "X mengatakan, “…”"), but X speaks now;
            # who X is is worked out only if a later "katanya" asks
            return _Draft(h.start, h.start, False, "event", h.word, None, h.start, event=True,
                          lazy=lambda: _person_or_none(speaker_before(sp, layout, s_start, h.start)))
        ref = speaker_before(sp, layout, s_start, h.start)
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
        ref = speaker_after(sp, pats, layout, h.stop)
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
    pats = patterns()
    paras = paragraphs(text)
    layout = Layout(text, paras, sentences(doc, paras))

    spans = find_double_spans(text, paras, layout.sentence_starts(), pats.marks)
    spans += find_single_spans(text, paras, spans)
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


_SENTENCE_ENDS = ".!?…:\"”’'"
_CONFIRM_AFTER = re.compile(r"\s+([A-Z][\w’'\-]+)(?:\s+([A-Z][\w’'\-]+))?\s*[,.]")


def _person_or_none(ref: Candidate | None) -> Candidate | None:
    return ref if ref is not None and (ref.person or ref.pronoun) else None


def _event(h: Hit, ref: Candidate) -> _Draft | None:
    """A speaker introduced without a statement we keep ("Hal senada disampaikan X") still becomes
    the one a later "katanya" refers to."""
    if _person_or_none(ref) is None:
        return None
    return _Draft(h.start, h.start, False, "event", h.word, ref, ref.start, event=True)


def _passive_event(h: Hit, sp: Speakers, pats: Patterns, layout: Layout) -> _Draft | None:
    """"Hal senada disampaikan X": X speaks now."""
    if h.kind != PASSIVE:
        return None
    s_start = layout.sentence_span(h.start)[0]
    if not pats.passive_next.match(layout.text, s_start, h.stop + 1):
        return None
    ref = speaker_after(sp, pats, layout, h.stop)
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
            at = text.rfind(w, max(0, h.start - 30), h.start) if w else -1
            before = text[max(0, at - 4):at].rstrip() if at >= 0 else ""
            # a capital that opens a sentence says nothing about a name ("Selain memastikan …")
            if w[:1].isupper() and before and before[-1] not in _SENTENCE_ENDS:
                out.add(w.lower())
    return frozenset(out)


def _link_unattributed(drafts: list[_Draft], sp: Speakers, pats: Patterns, layout: Layout) -> None:
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
    event: _Draft | None = None  # the last reporting verb without a statement ("X menilai lain.")
    for d in drafts:
        if d.event:
            keep.append(d)
            event = d
            continue
        if d.rule == "direct:unattributed":
            s = d.span
            assert s is not None
            linked = False
            at_start = layout.starts_sentence(s.outer_start)
            passive = _passive_after(s, sp, pats, layout)
            # "Pernyataan itu disampaikan X" names the speaker of the quotation just before it, even
            # right after another speaker's quote; "Hal senada disampaikan X" only when nothing else does
            if passive is not None and passive[2]:
                d.rule, d.cue, d.ref, d.ref_pos, linked = "direct:passive", passive[0], passive[1], s.outer_start, True
            elif at_start and event is not None and (prev is None or event.start > prev.end) and _just_before(event, d, layout):
                # "Johnson menilai lain. “…”": the speaker the sentence before introduced, not the last quote's
                d.rule, d.continues, d.after_event, linked = "direct:introduced", True, True, True
            elif prev is not None and at_start and _near(prev, d, layout):
                d.rule, d.continues, linked = "direct:continues", True, True
            elif passive is not None:
                d.rule, d.cue, d.ref, d.ref_pos, linked = "direct:passive", passive[0], passive[1], s.outer_start, True
            if not linked or (_words(text[d.start:d.end]) < _MIN_UNATTRIBUTED_WORDS and not at_start):
                continue
        keep.append(d)
        prev = d
    drafts[:] = keep


def _passive_after(s: QuotedSpan, sp: Speakers, pats: Patterns, layout: Layout) -> tuple[str, Candidate, bool] | None:
    """A passive attribution opening the sentence after a quotation ("Hal itu dikatakan X"): its
    cue, X, and whether its subject points back with a demonstrative ("Pernyataan itu"), not at a
    similar statement ("Hal senada")."""
    text = layout.text
    s_end = layout.sentence_span(max(s.start, s.outer_end - 1))[1]
    m = pats.passive_next.match(text, s_end, min(len(text), s_end + 80))
    if not m:
        return None
    ref = speaker_after(sp, pats, layout, m.end())
    if ref is None:
        return None
    back = m.group("subject").split()[-1].lower() in pats.cues.demonstratives
    return m.group("cue"), ref, back


def _just_before(event: _Draft, d: _Draft, layout: Layout) -> bool:
    """``event`` is in the sentence right before the quotation ``d`` opens, in its paragraph or the one before."""
    start = d.span.outer_start if d.span else d.start
    return (0 <= layout.paragraph(start) - layout.paragraph(event.start) <= 1
            and 0 < layout.sentence(start) - layout.sentence(event.start) <= 1)


def _near(prev: _Draft, d: _Draft, layout: Layout) -> bool:
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


def _resolve(drafts: list[_Draft], sp: Speakers, layout: Layout) -> list[Quote]:
    text = layout.text
    out: list[Quote] = []
    prev_speaker: Participant | None = None
    for d in drafts:
        speaker: Participant | None
        if d.lazy is not None:
            sp.remember_lazy(d.start, _lazy_speaker(sp, text, d.lazy))
            continue
        if d.after_event:
            last = sp.last_speaker()
            speaker = last[1] if last is not None else prev_speaker
        elif d.continues:
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
        a = _statement_start(text, d.start, d.end)
        b = _statement_end(text, a, d.end)
        if b <= a:
            continue
        out.append(Quote(text=text[a:b], start=a, end=b, direct=d.direct, cue=d.cue,
                         speaker=speaker, sentence=layout.sentence(a), rule=d.rule))
        prev_speaker = speaker
    return out
