"""PLOVER / CAMEO event coding: the ``code_events`` stage.

One Aho-Corasick pass finds every trigger candidate of ``lang/id/events.yaml`` in the article;
only sentences that hold one are framed (``clauses``), and each trigger's reading is tried in turn
(``event_arguments``) until one finds its actors. Each pair becomes an ``Event`` with the pattern's
type, mode and CAMEO code (Goldstein and QuadClass from the ontology), the modality of its clause
(``modality``), the date expression of its clause, a location where stated, and its evidence:
sentence, offsets, trigger words and the id of the pattern that fired. Repeated reports of one
event collapse into one with a mention count (``event_merge``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from datetime import date

from warta.analyse import event_filter
from warta.analyse.clauses import NOUNISH, VERB, Frame, Ref, anaphor_regex, refs_of
from warta.analyse.event_anaphora import AnaphorContext
from warta.analyse.event_arguments import Coded, code_trigger, venue_units
from warta.analyse.event_filter import FilterModel
from warta.analyse.event_merge import collapse, confirm_pairs
from warta.analyse.event_partners import Half, complete
from warta.analyse.event_patterns import EventLexicon, find_triggers, load_lexicon, lower_same_length
from warta.analyse.event_statements import code_statements
from warta.model import Actor, DateExpr, Doc, Event, Participant
from warta.ontology import cameo, quad_class

LOCATION_LABELS = frozenset({"LOC", "GPE"})
#: Where a news article states the day of its news ("…, Minggu (2/11/2025)").
LEAD_SENTENCES = 5


def code_events(doc: Doc) -> None:
    """Stage: fill ``doc.events``."""
    doc.events = code(doc)


def code(doc: Doc, lexicon: EventLexicon | None = None, model: FilterModel | None = None) -> list[Event]:
    """The article's events: every report the rules propose, scored by the event filter
    (``event_filter``), collapsed into one event per happening, minus those the filter distrusts."""
    lex = lexicon or load_lexicon()
    events = reports(doc, lex)
    if not events:
        return []
    event_filter.score_events(doc, events, model)
    events = event_filter.keep(collapse(events), model)
    lead = story_date(doc)  # after collapsing, so undated repeats join their dated report first
    if lead is not None:
        for e in events:
            if e.date is None and e.modality == "asserted":
                e.date, e.date_granularity = lead.value, lead.granularity
    return events


def reports(doc: Doc, lexicon: EventLexicon | None = None) -> list[Event]:
    """Every event report the rules find, in text order, before scoring and collapsing (the
    event filter's training script reads these)."""
    if not doc.text or not doc.sentences:
        return []
    lex = lexicon or load_lexicon()
    lowered = lower_same_length(doc.text)
    hits = find_triggers(doc.text, lex, lowered)
    international = len(_countries(doc.mentions)) >= 2
    if not international:
        # An article naming one country (or none) holds no international event: only events
        # that stand without a receiver are worth the clause work there.
        hits = [h for h in hits if any(f.pattern.target is None or f.pattern.optional_target for f in h.forms)]
        if not hits:
            return []
    sent_starts = [s.start for s in doc.sentences]
    by_sentence: dict[int, list] = {}
    for h in hits:
        i = bisect_right(sent_starts, h.start) - 1
        if i >= 0 and h.end <= doc.sentences[i].end:
            by_sentence.setdefault(i, []).append(h)
    mentions = sorted(doc.mentions, key=lambda m: m.start)
    m_starts = [m.start for m in mentions]
    anaphora: AnaphorContext | None = None
    frames: dict[int, Frame] = {}

    def sentence_mentions(i: int) -> list:
        sent = doc.sentences[i]
        lo, hi = bisect_right(m_starts, sent.start - 1), bisect_right(m_starts, sent.end - 1)
        return [m for m in mentions[lo:hi] if m.end <= sent.end]

    def build(i: int, s_hits: list, ms: list | None = None) -> Frame:
        nonlocal anaphora
        if anaphora is None:
            anaphora = AnaphorContext(doc)
        sent = doc.sentences[i]
        frames[i] = Frame.build(doc.text[sent.start:sent.end], sent.start,
                                sentence_mentions(i) if ms is None else ms,
                                [(h.start, h.end, h.forms[0].kind != "noun") for h in s_hits],
                                i, anaphora.resolve)
        return frames[i]

    events: list[Event] = []  # in text order: later reports may refer back to them
    halves: list[Half] = []  # events whose partner the clause leaves unsaid
    deferred: list[tuple[int, list, set[str]]] = []  # one-country sentences, framed if partners exist
    for s_idx, s_hits in by_sentence.items():
        sent = doc.sentences[s_idx]
        ms = sentence_mentions(s_idx)
        low = lowered[sent.start:sent.end]
        s_hits = [h for h in s_hits if _slot_possible(h, low, h.end - sent.start)
                  and not any(_inside_mention(h, m) for m in ms)]
        if not s_hits:
            continue
        if not _worth_framing(doc.text[sent.start:sent.end], ms, s_hits):
            # a quoted sentence also has its speaker: "Jadi terima kasih, Presiden Putin," kata Prabowo
            if not any(q.direct and q.start < sent.end and sent.start < q.end for q in doc.quotes):
                if international and any(f.pattern.implicit for h in s_hits for f in h.forms):
                    deferred.append((s_idx, s_hits, _countries(ms)))
                continue
        frame = build(s_idx, s_hits, ms)
        events.extend(_code_sentence(doc, frame, s_idx, s_hits, lex, anaphora, events, halves))
    if international and doc.quotes:
        events.extend(code_statements(doc, lex, lowered, lambda i: frames.get(i) or build(i, [])))
    if deferred:
        # Sentences naming one country hold only events whose partner is unsaid: worth framing
        # only for a country that deals with another in the article's events (event_partners).
        partnered = {c for e in events if e.target is not None and e.source.country != e.target.country
                     for c in (e.source.country, e.target.country) if c}
        for s_idx, s_hits, countries in deferred:
            if countries & partnered:
                frame = build(s_idx, s_hits)
                events.extend(_code_sentence(doc, frame, s_idx, s_hits, lex, anaphora, events, halves))
    if halves:
        events.sort(key=lambda e: (e.sentence, e.start))
        events.extend(complete(halves, events))
        events.sort(key=lambda e: (e.sentence, e.start))
    if not events:
        return []
    by_id = lex.by_id

    def recode(e: Event) -> Event | None:
        other = by_id.get(by_id[e.rule.split("/")[0]].unconfirmed or "")
        if other is None:
            return None
        c = cameo(other.cameo)
        return replace(e, type=other.type, mode=other.mode, cameo=other.cameo, goldstein=c.goldstein,
                       quad_class=quad_class(other.cameo), rule=f"{other.id}/{e.rule.split('/')[1]}")

    return confirm_pairs(events, lex.confirm_by, recode)


def _inside_mention(hit, m) -> bool:
    """A trigger that is part of a name ("Operasi Militer Khusus" as a title, "Dewan Keamanan")
    is no trigger; one whose last word starts a name ("operasi militer Israel", where the mention
    layer took "militer Israel") still is."""
    if not (hit.start < m.end and m.start < hit.end):
        return False
    return not (hit.start < m.start and m.end > hit.end)


def _slot_possible(hit, low_sentence: str, after: int) -> bool:
    """Cheap test: some reading of the hit can find its receiver — it takes an object, needs
    none, pairs its doers, or one of its prepositions occurs after it ("… kepada Li")."""
    rest = None
    for f in hit.forms:
        p = f.pattern
        if (p.target is None or p.optional_target or p.reciprocal or f.kind != "active"
                or "object" in p.target):
            return True
        if rest is None:
            rest = " " + low_sentence[after:] + " "
        if any(f" {slot} " in rest for slot in p.target):
            return True
    return False


def _countries(mentions: list) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        a = m.actor
        if a is None:
            continue
        if a.members:
            out.update(x.country for x in a.members if x.country)
        elif a.country:
            out.add(a.country)
    return out


def _worth_framing(text: str, mentions: list, hits: list) -> bool:
    """Cheap test before the clause work: an international event needs actors of two countries
    in the sentence (or a group, or an anaphor pointing elsewhere); a few event types need only a
    doer. Sentences naming one country only are domestic and not framed."""
    countries: set[str] = set()
    for m in mentions:
        a = m.actor
        if a is None:
            continue
        if a.members:
            return True
        if a.country:
            countries.add(a.country)
    if len(countries) >= 2 or anaphor_regex().search(text):
        return True
    if countries and any(f.nya and f.kind == "active" for h in hits for f in h.forms):
        return True  # "Prabowo lalu memujinya": the enclitic object points to an earlier actor
    return bool(countries) and any(f.pattern.target is None or f.pattern.optional_target
                                   or f.pattern.context_target for h in hits for f in h.forms)


def _code_sentence(doc: Doc, frame: Frame, s_idx: int, hits: list, lex: EventLexicon,
                   anaphora: AnaphorContext | None = None, earlier: list[Event] | None = None,
                   halves: list[Half] | None = None) -> list[Event]:
    consumed: set[int] = set()

    def speaker(offset: int) -> list[Ref]:
        if anaphora is None:
            return []
        return [r for m in anaphora.resolve("first_person", offset, s_idx) for r in refs_of(m)]

    def clitic(offset: int, subject: list[Ref]) -> list[Ref]:
        if anaphora is None:
            return []
        m = anaphora.last_other(offset, s_idx, {r.actor.country for r in subject if r.actor.country},
                                frozenset((r.start, r.end) for r in subject))
        return refs_of(m) if m is not None else []

    frame.reason_nouns = _reason_nouns(frame, hits, lex)
    frame.venue_units = venue_units(frame, hits)
    coded_all: list[Coded] = []
    for tid, h in enumerate(hits):
        r = frame._tok_range(h.start, h.end)
        if r is None or frame.starts[r[0]] != h.start or frame.trigger_of[r[0]] != tid:
            continue
        t0, t1 = r
        if any(t in consumed for t in range(t0, t1 + 1)):
            continue
        coded, span = code_trigger(frame, tid, t0, t1, h.forms, lex, speaker, clitic)
        if span:
            consumed.update(range(span[0], span[1] + 1))
            frame.used.update(range(span[0], span[1] + 1))
        if coded is not None:
            coded_all.append(coded)
    # Where a visit went is where things in its clause happened ("… dalam kunjungan ke Beijing").
    visit_place: dict[int, str] = {}
    for c in coded_all:
        if c.form.pattern.mode == "visit" and c.slot == "ke" and c.pairs[0][1] is not None:
            visit_place.setdefault(c.chunks[0], c.pairs[0][1].text)
    dates = [d for d in doc.dates if d.value and frame.starts and
             frame.starts[0] <= d.start < frame.ends[-1]]
    out: list[Event] = []
    for c in coded_all:
        if (c.form.pattern.type in lex.intent_types and c.modality in ("future", "hypothetical")
                and c.missing is None and not c.form.pattern.confirm_by):
            out.extend(_intent_threats(doc, frame, s_idx, c, lex, dates, visit_place))
        if c.missing is not None:
            if halves is not None and not frame.raws[0].startswith("#"):  # a heading sums up; no guessing there
                known = [pair[0] for pair in c.pairs]
                cands = _sentence_candidates(frame, known)
                for e in _events(doc, frame, s_idx, c, dates, visit_place):
                    halves.append(Half(e, c.missing, s_idx, cands))
            continue
        for e in _events(doc, frame, s_idx, c, dates, visit_place):
            if c.from_context:
                e = _receiver_from_context(e, c.form.pattern.context_target, (earlier or []) + out,
                                           c.form.pattern.context_any)
                if e is not None:
                    e.rule += "+context"
            if e is not None:
                out.append(e)
    return out


def _reason_nouns(frame: Frame, hits: list, lex: EventLexicon) -> frozenset[int]:
    """Trigger ids of event nouns done by their possessor that follow a preposition of reason:
    "berterima kasih atas bantuan Jepang", "mengecam keras atas serangan Israel" — the one thanked
    or blamed is the noun's possessor."""
    if not lex.reason_prepositions:
        return frozenset()
    out = set()
    for tid, h in enumerate(hits):
        nouns = [f for f in h.forms if f.kind == "noun"]
        if not nouns or any(f.pattern.possessor != "source" for f in nouns):
            continue
        r = frame._tok_range(h.start, h.end)
        if r is None or r[0] == 0:
            continue
        if frame.prep_of.get(r[0] - 1) in lex.reason_prepositions:
            out.add(tid)
    return frozenset(out)


def _intent_threats(doc: Doc, frame: Frame, s_idx: int, c: Coded, lex: EventLexicon, dates: list[DateExpr],
                   visit_place: dict[int, str]) -> list[Event]:
    """"Israel mengisyaratkan bakal meningkatkan operasi militer di Lebanon": the stated intention
    is a threat, made now (asserted) by the would-be doer."""
    at = frame.starts[c.t0]
    said_by = {q.speaker.country for q in doc.quotes
               if q.start <= at < q.end and q.speaker is not None and q.speaker.country}
    out = []
    code = cameo(lex.intent_cameo)
    for e in _events(doc, frame, s_idx, c, dates, visit_place):
        if e.target is None or not (c.governor in lex.intent_governors or e.source.country in said_by):
            continue
        out.append(replace(e, type="THREATEN", mode=code.plover_mode, cameo=lex.intent_cameo,
                           goldstein=code.goldstein, quad_class=quad_class(lex.intent_cameo),
                           modality="asserted", rule=f"threaten.intent/{e.rule}"))
    return out


#: Prepositions of place: an actor after them is where things happen, not a partner ("di Gaza").
PLACE_PREPS = frozenset({"di", "di sekitar", "di dekat", "di luar", "sekitar", "dekat"})


def _sentence_candidates(frame: Frame, known: list[Ref]) -> list[Participant]:
    """Actors of the sentence that may be the unsaid partner of an event of ``known``."""
    keys = {r.key for r in known}
    countries = {r.actor.country for r in known}
    out = []
    for u in frame.units:
        if u.pp in PLACE_PREPS:
            continue
        for r in u.refs:
            if r.key in keys or not r.actor.country or r.actor.country in countries or r.label == "LOC":
                continue
            out.append(_participant(r))
    return out


def _receiver_from_context(e: Event, types: tuple[str, ...], earlier: list[Event],
                           any_target: bool = False) -> Event | None:
    """"Beijing membantah tuduhan itu": the accusation is the latest earlier one against Beijing's
    country; its doer receives the denial. With ``any_target`` the latest earlier event of those
    types by another country, against anyone ("Jepang mengecam peluncuran tersebut"). None when
    the article holds no such event."""
    for prior in reversed(earlier):
        if (prior.type in types and prior.source.country != e.source.country and (
                any_target or (prior.target is not None and prior.target.country == e.source.country))):
            return replace(e, target=replace(prior.source))
    return None


def _participant(ref: Ref, on: date | None = None) -> Participant:
    """The participant as the output shows it; with ``on`` (an event date other than the
    publication day) a dictionary person takes the role valid that day ("Prabowo" in 2022 is the
    defence minister, in 2025 the president)."""
    a = ref.actor
    if on is not None and a.id and a.kind == "person":
        a = _actor_on(a, on)
    return Participant(text=ref.text, name=a.name, code=a.code, country=a.country,
                       start=ref.start, end=ref.end)


def _actor_on(a: Actor, on: date) -> Actor:
    from warta.lang.id import actors  # the language layer's dictionary, loaded once

    try:
        entry = actors.load().get(a.id or "")
    except Exception:  # noqa: BLE001 - a missing or broken dictionary leaves the mention's actor
        return a
    if entry is None:
        return a
    other = actors.load().actor(entry, on)
    return other if other.country else a


def _as_date(value: str | None) -> date | None:
    """A representative day of a YYYY-MM-DD, YYYY-MM or YYYY value (mid-month, mid-year)."""
    if not value:
        return None
    try:
        parts = [int(x) for x in value.split("-")]
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            return date(parts[0], parts[1], 15)
        return date(parts[0], 7, 1)
    except ValueError:
        return None


def _date_for(frame: Frame, c: Coded, dates: list[DateExpr]) -> DateExpr | None:
    """The date expression of the trigger's clause nearest to it, else of the clause its subject
    came from, else one standing in a verbless part of the sentence (", Rabu (9/7/2025).")."""
    at = frame.starts[c.t0]
    def span(ch_i: int) -> tuple[int, int]:
        ch = frame.chunks[ch_i]
        return frame.starts[ch.start], frame.ends[min(ch.end, len(frame.ends)) - 1]

    for ch_i in c.chunks:
        lo, hi = span(ch_i)
        inside = [d for d in dates if lo <= d.start < hi]
        if inside:
            return min(inside, key=lambda d: abs(d.start - at))
    loose = []
    for ch_i, ch in enumerate(frame.chunks):
        if any(frame.cls[i] == VERB for i in range(ch.body, ch.end)):
            continue
        lo, hi = span(ch_i)
        loose += [d for d in dates if lo <= d.start < hi]
    return min(loose, key=lambda d: abs(d.start - at)) if loose else None


def _owns_date(frame: Frame, c: Coded, d: DateExpr) -> bool:
    """Whether the date stands nearer to this event's words than to any other event phrase of
    the sentence ("Perang Thailand-Kamboja … membayangi KTT ASEAN …, 26-28 Oktober 2025" dates the
    summit, not the war). Words an event took as its `with` words count as that event's."""
    own = frame.trigger_of[c.t0]
    lo, hi = frame.starts[c.t0], frame.ends[c.t_end]
    mine = max(lo - d.end, d.start - hi, 0)
    for i, t in enumerate(frame.trigger_of):
        if t < 0 or t == own or c.t0 <= i <= c.t_end or i in frame.used:
            continue
        if max(frame.starts[i] - d.end, d.start - frame.ends[i], 0) < mine:
            return False
    return True


def story_date(doc: Doc) -> DateExpr | None:
    """The day the article's news happened: the first day-exact date of its opening (first
    ``LEAD_SENTENCES`` sentences) that is not after publication. Asserted events reported without a
    date of their own get it."""
    if len(doc.sentences) == 0:
        return None
    lead_end = doc.sentences[min(LEAD_SENTENCES, len(doc.sentences)) - 1].end
    pub = doc.published.isoformat() if doc.published else None
    for d in doc.dates:
        if d.start >= lead_end:
            break
        if d.value and d.granularity == "day" and (pub is None or d.value <= pub):
            return d
    return None


def _after_publication(value: str, published: date | None) -> bool:
    if published is None:
        return False
    return value > published.isoformat()[:len(value)]


def _location(frame: Frame, c: Coded, pair: tuple[Ref, Ref | None], visit_place: dict[int, str],
              dates: list[DateExpr]) -> str | None:
    ch = c.chunks[0]
    own = {pair[0].key, pair[1].key if pair[1] else (0, 0)}
    for u in frame.units:
        if frame.chunk_of[u.first] != ch or u.pp != "di" or not u.refs:
            continue
        r = u.refs[0]
        if r.label not in LOCATION_LABELS or r.key in own:
            continue
        # "perang di Ukraina": the place of a plain noun, not of the event
        j = u.first - 1
        while j > 0 and frame.prep_of.get(j) == "di":
            j -= 1
        if (frame.cls[j] == NOUNISH and frame.trigger_of[j] < 0 and not (c.t0 <= j <= c.t_end)
                and frame.words[j].isalpha() and not any(d.start <= frame.starts[j] < d.end for d in dates)):
            continue
        return u.refs[0].text
    if c.form.pattern.mode == "visit" and c.slot == "ke" and pair[1] is not None:
        return pair[1].text
    return visit_place.get(ch)


def _events(doc: Doc, frame: Frame, s_idx: int, c: Coded, dates: list[DateExpr],
            visit_place: dict[int, str]) -> list[Event]:
    p = c.form.pattern
    code = cameo(p.cameo)
    t_start, t_end = frame.starts[c.t0], frame.ends[c.t_end]
    d = _date_for(frame, c, dates)
    modality = c.modality
    if modality == "asserted" and d is not None and _after_publication(d.value or "", doc.published):
        if _owns_date(frame, c, d):
            modality = "future"
        else:
            d = None  # another event's date (a summit to come), not this one's
    on = _as_date(d.value) if d is not None else None
    ref = doc.reference_date or doc.published  # an undated text: the latest date it states (dates stage)
    if on is not None and ref is not None and d is not None and ref.isoformat().startswith(d.value or ""):
        on = None  # the mention layer resolved roles for that day already
    out = []
    for s, t in c.pairs:
        spans = [t_start, t_end, s.start, s.end] + ([t.start, t.end] if t else [])
        source, target = _participant(s, on), _participant(t, on) if t else None
        if c.missing == "source":  # the known side received it; the doer is still to be found
            source, target = Participant(text=""), source
        out.append(Event(
            type=p.type, mode=p.mode, cameo=p.cameo, goldstein=code.goldstein,
            quad_class=quad_class(p.cameo), source=source, target=target, modality=modality,
            date=d.value if d else None, date_granularity=d.granularity if d else None,
            location=_location(frame, c, (s, t), visit_place, dates), sentence=s_idx,
            start=min(spans), end=max(spans), trigger=doc.text[t_start:t_end],
            rule=f"{p.id}/{c.form.kind}",
        ))
    return out
