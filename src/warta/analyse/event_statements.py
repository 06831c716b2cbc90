"""Speech acts inside what someone said: "Israel tidak boleh melewati batas," kata Merz — Germany
asks something of Israel (REQUEST); "…gangster AS…" in a North Korean statement — an accusation.

The quotes stage (which runs first) gives each statement, direct or reported, with its speaker. A
statement cue of ``lang/id/events.yaml`` (``statements``: modals of obligation, charges, named
consequences, praise) inside a statement codes an event from the speaker's country to the actor the
cue is said of — the subject of the cue's clause, the name right after it ("gangster AS"), or an
actor in a receiver's slot after it — when that actor is of another country. Cues negated right
before them ("tidak perlu"), in a conditional clause or a question, say nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from warta.analyse.clauses import AUX, NOUNISH, UNIT, VERB, Frame, Ref
from warta.analyse.event_arguments import CIVILIAN_ROLES
from warta.analyse.event_patterns import EventLexicon, StatementPattern, find_statement_cues
from warta.analyse.modality import load_modality_lexicon
from warta.model import Doc, Event, Participant, Quote
from warta.ontology import cameo, quad_class

#: Tokens between a name and the cue said of it ("Israel tidak boleh", "pihak AS harus segera").
SUBJECT_GAP = 4


def _subject(frame: Frame, t0: int) -> int | None:
    """The nearest bare actor phrase before the cue in its clause, with no verb between."""
    body = frame.chunks[frame.chunk_of[t0]].body
    for i in range(t0 - 1, max(body, t0 - 1 - SUBJECT_GAP - 6) - 1, -1):
        k = frame.cls[i]
        if k == UNIT:
            u = frame.units[frame.unit_of[i]]
            if u.pp is not None:
                return None
            g = u.group
            if t0 - frame.group_last(g) - 1 > SUBJECT_GAP:
                return None
            return g
        if k not in (NOUNISH, AUX):
            return None
    return None


def _topic(frame: Frame, t0: int) -> int | None:
    """The subject of the cue's clause, whatever stands between ("tindakan Israel dalam membatasi
    bantuan … tidak dapat diterima"): a bare name before the clause's first verb."""
    c = frame.chunk_of[t0]
    ch = frame.chunks[c]
    verb = next((i for i in range(ch.body, t0) if frame.cls[i] == VERB), t0)
    return frame.first_bare_group(ch.body, verb)


def _possessor(frame: Frame, t1: int) -> int | None:
    """A name right after the cue ("gangster AS", "agresi Israel")."""
    for i in range(t1 + 1, min(len(frame.words), t1 + 3)):
        if frame.cls[i] == UNIT:
            u = frame.units[frame.unit_of[i]]
            return u.group if u.pp is None else None
        if frame.cls[i] != NOUNISH:
            return None
    return None


def _object(frame: Frame, t1: int, slots: tuple[str, ...]) -> int | None:
    for g, slot, _ in frame.scan(t1 + 1, stop_at_verb=True):
        return g if slot in slots else None
    return None


def _words_before(frame: Frame, t0: int, phrases: tuple) -> bool:
    return any(tuple(frame.words[max(0, t0 - len(p)):t0]) == p for p in phrases)


def _words_after(frame: Frame, t1: int, phrases: tuple) -> bool:
    return any(tuple(frame.words[t1 + 1:t1 + 1 + len(p)]) == p for p in phrases)


def _foreign(m, country: str | None) -> bool:
    a = m.actor
    if a is None:
        return False
    return any(x and x != country for x in ([a.country] + [y.country for y in a.members]))


def _participant(r: Ref) -> Participant:
    a = r.actor
    return Participant(text=r.text, name=a.name, code=a.code, country=a.country, start=r.start, end=r.end)


def code_statements(doc: Doc, lex: EventLexicon, lowered: str, frame_for: Callable[[int], Frame | None]) -> list[Event]:
    """Events of the speech acts in ``doc.quotes`` (see the module's doc)."""
    if lex.statement_automaton is None:
        return []
    # private people's words (citizens, business, analysts keyed as such) are no state's acts
    quotes = [q for q in doc.quotes if q.speaker is not None and q.speaker.country
              and not (q.speaker.code or "").endswith(CIVILIAN_ROLES)]
    if not quotes:
        return []
    starts = [s.start for s in doc.sentences]
    conditional = load_modality_lexicon().conditional
    out: list[Event] = []
    for q in quotes:
        for s, e, sps in find_statement_cues(lowered, q.start, q.end, lex):
            si = bisect_right(starts, s) - 1
            if si < 0 or e > doc.sentences[si].end:
                continue
            sent = doc.sentences[si]
            lo, hi = max(sent.start, q.start), min(sent.end, q.end)
            if not any(lo <= m.start < hi and _foreign(m, q.speaker.country) for m in doc.mentions):
                continue  # nobody of another country in this part of the statement: no frame needed
            frame = frame_for(si)
            if frame is None or frame.question:
                continue
            r = frame._tok_range(s, e)
            if r is None or frame.starts[r[0]] != s:
                continue
            t0, t1 = r
            if frame.cls[t0] == UNIT or frame.chunks[frame.chunk_of[t0]].opener in conditional:
                continue
            for sp in sps:
                ev = _code_cue(doc, frame, si, q, sp, t0, t1)
                if ev:
                    out.extend(ev)
                    break
    return out


def _code_cue(doc: Doc, frame: Frame, si: int, q: Quote, sp: StatementPattern, t0: int, t1: int) -> list[Event]:
    if _words_before(frame, t0, sp.not_after) or _words_after(frame, t1, sp.not_before):
        return []
    speaker = q.speaker
    assert speaker is not None
    for role in sp.of:
        g = (_subject(frame, t0) if role == "subject" else _topic(frame, t0) if role == "topic"
             else _possessor(frame, t1) if role == "possessor" else _object(frame, t1, sp.slots))
        if g is None:
            continue
        refs = [x for x in frame.refs(g) if x.actor.country and x.actor.country != speaker.country
                and q.start <= x.start and x.end <= q.end]
        if not refs:
            continue
        return [_event(doc, frame, si, speaker, x, sp, t0, t1) for x in refs]
    return []


def _event(doc: Doc, frame: Frame, si: int, speaker: Participant, target: Ref, sp: StatementPattern,
           t0: int, t1: int) -> Event:
    c = cameo(sp.cameo)
    a, b = frame.starts[t0], frame.ends[t1]
    spans = [a, b, target.start, target.end]
    if doc.sentences[si].start <= speaker.start < doc.sentences[si].end:
        spans += [speaker.start, speaker.end]
    dates = [d for d in doc.dates if d.value and d.sentence == si]
    d = min(dates, key=lambda x: abs(x.start - a)) if dates else None
    return Event(
        type=sp.type, mode=sp.mode, cameo=sp.cameo, goldstein=c.goldstein, quad_class=quad_class(sp.cameo),
        source=replace(speaker),
        target=_participant(target), modality="asserted",
        date=d.value if d else None, date_granularity=d.granularity if d else None,
        sentence=si, start=min(spans), end=max(spans), trigger=doc.text[a:b], rule=f"{sp.id}/statement",
    )
