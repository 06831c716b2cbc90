"""Event patterns: ``lang/id/events.yaml`` loaded, checked against the ontology, and compiled once
into one Aho-Corasick automaton that finds every trigger candidate in a single pass over the text.

A *form* is one way a pattern shows up in text: its words, and whether it is an active verb
(the subject does it), a passive verb (the subject receives it) or a noun (the possessor does it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

import ahocorasick

from warta.analyse.event_morphology import DEFAULT_KINDS, MorphologyError, expand
from warta.lang import load_yaml
from warta.model import PLOVER_TYPES
from warta.ontology import cameo_codes

FormKind = Literal["active", "passive", "noun"]
SLOT_OBJECT = "object"
#: Default slots where a passive verb's doer stands ("dikecam oleh Barat", "dikecam Barat").
PASSIVE_SOURCE = ("oleh", SLOT_OBJECT)
NYA = "nya"  # possessive enclitic: "kunjungannya" = his/her visit

Phrase = tuple[str, ...]


class PatternError(ValueError):
    """events.yaml says something the coder cannot use (named with the pattern id)."""


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    type: str
    cameo: str
    mode: str | None
    target: tuple[str, ...] | None  # None: the event has no receiver
    source: tuple[str, ...]  # passive: where the doer stands
    with_: tuple[Phrase, ...]
    within: int
    without: tuple[Phrase, ...]
    possessor: Literal["source", "target"]
    light_only: bool
    optional_target: bool
    reciprocal: bool
    reach_clause: bool
    confirm_by: tuple[str, ...]  # pattern ids that must corroborate (same type and actors)
    unconfirmed: str | None  # pattern to code it as when not corroborated
    context_target: tuple[str, ...]  # receiver = doer of an earlier event of these types against the doer
    context_words: tuple[Phrase, ...]  # … when the object is one of these words ("tuduhan itu")
    source_kinds: tuple[str, ...]  # empty: any
    target_kinds: tuple[str, ...]
    order: int
    implicit: bool = False  # the missing side may come from the discourse (event_partners)
    consume: bool = True  # its `with` words are no event of their own ("menolak bertemu")
    stance_target: bool = False  # the receiver may be a name set against ("aksi anti-AS")
    # with no receiver in a slot, the country where the thing demanded or condemned happens is
    # one ("menyerukan penghentian kekerasan di Sudan"); from `situation_target_types`
    situation_target: bool = False
    # a speech act that saying it does ("Kami ingin mengucapkan terima kasih"): a wish to do it
    # right before it is no future (modality.yaml `performative_cues`)
    performative: bool = False
    # context_target `of: any`: the earlier event need not be against the doer ("Jepang mengecam
    # peluncuran tersebut": whoever launched), and the object must point back ("… itu/tersebut")
    context_any: bool = False
    # a pledge that readiness states ("Rusia siap menjalin kerja sama dengan Indonesia"): the
    # words of readiness (modality.yaml `pledge_cues`) make it no future
    pledge: bool = False
    # the `with` phrases by first word, longest first (a lookup per word instead of a scan)
    with_first: dict[str, tuple[Phrase, ...]] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Form:
    words: Phrase
    kind: FormKind
    pattern: Pattern
    nya: bool = False  # the word carried "-nya": a noun's possessor, a verb's object is a pronoun


@dataclass(frozen=True, slots=True)
class TriggerHit:
    start: int  # character offsets of the trigger words in the text
    end: int
    forms: tuple[Form, ...]  # candidate readings, most specific first


#: Who a statement cue is said of: the subject of its clause ("Israel tidak boleh …"), the name
#: right after it ("gangster AS"), or an actor after it in a receiver's slot ("konsekuensi bagi AS").
STATEMENT_ROLES = ("subject", "topic", "possessor", "object")


@dataclass(frozen=True, slots=True)
class StatementPattern:
    """A speech act inside what someone said: the speaker does it to the actor the cue is said of."""

    id: str
    type: str
    cameo: str
    mode: str | None
    cues: tuple[Phrase, ...]
    of: tuple[str, ...]  # STATEMENT_ROLES, tried in order
    slots: tuple[str, ...]  # prepositions for the "object" role
    not_after: tuple[Phrase, ...]  # words right before the cue that cancel it ("tidak perlu")
    not_before: tuple[Phrase, ...]  # words right after the cue that cancel it


@dataclass(frozen=True, slots=True)
class EventLexicon:
    patterns: tuple[Pattern, ...]
    automaton: ahocorasick.Automaton
    light_verbs: frozenset[Phrase]
    experiencer_verbs: frozenset[Phrase]
    response_verbs: frozenset[Phrase]  # "membantah tuduhan AS": the noun's doer acted on the subject
    response_types: frozenset[str]
    undergoer_heads: frozenset[Phrase]  # "serangan ke kedutaan AS": the possessor of a place undergoes it
    adjunct_heads: frozenset[Phrase]
    on_behalf_heads: frozenset[Phrase]
    max_phrase: int
    by_id: dict[str, Pattern]
    confirm_by: dict[str, tuple[str, ...]]  # pattern id -> the patterns that must corroborate it
    intent_types: frozenset[str] = frozenset()  # stated intentions of these types are threats
    intent_governors: frozenset[str] = frozenset()
    intent_cameo: str = "138"
    reason_prepositions: frozenset[str] = frozenset()  # "atas bantuan Jepang": the possessor is the receiver
    statements: tuple[StatementPattern, ...] = ()
    statement_automaton: ahocorasick.Automaton | None = None  # cue -> (length, patterns)


def _phrase(s: str) -> Phrase:
    return tuple(str(s).lower().split())


def _phrases(v: object) -> tuple[Phrase, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        v = [v]
    return tuple(_phrase(x) for x in v)  # type: ignore[union-attr]


def _by_first_word(phrases: tuple[Phrase, ...]) -> dict[str, tuple[Phrase, ...]]:
    out: dict[str, list[Phrase]] = {}
    for ph in phrases:
        out.setdefault(ph[0], []).append(ph)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _type_code_mode(raw: dict, what: str, overrides: dict[str, str]) -> tuple[str, str, str | None]:
    """The entry's checked PLOVER type and CAMEO code, and its mode (given, else CAMEO2PLOVER's
    when the code maps to that type). ``what`` names the entry in errors ("pattern x")."""
    try:
        ptype, code = raw["type"], str(raw["cameo"])
    except KeyError as e:
        raise PatternError(f"{what}: missing {e.args[0]!r}") from None
    if ptype not in PLOVER_TYPES:
        raise PatternError(f"{what}: unknown PLOVER type {ptype!r}")
    codes = cameo_codes()
    if code not in codes:
        raise PatternError(f"{what}: unknown CAMEO code {code!r}")
    mapped = codes[code].plover_type
    if mapped != ptype and overrides.get(code) != ptype:
        raise PatternError(f"{what}: CAMEO {code} is {mapped} in CAMEO2PLOVER, not {ptype} "
                           f"(add it to type_overrides with the guide's reason if intended)")
    return ptype, code, raw.get("mode") or (codes[code].plover_mode if mapped == ptype else None)


def _pattern(raw: dict, order: int, noun_default: tuple[str, ...], overrides: dict[str, str],
             implicit_types: frozenset[str] = frozenset(),
             situation_types: frozenset[str] = frozenset()) -> Pattern:
    pid = raw.get("id") or f"#{order}"
    ptype, code, mode = _type_code_mode(raw, f"pattern {pid}", overrides)
    forms = pattern_forms(raw, pid)
    if not any(forms.values()):
        raise PatternError(f"pattern {pid}: no active, passive or noun forms")
    for k in ("active", "passive", "noun"):
        listed = [" ".join(f) for f in _phrases(raw.get(k))]
        if len(listed) != len(set(listed)):
            raise PatternError(f"pattern {pid}: a {k} form is listed twice")
    tgt = raw.get("target", list(noun_default) if forms["noun"] and not forms["active"] else ["object"])
    target = None if tgt == "none" else tuple(str(x).lower() for x in tgt)
    return Pattern(
        id=pid, type=ptype, cameo=code, mode=mode, target=target,
        source=tuple(str(x).lower() for x in raw.get("source", PASSIVE_SOURCE)),
        with_=_phrases(raw.get("with")), within=int(raw.get("within", 4)),
        without=_phrases(raw.get("without")),
        possessor="target" if raw.get("possessor") == "target" else "source",
        light_only=bool(raw.get("light_only")), optional_target=bool(raw.get("optional_target")),
        reciprocal=bool(raw.get("reciprocal")), reach_clause=raw.get("reach") == "clause",
        confirm_by=tuple(str(x) for x in raw.get("confirm") or ()),
        unconfirmed=raw.get("unconfirmed"),
        context_target=tuple(str(x) for x in (raw.get("context_target") or {}).get("types", ())),
        context_words=_phrases((raw.get("context_target") or {}).get("words")),
        source_kinds=tuple(str(x) for x in raw.get("source_kind") or ()),
        target_kinds=tuple(str(x) for x in raw.get("target_kind") or ()), order=order,
        implicit=(bool(raw.get("implicit", ptype in implicit_types)) and target is not None
                  and not raw.get("optional_target")),
        consume=bool(raw.get("consume", True)),
        stance_target=bool(raw.get("stance_target")),
        situation_target=bool(raw.get("situation_target", ptype in situation_types)) and target is not None,
        with_first=_by_first_word(_phrases(raw.get("with"))),
        performative=bool(raw.get("performative")), pledge=bool(raw.get("pledge")),
        context_any=(raw.get("context_target") or {}).get("of") == "any",
    )


def pattern_forms(raw: dict, pid: str = "?") -> dict[str, tuple[Phrase, ...]]:
    """A pattern's active, passive and noun forms: those listed, then those its ``stems`` spell
    (``stems: [kecam, {tangkap: [meN, di, peN-an]}]``; a stem without kinds takes the pattern's
    ``stem_forms``, else meN- and di-)."""
    out = {k: list(_phrases(raw.get(k))) for k in ("active", "passive", "noun")}
    default = tuple(raw.get("stem_forms") or DEFAULT_KINDS)
    for entry in raw.get("stems") or ():
        items = entry.items() if isinstance(entry, dict) else [(entry, default)]
        for stem, kinds in items:
            try:
                spelled = expand(str(stem), tuple(kinds or default))
            except MorphologyError as e:
                raise PatternError(f"pattern {pid}: {e}") from None
            for k, words in spelled.items():
                for w in words:
                    ph = _phrase(w)
                    if ph not in out[k]:
                        out[k].append(ph)
    return {k: tuple(v) for k, v in out.items()}


def _statement(raw: dict, order: int, overrides: dict[str, str]) -> StatementPattern:
    pid = raw.get("id") or f"statement#{order}"
    ptype, code, mode = _type_code_mode(raw, f"statement {pid}", overrides)
    of = raw.get("of") or ["subject"]
    of = [of] if isinstance(of, str) else of
    if not raw.get("cues") or any(r not in STATEMENT_ROLES for r in of):
        raise PatternError(f"statement {pid}: needs cues and roles among {', '.join(STATEMENT_ROLES)}")
    return StatementPattern(
        id=pid, type=ptype, cameo=code, mode=mode,
        cues=_phrases(raw.get("cues")), of=tuple(of),
        slots=tuple(str(x).lower() for x in raw.get("slots") or ("terhadap", "kepada", "bagi", "atas")),
        not_after=_phrases(raw.get("not_after")), not_before=_phrases(raw.get("not_before")),
    )


def _statement_automaton(statements: list[StatementPattern]) -> ahocorasick.Automaton | None:
    by_cue: dict[str, list[StatementPattern]] = {}
    for sp in statements:
        for cue in sp.cues:
            by_cue.setdefault(" ".join(cue), []).append(sp)
    if not by_cue:
        return None
    auto = ahocorasick.Automaton()
    for key, sps in by_cue.items():
        auto.add_word(key, (len(key), tuple(sps)))
    auto.make_automaton()
    return auto


def build_lexicon(data: dict) -> EventLexicon:
    """Compile the parsed events.yaml. Raises ``PatternError`` naming the faulty pattern."""
    noun_default = tuple(data.get("noun_target_default") or ("terhadap", "atas", "ke", "kepada"))
    overrides = {str(k): v for k, v in (data.get("type_overrides") or {}).items()}
    patterns: list[Pattern] = []
    readings: dict[str, list[Form]] = {}
    seen_ids: set[str] = set()
    implicit_types = frozenset(str(t) for t in data.get("implicit_partner_types") or ())
    situation_types = frozenset(str(t) for t in data.get("situation_target_types") or ())
    for order, raw in enumerate(data.get("patterns") or []):
        p = _pattern(raw, order, noun_default, overrides, implicit_types, situation_types)
        if p.id in seen_ids:
            raise PatternError(f"pattern id {p.id} used twice")
        seen_ids.add(p.id)
        patterns.append(p)
        forms = pattern_forms(raw, p.id)
        for kind in ("active", "passive", "noun"):
            for words in forms[kind]:
                readings.setdefault(" ".join(words), []).append(Form(words, kind, p))
                if kind == "noun":  # "kunjungannya", "serangannya"
                    nya = words[:-1] + (words[-1] + NYA,)
                    readings.setdefault(" ".join(nya), []).append(Form(nya, kind, p, nya=True))
                elif (kind == "active" and len(words) == 1 and words[0].startswith("me") and not p.with_
                      and not words[0].endswith(NYA) and p.target is not None and SLOT_OBJECT in p.target):
                    # "mengecamnya", "menyerangnya": the enclitic is the object (Form.nya on a verb)
                    nya = (words[0] + NYA,)
                    readings.setdefault(nya[0], []).append(Form(nya, kind, p, nya=True))
    # A phrase also carries the readings of the shorter phrases it starts with, so the longest
    # match at a place is enough ("mengancam akan" also reads as "mengancam").
    for key in list(readings):
        words = key.split()
        for k in range(len(words) - 1, 0, -1):
            readings[key] = readings[key] + readings.get(" ".join(words[:k]), [])
    auto = ahocorasick.Automaton()
    for key, forms in readings.items():
        if len({f.kind == "noun" for f in forms if len(f.words) == len(key.split())}) > 1:
            raise PatternError(f"{key!r} is a noun in one pattern and a verb in another: "
                               f"{sorted({f.pattern.id for f in forms})}")
        # Longer readings first; among them specific ones (with a `with` condition) first.
        forms.sort(key=lambda f: (-len(f.words), not f.pattern.with_, not f.pattern.confirm_by,
                                  f.pattern.target is None, f.pattern.order))
        auto.add_word(key, (len(key), tuple(forms)))
    auto.make_automaton()
    statements = [_statement(raw, i, overrides) for i, raw in enumerate(data.get("statements") or [])]
    if len({sp.id for sp in statements} | seen_ids) != len(statements) + len(seen_ids):
        raise PatternError("a statement id is used twice or by a pattern")
    return EventLexicon(
        patterns=tuple(patterns), automaton=auto,
        light_verbs=frozenset(_phrases(data.get("light_verbs"))),
        experiencer_verbs=frozenset(_phrases(data.get("experiencer_verbs"))),
        response_verbs=frozenset(_phrases(data.get("response_verbs"))),
        response_types=frozenset(str(t) for t in data.get("response_types") or ()),
        undergoer_heads=frozenset(_phrases(data.get("undergoer_heads"))),
        adjunct_heads=frozenset(_phrases(data.get("adjunct_heads"))),
        on_behalf_heads=frozenset(_phrases(data.get("on_behalf_heads"))),
        max_phrase=max((len(k.split()) for k in readings), default=1),
        by_id={p.id: p for p in patterns},
        confirm_by={p.id: p.confirm_by for p in patterns if p.confirm_by},
        statements=tuple(statements), statement_automaton=_statement_automaton(statements),
        intent_types=frozenset(str(t) for t in (data.get("intent_threats") or {}).get("types", ())),
        intent_governors=frozenset(str(w).lower() for w in (data.get("intent_threats") or {}).get("governors", ())),
        intent_cameo=str((data.get("intent_threats") or {}).get("cameo", "138")),
        reason_prepositions=frozenset(str(w).lower() for w in data.get("reason_prepositions") or ()),
    )


@cache
def load_lexicon() -> EventLexicon:
    """The packaged event patterns, compiled once per process."""
    text = resources.files("warta.lang.id").joinpath("events.yaml").read_text(encoding="utf-8")
    return build_lexicon(load_yaml(text))


_WORDCHAR = re.compile(r"\w")


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset kept (a few characters lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _whole_word(low: str, start: int, end: int) -> bool:
    """Whether ``low[start:end]`` is not part of a longer word."""
    return not ((start > 0 and (low[start - 1].isalnum() or low[start - 1] == "_"))
                or (end < len(low) and (low[end].isalnum() or low[end] == "_")))


def find_statement_cues(low: str, start: int, end: int, lexicon: EventLexicon) -> list[tuple[int, int, tuple[StatementPattern, ...]]]:
    """Statement cues (whole words) in ``low[start:end]``: (start, end, patterns) in text offsets."""
    auto = lexicon.statement_automaton
    if auto is None:
        return []
    out = []
    for end_idx, (length, sps) in auto.iter_long(low, start, end):
        s, e = end_idx - length + 1, end_idx + 1
        if _whole_word(low, s, e):
            out.append((s, e, sps))
    return out


def find_triggers(text: str, lexicon: EventLexicon | None = None, lowered: str | None = None) -> list[TriggerHit]:
    """Every trigger candidate in ``text``: whole words only, no overlaps. Readings that start at
    the same place are kept together, longest first ("mengancam akan" before "mengancam"); a
    phrase hides the shorter ones that start inside it."""
    lex = lexicon or load_lexicon()
    low = lowered if lowered is not None else lower_same_length(text)
    out: list[TriggerHit] = []
    for end_idx, (length, forms) in lex.automaton.iter_long(low):
        start, end = end_idx - length + 1, end_idx + 1
        if _whole_word(low, start, end):
            out.append(TriggerHit(start, end, forms))
    return out
