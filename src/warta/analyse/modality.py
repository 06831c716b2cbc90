"""Modality of a coded event — asserted, future, negated or hypothetical — from the cues of
``lang/id/modality.yaml``: words between the event's subject and its trigger ("tidak", "akan"), the
clause's opener ("jika"), the verb whose complement the event is ("mendesak Rusia menarik pasukan":
asked for, not done), words right before an event noun ("rencana kunjungan"), and a question mark.
When several apply the strongest wins: negated > hypothetical > future > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from warta.analyse.clauses import NOUNISH, VERB, Frame, Phrase
from warta.lang import load_yaml
from warta.model import Modality

RANK: dict[str, int] = {"asserted": 0, "future": 1, "hypothetical": 2, "negated": 3}


def stronger(a: Modality, b: Modality) -> Modality:
    return a if RANK[a] >= RANK[b] else b


@dataclass(frozen=True, slots=True)
class ModalityLexicon:
    cues: dict[Phrase, Modality]
    not_cues: frozenset[Phrase]
    conditional: frozenset[Phrase]
    purpose: frozenset[Phrase]
    governors: dict[Phrase, Modality]
    noun_governors: dict[Phrase, Modality]
    noun_cues: dict[Phrase, Modality]
    clause_cues: dict[str, Modality]
    causal: frozenset[str]
    question: frozenset[str]
    performative: frozenset[Phrase]  # "ingin" before a performative speech act: no future
    pledge: frozenset[Phrase]  # "siap" before a pledge to cooperate: the pledge is made
    by_first: dict[str, tuple[Phrase, ...]]  # cue and not-cue phrases by first word, longest first


def _ph(items: list | None) -> list[Phrase]:
    return [tuple(str(x).lower().split()) for x in items or []]


def build_modality_lexicon(data: dict) -> ModalityLexicon:
    cues: dict[Phrase, Modality] = {}
    for kind in ("future", "hypothetical", "negated"):  # later kinds win a shared word
        for p in _ph((data.get("cues") or {}).get(kind)):
            cues[p] = kind  # type: ignore[assignment]
    governors: dict[Phrase, Modality] = {}
    for kind in ("future", "hypothetical", "negated"):
        for p in _ph((data.get("governors") or {}).get(kind)):
            governors[p] = kind  # type: ignore[assignment]
    noun_cues: dict[Phrase, Modality] = {}
    noun_governors: dict[Phrase, Modality] = {}
    for kind in ("future", "hypothetical", "negated"):
        for p in _ph((data.get("noun_cues") or {}).get(kind)):
            noun_cues[p] = kind  # type: ignore[assignment]
        for p in _ph((data.get("noun_governors") or {}).get(kind)):
            noun_governors[p] = kind  # type: ignore[assignment]
    not_cues = frozenset(_ph(data.get("not_cues")))
    firsts: dict[str, set[Phrase]] = {}
    for p in [*cues, *not_cues]:
        firsts.setdefault(p[0], set()).add(p)
    return ModalityLexicon(
        cues=cues, not_cues=not_cues,
        conditional=frozenset(_ph(data.get("conditional_openers"))),
        purpose=frozenset(_ph(data.get("purpose"))),
        governors=governors, noun_governors=noun_governors, noun_cues=noun_cues,
        causal=frozenset(str(w).lower() for w in data.get("causal_governors") or ()),
        clause_cues={str(w).lower(): k for k in ("future", "hypothetical", "negated")  # type: ignore[misc]
                     for w in (data.get("clause_cues") or {}).get(k) or ()},
        question=frozenset(str(x) for x in data.get("question_marks") or ["?"]),
        performative=frozenset(_ph(data.get("performative_cues"))),
        pledge=frozenset(_ph(data.get("pledge_cues"))),
        by_first={k: tuple(sorted(v, key=len, reverse=True)) for k, v in firsts.items()},
    )


@cache
def load_modality_lexicon() -> ModalityLexicon:
    text = resources.files("warta.lang.id").joinpath("modality.yaml").read_text(encoding="utf-8")
    return build_modality_lexicon(load_yaml(text))


def _phrase_before(frame: Frame, i: int, phrases: frozenset[Phrase] | dict, max_len: int = 3) -> Phrase | None:
    """The longest listed phrase ending at token i-1."""
    for L in range(max_len, 0, -1):
        if i - L < 0:
            continue
        p = tuple(frame.words[i - L:i])
        if p in phrases:
            return p
    return None


def _reported(frame: Frame, chunk) -> bool:
    """"menyebutkan, jika duta besar mereka diusir": after a verb of saying, colloquial "jika" /
    "kalau" stands for "bahwa" and opens what was said, not a condition."""
    j = chunk.start - 1
    if j >= 0 and frame.words[j] == ",":
        j -= 1
    return j >= 0 and frame.words[j] in frame.lex.clausal_verbs


def _caused(frame: Frame, governor: int, lex: ModalityLexicon) -> bool:
    """"…, yang mendorong Trump untuk memuji keputusan Kim": "mendorong" whose own subject is no
    actor (a decision, an incident) says what it caused — a fact — not what someone urged."""
    if frame.words[governor] not in lex.causal:
        return False
    return frame.subject_of(governor) is None


def clause_modality(frame: Frame, lo: int, t: int, governor: int | None,
                    lex: ModalityLexicon | None = None, lifted: frozenset[Phrase] = frozenset()) -> Modality:
    """Modality of the predicate at token t whose subject ends before token ``lo``. Cues and
    governors in ``lifted`` say nothing (a wish to thank is thanking; readiness to cooperate is
    the pledge itself: see ``lifted_cues``)."""
    lex = lex or load_modality_lexicon()
    m: Modality = "asserted"
    chunk = frame.chunks[frame.chunk_of[t]]
    if chunk.opener in lex.conditional and not _reported(frame, chunk):
        m = "hypothetical"
    i = max(lo, chunk.body)
    while i < t:
        if frame.trigger_of[i] >= 0 and frame.trigger_of[i] != frame.trigger_of[t]:
            i += 1
            continue
        hit = None
        for p in lex.by_first.get(frame.words[i], ()):
            if tuple(frame.words[i:i + len(p)]) == p and i + len(p) <= t:
                hit = p
                break
        if hit is None:
            i += 1
            continue
        if hit not in lex.not_cues and hit not in lifted:
            m = stronger(m, lex.cues[hit])
        i += len(hit)
    if governor is not None and not _caused(frame, governor, lex) and (frame.words[governor],) not in lifted:
        g = lex.governors.get((frame.words[governor],)) or lex.governors.get(
            tuple(frame.words[max(0, governor - 1):governor + 1]))
        if g:
            m = stronger(m, g)
    if _phrase_before(frame, t, lex.purpose) is not None:
        m = stronger(m, "future")
    if frame.question:
        m = stronger(m, "hypothetical")
    for i in range(chunk.body, t):
        c = lex.clause_cues.get(frame.words[i])
        if c:
            m = stronger(m, c)
    return m


#: Noun-phrase words an event noun may stand behind in its governing verb's object ("menentang
#: percepatan penarikan tentara").
GOVERNED_REACH = 2


def lifted_cues(performative: bool, pledge: bool, lex: ModalityLexicon | None = None) -> frozenset[Phrase]:
    """The modality cues a pattern's own kind of act makes void: a wish before a performative
    speech act ("Saya ingin berterima kasih kepada …" thanks now), readiness before a pledge
    ("Rusia siap menjalin kerja sama dengan Indonesia" is the pledge, made now)."""
    if not (performative or pledge):
        return frozenset()
    lex = lex or load_modality_lexicon()
    return (lex.performative if performative else frozenset()) | (lex.pledge if pledge else frozenset())


def _governing_verb(frame: Frame, n: int) -> int | None:
    """The verb whose object the event noun at token n heads or ends, if one stands right before it."""
    j = n - 1
    for _ in range(GOVERNED_REACH + 1):
        if j < 0:
            return None
        k = frame.cls[j]
        if k == VERB:
            return j
        if k != NOUNISH or not frame.words[j][0].isalpha() or frame.trigger_of[j] >= 0:
            return None
        j -= 1
    return None


def noun_modality(frame: Frame, n: int, lex: ModalityLexicon | None = None) -> Modality | None:
    """Modality set by a word right before an event noun ("rencana kunjungan"), if any."""
    lex = lex or load_modality_lexicon()
    p = _phrase_before(frame, n, lex.noun_cues, 2)
    m: Modality | None = lex.noun_cues[p] if p else None
    g = _governing_verb(frame, n)
    if g is not None:  # "menentang percepatan penarikan tentara", "menyerukan penarikan pasukan"
        gm = lex.noun_governors.get((frame.words[g],))
        if gm:
            m = stronger(m or "asserted", gm)
    if frame.question:
        m = stronger(m or "asserted", "hypothetical")
    chunk = frame.chunks[frame.chunk_of[n]]
    if chunk.opener in lex.conditional and not _reported(frame, chunk):
        m = stronger(m or "asserted", "hypothetical")
    return m
