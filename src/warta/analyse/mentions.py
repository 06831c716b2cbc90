"""The ``mentions`` stage: entity mentions resolved to actors, with in-document resolution.

``find_mentions(doc)`` sets ``doc.mentions``: non-overlapping ``Mention``s in text order, each with
``label`` (PER / ORG / LOC / GPE), ``actor`` (name, code, country, kind, role valid on
``doc.reference_date`` — the publication date, or for an undated text the latest date it states) and
``rule`` (the evidence). Sources, in order of trust:

1. **role phrases** — a role word from the dictionary (``find_roles``) followed by a state and/or a name
   is one actor: "Perdana Menteri China Li Qiang" → person Li Qiang, CHNGOV (even if the dictionary
   lacks him); "pasukan Israel" → ISRMIL; "pemerintah Jepang" → JPNGOV; "Presiden Prabowo" → the
   dictionary's Prabowo with his role on the date. Rule ``role:<title>+country+name``. The named
   pieces inside ("China" GPE, "Li Qiang" PER) are kept in ``Mention.parts``.
2. **gazetteer** — the actor dictionary's hits (longest match): rule ``gazetteer:<how>``.
3. **crf** — the learned NER (``warta.analyse.ner``) for names the dictionary lacks; it tags only a
   window around each capitalised word outside every dictionary hit that may be a name (not a
   function word, an ordinary word, a code like "U17"). Rule ``crf``.
4. **in-document resolution** — a surname or short form takes the actor of the full name seen earlier
   ("Mishustin" → Mikhail Mishustin; "Li" → Li Qiang, CHN): rule ``coref:surname``; a lone surname
   the article never gave in full takes the dictionary's only person of that surname
   ("Erdogan": ``dictionary:surname``); "kedua negara",
   "kedua pemimpin", "kedua pihak" become a mention whose actor has kind ``group`` and the two most
   salient actors so far as ``members`` (rule ``coref:group:<refers>``).

Labels: people are ``PER``; bodies, and sector actors without a name ("pasukan Israel", "pemerintah
Jepang") are ``ORG``; a state or capital is ``GPE`` when it acts or qualifies ("Israel menyerang",
"militer Israel", "Beijing menolak") and ``LOC`` when it is named as a place ("di Jakarta", "ke
Rusia"; a capital by default) — the split news NER gold such as idner-news-2k makes. Either way its
actor is the state (kind ``country``). A CRF ``LOC`` the dictionary lacks carries no actor: a place
is not an actor. A CRF ``ORG`` that contains a state takes that state as its country
("Kementerian Luar Negeri China" → CHN, with the role word's sector: CHNGOV).

For events and quotes: ``Mention.actor.country`` is the scoring key; a ``group`` actor's ``members``
are the actors it stands for (an event with "kedua negara" as source or target applies to each member,
and "kedua negara sepakat …" is a mutual event between the two). ``last_person_before(doc, offset)``
gives the nearest preceding person (for ia/dia/beliau/-nya and "katanya").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from warta.analyse import ner
from warta.analyse.tokenize import token_spans
from warta.model import Actor, Article, Doc, Mention

CUES_PATH = Path(__file__).resolve().parents[1] / "lang" / "id" / "mention-cues.tsv"

#: Entry kinds of the actor dictionary -> mention label.
KIND_LABEL = {"person": "PER", "country": "LOC", "place": "LOC", "city": "LOC", "organisation": "ORG",
              "organization": "ORG", "group": "ORG", "bloc": "ORG", "sector": "ORG"}

#: Up to four capitalised words: the name after "Perdana Menteri China …" when nobody tagged it.
_CAPS_RE = re.compile(r"[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*(?:[ \t]+[A-Z][\w'’]*(?:-[A-Z]?[\w'’]+)*){0,3}")
_SENT_RE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’']?|$)|\n", re.UNICODE)
_OPENERS = frozenset({"“", '"', "‘", "'", "(", "[", ":", "-", "—", "–"})


# ---------------------------------------------------------------------------------------------
# Language data and the dictionary
# ---------------------------------------------------------------------------------------------

@cache
def dictionary():
    """The actor dictionary (``warta.lang.id.actors.load()``), or None while it is not installed."""
    try:
        from warta.lang.id import actors
    except ImportError:
        return None
    return actors.load()


@dataclass(frozen=True)
class GroupCue:
    words: tuple[str, ...]
    refers: str  # country | leader | party
    label: str


@cache
def mention_cues() -> tuple[dict[str, list[GroupCue]], frozenset[str]]:
    """``mention-cues.tsv`` -> (first word -> group cues, longest first; posting words)."""
    return _read_cues().groups, _cue_words("posting")


@cache
def collective_roles() -> frozenset[str]:
    """Role words naming a body or a crowd: never followed by their holder's name."""
    return _cue_words("collective")


@cache
def locative_words() -> frozenset[str]:
    """Words after which a state or capital is a place ("di Jakarta")."""
    return _cue_words("locative")


@cache
def anaphor_cues() -> dict[str, str]:
    """Phrases that stand for one actor named shortly before ("negara itu" → country)."""
    return _read_cues().anaphors


@cache
def mission_words() -> frozenset[str]:
    """Words naming a diplomatic mission ("kbri", "kedutaan besar"): a place after them is a location."""
    return _cue_words("mission")


@cache
def led_bodies() -> frozenset[str]:
    """Collective role words that a leader's name may follow ("pemerintahan Trump", "rezim Assad")."""
    return _cue_words("led")


@cache
def bare_role_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words before a role word, words after it) that keep it from naming one office seen before:
    "para menteri", "menteri dari negara …"."""
    return _cue_words("not-bare-after"), _cue_words("not-bare-before")


@cache
def former_words() -> frozenset[str]:
    """Words that make the office after them a past one ("mantan", "eks")."""
    return _cue_words("former")


@cache
def branched_groups() -> frozenset[str]:
    """Ids of transnational groups whose branches are named by their state ("Al-Qaeda di Yaman")."""
    return _cue_words("branched")


@cache
def portfolio_words() -> frozenset[str]:
    """Role words the office's portfolio may follow in capitalised ordinary words ("Menteri Unifikasi")."""
    return _cue_words("portfolio")


#: The one-column kinds of ``mention-cues.tsv`` (``kind<TAB>word``): the word lower-cased, or with
#: its runs of spaces made one as well (phrases), or as written (dictionary ids).
_WORD_KINDS = {"posting": "lower", "collective": "lower", "locative": "lower", "led": "lower", "former": "lower",
               "not-bare-after": "lower", "not-bare-before": "lower", "mission": "phrase", "portfolio": "phrase",
               "branched": "id"}


class _Cues(NamedTuple):
    groups: dict[str, list[GroupCue]]  # first word -> group cues, longest first
    anaphors: dict[str, str]  # phrase -> what it refers to (country | group)
    words: dict[str, frozenset[str]]  # one-column kind -> its words


def _cue_words(kind: str) -> frozenset[str]:
    return _read_cues().words[kind]


@cache
def _read_cues() -> _Cues:
    groups: dict[str, list[GroupCue]] = {}
    anaphors: dict[str, str] = {}
    words: dict[str, set[str]] = {kind: set() for kind in _WORD_KINDS}
    for lineno, raw in enumerate(CUES_PATH.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "group" and len(cols) == 4 and cols[2] in ("country", "leader", "party"):
            cue_words = tuple(cols[1].lower().split())
            groups.setdefault(cue_words[0], []).append(GroupCue(cue_words, cols[2], cols[3]))
        elif cols[0] == "anaphor" and len(cols) == 3 and cols[2] in ("country", "group"):
            anaphors[" ".join(cols[1].lower().split())] = cols[2]
        elif cols[0] in _WORD_KINDS and len(cols) == 2:
            how = _WORD_KINDS[cols[0]]
            word = cols[1] if how == "id" else cols[1].lower()
            words[cols[0]].add(" ".join(word.split()) if how == "phrase" else word)
        else:
            raise ValueError(f"{CUES_PATH.name}:{lineno}: cannot read {raw!r}")
    for cues in groups.values():
        cues.sort(key=lambda c: -len(c.words))
    return _Cues(groups, anaphors, {kind: frozenset(w) for kind, w in words.items()})


@cache
def root_words() -> frozenset[str]:
    """PySastrawi's Indonesian root words: a capitalised sentence-initial word among them is not a name."""
    import Sastrawi

    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())


def _entry_label(entry, how: str = "") -> str:
    """PER / ORG / LOC of a dictionary hit. A state's body or people ("pemerintah Jepang", "warga
    Rusia": a demonym hit whose code adds a sector) is ORG; the state itself, its capital and other
    places are LOC."""
    kind = getattr(entry, "kind", "") or ""
    if how in ("metonym", "place"):
        return "LOC"
    if how == "demonym" and kind == "country":
        code, country = entry.code or "", entry.country or ""
        return "ORG" if len(code) > len(country) else "LOC"
    return KIND_LABEL.get(kind, "ORG")


def dictionary_hits(text: str) -> list[tuple[int, int, str]]:
    """The dictionary's hits in ``text`` as (start, end, TYPE) with TYPE in PER/ORG/LOC/ROLE
    — the gazetteer features of the CRF. Empty while there is no dictionary."""
    d = dictionary()
    if d is None:
        return []
    hits = d.find(text)
    out = [(h.start, h.end, _entry_label(h.entry, h.how)) for h in hits]
    roles = _role_spans(d, text)
    _extend_roles(text, roles, [_Span(h.start, h.end, "", None, "") for h in hits])  # as the stage does
    out += [(r.start, r.end, "ROLE") for r in roles]
    return out


def dictionary_tags(text: str, spans: Sequence[tuple[int, int]]) -> list[str | None] | None:
    """Gazetteer tags of the tokens at ``spans`` in ``text`` (None without a dictionary): the CRF's
    dictionary features exactly as the stage computes them, for training and ``eval ner``."""
    if dictionary() is None:
        return None
    return ner.gazetteer_tags(spans, dictionary_hits(text))


def tokenize(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The pipeline's tokens of ``text`` as (strings, spans) — no Token objects."""
    spans = token_spans(text)
    return [text[a:b] for a, b in spans], spans


_WORD_OR_DOT = re.compile(r"[\w.]")


def _sentence_tokens(text: str, start: int, end: int) -> tuple[list[str], list[tuple[int, int]]]:
    """``tokenize(text[start:end])`` with spans into ``text``: the pattern runs on the article
    itself (no slice, no shifting) unless the character before the sentence could change a
    look-behind (the tokenizer's "Prof." rule looks at it; a slice sees nothing there)."""
    if start > 0 and _WORD_OR_DOT.match(text, start - 1):
        toks, spans = tokenize(text[start:end])
        return toks, [(a + start, b + start) for a, b in spans]
    spans = token_spans(text, start, end)
    return [text[a:b] for a, b in spans], spans


# ---------------------------------------------------------------------------------------------
# Working spans
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Span:
    start: int
    end: int
    label: str
    actor: Actor | None
    rule: str
    how: str = ""
    sector: str | None = None  # role hits
    title: str | None = None  # role hits
    parts: list["_Span"] = field(default_factory=list)
    home: str | None = None  # role hits: the office's state when the text names none ("Ketua Duma")
    # role phrases: the canonical titles and sectors of their role words, head first
    chain: list[tuple[str, str | None]] = field(default_factory=list)


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    if doc.sentences:
        return [(s.start, s.end) for s in doc.sentences]
    # Until the segmenter has run: split at sentence-final punctuation and line breaks.
    return [m.span() for m in _SENT_RE.finditer(doc.text) if m.group().strip()]


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _country_actor(d, key: str | None, on: date | None) -> Actor | None:
    if d is None or not key:
        return None
    try:
        entry = d.country(key)
    except (KeyError, LookupError):
        return None
    return d.actor(entry, on) if entry is not None else None


def _is_state(d, key: str | None) -> bool:
    if not key:
        return False
    if d is not None and hasattr(d, "country"):
        try:
            entry = d.country(key)
        except (KeyError, LookupError):
            entry = None
        if entry is not None:
            return getattr(entry, "kind", "country") == "country"
    return len(key) == 3 and key.isalpha() and key != "WST"


# ---------------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------------

def find_mentions(doc: Doc) -> None:
    """Set ``doc.mentions`` (see the module docstring)."""
    text = doc.text
    if not text:
        doc.mentions = []
        return
    d = dictionary()
    on = doc.reference_date or doc.published  # an undated text: the latest date it states
    sent_bounds = _sentence_bounds(doc)
    sent_starts = [s for s, _ in sent_bounds]

    roles = _role_spans(d, text)  # before the gazetteer: its demonym parts search substrings
    gaz = _gazetteer_spans(d, text, on)
    _extend_roles(text, roles, gaz)
    crf = _crf_spans(text, sent_bounds, gaz, roles)
    entities = _merge_entities(text, gaz, crf, roles)
    entities = _add_anaphors(text, entities, d, on, sent_starts)
    spans = _role_phrases(text, entities, roles, d, on)
    _offices_before_people(text, spans, d, on, dated=doc.published is not None)
    spans = _group_branches(text, spans, d)
    spans = _attach_mission_places(text, spans, roles)
    spans = _bare_roles(text, spans, roles, d, sent_starts)
    spans = _resolve_names(text, spans, d, on, doc.article.title)
    spans = _add_groups(text, spans, d, on, sent_starts)

    def sentence_of(offset: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, offset) - 1)

    def to_mention(s: _Span) -> Mention:
        return Mention(text=text[s.start:s.end], start=s.start, end=s.end, sentence=sentence_of(s.start),
                       label=s.label, actor=s.actor, rule=s.rule, parts=[to_mention(p) for p in s.parts])

    doc.mentions = [to_mention(s) for s in spans]


def _gazetteer_spans(d, text: str, on: date | None) -> list[_Span]:
    if d is None:
        return []
    out = []
    for h in d.find(text):
        span = _Span(h.start, h.end, _entry_label(h.entry, h.how), d.actor(h.entry, on),
                     f"gazetteer:{h.how}", how=h.how)
        if h.how == "demonym" or h.surface[:1].islower():  # "pemerintah Jepang", "militer Israel"
            part = _demonym_state(d, text, h, on)
            if part is not None:
                span.parts = [part]
                part.label = "GPE"
        elif span.label == "LOC" and h.how != "place" and getattr(h.entry, "kind", "") == "country":
            span.label = _place_or_state(text, h, out)
        out.append(span)
    out.sort(key=lambda s: (s.start, -s.end))
    return out


_PREV_WORD = re.compile(r"([^\W\d_]+)[ \t]*$")


_NEXT_WORD = re.compile(r"[ \t]*([^\W\d_]+)")
_VERB_PREFIXES = ("me", "ber", "di", "ter", "mem", "men", "meng")


def _place_or_state(text: str, hit, before: list[_Span]) -> str:
    """LOC when a state or a capital is named as a place, GPE when it acts or qualifies.
    A state is GPE ("Israel menyerang", "militer Israel") unless a locative word precedes it ("di
    Jakarta", "ke Rusia") or it continues a list of places; a capital is LOC unless a verb follows
    it ("Beijing menolak", "Moskow mengirim")."""
    start = hit.start
    head = text[max(0, start - 30):start]
    m = _PREV_WORD.search(head)
    if m is not None and m.group(1).lower() in locative_words():
        return "LOC"
    if m is None and head.rstrip().endswith(",") and before and before[-1].label == "LOC" and \
            start - before[-1].end <= 3:
        return "LOC"
    if hit.how == "metonym":
        nxt = _NEXT_WORD.match(text, hit.end)
        word = nxt.group(1) if nxt is not None else ""
        if len(word) > 4 and word.islower() and word.startswith(_VERB_PREFIXES) and \
                ner.lexicon().get(word) == "lower":
            return "GPE"
        return "LOC"
    return "GPE"


def _demonym_state(d, text: str, hit, on: date | None) -> _Span | None:
    """The state's own name inside a demonym hit: "Jepang" in "pemerintah Jepang"."""
    for m in re.finditer(r"\s+", hit.surface):
        start = hit.start + m.end()
        inner = d.find(text[start:hit.end])
        if len(inner) == 1 and inner[0].start == 0 and start + inner[0].end == hit.end:
            h = inner[0]
            return _Span(start, hit.end, "LOC", d.actor(h.entry, on), f"gazetteer:{h.how}", how=h.how)
    return None


def _role_spans(d, text: str) -> list[_Span]:
    if d is None:
        return []
    out = [_Span(r.start, r.end, "ROLE", None, "role", sector=r.sector, title=r.title or r.surface,
                 home=r.home) for r in d.find_roles(text)]
    out.sort(key=lambda s: (s.start, -s.end))
    return out


_WORD_AT = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
_PORTFOLIO_JOINERS = frozenset({"dan", "&"})


def _extend_roles(text: str, roles: list[_Span], hits: list[_Span]) -> None:
    """A bare office word ("Menteri", "Wakil Menteri", "Kepala") reaches over the capitalised ordinary
    words of its portfolio ("Menteri Unifikasi", "Wakil Menteri Hubungan dan Kerja Sama
    Internasional"), stopping at a dictionary hit (the state), another role, or a word that is not
    an ordinary Indonesian word (the holder's name). The role's title becomes the whole office."""
    heads = portfolio_words()
    if not roles or not heads:
        return
    stops = {h.start for h in hits} | {r.start for r in roles}
    lexicon = ner.lexicon()
    for r in roles:
        if text[r.start:r.end].lower() not in heads:
            continue
        pos, end, words = r.end, r.end, 0
        while words < 8:
            m = _WORD_AT.match(text, pos)
            if m is None or m.start(1) in stops:
                break
            w = m.group(1)
            lw = w.lower()
            if lw in _PORTFOLIO_JOINERS:
                pos = m.end()
                continue
            if not w[:1].isupper() or w.isupper() or not (_ordinary_word(lw) or lexicon.get(lw) in ("lower", "mixed")):
                break
            pos = end = m.end()
            words += 1
        if end > r.end:
            r.end = end
            r.title = text[r.start:end]


#: Tokens of context the CRF sees on each side of a candidate word (its features reach two tokens).
CRF_WINDOW = 4


#: The start of a capitalised word: only sentences holding one outside every dictionary hit can hold
#: a name the dictionary missed.
#: The capital comes first and the look-behind after it, so the regex engine scans for capitals in
#: C rather than trying the look-behind at every position.
_CAP_START = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w'’].)")


def _crf_spans(text: str, sent_bounds: list[tuple[int, int]], gaz: list[_Span], roles: list[_Span]) -> list[_Span]:
    """CRF spans around the words that can be names the dictionary missed: the CRF tags a window of
    the sentence around each such word, not sentences the dictionary fully explains. A sentence
    whose capitalised words all lie in dictionary hits is not even tokenized."""
    # the tags the CRF was trained with (dictionary_hits): a state acting (GPE) is a LOC hit there
    hits = sorted([(s.start, s.end, "LOC" if s.label == "GPE" else s.label) for s in gaz] +
                  [(r.start, r.end, "ROLE") for r in roles])
    hit_starts = [x[0] for x in hits]
    covered = _union(hits)
    covered_starts = [a for a, _ in covered]
    common = ner.common_words()
    # first every window of every sentence that needs the CRF, decoded together ...
    sentences: list[tuple[list[str], list[tuple[int, int]], list[str | None], list[int], list[tuple[int, int]]]] = []
    h = 0
    for s_start, s_end in sent_bounds:
        for cap in _CAP_START.finditer(text, s_start, s_end):
            p = cap.start()
            k = bisect.bisect_right(covered_starts, p) - 1
            if (k < 0 or covered[k][1] <= p) and _may_be_name(text, p, s_start):
                break  # a capitalised word outside every hit that may be a name
        else:
            continue
        tok_texts, tok_spans = _sentence_tokens(text, s_start, s_end)
        while h < len(hits) and hits[h][1] <= s_start:
            h += 1
        sent_hits = hits[h:bisect.bisect_left(hit_starts, s_end, h)]
        gaz_tags = ner.gazetteer_tags(tok_spans, sent_hits)
        candidates = _name_candidates(tok_texts, gaz_tags, 0, len(tok_texts), common)
        if candidates:
            sentences.append((tok_texts, tok_spans, gaz_tags, candidates, _windows(candidates, 0, len(tok_texts))))
    window_labels = ner.tag_many([(toks, gaz_tags, lo, hi) for toks, _, gaz_tags, _, windows in sentences
                                  for lo, hi in windows])
    by_sentence: list[list[list[str]]] = []
    k = 0
    for sentence in sentences:
        by_sentence.append(window_labels[k:k + len(sentence[4])])
        k += len(sentence[4])
    # a sentence with a name running over a window's edge is tagged whole: every such sentence in one
    # more batch (a few may turn out not to need it, when that window is a name already known)
    spill = [j for j, (sentence, labels) in enumerate(zip(sentences, by_sentence))
             if any((lo > 0 and lab[0] != "O") or (hi < len(sentence[0]) and lab[-1] != "O")
                    for (lo, hi), lab in zip(sentence[4], labels))]
    whole = dict(zip(spill, ner.tag_many([(sentences[j][0], sentences[j][2], 0, len(sentences[j][0]))
                                          for j in spill]))) if spill else {}
    # ... then read in text order, each sentence's windows in turn
    out: list[_Span] = []
    known_names: set[str] = set()  # words of the people the CRF found so far in this article
    for j, (tok_texts, tok_spans, gaz_tags, candidates, windows) in enumerate(sentences):
        n = len(tok_texts)
        found: list[_Span] = []
        sentence_labels = by_sentence[j]
        for (lo, hi), labels in zip(windows, sentence_labels):
            # (a window holds at least one candidate: with no name known yet, none is known)
            inside = [i for i in candidates if lo <= i < hi] if known_names else None
            if inside is not None and all(tok_texts[i] in known_names for i in inside):
                # every candidate is a word of a name the CRF already read as a person in this article
                # ("… kata Lankov"): the same person again, without running the CRF
                found += _runs_of_names(inside, tok_spans)
                continue
            if (lo > 0 and labels[0] != "O") or (hi < n and labels[-1] != "O"):
                # a name runs over the window's edge: tag the whole sentence instead
                lo, labels, found = 0, whole[j], []
                found += [_Span(tok_spans[lo + i][0], tok_spans[lo + j - 1][1], typ, None, "crf")
                          for i, j, typ in ner.iob_spans(labels)]
                break
            found += [_Span(tok_spans[lo + i][0], tok_spans[lo + j - 1][1], typ, None, "crf")
                      for i, j, typ in ner.iob_spans(labels)]
        for f in found:
            if f.label == "PER" and f.rule == "crf":
                known_names.update(w for w in _NAME_WORD.findall(text, f.start, f.end) if len(w) > 2)
        out += found
    return out


_NAME_WORD = re.compile(r"[A-Z][^\W\d_]+(?:['’-][^\W\d_]+)*")


def _runs_of_names(indices: list[int], tok_spans: list[tuple[int, int]]) -> list[_Span]:
    """PER spans over runs of consecutive token indices."""
    out: list[_Span] = []
    for i in indices:
        if out and out[-1].end == tok_spans[i - 1][1] and i - 1 in indices:
            out[-1].end = tok_spans[i][1]
        else:
            out.append(_Span(tok_spans[i][0], tok_spans[i][1], "PER", None, "crf"))
    return out


_WORD_HERE = re.compile(r"[^\W\d_]+(?:\d+\w*)?(?:[-'’]\w+)*\.?")


def _may_be_name(text: str, pos: int, s_start: int) -> bool:
    """The test of :func:`_name_candidates` on the word at ``pos`` of the raw text, so that sentences
    without a candidate are never tokenized."""
    m = _WORD_HERE.match(text, pos)
    if m is None:
        return True
    j = pos - 1
    while j >= s_start and text[j] in " \t":
        j -= 1
    initial = j < s_start or text[j] in _OPENERS
    return _word_may_be_name(m.group(), initial)


@lru_cache(maxsize=50_000)
def _word_may_be_name(word: str, initial: bool) -> bool:
    w = word[:-1] if word.endswith(".") and word[:-1].isalpha() and len(word) > 3 else word
    lw = w.lower()
    if lw in ner.common_words() or not w.isalpha() and any(ch.isdigit() for ch in w):
        return False
    return not (ner.lexicon().get(lw) == "lower" or initial and lw in root_words())


def _union(intervals: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Sorted intervals merged where they overlap."""
    out: list[list[int]] = []
    for a, b, _ in intervals:
        if out and a < out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _windows(candidates: list[int], first: int, last: int) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for c in candidates:
        lo, hi = max(first, c - CRF_WINDOW), min(last, c + CRF_WINDOW + 1)
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    # a window edge inside a name would cut it: widen to the sentence when windows nearly cover it
    return [(lo, hi) for lo, hi in out]


def _name_candidates(tok_texts: list[str], gaz_tags: list[str | None], first: int, last: int,
                     common: frozenset[str]) -> list[int]:
    """Capitalised tokens outside every dictionary hit that could be (part of) a name."""
    out = []
    roots = root_words()
    lexicon = ner.lexicon()
    for i in range(first, last):
        w = tok_texts[i]
        if not w[:1].isupper() or gaz_tags[i] is not None:
            continue
        lw = w.lower()
        if lw in common or not w.isalpha() and any(ch.isdigit() for ch in w):
            continue  # a function word, a day or month, a code such as "U17"
        if lexicon.get(lw) == "lower" or (i == first or tok_texts[i - 1] in _OPENERS) and lw in roots:
            continue  # an ordinary word: capitalised at the start of a sentence or inside a title
        out.append(i)
    return out


def _merge_entities(text: str, gaz: list[_Span], crf: list[_Span], roles: list[_Span]) -> list[_Span]:
    """Dictionary hits, plus CRF spans where the dictionary has nothing. A CRF span wins over the hits
    it strictly contains when it names something larger ("Jawa Barat" over the bloc "Barat",
    "Universitas Indonesia" over the state); it is trimmed after a role word it starts with
    ("Presiden Lula" → "Lula")."""
    chosen = list(gaz)
    cues, _ = ner.cue_words()
    gpe_at = {(g.start, g.end): g for g in gaz if g.label == "GPE"}
    # hits and roles are each sorted and non-overlapping: overlaps are found by bisection
    gaz_starts = [g.start for g in gaz]
    role_starts = [r.start for r in roles]
    removed: set[int] = set()
    for c in _clean_crf_spans(text, crf):
        g = gpe_at.get((c.start, c.end))
        if g is not None:
            if c.label == "LOC":
                g.label = "LOC"  # the CRF reads this state as a place ("Liberia, Nigeria dan Guinea")
            continue
        comma = text.rfind(",", c.start, c.end)
        if comma >= 0:  # "Perindo, Ferry Kurnia": the CRF ran two names together
            c.start = comma + 1
            while c.start < c.end and text[c.start].isspace():
                c.start += 1
            if c.start >= c.end:
                continue
        if c.label == "PER":
            # "Gubernur Riau Abdul Wahid": a place word the CRF swept into a person's name
            m = re.match(r"([^\W\d_]+)\s+", text[c.start:c.end])
            if m is not None and "place" in cues.get(m.group(1).lower(), ()):
                c.start += m.end()
        if c.label == "PER":
            # "Jepang Heri Akhmadi" (after "Dubes RI untuk"): a state the CRF swept into a name
            _trim_leading_states(text, c, chosen)
            if c.start >= c.end:
                continue
        inner_roles = _overlapping(roles, role_starts, c.start, c.end)
        if inner_roles:
            r0 = inner_roles[0]
            if c.label == "ORG" and r0.start >= c.start:
                # an organisation's name may hold role words ("Serikat Petani Indonesia"); one that
                # opens it makes it an office ("Kementerian Luar Negeri China")
                if r0.start == c.start:
                    if _only_roles_and_states(text, c, inner_roles, chosen):
                        continue  # "Dubes RI": a role phrase, which may go on to its holder's name
                    c.sector, c.title = r0.sector, r0.title
            elif c.label == "PER" and r0.start <= c.start and all(r.end < c.end for r in inner_roles):
                c.start = max(r.end for r in inner_roles)
                while c.start < c.end and text[c.start].isspace():
                    c.start += 1
            else:
                continue
        inside = [g for g in _overlapping(gaz, gaz_starts, c.start, c.end) if id(g) not in removed]
        if inside:
            strictly = all(c.start <= g.start and g.end <= c.end and (g.end - g.start) < (c.end - c.start)
                           for g in inside)
            compatible = c.label in ("ORG", "LOC") or all(g.label == c.label for g in inside)
            if not (strictly and compatible and (_opens_with_org_word(text, c) or _name_like_rest(text, c, inside))):
                continue
            for g in inside:
                chosen.remove(g)
                removed.add(id(g))
            states = [g for g in inside if g.actor is not None and g.actor.kind == "country"]
            if c.label == "PER":
                inner = next((g for g in inside if g.label == "PER"), None)
                # "Brigitte Macron", "Mokhzani Mahathir": a given name before a famous surname is
                # somebody else of that family, not the dictionary's person
                c.actor = inner.actor if inner is not None and inner.how != "short" else None
            elif c.label == "ORG" and inside[0].start == c.start and inside[0].label == "ORG" and \
                    inside[0].actor is not None and inside[0].actor.country:
                # "KJRI Osaka", "KBRI Den Haag": the dictionary's body with the place it sits in
                c.actor = inside[0].actor
            elif c.label == "ORG" and states:
                c.actor = Actor(name="", code=None, country=states[0].actor.country, kind="organisation")
        chosen.append(c)
    for c in chosen:
        if c.rule == "crf" and c.actor is None and c.label in ("PER", "ORG"):
            c.actor = Actor(name="", kind="person" if c.label == "PER" else "organisation")
        elif c.rule == "crf" and c.actor is not None and c.label == "ORG" and c.sector and c.actor.country:
            c.actor.code = c.actor.country + c.sector
            c.actor.role = c.title
    chosen.sort(key=lambda s: s.start)
    return chosen


def _overlapping(spans: list[_Span], starts: list[int], a: int, b: int) -> list[_Span]:
    """The spans of a sorted, non-overlapping list that overlap ``a:b``, in order."""
    i = bisect.bisect_left(starts, b) - 1
    out: list[_Span] = []
    while i >= 0 and spans[i].end > a:
        out.append(spans[i])
        i -= 1
    out.reverse()
    return out


def _clean_crf_spans(text: str, crf: list[_Span]) -> list[_Span]:
    """CRF spans without the punctuation a name does not end with ("Rumah Sakit Donka," → no
    comma). A name with its acronym in parentheses stays one span without the closing mark
    ("Kejaksaan Agung (Kejagung"), as idner-news-2k's gold marks it once the eval strips the
    brackets glued to its tokens."""
    out: list[_Span] = []
    for c in crf:
        while c.end > c.start and text[c.end - 1] in ",;:":
            c.end -= 1
        if c.end > c.start:
            out.append(c)
    return out


def _trim_leading_states(text: str, c: _Span, hits: list[_Span]) -> None:
    """Move a CRF person's start past the states at its start ("Jepang Heri Akhmadi" → "Heri
    Akhmadi"): a person's name never begins with a country's name."""
    moved = True
    while moved:
        moved = False
        for g in hits:
            if g.start == c.start and g.end < c.end and g.label in ("GPE", "LOC") and \
                    g.actor is not None and g.actor.kind == "country":
                c.start = g.end
                while c.start < c.end and text[c.start].isspace():
                    c.start += 1
                moved = True
                break


def _only_roles_and_states(text: str, c: _Span, inner_roles: list[_Span], hits: list[_Span]) -> bool:
    """Is this CRF organisation nothing but role words and states ("Dubes RI", "Menlu AS")?"""
    pos = c.start
    parts = sorted([r for r in inner_roles] + [g for g in hits if c.start <= g.start and g.end <= c.end
                                                 and g.actor is not None and g.actor.kind == "country"],
                   key=lambda x: x.start)
    for x in parts:
        if text[pos:x.start].strip():
            return False
        pos = max(pos, x.end)
    return not text[pos:c.end].strip() and any(x.label != "ROLE" for x in parts)


def _opens_with_org_word(text: str, c: _Span) -> bool:
    """An organisation's name opened by its head word ("Partai Demokrasi Indonesia Perjuangan",
    "Serikat Petani Indonesia") may hold ordinary words and a state's name."""
    if c.label != "ORG":
        return False
    m = re.match(r"[^\W\d_]+", text[c.start:c.end])
    return m is not None and "org" in ner.cue_words()[0].get(m.group().lower(), ())


def _name_like_rest(text: str, c: _Span, inside: list[_Span]) -> bool:
    """Are the words a CRF span adds around dictionary hits part of a name ("Jawa" in "Jawa Barat")
    rather than ordinary words ("China dan Rusia Perkuat" in a headline)?"""
    pos = c.start
    for g in sorted(inside, key=lambda g: g.start) + [None]:
        stop = g.start if g is not None else c.end
        for w in re.findall(r"[^\W\d_]+", text[pos:stop]):
            if w.islower() or (w[:1].isupper() and w != w.upper() and _ordinary_word(w.lower())):
                return False
        if g is not None:
            pos = g.end
    return True


_AFFIXES = re.compile(r"^(?:memper|meng|meny|mem|men|me|ber|ter|per|di|ke|peng|pem|pen|pe)?(.+?)(?:kan|an|i|nya)?$")


@lru_cache(maxsize=20_000)
def _ordinary_word(lw: str) -> bool:
    """An Indonesian common word: written in lower case in news, a root word, or one with affixes
    ("perkuat" = per + kuat)."""
    cls = ner.lexicon().get(lw)
    if cls == "lower" or lw in ner.common_words():
        return True
    if cls is not None or ner.cue_words()[0].get(lw):
        return False  # news capitalises it often ("Timur", "Selatan"): it may be part of a name
    roots = root_words()
    if lw in roots:
        return True
    m = _AFFIXES.match(lw)
    return m is not None and len(m.group(1)) >= 3 and m.group(1) in roots


def _role_phrases(text: str, entities: list[_Span], roles: list[_Span], d, on: date | None = None) -> list[_Span]:
    """Role word(s) + state and/or name → one actor ("Menlu Rusia Sergei Lavrov" → RUSGOV person).
    A name followed by ", <role> <state>," (apposition) takes the role's state when it has none."""
    _, postings = mention_cues()
    by_start = {e.start: e for e in entities}
    role_at = {r.start: r for r in roles}
    used: set[int] = set()  # entity starts absorbed into a phrase
    phrases: list[_Span] = []

    def next_start(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        return pos

    covered_until = -1
    ent_sorted = sorted(entities, key=lambda e: e.start)
    ent_starts = [e.start for e in ent_sorted]
    for r in roles:
        if r.start < covered_until:
            continue
        k = bisect.bisect_left(ent_starts, r.end) - 1
        near = [e for e in ent_sorted[max(0, k - 3):k + 1] if e.end > r.start]
        # a body named inside the role ("Ketua Duma", "juru bicara Kemlu") belongs to the phrase
        # ... and so does a state's body that begins inside it ("Ketua [DPR Korea Selatan]")
        inner = [e for e in near if r.start <= e.start and (e.end <= r.end or e is near[-1] and e.start > r.start)
                 and e.label in ("ORG", "GPE", "LOC") and e.actor is not None and e.actor.country]
        if len(inner) < len(near):
            continue
        chain_roles = [r]
        state: _Span | None = None
        person: _Span | None = None
        affiliation: _Span | None = None  # a body without a state: "Juru Bicara KPK Budi Prasetyo"
        extra: list[_Span] = []
        leader: _Span | None = None  # a collective body named after its leader
        pos = next_start(r.end)
        if inner and inner[-1].end > r.end:
            state = inner.pop()
            pos = next_start(state.end)
        while pos < len(text):
            if pos in role_at and state is None and person is None:
                chain_roles.append(role_at[pos])
                pos = next_start(role_at[pos].end)
                continue
            e = by_start.get(pos)
            if e is not None and state is None and person is None and e.label in ("LOC", "GPE", "ORG") \
                    and e.actor is not None and e.actor.country:
                state = e
                pos = next_start(e.end)
                # "Duta Besar Indonesia untuk Rusia": the posting stays inside the phrase.
                word_end = pos
                while word_end < len(text) and text[word_end].isalpha():
                    word_end += 1
                if text[pos:word_end].lower() in postings:
                    after = by_start.get(next_start(word_end))
                    if after is not None and after.label in ("LOC", "GPE", "ORG") and after.actor is not None:
                        extra.append(after)
                        pos = next_start(after.end)
                continue
            if e is not None and e.label == "ORG" and state is None and affiliation is None:
                affiliation = e
                pos = next_start(e.end)
                continue
            collective = text[chain_roles[-1].start:chain_roles[-1].end].lower() in collective_roles()
            if e is not None and e.label == "PER" and collective and state is None and person is None \
                    and text[chain_roles[-1].start:chain_roles[-1].end].lower() in led_bodies() \
                    and e.actor is not None and e.actor.country and _is_state(d, e.actor.country):
                leader = e  # "pemerintahan Trump", "rezim Assad": the leader's state's body
            elif e is not None and e.label == "PER" and person is None and not collective:
                person = e
            elif e is None and person is None and not collective:
                person = _untagged_name(text, pos, entities, roles)
                if person is not None:
                    # a tagged name right after the untagged words is the rest of the same name
                    # ("Hamza" + "Abdi Barre")
                    rest = by_start.get(next_start(person.end))
                    if rest is not None and rest.label == "PER" and rest.actor is not None and rest.actor.id is None:
                        used.add(rest.start)
                        person.end = rest.end
                        person.actor = Actor(name=text[person.start:person.end], kind="person")
                    entities.append(person)
                    by_start[person.start] = person
            break
        if leader is not None:
            state = leader
        if person is None and (state is None or affiliation is not None):
            continue
        sector = next((x.sector for x in chain_roles if x.sector), None)
        title = " ".join(text[x.start:x.end] for x in chain_roles)
        if affiliation is not None:
            title += " " + text[affiliation.start:affiliation.end]
        last = person or (extra[-1] if extra else state)
        parts = [p for p in (*inner, affiliation, state, *extra, person) if p is not None]
        # a state named in the phrase, else the office's own ("Ketua Duma", "juru bicara Kemlu")
        home = None if state is not None else inner[-1].actor.country if inner else \
            next((x.home for x in chain_roles if x.home), None)
        if person is not None and person.actor is not None and person.actor.country and person.actor.name:
            home = None  # a known person's own state stands ("Menlu Taro Kono")
        country = state.actor.country if state is not None else home
        rule = f"role:{title}" + ("+leader" if leader else "+country" if state else "+body" if inner and home
                                  else "+home" if home else "") + \
            ("+name" if person else "")
        if person is not None:
            actor = _person_with_role(person.actor, text[person.start:person.end], country, sector, title)
            held = _held_role(d, person.actor, [x.title for x in chain_roles if x.title],
                              state.actor.country if state is not None and state.actor else None, sector, on)
            if held is not None:
                actor = held
            label = "PER"
        else:
            actor = Actor(name=text[r.start:last.end], code=(country + sector) if sector else country,
                          country=country, kind="sector", role=title)
            label = "ORG"
        phrase = _Span(r.start, last.end, label, actor, rule, parts=parts)
        phrase.chain = [(x.title or text[x.start:x.end], x.sector) for x in chain_roles]
        phrases.append(phrase)
        used.update(p.start for p in parts)
        covered_until = last.end
    out = [e for e in entities if e.start not in used] + phrases
    out.sort(key=lambda s: s.start)
    _apply_appositions(text, out, roles)
    return out


def _untagged_name(text: str, pos: int, entities: list[_Span], roles: list[_Span]) -> _Span | None:
    """Capitalised words right after a role phrase that neither the dictionary nor the CRF tagged:
    in "Perdana Menteri China Li Qiang" they are the holder's name."""
    m = _CAPS_RE.match(text, pos)
    if m is None:
        return None
    common = ner.common_words()
    lexicon = ner.lexicon()
    cues, _ = ner.cue_words()
    words = m.group().split()
    keep = 0
    for w in words:
        lw = w.lower()
        if lw in common or any(x.start == pos + m.group().find(w) for x in (*entities, *roles)):
            break
        if lexicon.get(lw) == "lower" or (keep == 0 and lexicon.get(lw) == "mixed") or \
                (w.isupper() and len(w) > 1) or any(c in ("org", "loc", "place", "skip") for c in cues.get(lw, ())):
            # an ordinary word ("Menteri Perumahan Rakyat"), an acronym ("Gubernur DKI"), or the head
            # of an organisation's or a place's name: not a person's name
            return None
        keep += 1
    if keep == 0:
        return None
    end = _end_of_words(text, pos, keep)
    if any(_overlaps(pos, end, x.start, x.end) for x in (*entities, *roles)):
        return None
    return _Span(pos, end, "PER", Actor(name=text[pos:end], kind="person"), "pattern:name-after-role")


def _end_of_words(text: str, pos: int, count: int) -> int:
    """The end of the ``count``-th word from ``pos``, without the punctuation after it."""
    for w in re.finditer(r"\S+", text[pos:]):
        count -= 1
        if count == 0:
            end = pos + w.end()
            while end > pos + w.start() + 1 and text[end - 1] in ",;:.)\"”’'":
                end -= 1
            return end
    return len(text)


def _person_with_role(known: Actor | None, surface: str, country: str | None, sector: str | None,
                      title: str) -> Actor:
    """A person in a role phrase: the dictionary's actor when known (its dated role wins), else one built
    from the phrase — the role word gives the sector, the state gives the country."""
    if known is not None and known.name and known.country:
        if known.role:
            return known
        # the dictionary knows the person but no role on this date: the phrase supplies it
        code = known.code if known.code and known.code != known.country else \
            (known.country + sector if sector else known.code)
        return replace(known, role=title, code=code)
    name = known.name if known is not None and known.name else surface
    code = (country + sector) if country and sector else country
    return Actor(name=name, code=code, country=country, kind="person", role=title,
                 id=known.id if known is not None else None)


def _held_role(d, known: Actor | None, titles: Sequence[str], state: str | None, sector: str | None,
               on: date | None) -> Actor | None:
    """The office the text names for a known person, when it is not the role they hold on ``on``:
    "Menteri Luar Negeri Indonesia Retno Marsudi" in a text dated after she joined the UN is still the
    Indonesian minister, "Sekjen PBB Ban Ki-moon" after his term still the UN's Secretary-General.
    Picks the person's role of that title (of the named state, if any) nearest to ``on``. A past office
    ("mantan Menlu …", sector ELI) is the state's elite it was held for. None: keep the dated actor."""
    if d is None or known is None or not known.id or not titles:
        return None
    entry = d.get(known.id)
    if entry is None or not entry.roles:
        return None
    former = False
    wanted: set[str] = set()
    for t in titles:
        words = t.split()
        if len(words) > 1 and words[0].lower() in former_words():
            former = True
            wanted.add(" ".join(words[1:]))
        else:
            wanted.add(t)
    fits = [r for r in entry.roles if r.title in wanted and (state is None or r.country == state)]
    if former:
        fits = [r for r in fits if r.end is not None and (on is None or r.end < on) and _is_state(d, r.country)]
        if not fits:
            return None
        last = max(fits, key=lambda r: r.end or date.max)
        if known.country == last.country and not known.role:
            return None  # the phrase's own reading (the state's elite) already stands
        return Actor(name=entry.name, code=f"{last.country}{sector or ''}", country=last.country, kind=entry.kind,
                     role=titles[0], id=entry.id)
    if not fits or known.role in wanted and (state is None or known.country == state):
        return None
    if on is None:
        best = fits[-1]
    else:
        # the role held that day, else the last one begun before it, else the first one after it
        best = min(fits, key=lambda r: (0, 0) if r.covers(on) else
                   (1, (on - r.start).days) if r.start is not None and r.start <= on else
                   (2, (r.start - on).days if r.start is not None else 0))
    return Actor(name=entry.name, code=best.code, country=best.country, kind=entry.kind, role=best.title,
                 id=entry.id)


_OFFICE_GAP = re.compile(r"[ \t]*")
_APPOSITION_GAP = re.compile(r"[ \t]*,[ \t]*")


def _offices_before_people(text: str, spans: list[_Span], d, on: date | None, dated: bool = True) -> None:
    """An office the dictionary knows as a body ("Sekjen PBB" is the UN's Secretary-General) right
    before a known person, or an office in apposition after them ("Ban Ki-moon, Sekretaris Jenderal
    PBB", "Retno Marsudi, Menteri Luar Negeri RI,"), gives
    the person their role of that title, whatever the article's date — unless a word such as
    "mantan" makes the office a past one."""
    for i, s in enumerate(spans):
        if s.label != "PER" or s.actor is None or not s.actor.id:
            continue
        office = None
        if i > 0 and spans[i - 1].label == "ORG" and _OFFICE_GAP.fullmatch(text, spans[i - 1].end, s.start):
            office = spans[i - 1]
            before = text[max(0, office.start - 20):office.start].split()
            if before and before[-1].lower() in former_words():
                continue
        elif i + 1 < len(spans) and spans[i + 1].label == "ORG" and \
                _APPOSITION_GAP.fullmatch(text, s.end, spans[i + 1].start):
            office = spans[i + 1]
        if office is None or office.actor is None:
            continue
        if office.chain:  # a role phrase without a holder: "…, Menteri Luar Negeri RI, …"
            titles, state = [t for t, _ in office.chain], office.actor.country
        elif office.actor.id and office.actor.name:  # an office the dictionary has as a body
            titles, state = [office.actor.name], None
        else:
            continue
        held = _held_role(d, s.actor, titles, state, None, on)
        if held is not None:
            s.actor = held
            s.rule += "+office"
    if dated:
        return
    # A text without a publication date has no sure day to pick a role by (at best the latest date it
    # mentions, often a background one): a person named plainly takes the role of a one-holder office
    # the dictionary has as a body and the text names anywhere ("Ketua PBB, Ban Ki-moon, … Sekjen PBB
    # juga …" is the UN's Secretary-General). Generic titles ("Perdana Menteri") may be anyone's: not these.
    named = [o.actor.name for o in spans if o.label == "ORG" and o.actor is not None and o.actor.id
             and o.actor.name and not o.chain]
    if not named:
        return
    for s in spans:
        if s.label == "PER" and s.actor is not None and s.actor.id and s.rule.startswith("gazetteer:") \
                and not s.rule.endswith("+office"):
            held = _held_role(d, s.actor, named, None, None, on)
            if held is not None:
                s.actor = held
                s.rule += "+office:text"


_BRANCH_GAP = re.compile(r"[ \t]+(?:di[ \t]+(?:(?:selatan|utara|timur|barat|tengah|wilayah|kawasan)[ \t]+)?)?")


def _verb_follows(text: str, pos: int) -> bool:
    nxt = _NEXT_WORD.match(text, pos)
    word = nxt.group(1) if nxt is not None else ""
    return len(word) > 4 and word.islower() and word.startswith(_VERB_PREFIXES) and ner.lexicon().get(word) == "lower"


def _group_branches(text: str, spans: list[_Span], d) -> list[_Span]:
    """A transnational group named with a state ("Al-Qaeda di Yaman", "ISIS Afghanistan") is that
    state's branch: one mention, keyed to the state (the state a LOC part), rule ``+branch``."""
    groups = branched_groups()
    out: list[_Span] = []
    skip = -1
    for i, s in enumerate(spans):
        if i == skip:
            continue
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if s.actor is not None and s.actor.id in groups and nxt is not None and nxt.actor is not None \
                and nxt.label in ("LOC", "GPE") and nxt.actor.kind == "country" and not nxt.parts \
                and _is_state(d, nxt.actor.country) and (gap := _BRANCH_GAP.fullmatch(text, s.end, nxt.start)) \
                and ("di" in gap.group() or not _verb_follows(text, nxt.end)):  # "ISIS Turki menangkap …"
            nxt.label = "LOC"
            # the parts are the names inside, as for role phrases: the group (as found) and the state
            s.parts = [*(s.parts or [_Span(s.start, s.end, s.label, s.actor, s.rule)]), nxt]
            s.end = nxt.end
            s.actor = replace(s.actor, country=nxt.actor.country)
            s.rule += "+branch"
            skip = i + 1
        out.append(s)
    return out


def _apply_appositions(text: str, spans: list[_Span], roles: list[_Span]) -> None:
    """Comma appositions: "Li Qiang, Perdana Menteri China, …" and "Perdana Menteri China, Li Qiang,
    …" — the name without a state takes the role phrase's state, code and title. Then "warga
    Amerika John Smith": see :func:`_qualify_people`."""
    for a, b in zip(spans, spans[1:]):
        if text[a.end:b.start].strip() != ",":
            continue
        if a.label == "PER" and a.actor is not None and not a.actor.country and b.rule.startswith("role:") \
                and b.actor is not None and b.actor.kind == "sector" and b.actor.country:
            a.actor = replace(a.actor, country=b.actor.country, code=b.actor.code, role=b.actor.role)
            a.rule += "+apposition"
        elif b.label == "PER" and b.actor is not None and not b.actor.country and a.rule.startswith("role:") \
                and a.actor is not None and a.actor.kind == "sector" and a.actor.country:
            b.actor = replace(b.actor, country=a.actor.country, code=a.actor.code, role=a.actor.role)
            b.rule += "+apposition"
    _qualify_people(text, spans)


def _qualify_people(text: str, spans: list[_Span]) -> None:
    """A person described by a state's people or body right before the name takes that state:
    "warga Amerika John Smith" (a demonym), "tentara Israel Elor Azaria" (a sector phrase). Role
    phrases with a name ("remaja Palestina Ahed Tamimi") already do this themselves."""
    for a, b in zip(spans, spans[1:]):
        if b.label != "PER" or b.actor is None or b.actor.country or text[a.end:b.start].strip():
            continue
        qa = a.actor
        if qa is None or not qa.country or not qa.code or len(qa.code) <= len(qa.country):
            continue
        if not (a.how == "demonym" or qa.kind == "sector"):
            continue
        b.actor = replace(b.actor, country=qa.country, code=qa.code, role=qa.role)
        b.rule += "+qualifier"


@cache
def _anaphor_regex() -> re.Pattern[str]:
    from warta.analyse.tokenize import words_regex

    # no look-behind in front: the regex engine then skips to the cues' first letters at C speed;
    # the word boundary before a match is checked on the few matches instead
    return re.compile(words_regex(sorted(anaphor_cues()), end=r"(?!\w)"))


#: Sentences before the anaphor's own in which its antecedent may stand.
ANAPHOR_SENTENCES = 2


def _add_anaphors(text: str, entities: list[_Span], d, on: date | None, sent_starts: list[int]) -> list[_Span]:
    """"negara itu" → the state named last (within the sentence and the two before it), "kelompok
    tersebut" → the non-state group named last: mentions with rule ``coref:anaphor:<refers>``. They
    come before role phrases, so "pemerintah negara itu" is that state's government."""
    cues = anaphor_cues()
    lowered = text.lower()
    found = [m for m in _anaphor_regex().finditer(lowered) if m.start() == 0 or not lowered[m.start() - 1].isalnum()]
    if not found:
        return entities
    firsts = mention_cues()[0]
    starts = [e.start for e in entities]
    added: list[_Span] = []
    for m in found:
        start, end = m.span()
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and entities[k].end > start or k + 1 < len(entities) and entities[k + 1].start < end:
            continue
        prev = _PREV_WORD.search(lowered, max(0, start - 20), start)
        if prev is not None and prev.group(1) in firsts:
            continue  # "kedua negara itu": two states, the group cues' business
        refers = cues[" ".join(m.group().split())]
        sent = max(0, bisect.bisect_right(sent_starts, start) - 1)
        lo = sent_starts[max(0, sent - ANAPHOR_SENTENCES)] if sent_starts else 0
        actor = None
        for e in reversed(entities[:k + 1]):
            if e.start < lo:
                break
            a = e.actor
            if a is None or a.members:
                continue
            if refers == "country" and _is_state(d, a.country):
                actor = _country_actor(d, a.country, on) or Actor(name=a.country, code=a.country,
                                                                  country=a.country, kind="country")
                break
            if refers == "group" and a.kind == "group":
                actor = a
                break
        if actor is None:
            continue
        added.append(_Span(start, end, "LOC" if refers == "country" else "ORG", actor, f"coref:anaphor:{refers}"))
    if not added:
        return entities
    return sorted(entities + added, key=lambda x: x.start)


_PAREN_ACRONYM = re.compile(r"[ \t]*\([^()\n]{1,20}\)")


def _attach_mission_places(text: str, spans: list[_Span], roles: list[_Span]) -> list[_Span]:
    """A diplomatic mission followed by a place: the place is where the mission is, not whose it is.
    "KBRI Tokyo" is one actor, Indonesia's embassy (IDNGOV), with "Tokyo" a LOC part;
    "Konsulat Jenderal Republik Indonesia (KJRI) Osaka" likewise. The mission words are
    ``mission`` cues; the mission's own actor (the sending state) stays."""
    missions = mission_words()
    if not spans:
        return spans
    out: list[_Span] = []
    drop: set[int] = set()
    by_start = {s.start: s for s in spans}
    for s in spans:
        if id(s) in drop:
            continue
        out.append(s)
        if s.label != "ORG" or s.actor is None or not s.actor.country:
            continue
        head = text[s.start:s.end].lower()
        if not any(head == w or head.startswith(w + " ") for w in missions):
            continue
        pos = s.end
        acronym = _PAREN_ACRONYM.match(text, pos)
        inner = None
        if acronym is not None:
            inner = next((x for x in spans if acronym.start() <= x.start and x.end <= acronym.end()), None)
            pos = acronym.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        place = by_start.get(pos)
        if place is not None:
            ok = (place.label in ("LOC", "GPE") and (place.actor is None or place.actor.kind == "country")) or \
                (place.rule == "crf" and place.label in ("PER", "LOC") and (place.actor is None or place.actor.id is None))
            if not ok:
                continue
            part = _Span(place.start, place.end, "LOC", place.actor, place.rule, how=place.how)
            drop.add(id(place))
        else:
            caps = _CAPS_RE.match(text, pos)
            if caps is None or any(_overlaps(caps.start(), caps.end(), x.start, x.end) for x in (*spans, *roles)):
                continue
            words = caps.group().split()[:2]
            if any(w.lower() in ner.common_words() or ner.lexicon().get(w.lower()) == "lower" for w in words):
                continue
            part = _Span(pos, _end_of_words(text, pos, len(words)), "LOC", None, "pattern:mission-place")
        parts = s.parts or [_Span(s.start, s.end, "ORG", s.actor, s.rule, how=s.how)]
        if inner is not None:
            parts = parts + [_Span(inner.start, inner.end, "ORG", inner.actor, inner.rule, how=inner.how)]
            drop.add(id(inner))
        s.parts = parts + [part]
        s.end = part.end
        s.rule += "+place"
    return [s for s in out if id(s) not in drop]


def _title_fits(bare: str, earlier: str) -> bool:
    """A bare role's title names the earlier office: the same title, its head ("Kementerian" for
    "Kementerian Luar Negeri"), or the body a spokesperson's title names ("Kementerian Luar
    Negeri" in "Juru Bicara Kementerian Luar Negeri")."""
    bare, earlier = bare.lower(), earlier.lower()
    return earlier == bare or earlier.startswith(bare + " ") or earlier.endswith(" " + bare)


_LAST_WORD = re.compile(r"(\w+)\W*$")


def _stands_alone(text: str, r: _Span, common: frozenset[str]) -> bool:
    """Is this role word a noun phrase of its own ("Kementerian menyatakan", "menurut Kementerian,")
    rather than a modifier ("kemajuan militer", "sumber pemerintah") or the head of a name that
    follows ("pemerintahan Trump")? Before it: the start of a sentence or clause, or a function word;
    after it: no capitalised word."""
    nxt = _NEXT_WORD.match(text, r.end)
    if nxt is not None and (nxt.group(1)[:1].isupper() or nxt.group(1).lower() in bare_role_words()[1]):
        return False  # "pemerintahan Trump", "para menteri luar negeri negara ASEAN"
    before = text[max(0, r.start - 30):r.start]
    if not before.strip() or before.rstrip()[-1:] in ".,;:!?\"“”'‘’()-—–\n":
        return True
    m = _LAST_WORD.search(before)
    if m is None or m.group(1).lower() in bare_role_words()[0]:
        return False  # "para menteri", "kedua menlu", "sejumlah pejabat": not one office
    return m.group(1).lower() in common


#: Sectors of state offices: only these are read back from a bare role word.
_STATE_SECTORS = ("GOV", "MIL", "COP", "LEG", "JUD", "SPY")
#: First words of the titles of bodies (not ranks or people) inside a longer role phrase.
_BODY_HEADS = frozenset({"kementerian", "departemen", "badan", "dinas", "komisi", "kantor", "kemenlu", "kemlu",
                         "pemerintah", "pemerintahan", "militer", "parlemen"})


def _bare_roles(text: str, spans: list[_Span], roles: list[_Span], d,
                sent_starts: Sequence[int] = ()) -> list[_Span]:
    """A role word standing alone refers to the office the article named last with that title:
    "Kementerian Luar Negeri Turki … menurut Kementerian" is Turkey's ministry, and in the same
    article "Kemlu" (which the dictionary reads as Indonesia's foreign ministry, as it is in most
    Indonesian news) is Turkey's too; "Presiden Prabowo … Presiden mengatakan" is Prabowo. A bare
    role with no earlier office of its title opening a sentence right after one that a foreign state
    opened as its subject is that state's office ("Rusia menolak … Pemerintah juga …":
    ``coref:role:subject``) unless the article has named Indonesia, whose offices Indonesian news
    names bare; a body Indonesian news names bare for Indonesia ("Kementerian Luar Negeri",
    ``home`` in roles.tsv) is Indonesia's (``role:home``); any other stays as it was (no mention, or
    the dictionary's reading). Rule ``coref:role``; the new mentions are not named entities."""
    if not roles:
        return spans
    by_range = {(r.start, r.end): r for r in roles}
    by_start = {r.start: r for r in roles}
    taken = sorted((x.start, x.end) for x in spans)
    taken_starts = [a for a, _ in taken]

    def covered(r: _Span) -> bool:
        k = bisect.bisect_right(taken_starts, r.end - 1) - 1
        while k >= 0 and taken[k][1] > r.start:
            if taken[k][0] < r.end:
                return True
            k -= 1
        return False

    items = [(x.start, 0, x) for x in spans] + [(r.start, 1, r) for r in roles if not covered(r)]
    items.sort(key=lambda t: (t[0], t[1]))
    offices: list[tuple[str, Actor]] = []  # (canonical title, the actor holding or being it), in text order
    added: list[_Span] = []

    def earlier(title: str) -> Actor | None:
        # a person holds exactly that office ("Presiden"); a body may be named by its head word
        return next((a for t, a in reversed(offices)
                     if (t.lower() == title.lower() if a.kind == "person" else _title_fits(title, t))), None)

    def body(a: Actor, title: str, sector: str | None) -> Actor:
        code = (a.country + sector) if sector else a.code
        return Actor(name=title, code=code, country=a.country, kind="sector", role=title)

    common = ner.common_words()
    for _, kind, x in items:
        if kind == 1:  # a role word no mention covers
            if not (x.sector or "").startswith(_STATE_SECTORS) or not _stands_alone(text, x, common):
                continue  # "perempuan", "pemain", "perusahaan": a kind of people, not one office
            title = x.title or text[x.start:x.end]
            a = earlier(title)
            if a is not None:
                label = "PER" if a.kind == "person" else "ORG"
                added.append(_Span(x.start, x.end, label, a, "coref:role"))
            elif (subject := _previous_subject(text, x, spans, sent_starts, d)) is not None:
                label = "ORG" if title.lower().split()[0] in _BODY_HEADS else "PER"
                added.append(_Span(x.start, x.end, label, body(subject, title, x.sector), "coref:role:subject"))
            elif x.home and title.lower().split()[0] in _BODY_HEADS:
                # a body Indonesian news names bare for its own state ("Kementerian Luar Negeri")
                home = Actor(name=title, code=x.home, country=x.home, kind="country")
                added.append(_Span(x.start, x.end, "ORG", body(home, title, x.sector), "role:home"))
            continue
        a = x.actor
        if a is None or not a.country or not _is_state(d, a.country):
            continue
        if x.chain:  # a role phrase: remember each office it names
            head_title, head_sector = x.chain[0]
            if a.kind == "person" and head_title.lower().split()[0] in _BODY_HEADS:
                # "pemerintahan Presiden Prabowo": the head names his government, not him
                offices.append((head_title, body(a, head_title, head_sector)))
            else:
                offices.append((head_title, a))
            for title, sector in x.chain[1:]:
                if title.lower().split()[0] in _BODY_HEADS:  # "Juru Bicara Kementerian Luar Negeri …"
                    offices.append((title, body(a, title, sector)))
            continue
        if x.title:  # a CRF organisation opened by a role word ("Kementerian Luar Negeri China")
            offices.append((x.title, a))
            continue
        r = by_range.get((x.start, x.end))
        head = by_start.get(x.start)
        if r is None and head is not None and head.end < x.end and x.how == "demonym":
            offices.append((head.title or text[head.start:head.end], a))  # "pemerintah Australia"
            continue
        if r is not None and x.rule.startswith("gazetteer:"):
            # a role word the dictionary also keys ("Kemlu" → Indonesia's ministry)
            title = r.title or text[r.start:r.end]
            prior = earlier(title)
            if prior is not None and prior.country != a.country:
                x.actor = prior if prior.kind == "sector" else body(prior, title, r.sector)
                x.rule += "+coref:role"
            else:
                offices.append((title, a))
    if not added:
        return spans
    return sorted(spans + added, key=lambda z: z.start)


def _previous_subject(text: str, x: _Span, spans: list[_Span], sent_starts: Sequence[int], d) -> Actor | None:
    """The foreign state that opened the sentence before the one ``x`` opens ("Rusia menolak …"),
    or None: when ``x`` does not open its sentence, when that sentence opened otherwise, or when
    the article named Indonesia (or its people or bodies) before ``x``."""
    k = bisect.bisect_right(sent_starts, x.start) - 1
    if k < 1 or text[sent_starts[k]:x.start].strip(" \t\n\"“‘'(-—–"):
        return None
    prev_start, prev_end = sent_starts[k - 1], sent_starts[k]
    first = None
    for sp in spans:
        if sp.start >= x.start:
            break
        if sp.actor is not None and sp.actor.country == "IDN":
            return None
        if first is None and prev_start <= sp.start < prev_end:
            first = sp
    if first is None or first.label != "GPE" or first.actor is None or first.actor.kind != "country" \
            or len(first.actor.code or "") != 3 or not _is_state(d, first.actor.country) \
            or text[prev_start:first.start].strip(" \t\n\"“‘'(-—–"):
        return None
    return first.actor


# ---------------------------------------------------------------------------------------------
# In-document resolution
# ---------------------------------------------------------------------------------------------

def _name_of(s: _Span, text: str) -> str:
    if s.parts:
        person = next((p for p in s.parts if p.label == "PER"), None)
        if person is not None:
            return text[person.start:person.end]
    return text[s.start:s.end]


def _name_tokens(name: str, common: frozenset[str]) -> list[str]:
    """The words of a person's name that can stand for it alone: not titles or role words ("Raja
    Salman" → "Salman"), not function words."""
    return list(_name_tokens_cached(name, common))


@lru_cache(maxsize=50_000)
def _name_tokens_cached(name: str, common: frozenset[str]) -> tuple[str, ...]:
    d = dictionary()
    return tuple(w for w in re.split(r"[\s\-]+", name) if len(w) > 1 and w[:1].isupper() and w.lower() not in common
                 and (d is None or not d.is_title_word(w)))


def _title_qualifiers(title: str | None, d) -> list[tuple[int, int, Actor]]:
    """The states (with a role's sector) that qualify a name in the headline: "Remaja Palestina Ahed
    Tamimi Ditahan …" → (start, end, PSECVL) of the words after "Remaja Palestina". Headlines are
    often lower-cased slugs ("remaja palestina ahed tamimi ditahan"), so each word is capitalised
    first (the same length: offsets stay)."""
    if not title or d is None:
        return []
    cased = "".join(w[:1].upper() + w[1:] for w in re.split(r"(\s+)", title))
    hits = [h for h in d.find(cased) if h.entry.kind == "country" and _is_state(d, h.entry.country)]
    roles = {r.end: r for r in d.find_roles(cased)}
    out = []
    for h in hits:
        j = h.start - 1
        while j >= 0 and cased[j] == " ":
            j -= 1
        r = roles.get(j + 1)
        sector = r.sector if r is not None else None
        code = h.entry.country + sector if sector else (h.entry.code or h.entry.country)
        out.append((h.end, len(cased), Actor(name="", code=code, country=h.entry.country, kind="person",
                                             role=r.title if r is not None else None)))
    return out


def _from_title(title: str | None, name: str, qualifiers: list[tuple[int, int, Actor]]) -> Actor | None:
    """The headline's state for a person it names right after a state ("… Palestina Ahed Tamimi")."""
    if not qualifiers or not title:
        return None
    lowered = title.lower()
    i = lowered.find(name.lower())
    while i >= 0:
        for end, _, actor in qualifiers:
            if end <= i and not lowered[end:i].strip():
                return actor
        i = lowered.find(name.lower(), i + 1)
    return None


def _resolve_names(text: str, spans: list[_Span], d, on: date | None, title: str | None = None) -> list[_Span]:
    """Short forms of people named in full earlier take that person's actor; so do bare capitalised
    tokens nobody tagged ("Mishustin, pejabat …" when the CRF did not run on the sentence)."""
    common = ner.common_words()
    index: dict[str, Actor] = {}  # name token -> actor of the fullest, latest person with it
    full_names: dict[str, str] = {}
    out: list[_Span] = []
    pending = sorted(spans, key=lambda s: s.start)
    covered = [(s.start, s.end) for s in pending]
    starts = [c[0] for c in covered]
    # words of people's names anywhere in the article: only these can be a bare short form
    name_words = {w for s in pending if s.label == "PER" for w in _name_tokens(_name_of(s, text), common)}
    for m in _CAP_WORD.finditer(text):  # capitalised words only: no pass over every token
        w, ts, te = m.group(), m.start(), m.end()
        if w not in name_words and (d is None or len(w) < 3 or m.group("next") or not _is_surname(w)
                                    or _capitalised_before(text, ts)):
            continue  # a lone surname only: "Ramon Magsaysay" is someone else
        k = bisect.bisect_right(starts, ts) - 1
        if k >= 0 and covered[k][1] > ts:
            continue
        pending.append(_Span(ts, te, "PER?", None, "coref:surname"))
    pending.sort(key=lambda s: s.start)
    seen_full: dict[tuple[str, ...], Actor] = {}  # an unknown person's full name -> what it resolved to
    # the headline's qualified names, read only when a name needs them
    qualifiers: list[tuple[int, int, Actor]] | None = None if title and any(
        x.label == "PER" and (x.actor is None or not x.actor.country) for x in spans) else []
    for s in pending:
        if s.rule == "crf" and s.label in ("ORG", "LOC") and s.actor is None or \
                (s.actor is not None and not s.actor.country and s.actor.kind != "person"):
            # "Wen" tagged ORG after "Wen Jiabao": a name token of a person seen before is that person
            word = text[s.start:s.end]
            if s.rule == "crf" and s.label in ("ORG", "LOC") and word in index and " " not in word:
                s.label = "PER"
        if s.label not in ("PER", "PER?"):
            if s.actor is not None and not s.actor.name:
                s.actor = replace(s.actor, name=text[s.start:s.end])
            out.append(s)
            continue
        name = _name_of(s, text)
        toks = _name_tokens(name, common)
        actor = s.actor
        # the dictionary resolved this very surface to someone: it stands, unless it was only a short
        # form — or a title and one name ("Raja Abdullah": which king is the article's business)
        resolved_full = actor is not None and actor.id is not None and s.how not in ("short", "surname") \
            and len(toks) >= 2
        # a short form the dictionary knows ("Macron") keeps its person unless the article named
        # someone of that name who is known or placed: "Brigitte Macron" (unknown) is not enough
        known_short = actor is not None and actor.id is not None and actor.country is not None
        if len(toks) >= 2 and (actor is None or (actor.id is None and not actor.country)):
            again = seen_full.get(tuple(toks))
            if again is not None:  # "Milan Rocen" again, after "Menlu Montenegro, Milan Rocen"
                s.actor = actor = replace(again, role=again.role or (actor.role if actor else None))
                s.rule += "+coref:name"
            elif d is not None:
                known = _variant_of_known(d, name, toks, on)
                if known is not None:  # "Mahmud Abbas", "Ehut Olmert": a spelling of a known person
                    s.actor = actor = replace(known, role=known.role or (actor.role if actor else None))
                    s.rule += "+dictionary:variant"
                else:
                    if qualifiers is None:
                        qualifiers = _title_qualifiers(title, d)
                    headline = _from_title(title, name, qualifiers)
                    if headline is not None:  # the headline says "remaja Palestina Ahed Tamimi"
                        s.actor = actor = replace(headline, name=name, role=headline.role or
                                                  (actor.role if actor else None))
                        s.rule += "+title"
        if len(toks) == 1 and toks[0] in index and full_names[toks[0]] != name and not resolved_full \
                and not (known_short and index[toks[0]].id is None and not index[toks[0]].country):
            target = index[toks[0]]
            if actor is not None and actor.role and not target.role:
                target = replace(target, role=actor.role)
            if s.parts:  # "Presiden Xi" after "Xi Jinping"
                s.actor, s.rule = target, s.rule + "+coref:surname"
            else:
                s.actor, s.label = target, "PER"
                s.rule = "coref:surname" if s.rule in ("crf", "coref:surname") else s.rule + "+coref:surname"
        else:
            if len(toks) == 1 and d is not None and not resolved_full and (actor is None or actor.id is None):
                # "Putin" alone: the dictionary's only person of that surname (of the phrase's state)
                entry = _surname_entry(d, toks[0], actor.country if actor is not None else None, on)
                if entry is not None:
                    known = d.actor(entry, on)
                    if actor is not None and actor.role and not known.role:
                        known = replace(known, role=actor.role)
                    s.actor = known
                    s.rule = "dictionary:surname" if s.label == "PER?" else s.rule + "+dictionary:surname"
                    s.label = "PER"
            if s.label == "PER?":
                continue  # a bare capitalised word that names nobody seen before
            if s.actor is not None and not s.actor.name:
                s.actor = replace(s.actor, name=name)
        # remember the person under each name token: a full name always (the latest wins), a single
        # token only when it says who it is (a country) and nothing fuller holds the token
        if s.actor is not None and (len(toks) >= 2 or s.actor.country):
            for tok in toks:
                if len(toks) >= 2 or tok not in index:
                    index[tok] = s.actor
                    full_names[tok] = name
            if len(toks) >= 2 and (s.actor.country or s.actor.id):
                seen_full[tuple(toks)] = s.actor
        out.append(s)
    return out


#: How alike (rapidfuzz ratio, 0–100) an unknown full name must be to a dictionary person of the
#: same surname to be that person spelt another way ("Mahmud Abbas" / "Mahmoud Abbas": 96).
VARIANT_SIMILARITY = 88


def _variant_of_known(d, name: str, toks: list[str], on: date | None) -> Actor | None:
    """The curated person an unknown full name spells differently, or None: same surname, as many
    words each starting with the same letter, the whole name nearly the same, and only one such
    person ("Mahmud Abbas" → Mahmoud Abbas; not "Santa Maria" → Ana Maria). PETRARCH's people
    are left out: many carry common names of long-retired officials."""
    entry = _variant_entry(d, tuple(toks))
    return d.actor(entry, on) if entry is not None else None


@lru_cache(maxsize=20_000)
def _variant_entry(d, toks: tuple[str, ...]):
    """The dictionary entry :func:`_variant_of_known` finds (cached: the same unknown names recur
    across articles, and each costs a fuzzy comparison per person of the surname)."""
    from rapidfuzz import fuzz

    folded = " ".join(" ".join(toks).lower().split())
    if len(folded.split()) < 2:
        return None
    initials = [w[:1] for w in folded.replace("-", " ").split()]  # each word's first letter, "Jong-un" two
    best: list = []
    for e in d.people_by_surname(toks[-1], generated=False):
        other = " ".join(e.name.lower().split())
        if [w[:1] for w in other.replace("-", " ").split()] != initials:
            continue
        score = fuzz.ratio(folded, other)
        if score >= VARIANT_SIMILARITY and other != folded:
            best.append((score, e))
    if not best:
        return None
    best.sort(key=lambda t: -t[0])
    if len(best) > 1 and best[1][0] == best[0][0]:
        return None
    return best[0][1]


#: A capitalised word as the tokenizer cuts it (letters, with inner hyphens or apostrophes), and
#: whether a capitalised word follows it directly.
#: (The capital comes before the look-behind so that the engine scans for capitals in C.)
_CAP_WORD = re.compile(r"[A-Z](?<![\w'’-].)[^\W_]*(?:['’-][^\W_]+)*(?![\w'’])(?P<next>[ \t]+[A-Z])?")


def _capitalised_before(text: str, pos: int) -> bool:
    """Is the word right before ``pos`` (across spaces only) capitalised?"""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or i == pos - 1 or not text[i].isalnum():
        return False
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "'’-"):
        i -= 1
    return text[i].isupper()


@lru_cache(maxsize=50_000)
def _is_surname(word: str) -> bool:
    """Can this capitalised word alone name a dictionary person ("Putin", "Erdogan")? Not when it is
    an acronym, an ordinary word, or a place or title word."""
    d = dictionary()
    lw = word.lower()
    if d is None or word.isupper() or not word.replace("-", "").replace("'", "").isalpha() or \
            lw in ner.common_words() or ner.lexicon().get(lw) in ("lower", "mixed"):
        return False
    if ner.cue_words()[0].get(lw) or d.is_title_word(word):
        return False
    return bool(d.people_by_surname(word, generated=False))


def _surname_entry(d, token: str, country: str | None, on: date | None):
    """The one dictionary person a surname can mean here, or None when it is ambiguous."""
    if country is None:
        # a lone surname: only the curated people (PETRARCH's are long gone and their surnames are
        # often ordinary words: "Raja", "Kurdi", "Fajar"), and not a word that is a title itself
        if d.is_title_word(token):
            return None
        people = d.people_by_surname(token, generated=False)
    else:  # "Menlu Suriah Mualem": the phrase's state narrows it down
        people = [e for e in d.people_by_surname(token) if d.actor(e, on).country == country]
    return people[0] if len(people) == 1 else None


def _add_groups(text: str, spans: list[_Span], d, on: date | None, sent_starts: list[int] | None = None) -> list[_Span]:
    """"kedua negara" / "kedua pemimpin" / "kedua pihak" → a group actor of the two most salient actors
    mentioned before it. The article's salience is counted once, as the cues come in text order
    (not again over every earlier mention for each cue)."""
    if not _group_first_words().search(text):
        return spans
    spans = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in spans]
    added: list[_Span] = []
    pattern, by_words = _group_cues_regex()
    so_far: dict[str, _Salience] = {}  # refers -> the salience of spans[:counted]
    counted = 0
    for m in pattern.finditer(text):
        cue = by_words[tuple(m.group().lower().split())]
        start, end = m.span()
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and spans[k].end > start:
            continue  # inside another mention
        # the two actors of the cue's own sentence come first ("Lee menjamu Presiden Trump …, memuji
        # kerja sama kedua negara"), else those of the article so far
        s_lo = sent_starts[max(0, bisect.bisect_right(sent_starts, start) - 1)] if sent_starts else 0
        members = _salient(spans[bisect.bisect_left(starts, s_lo):k + 1], cue.refers, d, on)
        if len(members) < 2:
            for refers, sal in so_far.items():
                for pos in range(counted, k + 1):
                    sal.add(pos, spans[pos], refers, d)
            counted = max(counted, k + 1)
            if cue.refers not in so_far:
                sal = so_far[cue.refers] = _Salience()
                for pos in range(counted):
                    sal.add(pos, spans[pos], cue.refers, d)
            members = so_far[cue.refers].ranked(cue.refers, d, on)
        if len(members) < 2:
            continue
        names = " dan ".join(m.name for m in members)
        actor = Actor(name=names, kind="group", members=members)
        added.append(_Span(start, end, cue.label, actor, f"coref:group:{cue.refers}"))
    if added:  # a bare role inside the group's words ("kedua menlu") is the group
        g_starts = [g.start for g in added]  # in text order, not overlapping

        def inside_group(s: _Span) -> bool:
            j = bisect.bisect_right(g_starts, s.start) - 1
            return j >= 0 and s.end <= added[j].end

        spans = [s for s in spans if not inside_group(s)]
    return sorted(spans + added, key=lambda s: s.start)


@cache
def _group_cues_regex() -> tuple[re.Pattern[str], dict[tuple[str, ...], GroupCue]]:
    """Every group cue as one case-insensitive, word-bounded regex (longest first), and the cue of
    each phrase."""
    groups, _ = mention_cues()
    by_words = {c.words: c for cues in groups.values() for c in cues}
    phrases = sorted(by_words, key=lambda w: -len(" ".join(w)))
    alts = "|".join(r"[ \t]+".join(map(re.escape, w)) for w in phrases)
    return re.compile(r"(?<![\w-])(?:" + alts + r")(?![\w-])", re.IGNORECASE), by_words


@cache
def _group_first_words() -> re.Pattern[str]:
    """Any group cue's first word, as a quick test of a whole text. The word boundary before it is a
    look-behind after its first letter, so the engine scans for that letter in C."""
    groups, _ = mention_cues()
    alts = (re.escape(w[0]) + r"(?<!\w.)" + re.escape(w[1:]) for w in sorted(groups))
    return re.compile(r"(?:" + "|".join(alts) + r")\b", re.IGNORECASE)


class _Salience:
    """How often, and how recently, each actor was mentioned (see :func:`_salient`), counted one
    mention at a time."""

    __slots__ = ("counts", "last", "example")

    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.last: dict = {}
        self.example: dict = {}

    def add(self, pos: int, s: _Span, refers: str, d) -> None:
        a = s.actor
        if a is None or a.members or s.rule.startswith("coref:anaphor") or s.rule == "coref:role":
            return
        weight = 1.0
        if s.label == "LOC":
            if s.how in ("metonym", "place"):
                return
            weight = 0.5
        if refers == "country":
            if not _is_state(d, a.country):
                return
            key = a.country
        elif refers == "leader":
            if a.kind != "person":
                return
            key = a.id or a.name
        else:
            if not a.country:
                return
            key = a.country
        self.counts[key] += weight
        self.last[key] = pos
        if key not in self.example or (refers == "country" and a.kind == "country"):
            self.example[key] = a

    def ranked(self, refers: str, d, on: date | None) -> list[Actor]:
        counts, last, example = self.counts, self.last, self.example
        ranked = sorted(counts, key=lambda k: (-counts[k], -last[k]))
        if refers == "leader":
            # leaders of two different states when the article offers them
            first = ranked[:1]
            other = [k for k in ranked[1:] if example[k].country != example[first[0]].country] if first else []
            ranked = first + (other[:1] or ranked[1:2])
        out = []
        for key in ranked[:2]:
            a = example[key]
            if refers == "country" and a.kind != "country":
                a = _country_actor(d, key, on) or Actor(name=key, code=key, country=key, kind="country")
            out.append(a)
        return out


def _salient(before: list[_Span], refers: str, d, on: date | None) -> list[Actor]:
    """The two actors mentioned most often before a group reference (ties: the most recent). A
    state named as a place ("di Nigeria") counts half; a capital named as a place ("di Abuja") and
    the references themselves (groups, anaphors, bare roles) not at all."""
    sal = _Salience()
    for pos, s in enumerate(before):
        sal.add(pos, s, refers, d)
    return sal.ranked(refers, d, on)


# ---------------------------------------------------------------------------------------------
# Helpers for later stages and tools
# ---------------------------------------------------------------------------------------------

def last_person_before(doc: Doc, offset: int) -> Mention | None:
    """The nearest person mentioned before ``offset`` (a PER mention, or a role phrase naming one) —
    for pronouns (ia/dia/beliau/-nya) and "katanya"."""
    best = None
    for m in doc.mentions:
        if m.end > offset:
            break
        if m.label == "PER" and m.actor is not None and m.actor.kind == "person":
            best = m
    return best


def named_spans(mentions: Iterable[Mention]) -> list[tuple[int, int, str]]:
    """The named entities (start, end, PER/ORG/LOC) among mentions, as NER gold such as
    idner-news-2k marks them: a compound's parts, a plain mention itself. Group references and
    unnamed sector actors are not names; a GPE (a state acting or qualifying: "Israel menyerang",
    "militer Israel") is not a LOC — only a place is."""
    out: list[tuple[int, int, str]] = []
    for m in mentions:
        if m.parts:
            out += [(p.start, p.end, p.label) for p in m.parts
                    if p.label in ("PER", "ORG", "LOC") and not p.rule.startswith("coref:anaphor")]
        elif m.rule.startswith(("coref:group", "coref:anaphor", "coref:role")) or \
                (m.actor is not None and m.actor.kind == "sector"):
            continue
        elif m.label in ("PER", "ORG", "LOC"):
            out.append((m.start, m.end, m.label))
    return out


def mentions_for_text(text: str, published: date | None = None, article_id: str = "text") -> list[Mention]:
    """Segment ``text`` (when the segmenter is available) and find its mentions — for tools and
    evaluation that start from bare text."""
    from warta.analyse import segment

    from warta.analyse import dates

    doc = Doc(article=Article(id=article_id, text=text, published=published), text=text)
    segment.segment(doc)
    dates.find_dates(doc)  # the reference date of an undated text
    find_mentions(doc)
    return doc.mentions
