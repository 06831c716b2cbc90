"""The actor dictionary: countries, organisations, groups and people with date-bounded roles, role
words with their CAMEO sectors, and a fast gazetteer matcher over all of them.

    >>> d = load()
    >>> [(h.surface, h.entry.id, h.how) for h in d.find("Pemerintah Rusia dan Gedung Putih")]
    [('Pemerintah Rusia', 'RUS/GOV', 'demonym'), ('Gedung Putih', 'USA@gedung-putih', 'metonym')]
    >>> d.actor(d.get("person/joko-widodo"), date(2023, 1, 1)).code
    'IDNGOV'

Data (``src/warta/lang/id``, formats in each file's header): ``countries.tsv`` (generated from ISO/CLDR),
``country-aliases.tsv``, ``country-forms.tsv``, ``organisations.tsv``, ``people/*.txt`` (curated),
``people-petrarch.tsv`` and ``organisations-petrarch.tsv`` (generated from PETRARCH2; curated wins),
``roles.tsv`` and ``not-actors.tsv``.

Matching: the text is case-folded (lower case, accents folded, punctuation as spaces: same length, so
offsets are the text's own) and searched with one Aho-Corasick automaton whose keys are padded with
spaces, so every raw match is word-bounded. Each candidate then passes a letter-case check against
the original text (a capitalised word in the name must be capitalised in the text, an all-capitals
word all capitals: "AS" is the United States, "as" is not; "Barat" is the West, "barat" the
direction), and the leftmost-longest non-overlapping candidates win ("Dewan Keamanan PBB" over
"PBB", "Jawa Barat" - a province listed in ``not-actors.tsv`` - over "Barat").

Loading builds the automata from the files (about a second for ~20,000 people), so ``load()`` keeps a
pickled copy in the user cache directory keyed by the files' sizes and times; a warm load takes a
few tens of milliseconds. ``WARTA_CACHE_DIR`` moves the cache; ``WARTA_NO_CACHE=1`` disables it.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import hashlib
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import ahocorasick

from warta.errors import WartaError
from warta.lang.id import actor_files as af
from warta.model import Actor

DATA_DIR = Path(__file__).resolve().parent
#: Bump when the built structure changes: old caches are then ignored.
CACHE_VERSION = "7"
GUIDE_KEYS = ("UN", "EU", "NATO", "ASEAN", "G7", "G20", "BRICS", "APEC", "OIC", "AU", "WST")


class DictionaryError(WartaError):
    """The dictionary's data files cannot be read; the message lists file:line problems."""


# ---------------------------------------------------------------------------------------------
# Records the rest of warta uses
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Role:
    """A code an actor holds for a period (both ends inclusive; None = open)."""

    code: str
    country: str | None
    title: str | None
    start: date | None
    end: date | None

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """A dictionary actor. ``code`` is its base CAMEO code (when no role applies); ``country`` the
    CODING-GUIDE key (ISO alpha-3 or UN/EU/NATO/…/WST); ``kind`` is "country", "person",
    "organisation" or "group" (state bodies such as "Kremlin" or "pemerintah Rusia" are "country")."""

    id: str
    name: str
    kind: str
    code: str | None
    country: str | None
    roles: tuple[Role, ...] = ()

    def role_on(self, on: date) -> Role | None:
        """The role valid on ``on``; of several, the one that began last (a handover day gives the
        new office)."""
        best: Role | None = None
        for r in self.roles:
            if r.covers(on) and (best is None or (r.start or date.min) >= (best.start or date.min)):
                best = r
        return best


@dataclass(frozen=True, slots=True)
class Hit:
    """A dictionary match. ``how``: "name", "alias", "short" (a one-word form such as "Putin" or
    "Korea"), "metonym" (a capital or seat of power: may be just the place), "place" (a territory:
    "Jalur Gaza"), "demonym" (a country inside an Indonesian form: "warga Rusia", "pemerintah
    Jepang", "negara AS")."""

    start: int
    end: int
    surface: str
    entry: Entry
    how: str


@dataclass(frozen=True, slots=True)
class RoleHit:
    """A role word: "Perdana Menteri" -> sector "GOV", title "Perdana Menteri". ``home``: the state
    the office belongs to when the text names none ("Ketua Duma" -> "RUS"), else None."""

    start: int
    end: int
    surface: str
    sector: str
    title: str
    home: str | None = None


# ---------------------------------------------------------------------------------------------
# Case folding (length-preserving) and letter-case checks
# ---------------------------------------------------------------------------------------------

def _base_letter(ch: str) -> str:
    """"É" -> "e", "ğ" -> "g", "Đ" -> "d"; "" when the character is not a letter or digit."""
    if not ch.isalnum():
        return ""
    base = unicodedata.normalize("NFKD", ch)[:1].lower()
    base = _SPECIAL_BASE.get(base, base)
    return base if len(base) == 1 and base.isascii() and base.isalnum() else ""


_SPECIAL_BASE = {"đ": "d", "ł": "l", "ı": "i", "ø": "o", "ħ": "h", "ŧ": "t", "ŀ": "l", "ß": "s", "æ": "a",
                 "œ": "o", "þ": "t", "ð": "d"}


def _latin1_table() -> bytes:
    """Byte table for the Latin-1 range: letters to lower-case base letters, the rest to spaces."""
    out = bytearray(256)
    for b in range(256):
        ch = chr(b)
        base = _base_letter(ch)
        out[b] = ord(base) if base else (b if ch.isalnum() else 32)
    return bytes(out)


_LATIN1 = _latin1_table()
#: Characters beyond Latin-1 (Latin Extended, Vietnamese): their base letters; anything else is a space.
_BEYOND = {chr(cp): _base_letter(chr(cp)) or " " for cp in list(range(0x100, 0x250)) + list(range(0x1E00, 0x1F00))}


def _fold_error(exc: UnicodeEncodeError) -> tuple[str, int]:
    chunk = exc.object[exc.start:exc.end]
    return "".join(_BEYOND.get(c, " ") for c in chunk), exc.end


codecs.register_error("warta-fold", _fold_error)


def fold(text: str) -> str:
    """Lower case, accents folded, every non-alphanumeric character a space; same length as
    ``text`` (so offsets carry over). Latin-1 goes through a byte table; the rarer characters beyond
    it through an encoding error handler, one call per run of them."""
    return text.encode("latin-1", "warta-fold").translate(_LATIN1).decode("latin-1")


_WORD = re.compile(r"\w+")


def case_spec(surface: str) -> tuple[tuple[int, int, int], ...]:
    """(offset, length, kind) per word: kind 1 = must start upper case, 2 = must be all capitals."""
    spec = []
    for m in _WORD.finditer(surface):
        w = m.group()
        letters = [c for c in w if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            spec.append((m.start(), len(w), 2))
        elif w[0].isupper():
            spec.append((m.start(), len(w), 1))
    return tuple(spec)


def _case_ok(text: str, start: int, spec: tuple[tuple[int, int, int], ...]) -> bool:
    for off, length, kind in spec:
        if kind == 1:
            if not text[start + off].isupper():
                return False
        elif not text[start + off:start + off + length].isupper():
            return False
    return True


# ---------------------------------------------------------------------------------------------
# The dictionary
# ---------------------------------------------------------------------------------------------

# A searchable surface, as a plain tuple (fast to unpickle):
#   (entry index or -1 = not an actor, how, case spec, exact surface or None, key length - 1,
#    formable: 0 = no forms, 1 = "after all" forms only (metonyms), 2 = every form (names),
#    context: 0 = none, 1 = not after a capitalised word (one-word short forms of people),
#             2 = not inside a longer capitalised name on either side ("^Barat", "^Korea"))
_ENTRY, _HOW, _SPEC, _EXACT, _LEN, _FORMABLE, _CONTEXT = range(7)
#: A country code directly before a currency sign is money, not an actor ("AS$", "US$").
_CURRENCY = frozenset("$€£¥")
#: Characters after which a capitalised word is sentence-initial, not part of a name.
_SENTENCE_END = frozenset(".!?\"“”'‘’:;([—–-\n")


@dataclass(slots=True)
class BuildReport:
    """What ``build`` noticed; ``warta actors check`` prints it."""

    problems: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # one surface, several entries
    ambiguous_short: list[str] = field(default_factory=list)  # one-word forms of several people
    generated_skipped: int = 0  # generated entries a curated one replaces
    counts: Counter = field(default_factory=Counter)


class ActorDictionary:
    """Built by :func:`build` (use :func:`load`). Immutable after building; safe to share."""

    def __init__(self) -> None:
        # Entries are stored as columns of plain values and made into Entry objects when first
        # asked for: unpickling 20,000 dataclasses with dates is what made loading slow.
        self._eid: list[str] = []
        self._ename: list[str] = []
        self._ekind: list[str] = []
        self._ecode: list[str | None] = []
        self._ecountry: list[str | None] = []
        self._eroles: list[tuple] = []  # ((code, country, title, start ordinal or 0, end ordinal or 0), …)
        self._ecache: list[Entry | None] = []
        self._by_id: dict[str, int] = {}
        self._countries: dict[str, int] = {}  # guide key -> the entry it names
        # One automaton for actor names and role words: a text is scanned once for both.
        self._auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self._groups: list[tuple[int, ...]] = []  # automaton value -> actor pattern ids, in precedence order
        self._rgroups: list[tuple[int, ...]] = []  # automaton value -> role pattern ids
        self._patterns: list[tuple] = []
        # sector, title, exact, length, home (the office's state when the text names none, or None)
        self._role_patterns: list[tuple[str, str, str | None, int, str | None]] = []
        self._surnames: dict[str, tuple[int, ...]] = {}
        self._forms: re.Pattern[str] | None = None
        self._form_info: dict[str, tuple[str, str, str]] = {}  # folded words -> sector, after, how
        self._derived: dict[tuple[int, str], int] = {}  # (country entry, sector) -> entry
        self._titles: frozenset[str] = frozenset()  # folded words that may stand before a name
        self._generated: frozenset[int] = frozenset()  # entries converted from PETRARCH2
        self._dates: frozenset[str] = frozenset()  # folded weekday and month names
        self._last: tuple = ("", "", ())

    def __getstate__(self) -> dict:
        state = {k: v for k, v in self.__dict__.items() if k not in ("_ecache", "_last")}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._ecache = [None] * len(self._eid)
        self._last = ("", "", ())

    def _add(self, entry: Entry) -> int:
        self._eid.append(entry.id)
        self._ename.append(entry.name)
        self._ekind.append(entry.kind)
        self._ecode.append(entry.code)
        self._ecountry.append(entry.country)
        self._eroles.append(tuple((r.code, r.country, r.title, r.start.toordinal() if r.start else 0,
                                   r.end.toordinal() if r.end else 0) for r in entry.roles))
        self._ecache.append(entry)
        i = len(self._eid) - 1
        self._by_id[entry.id] = i
        return i

    def _entry(self, i: int) -> Entry:
        e = self._ecache[i]
        if e is None:
            roles = tuple(Role(c, k, t, date.fromordinal(a) if a else None, date.fromordinal(b) if b else None)
                          for c, k, t, a, b in self._eroles[i])
            e = Entry(self._eid[i], self._ename[i], self._ekind[i], self._ecode[i], self._ecountry[i], roles)
            self._ecache[i] = e
        return e

    # -- lookups ---------------------------------------------------------------------------------

    def get(self, entry_id: str) -> Entry | None:
        i = self._by_id.get(entry_id)
        return self._entry(i) if i is not None else None

    def country(self, key: str) -> Entry | None:
        """The entry for a CODING-GUIDE key: "RUS", "UN", "WST" …"""
        i = self._countries.get(key)
        return self._entry(i) if i is not None else None

    def people_by_surname(self, token: str, generated: bool = True) -> list[Entry]:
        """People a one-word short form can refer to ("Mishustin", "Jokowi", "Xi"), curated first.
        For in-document resolution: pick the one whose full name the article used earlier.
        ``generated=False`` leaves out the people converted from PETRARCH2: their surnames are
        often ordinary Indonesian words ("Raja", "Kurdi", "Fajar") and their careers ended long
        ago, so a lone surname should never reach them without the full name in the article."""
        idxs = self._surnames.get(fold(token).strip(), ())
        if not generated:
            idxs = tuple(i for i in idxs if i not in self._generated)
        return [self._entry(i) for i in idxs]

    def is_generated(self, entry: Entry) -> bool:
        """Was this entry converted from PETRARCH2 rather than curated?"""
        i = self._by_id.get(entry.id)
        return i is not None and i in self._generated

    def is_title_word(self, word: str) -> bool:
        """A word that may stand before a name without being part of it: an honorific or rank
        (``name-titles.txt``) or the last word of a role ("Presiden", "Raja", "Menlu")."""
        return fold(word).strip() in self._titles

    def entries(self, kind: str | None = None):
        """Every entry (or every entry of one kind), in file order: countries, curated, generated."""
        return (self._entry(i) for i in range(len(self._eid)) if kind is None or self._ekind[i] == kind)

    def __len__(self) -> int:
        return len(self._eid)

    # -- actors ------------------------------------------------------------------------------------

    def actor(self, entry: Entry, on: date | None = None) -> Actor:
        """The actor ``entry`` is on ``on``: its role valid that day (Joko Widodo is IDNGOV until
        2024-10-20, then his base code IDN), or its base code when no role applies or no date is given."""
        role = entry.role_on(on) if on is not None and entry.roles else None
        if role is not None:
            return Actor(name=entry.name, code=role.code, country=role.country, kind=entry.kind,  # type: ignore[arg-type]
                         role=role.title, id=entry.id)
        return Actor(name=entry.name, code=entry.code, country=entry.country, kind=entry.kind,  # type: ignore[arg-type]
                     role=None, id=entry.id)

    # -- matching ------------------------------------------------------------------------------------

    def _scan(self, text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The folded, space-padded text and the automaton's raw matches (end, group); the last
        text's scan is kept, so ``find`` and ``find_roles`` on the same string scan it once."""
        last = self._last
        if last[0] is text:
            return last[1], last[2]
        folded = " " + fold(text) + " "
        matches = tuple(self._auto.iter(folded)) if len(self._auto) else ()
        self._last = (text, folded, matches)
        return folded, matches

    def find(self, text: str) -> list[Hit]:
        """Actor mentions in ``text``: word-bounded, letter-case checked, leftmost-longest and
        non-overlapping, with offsets into ``text``."""
        if not text:
            return []
        folded, matches = self._scan(text)
        cands: list[tuple[int, int, int]] = []  # start, -length, pattern
        patterns = self._patterns
        groups = self._groups
        for end, group in matches:
            for pid in groups[group]:
                p = patterns[pid]
                start = end - p[_LEN]  # padded text: the match's leading space is the word's offset
                exact = p[_EXACT]
                if exact is not None:
                    if text[start:start + len(exact)] != exact:
                        continue
                elif not _case_ok(text, start, p[_SPEC]):
                    continue
                cands.append((start, 1 - p[_LEN], pid))
                break
        if not cands:
            return []
        cands.sort()
        hits: list[Hit] = []
        last_end = -1
        for start, neg_len, pid in cands:
            if start < last_end:
                continue
            end = start - neg_len
            p = patterns[pid]
            if end < len(text) and text[end] in _CURRENCY:
                continue
            if p[_CONTEXT] and self._embedded(text, start, end, p[_CONTEXT], hits):
                continue
            last_end = end
            if p[_ENTRY] < 0:
                continue  # a phrase that is not an actor ("Jawa Barat")
            hit = Hit(start, end, text[start:end], self._entry(p[_ENTRY]), p[_HOW])
            if p[_FORMABLE] and self._forms is not None:
                hit = self._with_form(text, folded, hit, p[_FORMABLE], hits)
                if hit is None:
                    continue
            hits.append(hit)
        return hits

    def _embedded(self, text: str, start: int, end: int, context: int, hits: list[Hit]) -> bool:
        """True when the match is part of a longer capitalised name: a capitalised word right
        before it (not sentence-initial, not a role word or honorific, not the end of the previous
        hit: "Michelle Obama", "Brebes Barat"), or - for context 2 - right after it ("Korea Terbuka",
        "Thai Lion Air"; weekday and month names excepted)."""
        i = start - 1
        if i >= 0 and text[i] == " ":
            while i >= 0 and text[i] == " ":
                i -= 1
            if i >= 0 and text[i].isalnum():
                k = i
                while k > 0 and text[k - 1].isalnum():
                    k -= 1
                if text[k].isupper() and not (hits and hits[-1].end == i + 1) \
                        and fold(text[k:i + 1]) not in self._titles:
                    m = k - 1
                    while m >= 0 and text[m] == " ":
                        m -= 1
                    if m >= 0 and text[m] not in _SENTENCE_END:
                        return True
        if context == 2 and end < len(text) and text[end] == " ":
            j = end
            while j < len(text) and text[j] == " ":
                j += 1
            if j < len(text) and text[j].isupper():
                k = j
                while k < len(text) and text[k].isalnum():
                    k += 1
                word = fold(text[j:k])
                if word not in self._dates and word not in self._titles:
                    return True
        return False

    def _with_form(self, text: str, folded: str, hit: Hit, formable: int, hits: list[Hit]) -> Hit | None:
        """Extend a country hit over a form before it ("pemerintah Rusia"), or drop it ("bahasa Inggris")."""
        lo = max(0, hit.start - 24)
        m = self._forms.search(folded, lo + 1, hit.start + 1)  # type: ignore[union-attr]
        if m is None:
            return hit
        words = m.group(1)
        if text[m.end(1) - 1:hit.start].strip():
            return hit  # "perjanjian enam negara. Korea Utara …": a form never crosses punctuation
        sector, after, how = self._form_info[words]
        if after == "names" and formable < 2:
            return hit
        form_start = m.start(1) - 1
        if hits and hits[-1].end > form_start:
            prev = hits[-1]
            if prev.start != form_start or prev.end != m.end(1) - 1 or prev.entry.kind != "organisation":
                return hit
            # "DPR Filipina": a body's generic name, which alone is Indonesia's body, is the
            # body of the state named right after it
            hits.pop()
        if sector == "none":
            return None
        if sector == "-" and not text[form_start].islower():
            return hit  # "Kepala Negara Rusia", "Sekretaris Negara AS": the word belongs to a title
        entry = hit.entry
        if sector != "-" and entry.code and len(entry.code) == 3:
            entry = self._sector_entry(entry, sector)
        return Hit(form_start, hit.end, text[form_start:hit.end], entry, how)

    def _sector_entry(self, country: Entry, sector: str) -> Entry:
        i = self._derived.get((self._by_id[country.id], sector))
        return self._entry(i) if i is not None else country

    def find_roles(self, text: str) -> list[RoleHit]:
        """Role words in ``text`` (any letter case unless the role is marked exact), leftmost-longest."""
        if not text:
            return []
        _, matches = self._scan(text)
        cands = []
        for end, group in matches:
            for pid in self._rgroups[group]:
                sector, title, exact, length, _ = self._role_patterns[pid]
                start = end - length
                if exact is not None and text[start:start + len(exact)] != exact:
                    continue
                cands.append((start, 1 - length, pid))
                break
        cands.sort()
        out: list[RoleHit] = []
        last_end = -1
        for start, neg_len, pid in cands:
            if start < last_end:
                continue
            end = start - neg_len
            last_end = end
            sector, title, _, _, home = self._role_patterns[pid]
            out.append(RoleHit(start, end, text[start:end], sector, title, home))
        return out


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")


_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def _key(surface: str) -> str:
    """The automaton key: the folded surface padded with spaces (word boundaries)."""
    return " " + fold(surface).strip() + " "


class _Builder:
    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir
        self.report = BuildReport()
        self.problems = af.Problems()
        self.d = ActorDictionary()
        self.iso_by_cameo: dict[str, str] = {}  # CAMEO country code -> ISO key
        self.cameo_by_iso: dict[str, str] = {}
        self.prefix_keys: list[tuple[str, str]] = []  # (org code, key), longest first
        self.keyed: dict[str, list[int]] = defaultdict(list)  # automaton key -> pattern ids
        self.role_keyed: dict[str, list[int]] = defaultdict(list)  # automaton key -> role pattern ids
        self.surface_owner: dict[str, int] = {}  # automaton key -> first entry (duplicate report)
        self.curated_surfaces: set[str] = set()
        self.sovereign: dict[str, str] = {}  # territory key -> its state's key

    # -- entries -------------------------------------------------------------------------------------

    def add_entry(self, entry: Entry) -> int:
        if entry.id in self.d._by_id:
            self.problems.add(entry.id, "duplicate id")
            return self.d._by_id[entry.id]
        return self.d._add(entry)

    def derived_entry(self, entry: Entry) -> int:
        """A state body named by an alias ("Kremlin" = RUSGOV); spellings of one name share it."""
        i = self.d._by_id.get(entry.id)
        if i is not None and self.d._ecode[i] == entry.code:
            return i
        if i is not None:
            entry = Entry(f"{entry.id}-{entry.code}", entry.name, entry.kind, entry.code, entry.country)
        return self.add_entry(entry)

    def add_surface(self, idx: int, s: af.Surface, how: str | None = None, formable: int = 0,
                    context: int = 0) -> None:
        if s.indoc:
            return
        if _INNER_HYPHEN.search(s.text) and not s.exact:
            # "Kim Jong-un" also as the spaced "Kim Jong - un" of wire copy and IndoSum's tokenised text
            spaced = af.Surface(_INNER_HYPHEN.sub(" - ", s.text), s.how, s.exact, s.indoc, s.standalone)
            self._add_surface(idx, spaced, how, formable, context)
        self._add_surface(idx, s, how, formable, context)

    def _add_surface(self, idx: int, s: af.Surface, how: str | None, formable: int, context: int) -> None:
        key = _key(s.text)
        if key == "  ":
            return
        context = 2 if s.standalone else context
        pat = (idx, how or s.how, case_spec(s.text), s.text if s.exact else None, len(key) - 1, formable,
               context)
        owner = self.surface_owner.get(key)
        if owner is not None and owner != idx and idx >= 0 and owner >= 0:
            a, b = self.d._entry(owner), self.d._entry(idx)
            self.report.duplicates.append(f"{s.text!r}: {a.id} ({a.name}) and {b.id} ({b.name})")
        elif owner is None:
            self.surface_owner[key] = idx
        # Several patterns under one key (same words, different entries or letter case): the first
        # whose letter case fits wins, so the order of adding is the order of precedence.
        for pid in self.keyed[key]:
            old = self.d._patterns[pid]
            if old[_ENTRY] == idx and old[_SPEC] == pat[_SPEC] and old[_EXACT] == pat[_EXACT] \
                    and old[_CONTEXT] == pat[_CONTEXT]:
                return
        self.d._patterns.append(pat)
        self.keyed[key].append(len(self.d._patterns) - 1)

    def country_of_code(self, code: str | None) -> str | None:
        if not code:
            return None
        head = code[:3]
        if head in self.iso_by_cameo:
            return self.iso_by_cameo[head]
        for prefix, key in self.prefix_keys:
            if code.startswith(prefix):
                return key
        if head in ("NGO", "IMG", "MNC") and code[3:6] in self.iso_by_cameo:
            return self.iso_by_cameo[code[3:6]]
        if head == "WST":
            return "WST"
        return None

    def cameo(self, code: str | None) -> str | None:
        """Curators may write the ISO key where CAMEO differs (TLSGOV): store the CAMEO form (TMPGOV)."""
        if code and code[:3] in self.cameo_by_iso and self.cameo_by_iso[code[:3]] != code[:3]:
            return self.cameo_by_iso[code[:3]] + code[3:]
        return code

    def roles(self, specs: list[af.RoleSpec]) -> tuple[Role, ...]:
        return tuple(Role(self.cameo(r.code), self.country_of_code(self.cameo(r.code)), r.title, r.start, r.end)
                     for r in specs)

    # -- files -------------------------------------------------------------------------------------------

    def build(self) -> tuple[ActorDictionary, BuildReport]:
        f = af.FILES
        p = self.problems
        required = ("countries", "country_aliases", "country_forms", "organisations", "roles", "not_actors")
        missing = [f[k] for k in required if not (self.dir / f[k]).is_file()]
        if missing:
            p.add(str(self.dir), f"missing data file(s): {', '.join(missing)}")
            self.report.problems = list(p)
            return self.d, self.report
        countries = af.read_countries(self.dir / f["countries"], p)
        # a dependent territory's actors belong to its sovereign state (territories.tsv)
        self.sovereign = af.read_territories(self.dir / f["territories"], p)
        known = {c.id for c in countries}
        for key, state in self.sovereign.items():
            if key not in known or state not in known:
                p.add(f["territories"], f"unknown country key in {key} -> {state}")
        aliases = af.read_country_aliases(self.dir / f["country_aliases"], p)
        # generated foreign places (scripts/build_places.py); the curated rows above win
        if (self.dir / f["places"]).is_file():
            aliases += af.read_country_aliases(self.dir / f["places"], p)
        forms = af.read_forms(self.dir / f["country_forms"], p)
        orgs = af.read_organisations(self.dir / f["organisations"], p)
        orgs_gen = af.read_organisations(self.dir / f["organisations_generated"], p, generated=True) \
            if (self.dir / f["organisations_generated"]).exists() else []
        people: list[af.Record] = []
        for path in af.people_files(self.dir):
            people += af.read_people_blocks(path, p)
        people_gen = af.read_people_tsv(self.dir / f["people_generated"], p) \
            if (self.dir / f["people_generated"]).exists() else []
        blocks = af.read_not_actors(self.dir / f["not_actors"], p)
        role_words = af.read_roles(self.dir / f["roles"], p)

        for c in countries:
            self.iso_by_cameo[c.code or c.id] = self.sovereign.get(c.id, c.id)
            self.cameo_by_iso[c.id] = c.code or c.id
        self.prefix_keys = sorted(((o.code, o.key) for o in orgs if o.key and o.code and len(o.code) > 3),
                                  key=lambda t: -len(t[0]))

        # Not-actors first: when one of them fits, no actor is found there.
        for s in blocks:
            self.add_surface(-1, s, "block")
        self._countries(countries, aliases)
        self._organisations(orgs, curated=True)
        self._people(people, curated=True)
        first_generated = len(self.d._eid)
        self._organisations(orgs_gen, curated=False)
        self._people(people_gen, curated=False)
        self.d._generated = frozenset(range(first_generated, len(self.d._eid)))
        self._forms(forms)
        self._roles(role_words)
        titles = {fold(w).strip() for w in af.read_words(self.dir / f["name_titles"])}
        titles |= {fold(w.surface.text).split()[-1] for w in role_words}
        self.d._titles = frozenset(titles)
        self.d._dates = frozenset(fold(w).strip() for w in af.read_calendar_words(self.dir / f["calendar"]))

        for key in sorted(set(self.keyed) | set(self.role_keyed)):
            self.d._groups.append(tuple(self.keyed.get(key, ())))
            self.d._rgroups.append(tuple(self.role_keyed.get(key, ())))
            self.d._auto.add_word(key, len(self.d._groups) - 1)
        if len(self.d._auto):
            self.d._auto.make_automaton()
        self.report.problems = list(p)
        return self.d, self.report

    def _countries(self, countries: list[af.Record], aliases: list[af.CountryAlias]) -> None:
        by_key = {c.id: c for c in countries}
        extra: dict[str, list[af.CountryAlias]] = defaultdict(list)
        for a in aliases:
            if a.key not in by_key:
                self.problems.add(a.source, f"unknown country key {a.key!r}")
                continue
            extra[a.key].append(a)
        for c in countries:
            own = extra.get(c.id, [])
            override = next((a.surface for a in own if a.how == "name"), None)
            name = override.text if override else c.name
            dropped = {fold(a.surface.text) for a in own if a.how == "drop"}
            idx = self.add_entry(Entry(c.id, name, "country", c.code, self.sovereign.get(c.id, c.id)))
            self.d._countries[c.id] = idx
            self.report.counts["country"] += 1
            seen = set()
            first = af.Surface(name, "name", exact=override.exact, standalone=override.standalone) \
                if override else af.Surface(name, "name")
            surfaces = [first] + [s for s in c.surfaces] + \
                       [a.surface for a in own if a.how in ("alias", "short", "place") and not a.code]
            for s in surfaces:
                k = fold(s.text)
                if k in dropped or (k, s.exact) in seen:
                    continue
                seen.add((k, s.exact))
                how = "name" if s.text == name else ("alias" if s.how == "name" else s.how)
                self.add_surface(idx, s, how, formable=2 if how in ("name", "alias", "short") else 0)
                self.curated_surfaces.add(_key(s.text))
            for a in own:
                if a.how in ("name", "drop") or (a.how != "metonym" and not a.code):
                    continue
                target = idx
                if a.code and a.code != c.code:
                    target = self.derived_entry(Entry(f"{c.id}@{_slug(a.surface.text)}", a.surface.text,
                                                      "country", a.code, self.sovereign.get(c.id, c.id)))
                self.add_surface(target, a.surface, a.how, formable=1 if a.how == "metonym" else 0)
                self.curated_surfaces.add(_key(a.surface.text))

    def _organisations(self, orgs: list[af.Record], curated: bool) -> None:
        for o in orgs:
            keys = [_key(s.text) for s in o.surfaces]
            if not curated and any(k in self.curated_surfaces for k in keys):
                self.report.generated_skipped += 1
                continue
            key = o.key if curated else self.country_of_code(o.code)
            if key is None and curated and o.code:
                key = None
            idx = self.add_entry(Entry(o.id, o.name, o.kind, o.code, key, self.roles(o.roles)))
            self.report.counts[o.kind] += 1
            if key in GUIDE_KEYS and o.id == key:
                self.d._countries[key] = idx
            for s in o.surfaces:
                self.add_surface(idx, s, "name" if s.text == o.name else s.how)
                if curated:
                    self.curated_surfaces.add(_key(s.text))

    def _people(self, people: list[af.Record], curated: bool) -> None:
        short: dict[str, list[tuple[int, af.Surface]]] = defaultdict(list)  # one-word forms matched alone
        ids: Counter = Counter()
        for p in people:
            keys = [_key(s.text) for s in p.surfaces if not s.indoc]
            if not curated and any(k in self.curated_surfaces for k in keys):
                self.report.generated_skipped += 1
                continue
            roles = self.roles(p.roles)
            country = self.iso_by_cameo.get(p.key) if p.key else None  # the generated file gives a CAMEO code
            if country is None and p.code:  # an explicit base code names the person's own country
                country = self.country_of_code(self.cameo(p.code))
            country = country or self._person_country(roles)
            code = self.cameo(p.code) or (self.cameo_by_iso.get(country) if country else None)
            if code is None and country:  # an official of an organisation: its code (Solana: IGOEUREEC)
                code = next((r.code for r in roles if r.country == country), None)
            if curated:
                base = "person/" + _slug(p.name)
                ids[base] += 1
                pid = base if ids[base] == 1 else f"{base}-{ids[base]}"
                p.id = pid
            idx = self.add_entry(Entry(p.id, p.name, "person", code, country, roles))
            self.report.counts["person" if curated else "person (generated)"] += 1
            explicit_short = False
            for s in p.surfaces:
                if not curated and af.one_word(s.text):
                    s.indoc = True  # PETRARCH one-word names ("Abdullah", "Fahd") only inside an article
                if s.how == "short" or s.indoc:
                    explicit_short = True
                    self._surname(s.text, idx)
                    if not s.indoc:
                        short[_key(s.text)].append((idx, s))
                    continue
                self.add_surface(idx, s, "name" if s.text == p.name else "alias")
                if curated:
                    self.curated_surfaces.add(_key(s.text))
            if not explicit_short and " " in p.name:
                self._surname(p.name.split()[-1], idx)
        for key, owners in short.items():
            idxs = list(dict.fromkeys(i for i, _ in owners))
            other = self.surface_owner.get(key)
            if len(idxs) > 1 or other not in (None, idxs[0]):
                names = [self.d._ename[i] for i in idxs]
                if other is not None and other >= 0:
                    names.append(self.d._ename[other])
                elif other is not None:
                    names.append("(not an actor)")
                self.report.ambiguous_short.append(f"{key.strip()!r}: {', '.join(names)}")
                continue
            self.add_surface(idxs[0], owners[0][1], "short", context=1)
            if curated:
                self.curated_surfaces.add(key)

    def _surname(self, token: str, idx: int) -> None:
        k = fold(token).strip()
        if not k:
            return
        cur = self.d._surnames.get(k, ())
        if idx not in cur:
            self.d._surnames[k] = cur + (idx,)

    def _person_country(self, roles: tuple[Role, ...]) -> str | None:
        """The country a person belongs to when no date says which role applies: the state they
        served longest, else the organisation they served longest (Javier Solana: NATO for four
        years, the EU for ten -> EU)."""
        today = date.today()
        served: Counter = Counter()
        for r in roles:
            if r.country:
                start = r.start or date(1990, 1, 1)
                served[r.country] += max(1, ((r.end or today) - start).days)
        states = [k for k, _ in served.most_common() if k not in GUIDE_KEYS]
        if states:
            return states[0]
        return served.most_common(1)[0][0] if served else None

    def _forms(self, forms: list[af.Form]) -> None:
        alts = []
        for fm in forms:
            words = fold(fm.words).strip()
            self.d._form_info[words] = (fm.sector, fm.after, fm.how)
            alts.append(words)
            if fm.sector not in ("-", "none"):
                for key, idx in list(self.d._countries.items()):
                    e = self.d._entry(idx)
                    if e.kind != "country" or (idx, fm.sector) in self.d._derived:
                        continue
                    head = fm.words if fm.words.isupper() else fm.words.capitalize()  # "DPR", "Pemerintah"
                    d = self.add_entry(Entry(f"{e.id}/{fm.sector}", f"{head} {e.name}", "country",
                                             (e.code or e.id) + fm.sector, e.country))
                    self.d._derived[(idx, fm.sector)] = d
        if alts:
            alts.sort(key=len, reverse=True)
            self.d._forms = re.compile(r"(?<=\s)(" + "|".join(re.escape(a) for a in alts) + r") +$")

    def _roles(self, words: list[af.RoleWord]) -> None:
        for w in words:
            key = _key(w.surface.text)
            self.d._role_patterns.append((w.sector, w.title, w.surface.text if w.surface.exact else None,
                                          len(key) - 1, w.home or None))
            self.role_keyed[key].append(len(self.d._role_patterns) - 1)


def build(data_dir: Path = DATA_DIR) -> tuple[ActorDictionary, BuildReport]:
    """Build the dictionary from the data files (no cache). Problems are in the report."""
    return _Builder(data_dir).build()


# ---------------------------------------------------------------------------------------------
# Loading with a cache
# ---------------------------------------------------------------------------------------------

def _cache_dir() -> Path | None:
    """Where the pickled dictionary lives; None when there is no usable place (no home directory).
    A relative XDG_CACHE_HOME is ignored, as the XDG spec says."""
    env = os.environ.get("WARTA_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "warta"
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        return None  # no HOME and no passwd entry: never write a "~/.cache" into the working directory
    return Path(home) / ".cache" / "warta"


def _fingerprint(data_dir: Path) -> str:
    h = hashlib.sha1(f"{CACHE_VERSION}|{sys.version_info[:2]}|{ahocorasick.__name__}|{data_dir}".encode())
    for path in af.all_files(data_dir):
        try:
            st = path.stat()
            h.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns};".encode())
        except OSError:
            h.update(f"{path.name}:missing;".encode())
    h.update(Path(__file__).read_bytes())
    h.update(Path(af.__file__).read_bytes())
    return h.hexdigest()[:16]


def load_from(data_dir: Path = DATA_DIR, use_cache: bool = True) -> ActorDictionary:
    """Build or read from cache; raises :class:`DictionaryError` when a data file is malformed."""
    cache_dir = _cache_dir()
    cache: Path | None = None  # the data files are hashed only when the cache is used
    if use_cache and cache_dir is not None and not os.environ.get("WARTA_NO_CACHE"):
        cache = cache_dir / f"actors-{_fingerprint(data_dir)}.pickle"
        try:
            with open(cache, "rb") as fh:
                d = pickle.load(fh)
            if isinstance(d, ActorDictionary):
                return d
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            pass
    d, report = build(data_dir)
    if report.problems:
        shown = "\n  ".join(report.problems[:20])
        more = f"\n  … and {len(report.problems) - 20} more" if len(report.problems) > 20 else ""
        raise DictionaryError(f"the actor dictionary in {data_dir} has errors:\n  {shown}{more}")
    if cache is not None:
        _write_cache(d, cache)
    return d


def _write_cache(d: ActorDictionary, cache: Path) -> None:
    """Store the built dictionary; where the cache cannot be written (a read-only home or
    XDG_CACHE_HOME, a file in the way, a full disk) warta builds it each time, still correct."""
    tmp: str | None = None
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False, suffix=".tmp") as fh:
            tmp = fh.name
            pickle.dump(d, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
        tmp = None
    except (OSError, pickle.PicklingError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # no half-written file left behind


@functools.cache
def load() -> ActorDictionary:
    """The dictionary shipped with warta, loaded once per process."""
    return load_from(DATA_DIR)
