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

from warta.analyse import ner
from warta.model import Actor, Article, Doc, Mention

CUES_PATH = Path(__file__).resolve().parents[1] / "lang" / "id" / "mention-cues.tsv"

#: Entry kinds of the actor dictionary -> mention label.
KIND_LABEL = {"person": "PER", "country": "LOC", "place": "LOC", "city": "LOC", "organisation": "ORG",
              "organization": "ORG", "group": "ORG", "bloc": "ORG", "sector": "ORG"}

_TOKEN_RE = re.compile(r"\w+(?:[-'’./]\w+)*|[^\w\s]", re.UNICODE)
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
    return _read_cues()[:2]


@cache
def collective_roles() -> frozenset[str]:
    """Role words naming a body or a crowd: never followed by their holder's name."""
    return _read_cues()[2]


@cache
def locative_words() -> frozenset[str]:
    """Words after which a state or capital is a place ("di Jakarta")."""
    return _read_cues()[3]


@cache
def anaphor_cues() -> dict[str, str]:
    """Phrases that stand for one actor named shortly before ("negara itu" → country)."""
    return _read_cues()[4]


@cache
def mission_words() -> frozenset[str]:
    """Words naming a diplomatic mission ("kbri", "kedutaan besar"): a place after them is a location."""
    return _read_cues()[5]


@cache
def _read_cues() -> tuple[dict[str, list[GroupCue]], frozenset[str], frozenset[str], frozenset[str],
                          dict[str, str], frozenset[str]]:
    groups: dict[str, list[GroupCue]] = {}
    postings: set[str] = set()
    collective: set[str] = set()
    locative: set[str] = set()
    anaphors: dict[str, str] = {}
    missions: set[str] = set()
    for lineno, raw in enumerate(CUES_PATH.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "group" and len(cols) == 4 and cols[2] in ("country", "leader", "party"):
            words = tuple(cols[1].lower().split())
            groups.setdefault(words[0], []).append(GroupCue(words, cols[2], cols[3]))
        elif cols[0] == "posting" and len(cols) == 2:
            postings.add(cols[1].lower())
        elif cols[0] == "collective" and len(cols) == 2:
            collective.add(cols[1].lower())
        elif cols[0] == "locative" and len(cols) == 2:
            locative.add(cols[1].lower())
        elif cols[0] == "anaphor" and len(cols) == 3 and cols[2] in ("country", "group"):
            anaphors[" ".join(cols[1].lower().split())] = cols[2]
        elif cols[0] == "mission" and len(cols) == 2:
            missions.add(" ".join(cols[1].lower().split()))
        else:
            raise ValueError(f"{CUES_PATH.name}:{lineno}: cannot read {raw!r}")
    for cues in groups.values():
        cues.sort(key=lambda c: -len(c.words))
    return groups, frozenset(postings), frozenset(collective), frozenset(locative), anaphors, frozenset(missions)


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
    out = [(h.start, h.end, _entry_label(h.entry, h.how)) for h in d.find(text)]
    out += [(r.start, r.end, "ROLE") for r in d.find_roles(text)]
    return out


def dictionary_tags(text: str, spans: Sequence[tuple[int, int]]) -> list[str | None] | None:
    """Gazetteer tags of the tokens at ``spans`` in ``text`` (None without a dictionary): the CRF's
    dictionary features exactly as the stage computes them, for training and ``eval ner``."""
    if dictionary() is None:
        return None
    return ner.gazetteer_tags(spans, dictionary_hits(text))


def tokenize(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The pipeline's tokens of ``text`` as (strings, spans) — no Token objects."""
    try:
        from warta.analyse.tokenize import token_spans
    except ImportError:  # the segmenter's tokenizer is not installed: a plain regex
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
    else:
        spans = token_spans(text)
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


def _tokens(doc: Doc) -> tuple[list[str], list[tuple[int, int]]]:
    # doc.tokens builds Token objects on first use; the stage needs only strings and offsets
    return tokenize(doc.text)


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
    tok_texts, tok_spans = _tokens(doc)
    sent_bounds = _sentence_bounds(doc)
    sent_starts = [s for s, _ in sent_bounds]

    roles = _role_spans(d, text)  # before the gazetteer: its demonym parts search substrings
    gaz = _gazetteer_spans(d, text, on)
    crf = _crf_spans(text, tok_texts, tok_spans, sent_bounds, gaz, roles)
    entities = _merge_entities(text, gaz, crf, roles)
    entities = _add_anaphors(text, entities, d, on, sent_starts)
    spans = _role_phrases(text, entities, roles, d)
    spans = _attach_mission_places(text, spans, roles)
    spans = _resolve_names(text, tok_texts, tok_spans, spans, d, on)
    spans = _add_groups(text, tok_texts, tok_spans, spans, d, on)

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
    out = [_Span(r.start, r.end, "ROLE", None, "role", sector=r.sector, title=r.title or r.surface)
           for r in d.find_roles(text)]
    out.sort(key=lambda s: (s.start, -s.end))
    return out


#: Tokens of context the CRF sees on each side of a candidate word (its features reach two tokens).
CRF_WINDOW = 4


def _crf_spans(text: str, tok_texts: list[str], tok_spans: list[tuple[int, int]],
               sent_bounds: list[tuple[int, int]], gaz: list[_Span], roles: list[_Span]) -> list[_Span]:
    """CRF spans around the words that can be names the dictionary missed: the CRF tags a window of
    the sentence around each such word, not sentences the dictionary fully explains."""
    hits = sorted([(s.start, s.end, s.label) for s in gaz] + [(r.start, r.end, "ROLE") for r in roles])
    gaz_tags = ner.gazetteer_tags(tok_spans, hits)
    common = ner.common_words()
    out: list[_Span] = []
    t = 0
    n = len(tok_texts)
    for s_start, s_end in sent_bounds:
        while t < n and tok_spans[t][1] <= s_start:
            t += 1
        first = t
        while t < n and tok_spans[t][0] < s_end:
            t += 1
        candidates = _name_candidates(tok_texts, gaz_tags, first, t, common)
        if not candidates:
            continue
        sent_tokens, sent_gaz = tok_texts[first:t], gaz_tags[first:t]
        found: list[_Span] = []
        for lo, hi in _windows(candidates, first, t):
            labels = ner.tag(sent_tokens, sent_gaz, lo - first, hi - first)
            if (lo > first and labels[0] != "O") or (hi < t and labels[-1] != "O"):
                # a name runs over the window's edge: tag the whole sentence instead
                lo, labels, found = first, ner.tag(sent_tokens, sent_gaz), []
                found += [_Span(tok_spans[lo + i][0], tok_spans[lo + j - 1][1], typ, None, "crf")
                          for i, j, typ in ner.iob_spans(labels)]
                break
            found += [_Span(tok_spans[lo + i][0], tok_spans[lo + j - 1][1], typ, None, "crf")
                      for i, j, typ in ner.iob_spans(labels)]
        out += found
    return out


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
    for c in crf:
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
        inner_roles = [r for r in roles if _overlaps(r.start, r.end, c.start, c.end)]
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
        inside = [g for g in chosen if _overlaps(g.start, g.end, c.start, c.end)]
        if inside:
            strictly = all(c.start <= g.start and g.end <= c.end and (g.end - g.start) < (c.end - c.start)
                           for g in inside)
            compatible = c.label in ("ORG", "LOC") or all(g.label == c.label for g in inside)
            if not (strictly and compatible and (_opens_with_org_word(text, c) or _name_like_rest(text, c, inside))):
                continue
            for g in inside:
                chosen.remove(g)
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


def _role_phrases(text: str, entities: list[_Span], roles: list[_Span], d) -> list[_Span]:
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
    for r in roles:
        if r.start < covered_until or any(_overlaps(r.start, r.end, e.start, e.end) for e in entities):
            continue
        chain_roles = [r]
        state: _Span | None = None
        person: _Span | None = None
        affiliation: _Span | None = None  # a body without a state: "Juru Bicara KPK Budi Prasetyo"
        extra: list[_Span] = []
        pos = next_start(r.end)
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
            if e is not None and e.label == "PER" and person is None and not collective:
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
        if person is None and (state is None or affiliation is not None):
            continue
        sector = next((x.sector for x in chain_roles if x.sector), None)
        title = " ".join(text[x.start:x.end] for x in chain_roles)
        if affiliation is not None:
            title += " " + text[affiliation.start:affiliation.end]
        last = person or (extra[-1] if extra else state)
        parts = [p for p in (affiliation, state, *extra, person) if p is not None]
        country = state.actor.country if state is not None else None
        rule = f"role:{title}" + ("+country" if state else "") + ("+name" if person else "")
        if person is not None:
            actor = _person_with_role(person.actor, text[person.start:person.end], country, sector, title)
            label = "PER"
        else:
            actor = Actor(name=text[r.start:last.end], code=(country + sector) if sector else country,
                          country=country, kind="sector", role=title)
            label = "ORG"
        phrases.append(_Span(r.start, last.end, label, actor, rule, parts=parts))
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
    for w in re.finditer(r"\S+", text[pos:]):
        count -= 1
        if count == 0:
            return pos + w.end()
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


def _apply_appositions(text: str, spans: list[_Span], roles: list[_Span]) -> None:
    """Comma appositions: "Li Qiang, Perdana Menteri China, …" and "Perdana Menteri China, Li Qiang,
    …" — the name without a state takes the role phrase's state, code and title. Then "warga
    Amerika John Smith": see :func:`_qualify_people`."""
    for a, b in zip(spans, spans[1:]):
        if text[a.end:b.start].strip() != ",":
            continue
        if a.label == "PER" and a.actor is not None and not a.actor.country and b.rule.startswith("role:") \
                and b.actor is not None and b.actor.country:
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

    return re.compile(r"(?<!\w)" + words_regex(sorted(anaphor_cues()), end=r"(?!\w)"))


#: Sentences before the anaphor's own in which its antecedent may stand.
ANAPHOR_SENTENCES = 2


def _add_anaphors(text: str, entities: list[_Span], d, on: date | None, sent_starts: list[int]) -> list[_Span]:
    """"negara itu" → the state named last (within the sentence and the two before it), "kelompok
    tersebut" → the non-state group named last: mentions with rule ``coref:anaphor:<refers>``. They
    come before role phrases, so "pemerintah negara itu" is that state's government."""
    cues = anaphor_cues()
    lowered = text.lower()
    found = list(_anaphor_regex().finditer(lowered))
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
    d = dictionary()
    return [w for w in re.split(r"[\s\-]+", name) if len(w) > 1 and w[:1].isupper() and w.lower() not in common
            and (d is None or not d.is_title_word(w))]


def _resolve_names(text: str, tok_texts: list[str], tok_spans: list[tuple[int, int]], spans: list[_Span],
                   d, on: date | None) -> list[_Span]:
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
    n_tok = len(tok_texts)
    for i, (w, (ts, te)) in enumerate(zip(tok_texts, tok_spans)):
        if w not in name_words and (d is None or not w[:1].isupper() or len(w) < 3 or not _is_surname(w)
                                    or (i + 1 < n_tok and tok_texts[i + 1][:1].isupper())
                                    or (i > 0 and tok_texts[i - 1][:1].isupper())):
            continue  # a lone surname only: "Ramon Magsaysay" is someone else
        k = bisect.bisect_right(starts, ts) - 1
        if k >= 0 and covered[k][1] > ts:
            continue
        pending.append(_Span(ts, te, "PER?", None, "coref:surname"))
    pending.sort(key=lambda s: s.start)
    for s in pending:
        if s.label not in ("PER", "PER?"):
            if s.actor is not None and not s.actor.name:
                s.actor = replace(s.actor, name=text[s.start:s.end])
            out.append(s)
            continue
        name = _name_of(s, text)
        toks = _name_tokens(name, common)
        actor = s.actor
        # the dictionary resolved this very surface to someone: it stands, unless it was only a short form
        resolved_full = actor is not None and actor.id is not None and s.how not in ("short", "surname")
        # a short form the dictionary knows ("Macron") keeps its person unless the article named
        # another dictionary person of that name in full: "Brigitte Macron" (unknown) is not enough
        known_short = actor is not None and actor.id is not None and actor.country is not None
        if len(toks) == 1 and toks[0] in index and full_names[toks[0]] != name and not resolved_full \
                and not (known_short and index[toks[0]].id is None):
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
        out.append(s)
    return out


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


def _add_groups(text: str, tok_texts: list[str], tok_spans: list[tuple[int, int]], spans: list[_Span],
                d, on: date | None) -> list[_Span]:
    """"kedua negara" / "kedua pemimpin" / "kedua pihak" → a group actor of the two most salient actors
    mentioned before it."""
    groups, _ = mention_cues()
    if not _group_first_words().search(text):
        return spans
    spans = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in spans]
    lowered = [w.lower() for w in tok_texts]
    added: list[_Span] = []
    i = 0
    while i < len(lowered):
        cue = next((c for c in groups.get(lowered[i], ()) if tuple(lowered[i:i + len(c.words)]) == c.words), None)
        if cue is None:
            i += 1
            continue
        start, end = tok_spans[i][0], tok_spans[i + len(cue.words) - 1][1]
        i += len(cue.words)
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and spans[k].end > start:
            continue  # inside another mention
        before = spans[:k + 1]
        members = _salient(before, cue.refers, d, on)
        if len(members) < 2:
            continue
        names = " dan ".join(m.name for m in members)
        actor = Actor(name=names, kind="group", members=members)
        added.append(_Span(start, end, cue.label, actor, f"coref:group:{cue.refers}"))
    return sorted(spans + added, key=lambda s: s.start)


@cache
def _group_first_words() -> re.Pattern[str]:
    groups, _ = mention_cues()
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(groups))) + r")\b", re.IGNORECASE)


def _salient(before: list[_Span], refers: str, d, on: date | None) -> list[Actor]:
    """The two actors mentioned most often before a group reference (ties: the most recent)."""
    counts: Counter = Counter()
    last: dict = {}
    example: dict = {}
    for pos, s in enumerate(before):
        a = s.actor
        if a is None or a.kind == "group":
            continue
        if refers == "country":
            if not _is_state(d, a.country):
                continue
            key = a.country
        elif refers == "leader":
            if a.kind != "person":
                continue
            key = a.id or a.name
        else:
            if not a.country:
                continue
            key = a.country
        counts[key] += 1
        last[key] = pos
        if key not in example or (refers == "country" and a.kind == "country"):
            example[key] = a
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
        elif m.rule.startswith(("coref:group", "coref:anaphor")) or (m.actor is not None and m.actor.kind == "sector"):
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
