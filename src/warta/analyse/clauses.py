"""Clause structure of one sentence — just enough to tell who does what to whom.

No parser: a sentence's words are classed (preposition, clause boundary, auxiliary, verb by its
prefix, noun-phrase word) from ``lang/id/clauses.yaml``, actor mentions become noun-phrase *units*
(adjacent mentions of one phrase — "Perdana Menteri Rusia Mikhail Mishustin" — are one unit), units
joined by "dan"/"serta"/list commas form *groups*, and boundary words cut the sentence into
*chunks* (clauses) of a kind: main, comma, relative ("yang"), coordinate ("dan", "lalu"),
subordinate ("setelah", "meski", "bahwa").

On that the coder asks two questions: who is the subject of the verb at token t (the first bare
noun phrase of its clause, else — for a clause without one — the antecedent of "yang", the subject
of the clause before, or the sentence's subject), and which actors follow t in which slot (object,
or after which preposition). Only sentences that hold a trigger are framed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from warta.lang import load_yaml
from warta.model import Actor, Mention

Phrase = tuple[str, ...]
#: Words, with reduplication and elision kept whole ("negara-negara", "Qur'an"); a hyphen before a
#: capital splits ("Israel-Hamas", "AS-China": two actors).
TOKEN_RE = re.compile(r"\w+(?:[-'’](?![A-Z])\w+)*|[^\w\s]")

#: Openers of a verb's complement clause: a verb's arguments may stand inside it ("menyerukan agar
#: Israel dan Hamas berunding").
COMPLEMENTISERS = frozenset({("agar",), ("supaya",), ("bahwa",)})

# Token classes (one letter each; a list of them per sentence).
NOUNISH = "N"  # a word of a noun phrase (or anything unclassed)
UNIT = "M"  # inside an actor mention / noun-phrase unit
PREP = "P"
BOUNDARY = "B"  # a word that opens a clause
PUNCT = ","  # punctuation that ends a clause
AUX = "A"
VERB = "V"
CONJ = "C"  # "dan"/"serta"/list comma joining two actors in one noun phrase


@dataclass(frozen=True, slots=True, eq=False)
class ClauseLexicon:
    boundaries: dict[Phrase, str]  # phrase -> relative | coordinate | subordinate
    punct: frozenset[str]
    main_punct: frozenset[str]
    prepositions: frozenset[Phrase]
    auxiliaries: frozenset[Phrase]
    verb_prefix: re.Pattern[str]
    not_verbs: frozenset[str]
    plain_verbs: frozenset[str]
    anaphors: dict[Phrase, str]  # phrase -> plural | dual | singular | country
    complement_verbs: frozenset[str]
    not_actor_prefixes: frozenset[str]
    agentive_passives: frozenset[str]
    agentive_bare: frozenset[str]
    identity_relatives: frozenset[Phrase]
    located_bodies: frozenset[Phrase]
    determiners: frozenset[str]
    time_adverbs: frozenset[str]
    time_words: frozenset[str]
    clausal_verbs: frozenset[str]
    copulas: frozenset[str]
    specifiers: tuple[Phrase, ...]
    party_words: frozenset[str]
    manner_preps: frozenset[str]
    counterparts: frozenset[str]
    short_preps: frozenset[str]
    inverted_cues: frozenset[str]
    reciprocal_words: frozenset[str]
    by_first: dict[str, tuple[Phrase, ...]]  # first word -> phrases (longest first) of all classes
    anaphor_first: frozenset[str]  # first words of the anaphor phrases


def _phrases(items: list | None) -> list[Phrase]:
    return [tuple(str(x).lower().split()) for x in items or []]


def build_clause_lexicon(data: dict) -> ClauseLexicon:
    b = data.get("boundaries") or {}
    boundaries: dict[Phrase, str] = {}
    for kind in ("relative", "coordinate", "subordinate"):
        for p in _phrases(b.get(kind)):
            boundaries[p] = kind
    anaphors: dict[Phrase, str] = {}
    for kind in ("plural", "dual", "singular", "country", "group", "speaker", "first_person"):
        for p in _phrases(data.get(f"{kind}_anaphors")):
            anaphors[p] = kind
    preps = frozenset(_phrases(data.get("prepositions")))
    aux = frozenset(_phrases(data.get("auxiliaries")))
    firsts: dict[str, set[Phrase]] = {}
    for p in [*boundaries, *preps, *aux, *anaphors]:
        firsts.setdefault(p[0], set()).add(p)
    prefixes = sorted((str(x) for x in data.get("verb_prefixes") or []), key=len, reverse=True)
    return ClauseLexicon(
        boundaries=boundaries,
        punct=frozenset(str(x) for x in b.get("punctuation") or []) | {".", "!", "?"},
        main_punct=frozenset(str(x) for x in b.get("main") or []),
        prepositions=preps, auxiliaries=aux,
        verb_prefix=re.compile(r"^(?:%s)[a-z]{3,}$" % "|".join(map(re.escape, prefixes))),
        not_verbs=frozenset(str(x).lower() for x in data.get("not_verbs") or []),
        plain_verbs=frozenset(str(x).lower() for x in data.get("plain_verbs") or []),
        anaphors=anaphors,
        complement_verbs=frozenset(str(x).lower() for x in data.get("complement_verbs") or []),
        not_actor_prefixes=frozenset(str(x).lower() for x in data.get("not_actor_prefixes") or []),
        agentive_passives=frozenset(str(x).lower() for x in data.get("agentive_passives") or []),
        agentive_bare=frozenset(str(x).lower() for x in data.get("agentive_bare") or []),
        identity_relatives=frozenset(_phrases(data.get("identity_relatives"))),
        located_bodies=frozenset(_phrases(data.get("located_bodies"))),
        determiners=frozenset(str(x).lower() for x in data.get("determiners") or []),
        time_adverbs=frozenset(str(x).lower() for x in (data.get("time_adverbs") or {}).get("words") or []),
        time_words=frozenset(str(x).lower() for x in (data.get("time_adverbs") or {}).get("after") or []),
        clausal_verbs=frozenset(str(x).lower() for x in data.get("clausal_verbs") or []),
        copulas=frozenset(str(x).lower() for x in data.get("copulas") or []),
        specifiers=tuple(sorted(_phrases(data.get("specifiers")), key=len, reverse=True)),
        party_words=frozenset(str(x).lower() for x in data.get("party_words") or []),
        manner_preps=frozenset(str(x).lower() for x in data.get("manner_prepositions") or []),
        counterparts=frozenset(str(x).lower() for x in data.get("counterparts") or []),
        short_preps=frozenset(str(x).lower() for x in data.get("short_prepositions") or []),
        inverted_cues=frozenset(str(x).lower() for x in data.get("inverted_cues") or []),
        reciprocal_words=frozenset(str(x).lower() for x in data.get("reciprocal_words") or []),
        by_first={k: tuple(sorted(v, key=len, reverse=True)) for k, v in firsts.items()},
        anaphor_first=frozenset(p[0] for p in anaphors),
    )


@cache
def load_clause_lexicon() -> ClauseLexicon:
    text = resources.files("warta.lang.id").joinpath("clauses.yaml").read_text(encoding="utf-8")
    return build_clause_lexicon(load_yaml(text))


@lru_cache(maxsize=65536)
def _verb_like(lex: ClauseLexicon, w: str) -> bool:
    """A lower-case word that looks like a verb (prefix morphology, minus the listed non-verbs)."""
    if w in lex.not_verbs:
        return False
    return w in lex.plain_verbs or bool(lex.verb_prefix.match(w))


@cache
def anaphor_regex() -> re.Pattern[str]:
    """All anaphor phrases as one regex, for a quick count before framing a sentence."""
    return phrase_regex((" ".join(p) for p in load_clause_lexicon().anaphors), re.IGNORECASE)


def phrase_regex(phrases: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """One regex for whole-word occurrences of any of ``phrases`` (longest first; the space
    between words matches any whitespace)."""
    alts = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alts), flags)


@dataclass(frozen=True, slots=True)
class Ref:
    """One actor a noun phrase refers to, as this sentence shows it: the actor, and the surface
    (the mention itself, or an anaphor such as "kedua negara"). ``phrase`` is the same for the refs
    of one phrase, ``key`` differs between its actors."""

    actor: Actor
    text: str
    start: int
    end: int
    label: str
    key: tuple[int, int]
    phrase: int
    rule: str = ""  # how the mention layer found it ("gazetteer:name", "crf", …)


def refs_of(m: Mention, text: str | None = None, start: int | None = None, end: int | None = None) -> list[Ref]:
    """The actors a mention stands for (a group mention — "kedua negara" — stands for its members)."""
    a = m.actor
    if a is None:
        return []
    text, start, end = text or m.text, m.start if start is None else start, m.end if end is None else end
    actors = a.members if a.kind == "group" and a.members else [a]
    return [Ref(x, text, start, end, m.label, (id(m), i), id(m), m.rule) for i, x in enumerate(actors)]


@dataclass(slots=True)
class Unit:
    first: int  # token indices, inclusive
    last: int
    refs: list[Ref]
    pp: str | None = None  # the preposition in front of the phrase, None when bare
    group: int = -1
    anaphor: str | None = None


@dataclass(slots=True)
class Chunk:
    start: int  # first token (the opener when there is one)
    body: int  # first token after the opener
    end: int  # exclusive
    kind: str  # main | comma | relative | coordinate | subordinate
    opener: Phrase = ()


@dataclass(frozen=True, slots=True)
class Subject:
    group: int
    governor: int | None  # token of the verb whose complement this clause is (for modality)
    chunk: int  # where the subject was found
    how: str  # clause | control | relative | previous | sentence


#: Resolves an anaphor (kind, text offset, sentence index) to the mentions it refers to.
AnaphorResolver = Callable[[str, int, int], list[Mention]]


def _head_mention(ms: list[Mention]) -> Mention:
    """The mention standing for a noun phrase: the last one resolved to a country (the name in
    "Perdana Menteri Rusia Mikhail Mishustin") or to a group of actors, else the last one."""
    for m in reversed(ms):
        if m.actor is not None and (m.actor.country or m.actor.members):
            return m
    return ms[-1]


@dataclass(slots=True)
class Frame:
    """One sentence, classed and chunked. Build with ``Frame.build``."""

    lex: ClauseLexicon
    offset: int
    words: list[str]
    raws: list[str]
    starts: list[int]
    ends: list[int]
    cls: list[str]
    prep_of: dict[int, str] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    unit_of: list[int] = field(default_factory=list)
    groups: list[list[int]] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    chunk_of: list[int] = field(default_factory=list)
    trigger_of: list[int] = field(default_factory=list)  # token -> trigger id or -1
    used: set[int] = field(default_factory=set)  # tokens an event already took as its `with` words
    question: bool = False
    # "anti-AS", "pro-Rusia": (first token, last token, refs, prefix) of actors named as a stance
    stances: list[tuple[int, int, list[Ref], str]] = field(default_factory=list)
    # trigger ids of event nouns whose possessor is their doer and that stand right after a
    # preposition of reason ("berterima kasih atas bantuan Jepang"): set by the event coder
    reason_nouns: frozenset[int] = frozenset()
    # units that name where a meeting or agreement took place ("Pertemuan Berlin antara …"): no
    # actor, so never a subject; set by the event coder
    venue_units: frozenset[int] = frozenset()

    # -------------------------------------------------------------------------------- building
    @classmethod
    def build(cls, text: str, offset: int, mentions: list[Mention], triggers: list[tuple[int, int, bool]],
              sentence: int = 0, resolve: AnaphorResolver | None = None,
              lex: ClauseLexicon | None = None) -> "Frame":
        """``text`` is the sentence (starting at ``offset`` in the article); ``triggers`` are
        (start, end, is_verb) character spans in article offsets, ids by position."""
        lex = lex or load_clause_lexicon()
        spans = [m.span() for m in TOKEN_RE.finditer(text)]
        raws = [text[s:e] for s, e in spans]
        words = [r.lower() for r in raws]
        starts = [offset + s for s, _ in spans]
        ends = [offset + e for _, e in spans]
        n = len(words)
        f = cls(lex=lex, offset=offset, words=words, raws=raws, starts=starts, ends=ends,
                cls=[NOUNISH] * n, unit_of=[-1] * n, trigger_of=[-1] * n)
        f.question = bool(raws) and raws[-1] == "?"
        f._classify()
        f._mark_triggers(triggers)
        f._make_units(mentions, sentence, resolve)
        f._coordinate()
        f._chunk()
        f._attach()
        return f

    def _match(self, i: int) -> Phrase | None:
        for p in self.lex.by_first.get(self.words[i], ()):
            if tuple(self.words[i:i + len(p)]) == p:
                return p
        return None

    def _is_verb(self, i: int) -> bool:
        w = self.words[i]
        return self.raws[i] == w and _verb_like(self.lex, w)  # capitalised words are names

    def _classify(self) -> None:
        lex, words, c = self.lex, self.words, self.cls
        by_first, raws = lex.by_first, self.raws
        i, n = 0, len(words)
        while i < n:
            w = words[i]
            if not (w[0].isalnum() or w[0] == "_"):
                c[i] = PUNCT if w in lex.punct else NOUNISH
                i += 1
                continue
            if w not in by_first:  # most words: no phrase starts here
                c[i] = VERB if raws[i] == w and _verb_like(lex, w) else NOUNISH
                i += 1
                continue
            p = self._match(i)
            if p is not None and p not in lex.anaphors:
                k = (BOUNDARY if p in lex.boundaries else PREP if p in lex.prepositions else AUX)
                for j in range(i, i + len(p)):
                    c[j] = k
                    if k == PREP:
                        self.prep_of[j] = " ".join(p)
                i += len(p)
                continue
            c[i] = VERB if self._is_verb(i) else NOUNISH
            i += 1

    def _tok_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Token indices (first, last) covering a character span, or None."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end) - 1
        if first >= len(self.words) or last < first:
            return None
        return first, last

    def _mark_triggers(self, triggers: list[tuple[int, int, bool]]) -> None:
        for tid, (s, e, is_verb) in enumerate(triggers):
            r = self._tok_range(s, e)
            if r is None or self.starts[r[0]] != s:
                continue
            for j in range(r[0], r[1] + 1):
                self.trigger_of[j] = tid
                self.cls[j] = VERB if is_verb else NOUNISH
                self.prep_of.pop(j, None)

    def _make_units(self, mentions: list[Mention], sentence: int, resolve: AnaphorResolver | None) -> None:
        spans: list[tuple[int, int, list[Mention]]] = []
        for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            r = self._tok_range(m.start, m.end)
            if r is None:
                continue
            prefix = self._stance_prefix(r[0], m.start)
            if prefix:  # "anti-Suriah", "pro-Rusia": a stance, not the actor
                self.stances.append((r[0], r[1], refs_of(m), prefix))
                continue
            if spans and r[0] <= spans[-1][1]:  # nested or overlapping: same phrase
                first, last, ms = spans[-1]
                spans[-1] = (first, max(last, r[1]), ms + [m])
                continue
            spans.append((r[0], r[1], [m]))
        # Adjacent mentions with only noun-phrase words between are one phrase.
        merged: list[tuple[int, int, list[Mention]]] = []
        for first, last, ms in spans:
            if merged:
                pf, pl, pms = merged[-1]
                gap = range(pl + 1, first)
                countries = {m.actor.country for m in pms + ms if m.actor is not None and m.actor.country}
                if len(countries) <= 1 and len(gap) <= 3 and all(self.cls[j] == NOUNISH and self.trigger_of[j] < 0
                                         and (self.words[j][0].isalnum() or self.words[j] in "()")
                                         for j in gap):
                    merged[-1] = (pf, last, pms + ms)
                    continue
            merged.append((first, last, ms))
        units: list[Unit] = []
        for first, last, ms in merged:
            head = _head_mention(ms)
            p = tuple(self.words[first:last + 1])
            kind = self.lex.anaphors.get(p) if head.actor is None else None
            if kind is not None and resolve is not None:  # "kedua pihak" the mention layer left unresolved
                text = " ".join(self.raws[first:last + 1])
                refs = [r for m in resolve(kind, self.starts[first], sentence)
                        for r in refs_of(m, text, self.starts[first], self.ends[last])]
                units.append(Unit(first, last, refs, anaphor=kind))
                continue
            units.append(Unit(first, last, refs_of(head)))
        # Anaphors the mention layer left alone.
        covered = set()
        for first, last, _ in merged:
            covered.update(range(first, last + 1))
        first_words = self.lex.anaphor_first
        i = 0
        while i < len(self.words):
            if self.words[i] not in first_words:
                i += 1
                continue
            p = self._match(i) if i not in covered and self.trigger_of[i] < 0 else None
            kind = self.lex.anaphors.get(p) if p else None
            if kind == "dual" and len(p) == 1 and i > 0 and self.cls[i - 1] == NOUNISH:
                kind = None  # "tahun keduanya": an ordinal, not "both of them"
            if kind is None:
                i += 1
                continue
            j = i + len(p) - 1
            refs: list[Ref] = []
            if resolve is not None:
                text = " ".join(self.raws[i:j + 1])
                for m in resolve(kind, self.starts[i], sentence):
                    refs.extend(refs_of(m, text, self.starts[i], self.ends[j]))
            if refs:
                units.append(Unit(i, j, refs, anaphor=kind))
            i = j + 1
        units.sort(key=lambda u: u.first)
        self.units = units
        for k, u in enumerate(units):
            for j in range(u.first, u.last + 1):
                self.unit_of[j] = k
                self.cls[j] = UNIT

    def _located_subject(self, prep: int, body: int) -> bool:
        """Whether the "di"/"dari" at token ``prep`` places a clause-initial body or people of a
        country ("Kejaksaan di Korea Selatan", "Mayoritas anggota parlemen di Lebanon",
        "pengunjuk rasa di Jakarta"): only determiners may stand before the head noun."""
        head = self.phrase_ending_at(prep - 1, self.lex.located_bodies)
        if head is None:
            return False
        i = prep - 1 - len(head)
        while i >= body and (self.words[i] in self.lex.determiners or self.words[i].isdigit()):
            i -= 1
        return i < body

    def _stance_prefix(self, first: int, start: int) -> str | None:
        """The stance word glued to (or set before) a name: "anti-Suriah", "anti - AS" (text
        tokenized upstream), "anti Israel"; None for a name that stands as an actor."""
        head = self.raws[first][:max(0, start - self.starts[first])].lower()
        prefixes = self.lex.not_actor_prefixes
        if head:
            return head[:-1] if head.endswith("-") and head[:-1] in prefixes else None
        if first >= 2 and self.words[first - 1] == "-" and self.words[first - 2] in prefixes:
            return self.words[first - 2]
        if first >= 1 and self.words[first - 1] in prefixes and self.raws[first - 1].islower():
            return self.words[first - 1]
        return None

    def _next_unit(self, i: int, max_gap: int = 2) -> int | None:
        """The unit starting within ``max_gap`` noun-phrase words after token i."""
        for j in range(i + 1, min(i + 2 + max_gap, len(self.words))):
            if self.cls[j] == UNIT:
                return self.unit_of[j]
            if self.cls[j] != NOUNISH or self.trigger_of[j] >= 0:
                return None
        return None

    def _verb_follows(self, u: int) -> bool:
        j = self.units[u].last + 1
        while j < len(self.words) and self.cls[j] == AUX:
            j += 1
        return j < len(self.words) and self.cls[j] == VERB

    def _time_adverbs(self) -> None:
        """"pada 9 Oktober lalu", "dua pekan kemudian": after a time word, "lalu"/"kemudian" say
        when, and open no clause."""
        w, c, raws = self.words, self.cls, self.raws
        for i in range(1, len(w)):
            if c[i] == BOUNDARY and w[i] in self.lex.time_adverbs and (
                    w[i - 1] in self.lex.time_words or w[i - 1].isdigit()
                    or (raws[i - 1][:1].isupper() and c[i - 1] == NOUNISH and i > 1)):
                c[i] = NOUNISH

    def _noun_list_commas(self) -> None:
        """Commas inside a list of nouns are no clause boundary: "serangan terhadap situs sipil,
        nuklir, dan energi Iran" — the list runs on to its "dan"/"serta"/"atau" and last item."""
        w, c = self.words, self.cls
        n = len(w)

        def word(k: int) -> bool:
            return 0 <= k < n and c[k] in (NOUNISH, UNIT) and (w[k][0].isalnum() or c[k] == UNIT)

        for i in range(1, n - 1):
            if w[i] != "," or c[i] != PUNCT or not word(i - 1) or not (c[i + 1] == NOUNISH and word(i + 1)):
                continue
            commas = [i]
            j, items = i + 1, 0
            while j < n and j < i + 12:
                k = j
                while word(k) and k - j < 3:
                    k += 1
                if k == j:
                    break
                items += 1
                if k < n and w[k] == "," and word(k + 1):
                    commas.append(k)
                    j = k + 1
                    continue
                if k < n and w[k] == "," and k + 1 < n and w[k + 1] in ("dan", "serta", "atau"):
                    commas.append(k)
                    k += 1
                if k < n and w[k] in ("dan", "serta", "atau") and word(k + 1) and items <= 4:
                    for m in commas:
                        c[m] = NOUNISH
                break

    def _coordinate(self) -> None:
        """Decide which "dan"/"serta"/commas join actors in one phrase (CONJ) rather than clauses."""
        self._time_adverbs()
        self._noun_list_commas()
        w, c = self.words, self.cls
        n = len(w)
        for i in range(1, n - 1):
            if c[i] != BOUNDARY or w[i] not in ("dan", "serta", "maupun", "atau", "&"):
                continue
            oxford = c[i - 1] == PUNCT and w[i - 1] == "," and i >= 2 and c[i - 2] == UNIT
            if c[i - 1] != UNIT and not oxford:
                if not self._clause_follows(i):
                    c[i] = NOUNISH  # "serangan udara dan tembakan pasukan Israel": one noun phrase
                continue
            if True:
                right = self._next_unit(i)
                if right is not None and not all(
                        self.raws[j][:1].isupper() or w[j] in self.lex.determiners
                        for j in range(i + 1, self.units_first(right))):
                    right = None  # "Perang Thailand-Kamboja dan kudeta Myanmar": another noun's possessor
                if right is None:
                    if not self._clause_follows(i) or self._own_company(i):
                        c[i] = NOUNISH  # "Israel dan para pendukungnya, …", "Saudi dan sekutunya memutuskan …"
                    continue
                # "AS mengecam Rusia dan China menolak …": the second actor starts a clause —
                # unless the verb before takes an object and a verb ("AS menuding China dan Rusia
                # mengancam …").
                verbs_before = [j for j in range(self._clause_start(i), i) if c[j] == VERB]
                if (verbs_before and self._verb_follows(right)
                        and w[verbs_before[-1]] not in self.lex.complement_verbs):
                    continue
                c[i] = CONJ
                if oxford:
                    c[i - 1] = CONJ
        for i in range(1, n - 1):  # "Indonesia bersama Malaysia sepakat …": co-subjects
            if (w[i] in ("bersama", "beserta") and c[i - 1] == UNIT and c[i + 1] == UNIT
                    and not any(c[j] == VERB for j in range(self._clause_start(i), i))
                    and self._verb_follows(self.unit_of[i + 1])):
                c[i] = CONJ
                self.prep_of.pop(i, None)
        for i in range(1, n - 1):  # "Israel-Hamas", "AS-China", "Thailand–Kamboja", "AS--China": a pair
            if w[i] not in ("-", "–", "—") or c[i - 1] != UNIT or self.ends[i - 1] != self.starts[i]:
                continue
            j = i + 1 if w[i + 1] != "-" or self.ends[i] != self.starts[i + 1] else i + 2  # "--"
            if j < n and c[j] == UNIT and self.ends[j - 1] == self.starts[j]:
                for k in range(i, j):
                    c[k] = CONJ
        for i in range(1, n - 1):  # list commas: "AS, Inggris, dan Prancis"
            if w[i] != "," or c[i - 1] != UNIT or self._next_unit(i, 0) is None:
                continue
            j = self.units[self._next_unit(i, 0)].last + 1
            while j < n and w[j] == "," and self._next_unit(j, 0) is not None:
                j = self.units[self._next_unit(j, 0)].last + 1
            if self._opening_adjunct(self.units_before(i)) and self._subject_list_follows(j):
                continue  # "Menurut Lavrov, Rusia dan Indonesia sepakat …": the comma ends the adjunct
            if j < n and c[j] == CONJ:
                c[i] = CONJ

    def units_first(self, u: int) -> int:
        return self.units[u].first

    def units_before(self, i: int) -> int:
        """First token of the mention phrase that ends right before token i (walking back over its
        words)."""
        j = i - 1
        while j > 0 and self.cls[j - 1] == UNIT and self.unit_of[j - 1] == self.unit_of[i - 1]:
            j -= 1
        return j

    def _opening_adjunct(self, first: int) -> bool:
        """Whether the phrase starting at token ``first`` is the object of a preposition that opens
        the sentence or a clause ("Menurut Lavrov", "Bagi Indonesia", "Dalam pertemuan dengan
        Xi"): a comma after it closes the adjunct, it starts no list of actors."""
        j = first - 1
        while j >= 0 and self.cls[j] == NOUNISH and self.trigger_of[j] < 0 and self.words[j][0].isalnum():
            j -= 1
        if j < 0 or self.cls[j] != PREP:
            return False
        k = j - 1
        while k >= 0 and self.cls[k] == PREP:
            k -= 1
        return k < 0 or self.cls[k] in (PUNCT, BOUNDARY)

    def _subject_list_follows(self, j: int) -> bool:
        """Whether the list whose last comma-joined item ends before token j goes on as a subject:
        ("… dan Indonesia") and a verb after it."""
        n = len(self.words)
        if j < n and self.cls[j] == CONJ or (j < n and self.words[j] in ("dan", "serta")):
            nxt = self._next_unit(j)
            if nxt is None:
                return False
            return self._verb_follows(nxt)
        k = j
        while k < n and self.cls[k] == AUX:
            k += 1
        return k < n and self.cls[k] == VERB

    def _own_company(self, i: int) -> bool:
        """"Saudi dan sekutunya", "Israel dan para pendukungnya": after an actor, "dan" + a noun
        with "-nya" names the actor's own company, not a new clause's subject."""
        j = i + 1
        while j < len(self.words) and self.words[j] in self.lex.determiners:
            j += 1
        return (j < len(self.words) and self.cls[j] == NOUNISH and self.words[j].endswith("nya")
                and len(self.words[j]) > 4)

    def _clause_follows(self, i: int) -> bool:
        """Whether a clause starts after the conjunction at i: a verb, or a subject and a verb."""
        j = i + 1
        n = len(self.words)
        while j < n and self.cls[j] == AUX:
            j += 1
        if j >= n or self.cls[j] in (VERB, BOUNDARY, PUNCT, PREP):
            return True
        for k in range(j, min(n, j + 5)):
            if self.cls[k] == VERB:
                return True
            if self.cls[k] not in (NOUNISH, UNIT, AUX) or self.trigger_of[k] >= 0:
                return False
        return False

    def _clause_start(self, i: int) -> int:
        j = i - 1
        while j >= 0 and self.cls[j] not in (BOUNDARY, PUNCT):
            j -= 1
        return j + 1

    def _chunk(self) -> None:
        n = len(self.words)
        chunks: list[Chunk] = []
        start, body, kind, opener = 0, 0, "main", ()
        i = 0
        while i < n:
            k = self.cls[i]
            if k == PUNCT:
                if i + 1 > start:
                    chunks.append(Chunk(start, body, i + 1, kind, opener))
                start = body = i + 1
                kind, opener = ("main" if self.words[i] in self.lex.main_punct else "comma"), ()
                i += 1
                continue
            if k == BOUNDARY:
                p = self._match(i) or (self.words[i],)
                bkind = self.lex.boundaries.get(p, "coordinate")
                if i > start:
                    chunks.append(Chunk(start, body, i, kind, opener))
                    start = i
                kind, opener = bkind, p
                body = i + len(p)
                i += len(p)
                continue
            i += 1
        if start < n or not chunks:
            chunks.append(Chunk(start, body, n, kind, opener))
        self.chunks = chunks
        self.chunk_of = [0] * n
        for ci, ch in enumerate(chunks):
            for j in range(ch.start, min(ch.end, n)):
                self.chunk_of[j] = ci

    def _attach(self) -> None:
        """Each unit's preposition (walking left over noun-phrase words) and its group."""
        for k, u in enumerate(self.units):
            ch = self.chunks[self.chunk_of[u.first]]
            j = u.first - 1
            while j >= ch.body and self.cls[j] in (NOUNISH, AUX) :
                j -= 1
            u.pp = self.prep_of.get(j) if j >= ch.body and self.cls[j] == PREP else None
            if u.pp == "dengan" and j == ch.body and self._verb_follows(k):
                u.pp = None  # ", dengan Rusia mendukung Assad": the subject of an absolute clause
            elif u.pp in ("di", "dari") and self._located_subject(j, ch.body):
                u.pp = None  # "Kejaksaan di Korea Selatan meminta …": the body is that country's
        groups: list[list[int]] = []
        for k, u in enumerate(self.units):
            j = u.first - 1
            while j >= 0 and self.cls[j] == NOUNISH and self.trigger_of[j] < 0 and j >= u.first - 2:
                j -= 1
            while j >= 1 and self.cls[j] == CONJ and self.cls[j - 1] == CONJ:  # ", dan"
                j -= 1
            if j >= 1 and self.cls[j] == CONJ and self.unit_of[j - 1] >= 0 and groups:
                prev = self.units[self.unit_of[j - 1]]
                if prev.group >= 0:
                    u.group = prev.group
                    u.pp = self.units[groups[prev.group][0]].pp
                    groups[prev.group].append(k)
                    continue
            u.group = len(groups)
            groups.append([k])
        self.groups = groups

    # -------------------------------------------------------------------------------- queries
    def refs(self, group: int) -> list[Ref]:
        return [r for k in self.groups[group] for r in self.units[k].refs]

    def group_first(self, group: int) -> int:
        return self.units[self.groups[group][0]].first

    def group_last(self, group: int) -> int:
        return self.units[self.groups[group][-1]].last

    def first_bare_group(self, lo: int, hi: int) -> int | None:
        for k, u in enumerate(self.units):
            if lo <= u.first < hi and u.pp is None and k not in self.venue_units:
                return u.group
        return None

    def _verb_start(self, i: int, lo: int) -> int:
        """First token of the verb group ending at token i (auxiliaries and serial verbs)."""
        while i - 1 >= lo and self.cls[i - 1] == VERB and (self.trigger_of[i - 1] == self.trigger_of[i]
                                                          or self.trigger_of[i] < 0):
            i -= 1
        return i

    def subject_of(self, t: int, depth: int = 0) -> Subject | None:
        """The subject of the predicate starting at token t."""
        c = self.chunk_of[t]
        body = self.chunks[c].body
        tid = self.trigger_of[t]
        last_verb = None
        for i in range(t - 1, body - 1, -1):
            if self.cls[i] == VERB and (tid < 0 or self.trigger_of[i] != tid):
                last_verb = i
                break
        lo = last_verb + 1 if last_verb is not None else body
        g = self.first_bare_group(lo, t)
        if g is not None and last_verb is not None and not self._takes_subject_after(last_verb, g, t):
            g = None  # the actor is the last verb's object; "untuk <verb>" goes back to its subject
            s = self.subject_of(self._verb_start(last_verb, body), depth + 1) if depth < 6 else None
            return Subject(s.group, last_verb, s.chunk, s.how) if s else None
        if g is not None and last_verb is not None and depth < 6 and self.words[last_verb] not in (
                self.lex.clausal_verbs | self.lex.complement_verbs):
            vs = self._verb_start(last_verb, body)
            s = self.subject_of(vs, depth + 1)
            if s is not None and s.chunk == c and s.governor is None and self._possessor_only(s.group, body):
                # "Keputusan Israel memblokade Gaza menuai kecaman …": the noun phrase with its
                # clause is the subject, and it is the possessor's deed — not Gaza's
                return Subject(s.group, None, c, "clause")
        if g is not None:
            return Subject(g, last_verb, c, "control" if last_verb is not None else "clause")
        if last_verb is not None and depth < 6 and self._manner_verb(t, lo):
            # "Israel meluncurkan operasi militer dengan menyerang Iran": a verb right after
            # "dengan", "untuk", "guna" … is done by the subject of the verb before it
            vs = self._verb_start(last_verb, body)
            s = self.subject_of(vs, depth + 1)
            # what governs the first verb governs this one too, and its cues count ("Korsel ingin
            # menggunakan bantuannya untuk menekan Korut": wanted, not done)
            gov = s.governor if s is not None and s.governor is not None else (vs if vs < last_verb else None)
            return Subject(s.group, gov, s.chunk, s.how) if s else None
        if self.bare_noun_phrase(lo, t):
            return None  # a subject the mention layer did not resolve ("latihan itu tidak bertujuan …")
        if last_verb is None and self.words[t] in self.lex.inverted_cues:
            # '"…," kata Mishustin kepada Li': the speaker follows the cue
            for g, slot, _ in self.scan(t + 1, stop_at_verb=True, own=tid):
                if slot == "object":
                    return Subject(g, None, c, "clause")
                break
        if last_verb is not None and depth < 6:
            s = self.subject_of(self._verb_start(last_verb, body), depth + 1)
            return Subject(s.group, last_verb, s.chunk, s.how) if s else None
        return self._omitted_subject(c, depth)

    def _manner_verb(self, t: int, lo: int) -> bool:
        """Whether the verb at t stands right after a preposition of manner or purpose
        ("dengan menyerang", "untuk menekan"), auxiliaries aside."""
        j = t - 1
        while j >= lo and self.cls[j] == AUX:
            j -= 1
        return j >= lo and self.cls[j] == PREP and self.words[j] in self.lex.manner_preps

    def _takes_subject_after(self, verb: int, g: int, t: int) -> bool:
        """Whether the actor group g after ``verb`` is the subject of the predicate at t: after a verb
        of saying or one that takes an object and a verb ("mendesak Israel menghentikan"), or when
        nothing but the actor stands between them ("mengirim pasukan Rusia menyerang")."""
        w = self.words[verb]
        if w in self.lex.clausal_verbs or w in self.lex.complement_verbs:
            return True
        return not any(self.cls[i] == PREP for i in range(self.group_last(g) + 1, t))

    def object_of_chunk(self, c: int) -> int | None:
        """The group right after the first verb of clause c (its object or "dengan" partner)."""
        ch = self.chunks[c]
        v = next((i for i in range(ch.body, ch.end) if self.cls[i] == VERB), None)
        if v is None:
            return None
        for g, slot, _ in self.scan(v + 1, stop_at_verb=True, own=self.trigger_of[v]):
            return g if slot in ("object", "dengan") else None
        return None

    def bare_noun_phrase(self, lo: int, hi: int) -> bool:
        """Whether tokens lo..hi-1 hold a noun phrase outside any prepositional phrase."""
        in_pp = False
        for i in range(lo, hi):
            k = self.cls[i]
            if k == PREP:
                in_pp = True
            elif k != NOUNISH:
                in_pp = False
            elif (not in_pp and i not in self.used and self.words[i][0].isalnum()
                  and not self.words[i].isdigit()):
                return True
        return False

    def unresolved_subject_before(self, t: int) -> bool:
        """Whether the predicate at t has a subject the mention layer did not resolve, in its own
        clause or in the clause a coordinated or comma clause continues ("Uni eropa bersembunyi
        …, dan membela Belanda"): then no speaker or context stands in for it."""
        c = self.chunk_of[t]
        if self.bare_noun_phrase(self.chunks[c].body, t):
            return True
        k = c
        while k > 0 and self.chunks[k].kind in ("coordinate", "comma"):
            k -= 1
            ch = self.chunks[k]
            v = next((i for i in range(ch.body, ch.end) if self.cls[i] == VERB), None)
            if v is not None:
                return self.bare_noun_phrase(ch.body, v)
        return False

    def verb_before_appositions(self, t: int) -> int | None:
        """The last verb before t when only verbless phrases set off by commas stand between
        ("menangkap X, mantan perdana menteri Kosovo, atas permintaan Serbia")."""
        c = self.chunk_of[t]
        while c > 0 and self.chunks[c].kind == "comma":
            c -= 1
            ch = self.chunks[c]
            verbs = [i for i in range(ch.body, ch.end) if self.cls[i] == VERB]
            if verbs:
                return self._verb_start(verbs[-1], ch.body)
        return None

    def clause_verb_before(self, t: int) -> int | None:
        """First token of the nearest verb left of t in its clause (not t's own trigger)."""
        body = self.chunks[self.chunk_of[t]].body
        tid = self.trigger_of[t]
        for i in range(t - 1, body - 1, -1):
            if self.cls[i] == VERB and (tid < 0 or self.trigger_of[i] != tid):
                return self._verb_start(i, body)
        return None

    def own_subject(self, c: int) -> int | None:
        ch = self.chunks[c]
        first_verb = next((i for i in range(ch.body, ch.end) if self.cls[i] == VERB), None)
        if first_verb is None:
            return self.first_bare_group(ch.body, ch.end) if (c == 0 or ch.kind == "main") else None
        g = self.first_bare_group(ch.body, first_verb)
        if g is None and self.words[first_verb] in self.lex.inverted_cues:
            nxt = self._next_unit(first_verb, 0)
            g = self.units[nxt].group if nxt is not None and self.units[nxt].pp is None else None
        return g

    def reciprocal_before(self, t: int) -> bool:
        """Whether "saling"/"sama-sama" stands before the predicate at t in its clause."""
        body = self.chunks[self.chunk_of[t]].body
        return any(self.words[i] in self.lex.reciprocal_words for i in range(max(body, t - 4), t))

    def _appositive(self, c: int) -> bool:
        ch = self.chunks[c]
        return ch.kind == "comma" and not any(self.cls[i] == VERB for i in range(ch.body, ch.end))

    def _effective_subject(self, c: int, depth: int) -> Subject | None:
        g = self.own_subject(c)
        if g is not None:
            return Subject(g, None, c, "previous")
        ch = self.chunks[c]
        first_verb = next((i for i in range(ch.body, ch.end) if self.cls[i] == VERB), None)
        if first_verb is not None and self.bare_noun_phrase(ch.body, first_verb):
            return None
        return self._omitted_subject(c, depth + 1)

    def _omitted_subject(self, c: int, depth: int) -> Subject | None:
        if depth > 8:
            return None
        ch = self.chunks[c]
        if ch.kind == "relative":
            return self._antecedent(c, depth)
        if ch.kind in ("coordinate", "subordinate"):
            if all(self.chunks[k].kind == "subordinate" for k in range(0, c + 1)):
                # sentence-initial "Setelah bertemu Xi, Putin …": the main clause follows
                for k in range(c + 1, len(self.chunks)):
                    if self.chunks[k].kind in ("comma", "main"):
                        g = self.own_subject(k)
                        return Subject(g, None, k, "sentence") if g is not None else None
                return None
            prev = self.chunks[c - 1] if c > 0 else None
            if (ch.kind == "coordinate" and prev is not None and prev.kind == "relative"
                    and self.own_subject(c - 1) is None
                    and not (ch.start > 0 and self.words[ch.start - 1] == ")")  # "(… yang …) dan"
                    and any(self.cls[i] == VERB for i in range(prev.body, prev.end))):
                # "individu yang membiayai … dan mendukung program nuklir": the "dan" clause goes on
                # describing the noun "yang" describes, whoever that is
                return self._antecedent(c - 1, depth)
            j = c - 1
            while j > 0 and (self.chunks[j].kind == "relative" or self._appositive(j)):
                j -= 1
            s = self._effective_subject(j, depth) if j >= 0 else None
            if s is None and ch.kind == "coordinate":
                # "Menlu Thailand mengatakan, usul itu masuk akal, dan mendesak Kamboja …": the
                # conjunct goes with the verb of saying, not with what was said
                for k in range(j - 1, -1, -1):
                    v = next((i for i in range(self.chunks[k].body, self.chunks[k].end)
                              if self.cls[i] == VERB and self.words[i] in self.lex.clausal_verbs), None)
                    if v is not None:
                        return self.subject_of(v, depth + 1)
            return s
        if ch.kind == "comma":
            # Walk back over clauses that describe (relative, subordinate) and verbless phrases set
            # off by commas; the earliest verbless phrase with a bare actor is the subject
            # ("Mishustin, pejabat tertinggi Rusia yang …, mengadakan …"; "Di lain pihak, Israel
            # dan para pendukungnya, termasuk AS, kerap menuding …").
            candidate = None
            named = appositive = False
            j = c - 1
            while j >= 0:
                cj = self.chunks[j]
                has_verb = any(self.cls[i] == VERB for i in range(cj.body, cj.end))
                if cj.kind in ("relative", "subordinate") and j > 0:
                    j -= 1
                    continue
                if has_verb:
                    break
                g = self.first_bare_group(cj.body, cj.end)
                spec = self._specified_unit(cj.body) if cj.body < cj.end else None
                if spec is not None:
                    # "Negara-negara Eropa, termasuk Jerman dan Prancis, mengecam …": the named
                    # members act for a noun phrase the mention layer did not resolve
                    candidate, named, appositive = (self.units[spec[0]].group, j), True, False
                elif g is not None and not (candidate is not None and named and not self.refs(g)) \
                        and not (candidate is not None and appositive and self._possessor_only(g, cj.body)):
                    # the earliest phrase with an actor, unless that actor only owns the head
                    # noun a later appositive names ("Bekas penguasa kolonial Guinea, Perancis, …")
                    candidate, named = (g, j), False
                    # a person named after a title ("Ketua PBB, Ban Ki-moon, …") holds the title's
                    # office: the titled body stays the subject; a state or body named so replaces it
                    appositive = self._only_unit(cj) and not all(
                        r.actor.kind == "person" for r in self.refs(g))
                j -= 1
            if candidate is not None:
                return Subject(candidate[0], None, candidate[1], "sentence")
            if j < 0 or (j == 0 and self.chunks[0].kind == "subordinate"):
                return None
            s = self._effective_subject(j, depth)
            return Subject(s.group, None, s.chunk, "sentence") if s else None
        if c == 0 and len(self.chunks) > 1 and not any(self.cls[i] == VERB for i in range(ch.body, ch.end)):
            # "Dalam kunjungannya ke Beijing, Putin …": a verbless opening phrase describes the
            # subject of the clause after it
            g = self.own_subject(1)
            return Subject(g, None, 1, "sentence") if g is not None else None
        return None

    def _antecedent(self, c: int, depth: int = 0) -> Subject | None:
        """The noun phrase a "yang" clause describes: "deklarasi G7 yang …" -> G7."""
        j = self.chunks[c].start - 1
        if j >= 0 and self.words[j] == ",":
            j -= 1
        leftmost = None
        while j >= 0:
            k = self.cls[j]
            if k == UNIT:
                leftmost = self.unit_of[j]
            elif k == PREP and self.prep_of.get(j) in ("di", "dari", "untuk", "asal"):
                pass
            elif k not in (NOUNISH, CONJ, AUX):
                break
            j -= 1
        if leftmost is None and depth < 6:
            # "Rusia adalah (salah satu) negara pertama (di antara negara-negara besar) yang
            # mengakui …": the noun "yang" describes is what the copula says its subject is
            k = j
            while k >= 0 and self.cls[k] in (NOUNISH, PREP, AUX, CONJ) and j - k < 8:
                k -= 1
            if k >= 0 and self.words[k] in self.lex.copulas and k + 1 < self.chunks[c].start:
                s = self.subject_of(k, depth + 1)
                return Subject(s.group, None, s.chunk, "relative") if s is not None else None
        if leftmost is None:
            return None
        u = self.units[leftmost]
        if u.pp in ("ke", "di", "dari", "menuju") and u.first > 0 and self.cls[u.first - 1] == PREP:
            # "lawatan menteri itu ke Korsel, China, dan Jepang yang …": a place right after a
            # preposition is seldom what "yang" describes ("atas deklarasi G7 yang …" is fine)
            return None
        return Subject(self.units[leftmost].group, None, self.chunk_of[self.units[leftmost].first], "relative")

    def scan(self, start: int, stop_at_verb: bool = True, own: int = -1,
             skip: tuple[int, int] | None = None) -> Iterator[tuple[int, str, int]]:
        """Groups after token ``start`` in its clause, in order: (group, slot, first token), slot being
        the preposition in front ("ke", "dengan", "di sekitar") or "object". Stops at the clause's end
        and, unless ``stop_at_verb`` is false, at the next verb (another predicate's arguments)."""
        if start >= len(self.words):
            return
        c = self.chunk_of[start] if start < len(self.chunk_of) else -1
        end = self.chunks[c].end if c >= 0 else len(self.words)
        prep: str | None = None
        i = start
        if c >= 0 and start == self.chunks[c].start and self.chunks[c].opener in COMPLEMENTISERS:
            i = self.chunks[c].body  # "mendesak agar Israel …": the complement clause's actors
        yielded = False
        n = len(self.words)
        noun_prep: str | None | bool = False  # the preposition in front of an unresolved noun phrase
        # the clause's end, or the opener of the next one (a "yang" or "dan" that may go on)
        while i < end or (i == end < n and self.cls[i] == BOUNDARY):
            k = self.cls[i]
            if (own >= 0 and self.trigger_of[i] == own) or (skip and skip[0] <= i <= skip[1]):
                i += 1
                continue
            if noun_prep is not False and not yielded:
                spec = self._specified_unit(i)
                if spec is not None:
                    # "mendesak negara-negara terkait, khususnya Korea Utara, …": the actors after
                    # a specifying word are the ones the noun phrase means
                    u, own_prep = spec
                    g = self.units[u].group
                    yield g, own_prep or noun_prep or "object", self.units[u].first
                    yielded = True
                    i = self.group_last(g) + 1
                    end = max(end, self.chunks[self.chunk_of[i - 1]].end)
                    prep, noun_prep = None, False
                    continue
            if (k == NOUNISH and not yielded and self.words[i] in self.lex.counterparts and i + 2 < n
                    and self.prep_of.get(i + 1) in ("dari", "asal") and self.cls[i + 2] == UNIT):
                # "bertemu dengan mitranya dari China": the counterpart is of that country
                g = self.units[self.unit_of[i + 2]].group
                yield g, prep or "object", i + 2
                yielded = True
                i = self.group_last(g) + 1
                prep, noun_prep = None, False
                continue
            if k == NOUNISH and noun_prep is False and self.words[i][0].isalpha():
                noun_prep = prep
            if k == PREP:
                prep = self.prep_of[i]
                if prep in self.lex.short_preps and i + 2 < end and self.cls[i + 1] == NOUNISH \
                        and self.cls[i + 2] == NOUNISH:
                    prep, i = None, i + 2  # "sebagai fitnah" ends there
                    continue
            elif k == UNIT:
                g = self.units[self.unit_of[i]].group
                yield g, prep or "object", i
                yielded = True
                i = self.group_last(g) + 1
                prep = None
                continue
            elif k == VERB:
                if stop_at_verb:
                    return
                prep = None  # "untuk memasok Australia": the verb's object, not "untuk"
            elif k in (BOUNDARY, PUNCT):
                # "menembak dan menewaskan dua warga Palestina": verbs sharing one object
                if (not yielded and prep is None and self.words[i] in ("dan", "serta") and i + 1 < len(self.words)
                        and self.cls[i + 1] == VERB and self.chunk_of[i] + 0 < len(self.chunks)
                        and i + 1 < len(self.chunk_of)):
                    end = self.chunks[self.chunk_of[i + 1]].end
                    i += 2
                    continue
                if self.words[i] == "yang" and self._adjectival(i):
                    # "pertemuan pada hari yang sama di Jerusalem antara X dan Y": a "yang" phrase
                    # without a verb describes, and the phrase goes on
                    end = self.chunks[self.chunk_of[i]].end
                    i += 1
                    continue
                break
            i += 1
        if not yielded and prep in (None, "oleh") and i < len(self.words) and self.words[i] == "yang":
            agent = self._agent_of_relative(i)
            if agent is None:
                agent = self._identity_of_relative(i)  # "menewaskan dua warga yang dituduh militan Palestina"
            if agent is not None:  # "mengecam serangan yang dilakukan X"
                yield agent, "object", self.group_first(agent)

    def _possessor_only(self, g: int, body: int) -> bool:
        """Whether group g stands after a common noun it possesses, from the start of its phrase
        ("penguasa kolonial Guinea"): the phrase is about the head noun, not the actor."""
        first = self.group_first(g)
        return first > body and all(self.cls[k] == NOUNISH for k in range(body, first))

    def _only_unit(self, ch: Chunk) -> bool:
        """Whether the clause is one actor phrase and its punctuation (", Perancis,")."""
        toks = [k for k in range(ch.body, ch.end) if self.cls[k] != PUNCT]
        return bool(toks) and all(self.cls[k] in (UNIT, CONJ) for k in toks)

    def _specified_unit(self, i: int) -> tuple[int, str | None] | None:
        """The actor unit a specifying word at token i (after an optional comma) introduces:
        ", khususnya Korea Utara", "terutama AS", ", yakni Yordania dan Mesir"."""
        n, words = len(self.words), self.words
        j = i + 1 if words[i] == "," else i
        if j >= n:
            return None
        for ph in self.lex.specifiers:
            if tuple(words[j:j + len(ph)]) == ph:
                k = j + len(ph)
                if k < n and words[k] == ",":
                    k += 1
                prep = None
                if k + 1 < n and self.cls[k] == PREP:
                    prep = self.prep_of.get(k)  # "kesepakatan dagang, termasuk dengan China"
                    k += 1
                return (self.unit_of[k], prep) if k < n and self.cls[k] == UNIT else None
        return None

    def _agent_of_relative(self, i: int) -> int | None:
        """The doer named in the "yang" clause at token i: "yang <agentive passive> (oleh) X"
        ("serangan yang dilakukan Israel") or "yang X <bare verb>" ("serangan yang mereka
        lancarkan"); None otherwise."""
        n = len(self.words)
        j = i + 1
        while j < n and self.cls[j] == AUX:
            j += 1
        if j < n and self.cls[j] == UNIT:  # object focus: "yang mereka lancarkan"
            g = self.units[self.unit_of[j]].group
            k = self.group_last(g) + 1
            while k < n and self.cls[k] == AUX:
                k += 1
            return g if k < n and self.words[k] in self.lex.agentive_bare else None
        if j >= n or self.words[j] not in self.lex.agentive_passives:
            return None
        j += 1
        if j < n and self.words[j] == "oleh":
            j += 1
        if j + 1 < n and self.words[j] in self.lex.party_words and self.cls[j + 1] == UNIT:
            j += 1  # "bantuan yang diberikan oleh pihak Amerika Serikat"
        if j < n and self.cls[j] == UNIT:
            return self.units[self.unit_of[j]].group
        return None

    def _adjectival(self, i: int) -> bool:
        """Whether the "yang" clause at token i has no verb ("yang sama", "yang lebih luas")."""
        ch = self.chunks[self.chunk_of[i]]
        if ch.start != i or (ch.body < ch.end and self.cls[ch.body] == UNIT):
            return False  # "yang mereka lancarkan": the object-focus clause of a doer
        return not any(self.cls[j] == VERB or self.words[j] in self.lex.agentive_bare
                       for j in range(ch.body, min(ch.end, ch.body + 3)))

    def _identity_of_relative(self, i: int) -> int | None:
        """The actor a "yang" clause at token i says its noun is: "dua warga yang dituduh militan
        Palestina", "kapal yang merupakan milik Vietnam"."""
        n = len(self.words)
        j = i + 1
        while j < n and self.cls[j] == AUX:
            j += 1
        ph = next((p for p in self.lex.identity_relatives if tuple(self.words[j:j + len(p)]) == p), None)
        if ph is None:
            return None
        j += len(ph)
        while j < n and self.words[j] in ("sebagai", "anggota", "milik", "warga") and self.cls[j] != UNIT:
            j += 1
        if j < n and self.cls[j] == UNIT:
            return self.units[self.unit_of[j]].group
        return None

    def relative_agent_after(self, t: int) -> int | None:
        """The doer of the event noun ending at token t, named in a "yang" clause right after it
        ("sanksi-sanksi yang ditetapkan oleh Dewan Keamanan PBB")."""
        j = t + 1
        while j < len(self.words) and self.cls[j] == NOUNISH and self.trigger_of[j] < 0 and j <= t + 3:
            j += 1
        if j < len(self.words) and self.words[j] == "yang":
            return self._agent_of_relative(j)
        return None

    def left_word(self, i: int, max_skip: int = 3) -> int | None:
        """The first token left of i that is not a noun-phrase word (skipping up to max_skip)."""
        j = i - 1
        skipped = 0
        while j >= 0 and self.cls[j] == NOUNISH and self.trigger_of[j] < 0 and self.words[j][0].isalnum():
            j -= 1
            skipped += 1
            if skipped > max_skip:
                return None
        return j if j >= 0 else None

    def phrase_ending_at(self, j: int, phrases: frozenset[Phrase], max_len: int = 3) -> Phrase | None:
        for L in range(max_len, 0, -1):
            if j - L + 1 < 0:
                continue
            p = tuple(self.words[j - L + 1:j + 1])
            if p in phrases:
                return p
        return None
