"""Where the speaker of a statement is named, around its cue: after a short cue ("kata Menteri
Luar Negeri Retno Marsudi kepada …"), before a reporting verb ("Wang Wenbin, Selasa, mengatakan"),
or described rather than named ("seorang pejabat senior AS", "juru bicara itu"). Returns the
``Candidate`` the ``Speakers`` of the document offer, choosing among persons, bodies and pronouns."""

from __future__ import annotations

import re

from warta.analyse.quote_context import Layout, Patterns, patterns
from warta.analyse.quote_marks import last_word
from warta.analyse.speakers import Candidate, Speakers
from warta.model import Participant

MAX_DESCRIBED_WORDS = 6  # "seorang pejabat senior Kementerian Luar Negeri AS"
_APPOSITION_CHARS = 120  # "X, <role and body>, mengatakan": how long the phrase between the commas may be
GAP_BREAK = re.compile(r"[.!?“”\"\n]")
_SENTENCE_GAP = re.compile(r"[.!?](?=\s)|\n")
_CAPITALISED = re.compile(r"[A-Z]\w*")


def speaker_after(sp: Speakers, pats: Patterns, layout: Layout, pos: int) -> Candidate | None:
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
    words = text[a:b].split()[:MAX_DESCRIBED_WORDS]
    if not words:
        return None
    b = a + len(" ".join(words)) if text[a:b].startswith(" ".join(words)) else b
    return _described(sp, a, b, cands)


def _after_role(sp: Speakers, pos: int) -> bool:
    """True when a role word stands right before ``pos``: "Gubernur | DKI Jakarta" is a jurisdiction."""
    w = last_word(sp.text, pos, 30).lower()
    return w in sp.cues.name_prefixes


def _speaker_phrase_end(sp: Speakers, pats: Patterns, layout: Layout, pos: int) -> int:
    """Where the speaker phrase after a cue ends: at a stop word ("kepada", "dalam", "saat" …) that
    is not inside a name, a comma before a lower-case word, or the sentence's end."""
    text = layout.text
    limit = min(layout.sentence_span(pos)[1], pos + 160, layout.paragraphs[layout.paragraph(pos)][1])
    for m in pats.stops.finditer(text, pos, limit):
        if sp.inside_mention(m.start()):
            continue
        g = m.group().lower()
        if g in pats.cues.coordinators and text[m.end() + 1:m.end() + 2].isupper():
            continue  # "Kementerian Koperasi dan UKM": part of a name
        if g.startswith(",") and pats.and_capital.match(text, m.end()):
            continue  # "Bidang Politik, Hukum, dan Keamanan"
        return m.start()
    return limit


def speaker_before(sp: Speakers, layout: Layout, a: int, b: int) -> Candidate | None:
    """The subject of a reporting verb at ``b``, looking back to ``a`` (its sentence's start).

    Candidates in subject position — after the clause's start, a comma, a role word or another name,
    not after a verb or preposition ("menanggapi pernyataan Joe Biden") — come first; among them a
    person before a body, nearest the verb first. A coordinated verb ("Beijing menolak …, dan
    menegaskan") takes the sentence's first subject."""
    text = layout.text
    apposed = _apposed_subject(sp, a, b)
    if apposed is not None:
        return apposed
    quick = _subject_next_to_verb(sp, patterns(), a, b)
    if quick is not None:
        return quick
    coordinated = patterns().coordinated.search(text, max(a, b - 30), b)
    # persons are looked for up to 160 characters before the verb, bodies up to 60; a coordinated
    # verb needs the whole sentence
    lo = a if coordinated else max(a, b - 200)
    cands = [c for c in sp.candidates(lo, b) if (c.participant is not None or c.pronoun)
             and not _SENTENCE_GAP.search(text, c.end, b)]
    if not cands:
        return None
    subjects = [c for c in cands if sp.subject_like(c.start)]
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


def _apposed_subject(sp: Speakers, a: int, b: int) -> Candidate | None:
    """The subject around a phrase set off by commas right before the verb at ``b``: a name that is
    the whole phrase (after role words) — "Anggota Bawaslu Papua, Ronald Manoach, menambahkan" —, else
    the name before the first comma: in "Aziz Yanuari, kuasa hukum FPI dan Rizieq Shihab, menyatakan"
    or "Wang Wenbin, Selasa (5/3), mengatakan" not a name inside the phrase."""
    text = sp.text
    c2 = text.rfind(",", a, b)
    if c2 < 0 or not patterns().adverbs_only.fullmatch(text, c2 + 1, b):
        return None
    c1 = text.rfind(",", max(a, c2 - _APPOSITION_CHARS), c2)
    if c1 < 0 or _SENTENCE_GAP.search(text, c1, c2):
        return None
    m = sp.person_ending_before(c2, c1)
    if m is not None and not text[m.end:c2].strip() and sp.fills_apposition(m):
        return Candidate(sp.participant_for(m), m.start, m.end, person=True)  # "Juru bicara Kemenlu, Teuku Faizasyah, mengatakan"
    m = sp.person_ending_before(c1, max(a, c1 - 80))
    if m is None or text[m.end:c1].strip() or not sp.subject_like(m.start):
        return None
    return Candidate(sp.participant_for(m), m.start, m.end, person=True)


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
    if not words or len(words) > MAX_DESCRIBED_WORDS or not text[start].isalpha() or words[0].lower() in sp.cues.not_subject_starts:
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


def _subject_next_to_verb(sp: Speakers, pats: Patterns, a: int, b: int) -> Candidate | None:
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
