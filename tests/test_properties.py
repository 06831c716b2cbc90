"""Property-based tests of the analyser and the ingest's text path (issue 9, hypothesis).

Whatever text arrives — any Unicode (no lone surrogates: they cannot reach the analyser, see
``test_hostile_input``), quote marks of every kind, line breaks of every kind, combining marks,
right-to-left scripts, astral characters, very long tokens, Indonesian cue words in random order —

- ``warta.analyse.analyse`` returns, with and without a publication date;
- every offset it emits slices the text to the surface string it reports: sentences, entities,
  dates, events (their span holds the trigger; source and target), quotes and their speakers;
- every span lies inside the text and points at a sentence that exists;
- the ingest's normalisation is idempotent (a stored text normalises to itself, so its content
  hash is stable) and ``prepare`` turns any record into an Article or a quarantine record.

Texts come from two strategies: arbitrary fragments, and articles of ``indonesian_grammar`` with
random damage (a quote mark dropped, a line broken, garbage spliced in) so the stages actually fire.

Settings: derandomized (the same examples every run, so the suite is reproducible) and no example
database. ``WARTA_HYPOTHESIS_EXAMPLES=2000`` explores more, with fresh random examples, in a one-off
session.
"""

from __future__ import annotations

import os
import random
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import indonesian_grammar as grammar
from warta.analyse import analyse
from warta.ingest.normalise import normalise_text
from warta.ingest.prepare import prepare
from warta.model import Analysis, Article, Provenance, Quarantined

SCALE = int(os.environ.get("WARTA_HYPOTHESIS_EXAMPLES", "0"))


def examples(n: int) -> settings:
    return settings(max_examples=SCALE or n, deadline=None, derandomize=not SCALE, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ---------------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------------

QUOTES_AND_BREAKS = ("“", "”", "‘", "’", '"', "'", "«", "»", "„", "‹", "›", "「", "」", "\n", "\n\n", "\r\n", "\r",
                     "\u2028", "\u2029", "\x85", "\t", "\xa0", "\u200b", "\u200d", "\ufeff", "\u202e", "\u00ad",
                     "—", "–", "…", "(", ")", "[", "]", ".", ",", "?", "!", ":", ";", "/", "-", "\x00", "\x1b")
#: Words that make stages fire: actors, roles, triggers, speech cues, date words.
CUE_WORDS = (*grammar.COUNTRIES, *grammar.CAPITALS, *grammar.OFFICES, *grammar.PEOPLE, *grammar.ORGANISATIONS,
             *(v for v, _ in grammar.VERBS), *grammar.CUES, *grammar.INDIRECT, *grammar.DAYS, *grammar.MONTHS,
             "Menurut", "menurut", "katanya", "ujarnya", "pada", "kemarin", "lalu", "depan", "(24/5)", "2023",
             "24/5/2023", "tidak", "akan", "jika", "Kedua negara", "kedua pemimpin", "dia", "ia", "Beliau",
             "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -", "PBB", "AS", "Pemerintah", "pemerintah")
RTL = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي قال الرئيس שלום עולם אמר"

anything = st.characters(blacklist_categories=("Cs",))  # every code point but surrogates
astral = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, blacklist_categories=("Cs", "Cn"))
combining = st.characters(min_codepoint=0x0300, max_codepoint=0x036F)

fragment = st.one_of(
    st.text(anything, max_size=30),
    st.sampled_from(QUOTES_AND_BREAKS),
    st.sampled_from(CUE_WORDS),
    st.sampled_from(CUE_WORDS),
    st.text(astral, min_size=1, max_size=4),
    st.tuples(st.sampled_from(CUE_WORDS), st.text(combining, min_size=1, max_size=6)).map("".join),
    st.text(st.sampled_from(RTL), min_size=1, max_size=25),
    st.integers(300, 4000).flatmap(lambda n: st.text(st.sampled_from("aeiknrstu"), min_size=n, max_size=n)),
    st.integers(0, 9999).map(str),
)
separator = st.sampled_from((" ", " ", " ", "", "\n", "\n\n", ". ", ", "))
arbitrary_text = st.lists(st.tuples(fragment, separator), max_size=50).map(
    lambda parts: "".join(f + s for f, s in parts))


@st.composite
def damaged_article(draw) -> str:
    """A grammar article with random damage spliced in at random places."""
    text = grammar.article(random.Random(draw(st.integers(0, 2 ** 32))))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.integers(0, 3))
        if kind == 0:  # drop one character (often a quote mark or a full stop)
            text = text[:at] + text[at + 1:]
        elif kind == 1:
            text = text[:at] + draw(fragment) + text[at:]
        elif kind == 2:
            text = text[:at] + draw(st.sampled_from(QUOTES_AND_BREAKS)) + text[at:]
        else:  # repeat a stretch: an unterminated quote across paragraphs, a repeated name
            end = draw(st.integers(at, min(len(text), at + 200)))
            text = text[:end] + text[at:end] + text[end:]
    return text


published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))


# ---------------------------------------------------------------------------------------------
# The invariant
# ---------------------------------------------------------------------------------------------

def check_offsets(text: str, a: Analysis) -> None:
    """Every span lies in the text, slices it to its surface string and names an existing sentence."""
    n = len(text)
    sentences = a.sentences

    def in_text(what: str, start: int, end: int) -> None:
        assert 0 <= start <= end <= n, f"{what}: span {start}:{end} outside a text of {n} characters"

    def sentence_ok(what: str, i: int) -> None:
        assert 0 <= i < max(len(sentences), 1), f"{what}: sentence {i} of {len(sentences)}"

    last_end = 0
    for s in sentences:
        in_text("sentence", s.start, s.end)
        assert s.start >= last_end, f"sentences overlap or go backwards at {s.start}"
        last_end = s.end
        assert not s.text or text[s.start:s.end] == s.text, "sentence text does not match its offsets"
    for m in a.entities:
        in_text(f"entity {m.text!r}", m.start, m.end)
        assert text[m.start:m.end] == m.text, f"entity {m.text!r} slices to {text[m.start:m.end]!r}"
        sentence_ok(f"entity {m.text!r}", m.sentence)
        for part in m.parts:
            assert text[part.start:part.end] == part.text, f"part {part.text!r} of {m.text!r}"
    for d in a.dates:
        in_text(f"date {d.text!r}", d.start, d.end)
        assert text[d.start:d.end] == d.text, f"date {d.text!r} slices to {text[d.start:d.end]!r}"
        sentence_ok(f"date {d.text!r}", d.sentence)
    for e in a.events:
        in_text(f"event {e.trigger!r}", e.start, e.end)
        sentence_ok(f"event {e.trigger!r}", e.sentence)
        span = text[e.start:e.end]
        assert e.trigger and e.trigger.casefold() in span.casefold(), \
            f"event trigger {e.trigger!r} not inside its span {span[:120]!r} ({e.rule})"
        for role, p in (("source", e.source), ("target", e.target)):
            if p is not None:
                in_text(f"event {role} {p.text!r}", p.start, p.end)
                assert text[p.start:p.end] == p.text, \
                    f"event {role} {p.text!r} slices to {text[p.start:p.end]!r} ({e.rule})"
    for q in a.quotes:
        in_text("quote", q.start, q.end)
        assert text[q.start:q.end] == q.text, f"quote {q.text[:60]!r} slices to {text[q.start:q.end][:60]!r}"
        sentence_ok("quote", q.sentence)
        if q.speaker is not None:
            sp = q.speaker
            in_text(f"speaker {sp.text!r}", sp.start, sp.end)
            assert text[sp.start:sp.end] == sp.text, f"speaker {sp.text!r} slices to {text[sp.start:sp.end]!r}"


def analysed(text: str, day: date | None, language: str | None = "id") -> Analysis:
    a = analyse(Article(id="prop", text=text, published=day, language=language))
    assert a.skipped is None
    check_offsets(text, a)
    return a


# ---------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------

@examples(150)
@given(text=arbitrary_text, day=published)
def test_arbitrary_text_never_crashes_and_every_offset_slices_the_text(text: str, day: date | None) -> None:
    analysed(text, day)


@examples(100)
@given(text=arbitrary_text, day=published)
def test_normalised_arbitrary_text_as_the_store_holds_it(text: str, day: date | None) -> None:
    normal = normalise_text(text)
    assert normalise_text(normal) == normal, "normalisation is not idempotent"
    analysed(normal, day, language=None)  # undecided language: analysed as Indonesian


@examples(80)
@given(text=damaged_article(), day=published)
def test_indonesian_like_text_with_damage(text: str, day: date | None) -> None:
    analysed(text, day)
    analysed(normalise_text(text), day)


@examples(100)
@given(text=st.one_of(arbitrary_text, damaged_article()), title=st.one_of(st.none(), st.text(anything, max_size=80)),
       url=st.one_of(st.none(), st.text(anything, max_size=60)))
def test_prepare_turns_any_record_into_an_article_or_a_quarantine_record(text: str, title: str | None,
                                                                         url: str | None) -> None:
    out = prepare(Article(id="", text=text, title=title, url=url, provenance=Provenance("/x.jsonl", 1)))
    if isinstance(out, Quarantined):
        assert out.reason and out.detail and out.path == "/x.jsonl" and out.index == 1
        return
    assert out.text and normalise_text(out.text) == out.text and out.content_hash and out.id
    assert out.title is None or "\n" not in out.title


def test_the_grammar_makes_every_stage_fire() -> None:
    """Guard for the strategies above: their text is analysed into entities, dates, events and quotes."""
    totals = {"entities": 0, "dates": 0, "events": 0, "quotes": 0, "speakers": 0}
    for seed in range(8):
        a = analysed(grammar.article(random.Random(seed)), date(2023, 5, 25))
        totals["entities"] += len(a.entities)
        totals["dates"] += len(a.dates)
        totals["events"] += len(a.events)
        totals["quotes"] += len(a.quotes)
        totals["speakers"] += sum(1 for q in a.quotes if q.speaker)
    assert all(n >= 8 for n in totals.values()), totals
