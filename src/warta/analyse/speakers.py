"""Who is speaking: find the speaker phrase in a window of text and resolve it to a person or body.

Sources, in order of trust: the NER's mentions (``doc.mentions``: PER, then ORG/LOC bodies and
metonyms, with actors and in-document coreference already applied); then a backup finder of
capitalised name phrases for names the NER missed, which splits "Perdana Menteri Rusia Mikhail
Mishustin" into role words, body and the person's name with the word lists of ``speech_cues.yaml``.
Names are expanded to the fullest form the article uses ("Mishustin" → "Mikhail Mishustin"); pronouns
and "-nya" resolve to the person they refer to (``Speakers.resolve_reference``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from warta.analyse.clauses import load_clause_lexicon
from warta.analyse.quote_marks import last_word
from warta.lang.id.speech import SpeechCues
from warta.model import Doc, Mention, Participant

PERSON_LABELS = frozenset({"PER"})
#: A pronoun or "-nya" within this many sentences of the last speaker's attribution refers to them.
_STAY_WITH_SPEAKER = 3
_NEW_SUBJECT_SENTENCES = 2  # how far back a new sentence subject takes a pronoun over from the last speaker
_SUBJECT_WORDS = 8          # a sentence's subject stands within its first words (role and body before the name)
BODY_LABELS = frozenset({"ORG", "GPE", "LOC"})

# A capitalised phrase: capitalised words or initials joined by single spaces, lower-case name
# particles allowed inside ("Ali bin Alwi Alatas"); the particles come from the word list.
_CAP_WORD = r"(?:[A-Z][\w’'\-]*|[A-Z]\.)"
_WORD = re.compile(r"\S+")
_UPPER = re.compile(r"[A-Z]")
_AFFIXES = re.compile(r"^(?:meng|meny|mem|men|me|ber|be|di|ter|ke|se|peng|peny|pem|pen|per|pe)?(.+?)(?:kannya|annya|kan|an|i|nya|lah)?$")


@cache
def _run_regex(particles: frozenset[str]) -> re.Pattern[str]:
    part = "|".join(sorted(map(re.escape, particles), key=len, reverse=True))
    return re.compile(rf"{_CAP_WORD}(?:[ ]+(?:(?:{part})[ ]+)?{_CAP_WORD})*")


@cache
def _places() -> dict[str, str | None]:
    """Indonesian country names (CLDR via babel), lower case -> ISO alpha-3: a role phrase's country
    ("Perdana Menteri Rusia …")."""
    import pycountry
    from babel import Locale

    out: dict[str, str | None] = {}
    for code, name in Locale.parse("id").territories.items():
        if code.isalpha() and len(code) == 2:
            c = pycountry.countries.get(alpha_2=code)
            out[name.lower()] = c.alpha_3 if c else None
    return out


@cache
def _common_words() -> frozenset[str]:
    """Indonesian root words and stop words (PySastrawi): a capitalised sentence-initial word among
    them, or derived from one, is an ordinary word, not a name."""
    import Sastrawi
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    roots = {w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip()}
    return frozenset(roots | set(StopWordRemoverFactory().get_stop_words()))


@lru_cache(maxsize=50_000)
def is_common_word(low: str) -> bool:
    words = _common_words()
    if low in words:
        return True
    m = _AFFIXES.match(low)
    return bool(m and len(m.group(1)) >= 3 and m.group(1) in words and m.group(1) != low)


def _is_acronym(tok: str) -> bool:
    return tok.isupper() and len(tok.rstrip(".")) >= 2


@dataclass(slots=True)
class NameRun:
    """A capitalised phrase found by the backup finder, split into parts. ``name`` is the person's
    name (None when the phrase names only a role or a body); ``body`` the body it names, if any;
    ``role`` the words before the name; ``country`` from a country word in it."""

    start: int
    end: int
    text: str
    name: str | None = None
    name_start: int = 0
    name_end: int = 0
    body: str | None = None
    country: str | None = None
    role: str = ""
    titled: bool = False  # a title or role word stands before the name: surely a person


def split_run(text: str, start: int, end: int, cues: SpeechCues, confirmed: frozenset[str] = frozenset()) -> NameRun:
    """Split the capitalised phrase ``text[start:end]`` into role words, body and person name.

    ``confirmed`` holds lower-case words the article uses on their own as a name (after a cue, before
    a reporting verb): they mark where a person's name starts inside a long role-and-body phrase."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    low = [w[2].lower().rstrip(".") for w in words]
    places = _places()
    n = len(words)
    country = next((places[w] for w in low if w in places), None)
    body_at = next((i for i in range(n) if low[i] in cues.body_heads
                    or (i + 1 < n and f"{low[i]} {low[i + 1]}" in cues.body_heads)), None)
    last_non_name = -1
    for i in range(n):
        if (low[i] in cues.name_prefixes or low[i] in places or low[i] in cues.not_names
                or low[i] in cues.body_heads or _is_acronym(words[i][2])):
            last_non_name = i
    first_name = last_non_name + 1
    # a word the article uses on its own as a name marks where the name is: a first name starts it
    # ("lanjut Tauhid" → "Tauhid Ahmad"); a last name ends it, after at most two given names
    titled_here = first_name > 0 and low[first_name - 1] in cues.name_prefixes  # "Kombes | Ade Ary …"
    split = next((i for i in range(first_name + 1, n) if low[i] in confirmed), None)
    if split is not None and split < n - 1:
        first_name = split
    elif split is not None and not titled_here:
        first_name = max(first_name, split - 2)
    elif body_at is not None and first_name < n:
        if not any(low[i] in cues.name_prefixes for i in range(body_at + 1, n)):
            if body_at > 0 and low[0] in cues.name_prefixes and n - (body_at + 1) >= 3:
                first_name = n - 2  # "Kepala Dinas … Kabupaten Malaka Yohanes Nahak"
            else:
                first_name = n      # "Kementerian Luar Negeri China": a body, no person
    run = NameRun(start, end, text[start:end], country=country)
    name_words = words[first_name:]
    if len(name_words) > 4:
        name_words = name_words[-3:]
    if name_words and all(is_common_word(w[2].lower()) for w in name_words) and not any(
            w[2].lower() in confirmed for w in name_words):
        name_words = []  # "Direktur Jenderal Politik": ordinary words, no name
    if name_words:
        run.name_start, run.name_end = name_words[0][0], name_words[-1][1]
        run.name = text[run.name_start:run.name_end].rstrip(".,")
        run.role = text[start:run.name_start].strip()
        run.titled = any(w in cues.name_prefixes for w in low[:first_name])
    elif body_at is None:
        run.role = run.text
    if body_at is not None:
        b_end = name_words[0][0] if name_words else end
        run.body = text[words[body_at][0]:b_end].strip() or None
    return run


@dataclass(slots=True)
class Candidate:
    """A speaker reference found in a window: a participant, or a pronoun to resolve later."""

    participant: Participant | None
    start: int
    end: int
    pronoun: bool = False
    person: bool = False
    backup: bool = False  # from the backup name finder, not the NER
    role: bool = False    # a bare role ("kata Presiden") resolved to whoever held it before
    titled: bool = False  # a backup name with a title or role word before it


class Speakers:
    """Speaker finding and resolution for one document."""

    def __init__(self, doc: Doc, cues: SpeechCues, sentence_starts: list[int],
                 quoted: list[tuple[int, int]] | None = None,
                 confirmed: Callable[[], frozenset[str]] | frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.text = doc.text
        self.cues = cues
        self._confirmed = confirmed
        self.quoted = quoted or []
        self._quoted_starts = [a for a, _ in self.quoted]
        self._sentence_starts = sentence_starts
        ms = sorted(doc.mentions, key=lambda m: (m.start, -m.end))
        self._mentions = ms
        self._starts = [m.start for m in ms]
        self._persons = [m for m in ms if m.label in PERSON_LABELS]
        self._person_starts = [m.start for m in self._persons]
        self._runs: list[NameRun] | None = None
        self._run_cache: dict[int, NameRun] = {}
        self._headlines: list[tuple[int, int]] | None = None
        self._run_starts: list[int] = []
        self._name_index: dict[str, list[tuple[int, str, str | None]]] | None = None
        self._firsts: list[bool] | None = None
        # (offset of the reference, resolved speaker or a function that finds it when first needed)
        self.history: list[tuple[int, Participant | Callable[[], Participant | None]]] = []

    @property
    def confirmed(self) -> frozenset[str]:
        """Words the article uses on their own as a name (worked out on first need)."""
        if callable(self._confirmed):
            self._confirmed = self._confirmed()
        return self._confirmed

    # -- the backup name finder ---------------------------------------------------------------
    def runs_in(self, a: int, b: int) -> list[NameRun]:
        """Backup name phrases in ``text[a:b]``: not in a headline line, not a place after
        "di/ke/dari", and without a sentence's first word when that is an ordinary word."""
        text = self.text
        out = []
        for m in _run_regex(self.cues.name_particles).finditer(text, a, b):
            ra, rb = m.start(), m.end()
            run = self._run_cache.get(ra)
            if run is None or run.end != rb:
                run = self._make_run(ra, rb)
                self._run_cache[ra] = run
            if run.text:
                out.append(run)
        return out

    def _make_run(self, a: int, b: int) -> NameRun:
        text = self.text
        empty = NameRun(a, b, "")
        if self.after_place_preposition(a) or self._in_headline(a):
            return empty
        if self._sentence_initial(a):
            first, _, rest = text[a:b].partition(" ")
            low = first.lower()
            if (low not in self.confirmed and low not in self.cues.body_heads
                    and low not in self.cues.name_prefixes and is_common_word(low)):
                if not rest.strip():
                    return empty
                a = text.index(rest.lstrip(), a + len(first))
        return split_run(text, a, b, self.cues, self.confirmed)

    def _in_headline(self, pos: int) -> bool:
        if self._headlines is None:
            self._headlines = _headline_lines(self.text)
        return _in_lines(self._headlines, pos)

    def runs(self) -> list[NameRun]:
        """Every backup name phrase of the article — only when the NER found no person at all
        (it did not run, or missed them all): then they stand in for its persons."""
        if self._runs is None:
            self._runs = [] if self._persons else self.runs_in(0, len(self.text))
            self._run_starts = [r.start for r in self._runs]
        return self._runs

    def _sentence_initial(self, pos: int) -> bool:
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        head = self.text[self._sentence_starts[k] if k >= 0 else 0:pos]
        return not any(c.isalnum() for c in head)

    # -- windows ------------------------------------------------------------------------------
    def mentions_in(self, a: int, b: int) -> list[Mention]:
        i = bisect.bisect_left(self._starts, a)
        out = []
        while i < len(self._mentions) and self._mentions[i].start < b:
            if self._mentions[i].end <= b:
                out.append(self._mentions[i])
            i += 1
        return out

    def inside_mention(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        while i >= 0 and self._mentions[i].start > pos - 200:
            if self._mentions[i].start < pos < self._mentions[i].end:
                return True
            i -= 1
        return False

    def person_ending_before(self, pos: int, lo: int) -> Mention | None:
        """The NER person nearest before ``pos`` (ending at or before it, starting at ``lo`` or
        later) outside quotations."""
        i = bisect.bisect_left(self._person_starts, pos) - 1
        while i >= 0 and self._persons[i].start >= lo:
            m = self._persons[i]
            if m.end <= pos and not self.in_quote(m.start):
                return m
            i -= 1
        return None

    def mention_starting_after(self, pos: int) -> Mention | None:
        i = bisect.bisect_left(self._starts, pos)
        return self._mentions[i] if i < len(self._mentions) else None

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self._quoted_starts, pos) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def candidates(self, a: int, b: int) -> list[Candidate]:
        """Every speaker-like reference in ``text[a:b]``, in text order: NER mentions (persons and
        bodies), backup names and bodies in the stretches the NER left untagged, and pronouns."""
        text = self.text
        out: list[Candidate] = []
        ms = self.mentions_in(a, b)
        gaps: list[tuple[int, int]] = []
        pos = a
        for m in ms:
            if m.label in PERSON_LABELS or (m.label in BODY_LABELS and (m.label != "LOC" or m.actor is not None)):
                out.append(Candidate(self.participant_for(m), m.start, m.end, person=m.label in PERSON_LABELS))
            elif m.label == "LOC" and not self.after_place_preposition(m.start):
                # a "place" without an actor and not after di/ke/dari is most often a name the NER
                # mislabelled ("ujar Febria"); a real place never speaks
                p = Participant(text=m.text, name=self.fullest(m.text)[0], start=m.start, end=m.end)
                out.append(Candidate(p, m.start, m.end, person=True, backup=True))
            if m.start > pos:
                gaps.append((pos, m.start))
            pos = max(pos, m.end)
        if pos < b:
            gaps.append((pos, b))
        person_at = {m.start for m in ms if m.label in PERSON_LABELS}
        for ga, gb in gaps:
            if not _UPPER.search(text, ga, gb):
                continue
            for r in self.runs_in(ga, gb):
                if gb in person_at and gb - r.end <= 2:
                    continue  # the role words before a tagged person: "Menteri Perindustrian | Agus …"
                if r.name and r.name_start >= ga:
                    out.append(Candidate(self.participant_for_run(r), r.name_start, r.name_end, person=True,
                                         backup=True, titled=r.titled))
                elif r.start >= ga and r.body:
                    b_end = r.end
                    nxt = self.mention_starting_after(r.end)
                    if nxt is not None and nxt.label in BODY_LABELS and nxt.start - r.end == 1 and nxt.end <= b:
                        b_end = nxt.end  # "KBRI | Phnom Penh": the body's seat is part of its name
                    body = text[r.start:b_end] if b_end != r.end else r.body
                    out.append(Candidate(Participant(text=body, name=body, country=r.country,
                                                     start=r.start, end=b_end), r.start, b_end))
                elif (r.start >= ga and r.role and r.role.lower().split()[0] in self.cues.name_prefixes
                      and (gb - r.end > 2 or gb == b)):
                    # a bare role ("kata Presiden"), not the role words before a tagged name
                    out.append(Candidate(self.role_holder(r.role, r.start, r.end), r.start, r.end, person=True,
                                         backup=True, role=True))
        for m in _pronoun_regex(self.cues.pronouns).finditer(text, a, b):
            out.append(Candidate(None, m.start(), m.end(), pronoun=True))
        out.sort(key=lambda c: (c.start, -c.end))
        return out

    # -- participants -------------------------------------------------------------------------
    def participant_for(self, m: Mention) -> Participant:
        p = Participant.from_mention(m)
        if m.label in PERSON_LABELS and (m.actor is None or not m.actor.name):
            full, country = self.fullest(p.name or m.text)
            p.name = full
            p.country = p.country or country
        return p

    def participant_for_run(self, r: NameRun) -> Participant:
        full, country = self.fullest(r.name or "")
        return Participant(text=r.name or r.text, name=full, country=r.country or country,
                           start=r.name_start, end=r.name_end)

    def role_holder(self, role: str, start: int, end: int) -> Participant:
        """A bare role ("kata Presiden"): the person the article named with that role before."""
        words = role.lower().split()
        phrase = " ".join(words)
        best: tuple[int, str, str | None] | None = None
        for m in self._persons:
            if m.start >= start:
                break
            head = self.text[max(0, m.start - 60):m.start].lower()
            if phrase in m.text.lower() or head.rstrip().endswith(phrase):
                p = self.participant_for(m)
                best = (m.start, p.name or m.text, p.country)
        for r in self.runs():
            if r.start >= start:
                break
            if r.name and (best is None or r.start > best[0]) and phrase in r.role.lower():
                best = (r.start, self.fullest(r.name)[0], r.country)
        name, country = (best[1], best[2]) if best else (None, None)
        return Participant(text=self.text[start:end], name=name, country=country, start=start, end=end)

    def fullest(self, name: str) -> tuple[str, str | None]:
        """The fullest form of a person's name in the article, and the country its role phrase gives."""
        toks = name.lower().replace(".", "").split()
        if not toks:
            return name, None
        index = self._names()
        best, best_len, country = name, len(toks), None
        for _, cand, c in index.get(toks[-1], ()):
            ct = cand.lower().replace(".", "").split()
            if set(toks) <= set(ct) and (len(ct) > best_len or (len(ct) == best_len and country is None and c)):
                best, best_len, country = cand, len(ct), c
        return best, country

    def _names(self) -> dict[str, list[tuple[int, str, str | None]]]:
        """word -> the person names containing it: NER persons' names and backup names."""
        if self._name_index is None:
            index: dict[str, list[tuple[int, str, str | None]]] = {}
            for m in self._persons:
                full = m.actor.name if m.actor and m.actor.name else m.text
                for w in set(full.lower().replace(".", "").split()):
                    index.setdefault(w, []).append((m.start, full, m.actor.country if m.actor else None))
            for r in self.runs():
                if r.name:
                    for w in set(r.name.lower().replace(".", "").split()):
                        index.setdefault(w, []).append((r.start, r.name, r.country))
            self._name_index = index
        return self._name_index

    # -- resolution -----------------------------------------------------------------------------
    def last_person_before(self, pos: int, subject: bool = False) -> Participant | None:
        """The nearest person before ``pos`` outside quotations: an NER person, or a backup name
        with a title or role before it or used on its own as a speaker elsewhere. With ``subject``,
        only a person in subject position (not "menanggapi pernyataan Joe Biden")."""
        i = bisect.bisect_left(self._person_starts, pos) - 1
        mention = None
        while i >= 0:
            m = self._persons[i]
            if not self.in_quote(m.start) and (not subject or self.subject_like(m.start)):
                mention = m
                break
            i -= 1
        run = None
        runs = self.runs()
        j = bisect.bisect_left(self._run_starts, pos) - 1
        while j >= 0:
            r = runs[j]
            if r.name and not self.in_quote(r.start) and (
                    r.titled or any(w in self.confirmed for w in r.name.lower().split())) and (
                    not subject or self.subject_like(r.start)):
                run = r
                break
            j -= 1
        if mention and (run is None or mention.end >= run.name_start):
            return self.participant_for(mention)
        if run:
            return self.participant_for_run(run)
        return None

    def subject_like(self, pos: int) -> bool:
        """True when the word before ``pos`` leaves it in subject position: nothing (a clause's
        start), punctuation, a capitalised word, a role word or "dan" — not a verb or preposition."""
        j = pos
        while j > 0 and self.text[j - 1] == " ":
            j -= 1
        if j == 0 or not self.text[j - 1].isalnum():
            return True
        k = j
        while k > 0 and not self.text[k - 1].isspace():
            k -= 1
        w = self.text[k:j]
        low = w.lower()
        # a number ends a body's name before a person's ("Satgas Penanganan Covid - 19 Bima Arya")
        return w[:1].isupper() or w.isdigit() or low in self.cues.name_prefixes or low in self.cues.coordinators

    def after_place_preposition(self, pos: int) -> bool:
        """True after "di", "ke", "dari": "di Beijing" is a place, not a speaker."""
        return last_word(self.text, pos, 8).lower() in self.cues.place_prepositions and self.text[pos - 1:pos] == " "

    def introduced_before(self, pos: int) -> Participant | None:
        """A person the NER found who is named for the first time, as the subject, in the sentence
        before ``pos`` (or ``pos``'s own): "Anggota Komisi II DPR Mardani Ali Sera mengapresiasi KPU.
        Menurutnya, …" is Mardani's."""
        k = self.sentence_of(pos)
        i = bisect.bisect_left(self._person_starts, pos) - 1
        found: list[Mention] = []
        while i >= 0:
            m = self._persons[i]
            s = self.sentence_of(m.start)
            if s < k - 1 or (found and s != self.sentence_of(found[0].start)):
                break
            if not self.in_quote(m.start) and self.subject_like(m.start) and not self._passive_follows(m.end):
                s0 = self._sentence_starts[s]
                if self._first_mention(i) and len(self.text[s0:m.start].split()) <= _SUBJECT_WORDS:
                    found.append(m)
            i -= 1
        if not found:
            return None
        # the earliest in its sentence ("Aziz Yanuari, kuasa hukum FPI dan Rizieq Shihab, menyatakan":
        # Rizieq is in the apposition), but a name set off by commas before one in a role phrase
        # ("Anggota Bawaslu Papua, Ronald Manoach, menambahkan")
        named = [m for m in found if self.fills_apposition(m)]
        return self.participant_for((named or found)[-1])

    def fills_apposition(self, m: Mention) -> bool:
        """True when ``m`` ends a phrase set off by commas that holds only role words before it:
        ", Ronald Manoach," / ", dokter Adam Prabata,"."""
        text = self.text
        if text[m.end:m.end + 2].lstrip()[:1] != ",":
            return False
        c = text.rfind(",", max(0, m.start - 40), m.start)
        if c < 0:
            return False
        return all(w.islower() or w.lower() in self.cues.name_prefixes for w in text[c + 1:m.start].split())

    def subject_since(self, pos: int, since: int) -> Participant | None:
        """A person the NER found who opens one of the sentences just before ``pos`` as its subject
        after ``since`` (where the last speaker was named) and is not that speaker: "“…,” kata
        Merkel. Johnson menolak pandangan itu. “…,” katanya." is Johnson's."""
        k = self.sentence_of(pos)
        i = bisect.bisect_left(self._person_starts, pos) - 1
        while i >= 0:
            m = self._persons[i]
            if m.start <= since or self.sentence_of(m.start) < k - _NEW_SUBJECT_SENTENCES:
                return None
            if not self.in_quote(m.start) and self.subject_like(m.start) and self._verb_follows(m.end):
                s0 = self._sentence_starts[self.sentence_of(m.start)]
                if len(self.text[s0:m.start].split()) <= _SUBJECT_WORDS:
                    return self.participant_for(m)
            i -= 1
        return None

    def _passive_follows(self, pos: int) -> bool:
        """True when a verb that is not active follows ``pos`` ("Sutrisno diyakini mampu"): the name is
        what the clause is about, not someone who acts or speaks."""
        words = self.text[pos:pos + 40].split()[:1]
        if not words or not words[0][:1].islower():
            return False
        w = words[0].rstrip(",.;:")
        lex = load_clause_lexicon()
        return bool(lex.verb_prefix.match(w)) and w not in lex.not_verbs and not _active_verb(self.cues.active_verb_prefixes, w)

    def _verb_follows(self, pos: int) -> bool:
        """True when an active verb follows ``pos``, after at most one adverb: the name before it is
        a clause's acting subject ("Johnson menolak", "Toto juga mengajak")."""
        words = self.text[pos:pos + 40].split()[:2]
        if words and words[0].lower() in self.cues.verb_adverbs:
            words = words[1:]
        if not words or not words[0][:1].islower():
            return False
        return _active_verb(self.cues.active_verb_prefixes, words[0].rstrip(",.;:"))

    def _first_mention(self, i: int) -> bool:
        """True when NER person ``i`` is the first mention of its person in the article."""
        if self._firsts is None:
            seen: set[str] = set()
            self._firsts = []
            for m in self._persons:
                key = (m.actor.name if m.actor and m.actor.name else m.text).lower()
                self._firsts.append(key not in seen)
                seen.add(key)
        return self._firsts[i]

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self._sentence_starts, pos) - 1

    def resolve_reference(self, pos: int, text: str, start: int, end: int) -> Participant | None:
        """'ia', 'dia', 'beliau', '-nya': someone just introduced as a sentence's subject; else the
        last speaker while the article stays with them (they spoke within the last few sentences, or
        nobody new has become a sentence's subject since); otherwise the nearest person in subject
        position before, or the nearest person. Persons mentioned as objects ("penangkapan terhadap
        Rizieq") do not take the reference over."""
        last_speaker = self.last_speaker()
        chosen: Participant | None
        introduced = self.introduced_before(pos)
        if last_speaker and introduced is not None and introduced.start > last_speaker[0]:
            chosen = introduced  # someone new was just introduced as a sentence's subject
        elif last_speaker and (new_subject := self.subject_since(pos, last_speaker[0])) is not None:
            chosen = new_subject  # the article turned to someone else since the last speaker spoke
        elif last_speaker and self.sentence_of(pos) - self.sentence_of(last_speaker[0]) <= _STAY_WITH_SPEAKER:
            chosen = last_speaker[1]
        else:
            newer = self.last_person_before(pos, subject=True)
            if last_speaker and (newer is None or newer.start <= last_speaker[0]):
                chosen = last_speaker[1]
            else:
                chosen = newer or self.last_person_before(pos)
        if chosen is None:
            return None
        return Participant(text=text, name=chosen.name, code=chosen.code, country=chosen.country, start=start, end=end)

    def remember(self, pos: int, p: Participant | None) -> None:
        """The speaker just attributed: later pronouns may refer to them (a described speaker
        without a name, "seorang pejabat AS", too)."""
        if p is not None and (p.name or p.text):
            self.history.append((pos, p))

    def remember_lazy(self, pos: int, find: Callable[[], Participant | None]) -> None:
        """A speaker worked out only if a later reference needs it."""
        self.history.append((pos, find))

    def last_speaker(self) -> tuple[int, Participant] | None:
        """The most recent speaker, resolving lazy entries from the end until one resolves."""
        while self.history:
            pos, p = self.history[-1]
            if callable(p):
                self.history.pop()
                got = p()
                if got is not None:
                    self.history.append((pos, got))
                continue
            return pos, p
        return None


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines without final punctuation whose words are mostly capitalised: headlines, whose capitals
    say nothing about names."""
    out = []
    pos = 0
    for line in text.split("\n"):
        s = line.rstrip()
        if s and s[-1] not in ".!?\"”’:":
            words = s.split()
            if len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _in_lines(lines: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in lines)


@lru_cache(maxsize=16384)
def _active_verb(prefixes: frozenset[str], word: str) -> bool:
    """A lower-case word with an active prefix and three more letters, not a listed non-verb."""
    lex = load_clause_lexicon()
    if word in lex.not_verbs:
        return False
    return word in lex.plain_verbs or any(word.startswith(p) and len(word) >= len(p) + 3 for p in prefixes)


@cache
def _pronoun_regex(pronouns: frozenset[str]) -> re.Pattern[str]:
    alt = "|".join(sorted(map(re.escape, pronouns), key=len, reverse=True))
    return re.compile(rf"(?i)\b(?:{alt})\b")
