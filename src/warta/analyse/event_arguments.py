"""From one trigger in a framed sentence to the (source, target) pairs it codes.

Verbs: the active subject does it and the receiver stands in the pattern's target slots; the
passive subject receives it and the doer stands after "oleh" or right after the verb.
Nouns: the possessor right after the noun does it (or undergoes it, for "penangkapan warga X"),
else the subject of a light verb in front ("menjatuhkan sanksi"), else — for a noun that is a
circumstance of its clause ("dalam kunjungan ke Beijing") — the clause's subject; the subject of an
experiencer verb ("Rusia merasakan beban sanksi Barat") receives it.
Groups ("Rusia dan China") give one event per member; actors of a mutual or reciprocal event
without a receiver ("kedua negara sepakat") pair up (at most ``MAX_RECIPROCAL`` countries).
A reading that names one side and leaves the other's place empty is a *half event* (``missing``),
completed from the discourse by ``event_partners``; one whose place holds a phrase the mention layer
did not resolve ("menangkap para tersangka") is not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from warta.analyse.clauses import (
    AUX, BOUNDARY, COMPLEMENTISERS, NOUNISH, PREP, PUNCT, UNIT, VERB, Frame, Ref, Subject,
)
from warta.analyse.event_patterns import NYA, SLOT_OBJECT, EventLexicon, Form, Pattern
from warta.analyse.modality import clause_modality, lifted_cues, noun_modality
from warta.model import MUTUAL_TYPES, Modality

#: Clause openers a `with` phrase may lie beyond: "yang" (the object's clause) and the
#: complementisers of the trigger verb ("menyerukan agar negosiasi …", "mengancam bahwa …").
COMPLEMENT_OPENERS = frozenset({"yang", "untuk"} | {p[0] for p in COMPLEMENTISERS})
POSSESSOR_REACH = 6  # tokens between an event noun (or its `with` words) and its possessor
#: Doers of a mutual or reciprocal event paired with each other: at most this many countries
#: ("Rusia, China dan Iran menggelar latihan bersama"); a longer list is a multilateral setting
#: whose convener the clause does not name ("pertemuan enam negara: …").
MAX_RECIPROCAL = 3


@dataclass(slots=True)
class Coded:
    """A trigger's reading that fired: its pairs and the evidence the event records."""

    form: Form
    pairs: list[tuple[Ref, Ref | None]]
    modality: Modality
    t0: int  # first trigger token
    t_end: int  # last token of the trigger and its `with` words
    chunks: tuple[int, ...]  # the trigger's clause, then the clause its subject came from
    slot: str | None  # where the receiver stood
    from_context: bool = False  # the receiver is still to be found in earlier events
    # "target" / "source": the clause names one side only and leaves the other's place empty
    # ("Israel melancarkan serangan udara tambahan"); the partner comes from the discourse
    # (event_partners). pairs then hold (known side, None).
    missing: str | None = None
    governor: str | None = None  # the verb whose complement the event is ("mengisyaratkan", "mendesak")


def _with_span(frame: Frame, t0: int, t1: int, p: Pattern, passive: bool) -> tuple[int, int] | None | bool:
    """Token span of the first `with` phrase after the trigger (or, for passives, before it).
    True when the pattern has no `with`; None when it has one and it is absent."""
    if not p.with_:
        return True
    words = frame.words
    n = len(words)
    trig = frame.trigger_of
    for i in range(t1 + 1, min(n, t1 + 1 + p.within)):
        if trig[i] >= 0 and trig[i - 1] == trig[i] and trig[i] != trig[t0]:
            continue  # not inside another event phrase ("menggelar latihan militer bersama")
        for ph in p.with_first.get(words[i], ()):
            if tuple(words[i:i + len(ph)]) == ph:
                return (i, i + len(ph) - 1)
        w = words[i]
        if w.endswith(NYA) and ((w[:-3],) in p.with_first.get(w[:-3], ())):
            return (i, i)  # "mengancam akan memusnahkannya", "menarik pasukannya"
        if (frame.cls[i] == BOUNDARY and words[i] not in COMPLEMENT_OPENERS) or words[i] in (".", ";", ":"):
            break  # not across a clause boundary (a comma may set off an apposition, "yang" an object's clause)
    if passive:
        lo = frame.chunks[frame.chunk_of[t0]].start
        lo = max(0, lo - 6)
        for i in range(t0 - 1, lo - 1, -1):
            for ph in p.with_first.get(words[i], ()):
                if tuple(words[i:i + len(ph)]) == ph:
                    return (i, i + len(ph) - 1)
    return None


def _extend_over_nouns(frame: Frame, span: tuple[int, int]) -> tuple[int, int]:
    """A `with` phrase runs to the end of the event noun it starts or ends in, and takes one event
    noun right after it: "membuka akses bantuan kemanusiaan dari Turki", "menutup semua tawaran
    pembicaraan dengan Suriah" — what follows is the phrase's, not another event's."""
    lo, hi = span
    trig, n = frame.trigger_of, len(frame.words)
    while hi + 1 < n and trig[hi] >= 0 and trig[hi + 1] == trig[hi]:
        hi += 1
    if (hi + 1 < n and trig[hi + 1] >= 0 and trig[hi + 1] != trig[hi] and frame.cls[hi + 1] != VERB
            and frame.cls[hi] != VERB):  # "membalas tudingan Trump": the noun is an event of its own
        t = trig[hi + 1]
        hi += 1
        while hi + 1 < n and trig[hi + 1] == t:
            hi += 1
    return lo, hi


def _excluded(frame: Frame, t0: int, t1: int, p: Pattern) -> bool:
    if not p.without:
        return False
    window = frame.words[max(0, t0 - 2):t1 + 5]
    for ph in p.without:
        L = len(ph)
        for i in range(0, len(window) - L + 1):
            if tuple(window[i:i + L]) == ph:
                return True
    return False


def _shared_possessor(frame: Frame, t1: int) -> list[Ref]:
    """The possessor of a coordinated noun after this one: "serangan udara dan tembakan pasukan
    Israel" — both are Israel's."""
    j = t1 + 1
    if j >= len(frame.words) or frame.words[j] not in ("dan", "serta", "atau"):
        return []
    for k in range(j + 1, min(j + 4, len(frame.words))):
        if frame.cls[k] == UNIT:
            return frame.refs(frame.units[frame.unit_of[k]].group)
        if frame.cls[k] != NOUNISH:
            return []
    return []


def frame_has_oleh(frame: Frame, t1: int, poss: list[Ref]) -> bool:
    """Whether an "oleh" agent follows the noun's possessor in its clause."""
    c = frame.chunk_of[t1]
    return any(frame.words[i] == "oleh" for i in range(t1 + 1, frame.chunks[c].end))


def _pairs(p: Pattern, src: list[Ref], tgt: list[Ref], reciprocal: bool = False) -> list[tuple[Ref, Ref | None]]:
    mutual = p.type in MUTUAL_TYPES
    if src and tgt:
        # "memuji kerja sama kedua negara": a "both of us" target that includes the doer is no receiver
        src_countries = {s.actor.country for s in src}
        inclusive = {t.phrase for t in tgt if t.actor.country in src_countries}
        return [(s, t) for s in src for t in tgt if t.phrase not in inclusive or len(tgt) == 1]
    members = src or tgt
    if len(members) >= 2 and (p.reciprocal or reciprocal) and len(
            {m.actor.country for m in members}) <= MAX_RECIPROCAL:
        out: list[tuple[Ref, Ref | None]] = []
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                out.append((a, b))
                if not mutual:
                    out.append((b, a))  # both directions: "saling mengecam"
        return out
    if src and (p.target is None or p.optional_target):
        return [(s, None) for s in src]
    return []


def _clause_lo(frame: Frame, subj: Subject | None, t: int) -> int:
    """Where the cues of the predicate at t may start: after its subject when that is in the clause."""
    c = frame.chunk_of[t]
    if subj is not None and subj.chunk == c:
        last = frame.group_last(subj.group)
        if last < t:
            return last + 1
    if subj is not None and subj.governor is not None and subj.governor < t:
        return subj.governor + 1
    return frame.chunks[c].body


def _behind_event_noun(frame: Frame, start: int, tok: int, own: int, skip: tuple[int, int] | None) -> bool:
    """Whether another event noun stands between a verb and the phrase at ``tok``: "menolak
    pengusiran paksa terhadap warga Palestina" — the "terhadap" phrase belongs to the noun."""
    for i in range(start, tok):
        t = frame.trigger_of[i]
        if t >= 0 and t != own and frame.cls[i] != VERB and not (skip and skip[0] <= i <= skip[1]):
            if t in frame.reason_nouns and _possessor_of(frame, t, tok):
                continue  # "berterima kasih atas bantuan Jepang": the noun's doer is the receiver
            return True
    return False


def _possessor_of(frame: Frame, t: int, tok: int) -> bool:
    """Whether the phrase at ``tok`` follows the event noun ``t`` with nothing but the head words
    of its own noun phrase between ("atas kunjungan Presiden Indonesia")."""
    j = tok - 1
    while j >= 0 and frame.trigger_of[j] < 0 and frame.cls[j] == NOUNISH and tok - j <= 3:
        j -= 1
    return j >= 0 and frame.trigger_of[j] == t


def _direct(frame: Frame, start: int, tok: int) -> bool:
    """Whether the phrase at ``tok`` follows the trigger ending before ``start`` with no noun phrase
    of the trigger's object between — one modifier of a trigger that ends in its event noun
    ("melancarkan serangan udara di Gaza") is no object."""
    nouns = sum(1 for i in range(start, tok) if frame.cls[i] == NOUNISH and frame.words[i][0].isalnum())
    trig = frame.trigger_of
    return nouns == 0 or (nouns == 1 and start > 1 and trig[start - 1] >= 0 and trig[start - 1] == trig[start - 2])


def _first_in_slots(frame: Frame, start: int, slots: tuple[str, ...], reach: bool, own: int,
                    skip: tuple[int, int] | None) -> tuple[int, str] | None:
    for g, slot, tok in frame.scan(start, stop_at_verb=not reach, own=own, skip=skip):
        if slot not in slots and slot + DIRECT in slots and _direct(frame, start, tok):
            slot += DIRECT  # "melancarkan serangan di Gaza" (not "menyerang kondisi HAM di China")
        through = slot not in slots and slot + THROUGH in slots
        if through:
            slot += THROUGH  # "menengahi perundingan antara Israel dan Hamas"
        if slot in slots:
            if slot != SLOT_OBJECT and not through and _behind_event_noun(frame, start, tok, own, skip):
                continue
            if reach and slot == SLOT_OBJECT and tok > start and not any(
                    frame.cls[i] == VERB and frame.trigger_of[i] != own for i in range(start, tok)):
                if frame.first_bare_group(start, tok + 1) == g and tok - start > 1:
                    continue  # a possessor inside the trigger's own object, not a verb's object
            return g, slot
    return None


def _between(frame: Frame, start: int, first: list[Ref], own: int, skip) -> list[Ref]:
    """"antara X dengan Y" (or "antara X dan Y" of separate phrases): both parties."""
    if len(first) != 1:
        return first
    seen = False
    for g, slot, _ in frame.scan(start, stop_at_verb=True, own=own, skip=skip):
        refs = frame.refs(g)
        if not seen:
            seen = refs == first
            continue
        if slot in ("dengan", "object"):
            return first + refs
        break
    return first


#: A target slot marked so ("di!") holds only a phrase right after the trigger, with no noun
#: phrase of its own object between: the place of an attack is its target, a place the object is
#: in is not.
DIRECT = "!"
#: A target slot marked so ("antara+") may stand behind an event noun in the trigger's object:
#: a mediator mediates between the parties of the talks ("menengahi perundingan antara X dan Y").
THROUGH = "+"

#: Types of nouns after "atas"/"berdasarkan" whose doer acted on the clause's subject ("atas
#: permintaan Serbia"); "sebagai balasan atas serangan X" is no attack on the subject.
ON_BEHALF_TYPES = frozenset({"REQUEST"})

#: Types whose nouns take a venue right after them ("KTT Jakarta", "Pertemuan Berlin").
VENUE_TYPES = frozenset({"CONSULT", "AGREE"})


def venue_units(frame: Frame, hits: list) -> frozenset[int]:
    """Units right after a meeting or agreement noun that name a city, the venue ("Pertemuan
    Berlin antara …", "KTT Jakarta"): where it happened, not who took part."""
    out = set()
    for h in hits:
        if not any(f.kind == "noun" and f.pattern.type in VENUE_TYPES for f in h.forms):
            continue
        r = frame._tok_range(h.start, h.end)
        if r is None or r[1] + 1 >= len(frame.words):
            continue
        k = frame.unit_of[r[1] + 1]
        if k >= 0 and frame.units[k].refs and all(_is_venue(x) for x in frame.units[k].refs):
            out.add(k)
    return frozenset(out)


def _is_venue(r: Ref) -> bool:
    """A city standing for a place, not a government ("Berlin"; not "Gedung Putih" = USAGOV)."""
    return r.label == "LOC" and r.actor.kind == "country" and (r.actor.code or "") == (r.actor.country or "")


#: CAMEO role codes of state officials (the "government" source kind).
OFFICIAL_ROLES = ("GOV", "MIL", "LEG", "JUD", "ELI")


#: CAMEO role codes of private people (the "official" kind excludes them): citizens, business,
#: students, refugees, media, labour, farmers, health workers, criminals.
CIVILIAN_ROLES = ("CVL", "BUS", "EDU", "REF", "MED", "LAB", "AGR", "HLH", "CRM")


def _kind_ok(a, kinds: tuple[str, ...]) -> bool:
    if not kinds or a.kind in kinds:
        return True
    code = a.code or ""
    if "official" in kinds and (any(r in code[3:] for r in OFFICIAL_ROLES) or not code.endswith(CIVILIAN_ROLES)):
        return True  # "wisatawan Perancis" (FRACVL) visiting is tourism, not diplomacy
    return "government" in kinds and bool(a.code) and a.code.endswith(OFFICIAL_ROLES)


def _valid(pairs: list[tuple[Ref, Ref | None]], p: Pattern) -> list[tuple[Ref, Ref | None]]:
    """Both actors resolved to a country key, and not one actor acting on itself."""
    out = []
    for s, t in pairs:
        if not s.actor.country or not _kind_ok(s.actor, p.source_kinds):
            continue
        if t is not None and p.target_kinds and not _kind_ok(t.actor, p.target_kinds):
            continue
        if t is not None:
            if not t.actor.country:
                continue
            if s.key == t.key or s.actor.country == t.actor.country and (
                    s.actor.name == t.actor.name or "country" in (s.actor.kind, t.actor.kind)):
                continue  # one actor on itself; "Presiden AS … tarif AS": a country inside its own event
        out.append((s, t))
    return out


#: The speaker of the direct quote around a text offset, if any (from the quotes stage).
SpeakerOf = Callable[[int], list[Ref]]
#: The referent of an object enclitic ("mengecamnya") at a text offset, given the verb's subject.
CliticOf = Callable[[int, list[Ref]], list[Ref]]


def _clitic_object(frame: Frame, form: Form, t1: int, skip: tuple[int, int] | None) -> bool:
    """Whether the verb's object is an enclitic "-nya": on the trigger ("mengecamnya") or on the
    verb its `with` words end in ("mengancam akan memusnahkannya")."""
    if form.nya:
        return True
    if skip is None or skip[1] <= t1:
        return False
    w = frame.words[skip[1]]
    return w.endswith(NYA) and w.startswith("me") and len(w) > 7 and frame.raws[skip[1]] == w


def code_trigger(frame: Frame, tid: int, t0: int, t1: int, forms: tuple[Form, ...],
                 lex: EventLexicon, speaker: SpeakerOf | None = None,
                 clitic: CliticOf | None = None) -> tuple[Coded | None, tuple[int, int] | None]:
    """The first reading of the trigger at tokens t0..t1 that codes at least one valid pair, and the
    token span its `with` words took (so no other trigger fires there). Inside a direct quote a
    clause without a subject is the speaker's ("Jadi terima kasih, Presiden Putin," kata Prabowo)."""
    consumed: tuple[int, int] | None = None
    longest = t1
    half: Coded | None = None
    for form in forms:
        p = form.pattern
        t1 = min(longest, t0 + len(form.words) - 1)  # a shorter reading of the same place
        span = _with_span(frame, t0, t1, p, form.kind == "passive")
        if span is None or _excluded(frame, t0, t1, p):
            continue
        skip = _extend_over_nouns(frame, span) if isinstance(span, tuple) else None
        if skip and consumed is None and skip[0] > t1 and p.consume:
            consumed = (t1 + 1, skip[1])  # the words up to and with the `with` phrase
        t_end = max(t1, skip[1]) if skip and skip[0] > t1 else t1
        if form.kind == "noun":
            coded = _code_noun(frame, tid, t0, t1, t_end, form, lex, skip)
        else:
            coded = _code_verb(frame, tid, t0, t1, t_end, form, skip, speaker, clitic)
        if coded is not None and coded.missing is None:
            return coded, consumed
        if half is None and coded is not None and p.implicit and (p.with_ or skip is None):
            half = coded  # only if no reading names both sides
    return half, consumed


#: Stance words whose actor is what a protest is against ("anti-AS"), not those it backs ("pro-").
AGAINST = frozenset({"anti", "kontra"})


def _foreign(src: list[Ref], tgt: list[Ref]) -> bool:
    """Whether some receiver is of another country than the doers."""
    countries = {s.actor.country for s in src}
    return any(t.actor.country and t.actor.country not in countries for t in tgt)


def _stance_target(frame: Frame, t0: int) -> list[Ref]:
    """The actor a protest in this sentence is against: "demonstrasi anti - AS", "meneriakkan
    slogan anti-Israel dan anti-Amerika" (the first such name after the trigger, else before)."""
    after = [s for s in frame.stances if s[3] in AGAINST and s[0] > t0]
    before = [s for s in frame.stances if s[3] in AGAINST and s[0] < t0]
    pick = after[:1] or before[-1:]
    return pick[0][2] if pick else []


def _code_verb(frame: Frame, tid: int, t0: int, t1: int, t_end: int, form: Form,
               skip: tuple[int, int] | None, speaker: SpeakerOf | None = None,
               clitic: CliticOf | None = None) -> Coded | None:
    p = form.pattern
    subj = frame.subject_of(t0)
    subj_refs = frame.refs(subj.group) if subj else []
    if subj is None and form.kind == "active" and speaker is not None \
            and not frame.unresolved_subject_before(t0):
        subj_refs = speaker(frame.starts[t0])
    slot = None
    if form.kind == "active":
        src = subj_refs
        hit = _first_in_slots(frame, t1 + 1, p.target, p.reach_clause, tid, skip) if p.target else None
        tgt = frame.refs(hit[0]) if hit else []
        slot = hit[1] if hit else None
        if slot == "antara":
            tgt = _between(frame, t1 + 1, tgt, tid, skip)
        if not tgt and src and clitic is not None and _clitic_object(frame, form, t1, skip):
            tgt = clitic(frame.starts[t0], src)
            slot = "object" if tgt else None
        if not tgt and src and p.situation_target:
            tgt = _situation(frame, t_end + 1, tid, skip)
            slot = "situation" if tgt else slot
    else:
        tgt = subj_refs
        hit = _first_in_slots(frame, t1 + 1, p.source, p.reach_clause, tid, skip)
        src = frame.refs(hit[0]) if hit else []
    if src and p.stance_target and form.kind == "active" and not _foreign(src, tgt):
        tgt = _stance_target(frame, t0) or tgt  # "berunjuk rasa anti-Israel"
    pairs = _valid(_pairs(p, src, tgt, frame.reciprocal_before(t0)), p)
    if not pairs and form.kind == "active" and p.reciprocal and subj is not None and subj.how == "previous":
        # "Prabowo bertemu Xi dan mencapai kesepakatan …": the partner of the clause before
        prev = frame.object_of_chunk(subj.chunk)
        if prev is not None:
            pairs = _valid(_pairs(p, src, frame.refs(prev)), p)
    from_context = False
    own_side = bool(tgt) and {t.actor.country for t in tgt} <= {s.actor.country for s in src}
    if (p.context_target and src and (not pairs or own_side) and (not tgt or own_side)
            and _object_word(frame, t_end + 1, p.context_words)
            and (not p.context_any or _points_back(frame, t_end + 1))):
        # "Beijing membantah tuduhan itu"; "pejabat AS membantah keterlibatan militer AS": a
        # denial of one's own part answers whoever made the charge
        pairs = [(s, None) for s in src if s.actor.country]  # "Beijing membantah tuduhan itu"
        from_context = True
    missing = None
    if not pairs and p.implicit and p.target is not None and not (src and tgt):
        known, missing = (src, "target") if src else (tgt, "source")
        # "melancarkan serangan udara tambahan": words after a verb-and-noun phrase describe the noun
        noun_led = len(form.words) > 1 and t_end == t1
        open_slot = (_slots_open(frame, t_end + 1, p.target, tid, skip, noun_led) if missing == "target"
                     else _slots_open(frame, t_end + 1, p.source, tid, skip))
        pairs = [(k, None) for k in known if k.actor.country and _kind_ok(k.actor, p.source_kinds
                                                                          if missing == "target" else p.target_kinds)]
        if not open_slot or not pairs or (form.kind == "active" and (subj is None or missing == "source")):
            return None  # an active verb's doer is its subject, named or not
    if not pairs:
        return None
    modality = clause_modality(frame, _clause_lo(frame, subj, t0), t0, subj.governor if subj else None,
                               lifted=lifted_cues(p.performative, p.pledge))
    chunks = (frame.chunk_of[t0],) + (
        (subj.chunk,) if subj and subj.how != "relative" and subj.chunk != frame.chunk_of[t0] else ())
    return Coded(form, pairs, modality, t0, t_end, chunks, slot, from_context, missing,
                 _governor_word(frame, subj.governor if subj else None, t0))


#: How the mention layer names a country itself (not a city or region standing for it).
COUNTRY_NAME_RULES = frozenset({"gazetteer:name", "gazetteer:alias"})


def _situation(frame: Frame, start: int, own: int, skip) -> list[Ref]:
    """The country where the object of a demand or condemnation happens: "menyerukan penghentian
    segera kekerasan di Sudan" — a country named by its name right after the object noun, in the
    verb's clause."""
    for g, slot, tok in frame.scan(start, stop_at_verb=True, own=own, skip=skip):
        if slot != "di":
            continue
        j = tok - 2  # the word before "di"
        if j < start or frame.cls[j] != NOUNISH or not frame.words[j].isalpha():
            return []
        refs = frame.refs(g)
        if refs and all(r.rule in COUNTRY_NAME_RULES and r.actor.kind == "country" for r in refs):
            return refs
        return []
    return []


def _governor_word(frame: Frame, governor: int | None, t: int) -> str | None:
    """The verb the predicate at t is the complement of: the subject's governor, else the verb
    right before it in its clause ("Israel mengisyaratkan bakal meningkatkan operasi militer")."""
    if governor is None:
        governor = frame.clause_verb_before(t)
    return frame.words[governor] if governor is not None else None


#: Words that end a noun phrase pointing back to something named before ("tuduhan itu").
ANAPHORIC_ENDS = frozenset({"itu", "tersebut", "ini"})


def _np_kind(frame: Frame, i: int, end: int) -> str:
    """What stands at token i: "empty" (nothing, the clause ends or a verb follows), "event" (an
    event noun or the words a pattern took), "anaphoric" ("tuduhan itu"), "actor", or "noun" (a
    phrase the mention layer did not resolve: "para tersangka")."""
    j = i
    while j < end and frame.cls[j] == AUX:
        j += 1
    if j >= end or frame.cls[j] in (VERB, BOUNDARY, PUNCT):
        return "empty"
    if frame.cls[j] == UNIT:
        return "actor"
    if frame.cls[j] == PREP:
        return "empty"
    if frame.trigger_of[j] >= 0 or j in frame.used:
        return "event"
    k = j
    while k + 1 < end and frame.cls[k + 1] == NOUNISH and frame.trigger_of[k + 1] < 0:
        k += 1
    if frame.words[k] in ANAPHORIC_ENDS:
        return "anaphoric"
    if not frame.words[j][0].isalpha():
        return "empty"
    return "noun"


def _slots_open(frame: Frame, start: int, slots: tuple[str, ...], own: int, skip, modifiers: bool = False) -> bool:
    """Whether the places where the missing side would stand are empty — no phrase the mention
    layer left unresolved sits there ("menangkap para tersangka" names its receiver, just not as an
    actor, so no partner is guessed for it)."""
    n = len(frame.words)
    c = frame.chunk_of[start] if start < n else None
    end = frame.chunks[c].end if c is not None else n
    i = start
    if skip is not None and skip[0] <= start <= skip[1] + 1:
        i = skip[1] + 1
    if SLOT_OBJECT in slots and i < n and not modifiers and _np_kind(frame, i, end) == "noun":
        return False
    for j in range(i, end):
        if frame.cls[j] == VERB and frame.trigger_of[j] != own:
            break
        if frame.cls[j] == PREP and frame.prep_of.get(j) in slots and _np_kind(frame, j + 1, end) == "noun":
            return False
    return True


def _object_word(frame: Frame, i: int, words: tuple) -> bool:
    """Whether one of ``words`` heads the object right after token i."""
    for j in range(i, min(i + 2, len(frame.words))):
        w = frame.words[j]
        if (w,) in words or (w.endswith(NYA) and (w[:-len(NYA)],) in words):  # "keterlibatannya"
            return True
    return False


def _points_back(frame: Frame, i: int) -> bool:
    """Whether the object noun phrase at token i ends in "itu"/"tersebut"/"ini" ("peluncuran
    rudal tersebut"), within a few words and its clause."""
    end = frame.chunks[frame.chunk_of[i]].end if i < len(frame.words) else i
    for j in range(i + 1, min(i + 4, end)):
        if frame.words[j] in ANAPHORIC_ENDS:
            return True
        if frame.cls[j] != NOUNISH and frame.trigger_of[j] < 0:
            return False
    return False


def _code_noun(frame: Frame, tid: int, t0: int, t1: int, t_end: int, form: Form, lex: EventLexicon,
               skip: tuple[int, int] | None) -> Coded | None:
    p = form.pattern
    targets = p.target or ()
    poss: list[Ref] = []
    tgt: list[Ref] = []
    by: list[Ref] = []  # "oleh X", "dari X"
    slot = None
    undergoer = False
    poss_group: int | None = None
    poss_tok = t_end + 1
    for g, s, tok in frame.scan(t1 + 1, stop_at_verb=not p.reach_clause, own=tid, skip=skip):
        if not poss and not tgt and s == SLOT_OBJECT and tok - t_end <= POSSESSOR_REACH:
            refs = frame.refs(g)
            if p.type in VENUE_TYPES and tok == t_end + 1 and all(_is_venue(r) for r in refs):
                continue  # "Pertemuan Berlin antara …", "KTT Jakarta": where, not who
            poss, poss_group, poss_tok = refs, g, tok
            # "pemboman kedutaan besar AS": the possessor of a building or place undergoes it
            undergoer = any(frame.phrase_ending_at(j, lex.undergoer_heads) is not None
                            for j in range(t_end + 1, frame.group_last(g)))
        elif not by and (s == "oleh" or (s == "dari" and s not in targets)):
            by = frame.refs(g)  # "penangkapan nelayan Vietnam oleh Malaysia": the doer
        elif not tgt and s in targets and s != SLOT_OBJECT:
            tgt, slot = frame.refs(g), s
            if s == "antara":
                tgt = _between(frame, t1 + 1, tgt, tid, skip)

    if form.nya and not poss:
        s_ = frame.subject_of(t0)
        poss = frame.refs(s_.group) if s_ else []
    agent = poss_group if poss_group is not None and "yang" in frame.words[t_end + 1:poss_tok] else None
    if not poss and not by:
        agent = frame.relative_agent_after(t_end)  # "sanksi yang ditetapkan oleh DK PBB"
        if agent is not None:
            by = frame.refs(agent)
    if agent is not None and not tgt:
        for g, s, _ in frame.scan(frame.group_last(agent) + 1, stop_at_verb=True):
            if s in targets and s != SLOT_OBJECT:  # "… yang dijatuhkan PBB pada Korea Utara"
                tgt, slot = frame.refs(g), s
            break
    if undergoer:
        src, tgt = by, poss  # "pemboman kedutaan besar AS di Kenya": the US embassy was bombed
    elif p.possessor == "target":
        src, tgt = by, (poss or tgt)
    elif poss and by and frame_has_oleh(frame, t1, poss):
        src, tgt = by, (tgt or poss)  # "penyerangan gereja X oleh militer Israel": possessor undergoes it
    else:
        src = poss or by
    if not poss and not p.possessor == "target":
        poss = _shared_possessor(frame, t1)
    # The word in front of the noun: a light verb, an experiencer verb, or an adjunct preposition.
    g = frame.left_word(t0)
    light = exper = adjunct = on_behalf = False
    if g is not None:
        light = frame.phrase_ending_at(g, lex.light_verbs) is not None
        exper = not light and any(frame.phrase_ending_at(j, lex.experiencer_verbs) is not None
                                  for j in range(g, t0))  # "menjadi sasaran serangan …"
        exper = exper or (not light and p.type in lex.response_types and any(
            frame.phrase_ending_at(j, lex.response_verbs) is not None for j in range(g, t0)))
        adjunct = (frame.cls[g] in (PREP, BOUNDARY)
                   and frame.phrase_ending_at(g, lex.adjunct_heads) is not None)
        on_behalf = (frame.cls[g] in (PREP, BOUNDARY)
                     and frame.phrase_ending_at(g, lex.on_behalf_heads) is not None)
    if p.light_only and not light:
        return None
    modality: Modality | None = noun_modality(frame, t0)
    via: Subject | None = None
    if not src and (light or adjunct):
        if light:
            at = g
        else:  # the clause's subject: that of its verb, if the noun follows one
            v = frame.clause_verb_before(t0)
            at = v if v is not None else t0
        via = frame.subject_of(at)
        src = frame.refs(via.group) if via else []
    if not tgt and exper:
        at = g
        via = frame.subject_of(at)
        tgt = frame.refs(via.group) if via else []
    if not tgt and on_behalf and src and p.type in ON_BEHALF_TYPES:  # "… atas permintaan Serbia": Serbia asked the subject
        v = frame.clause_verb_before(t0)
        if v is None:  # "menangkap X, mantan perdana menteri Kosovo, atas permintaan Serbia"
            v = frame.verb_before_appositions(t0)
        s_ = frame.subject_of(v) if v is not None else None
        tgt = frame.refs(s_.group) if s_ else []
    if src and p.stance_target and not _foreign(src, tgt):
        tgt = _stance_target(frame, t0) or tgt  # "demonstrasi anti-AS di Pyongyang"
    if (frame.words[t_end + 1:t_end + 2] and frame.words[t_end + 1] in ANAPHORIC_ENDS and not poss and not by
            and not exper):
        return None  # "dalam serangan tersebut": an attack reported before, not a new one
    pairs = _valid(_pairs(p, src, tgt, frame.reciprocal_before(at if via is not None else t0)), p)
    missing = None
    if not pairs and p.implicit and p.target is not None and bool(src) != bool(tgt):
        missing = "target" if src else "source"
        known = src or tgt
        if missing == "target" and not _slots_open(frame, t_end + 1, targets, tid, skip):
            return None
        if missing == "source" and _np_kind(frame, t_end + 1, len(frame.words)) == "noun" and not light:
            return None  # "serangan kelompok bersenjata terhadap X": the doer is named, unresolved
        pairs = [(k, None) for k in known if k.actor.country]
        if not pairs:
            return None
    if not pairs:
        return None
    if modality is None:
        if via is not None:
            modality = clause_modality(frame, _clause_lo(frame, via, at), at, via.governor)
        else:
            modality = "asserted"
    chunks = (frame.chunk_of[t0],) + (
        (via.chunk,) if via and via.how != "relative" and via.chunk != frame.chunk_of[t0] else ())
    return Coded(form, pairs, modality, t0, t_end, chunks, slot, missing=missing,
                 governor=_governor_word(frame, via.governor if via else None, at if via else t0))
