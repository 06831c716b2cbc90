"""The records warta reads, makes and stores — one place for all of them.

Every analysis record carries its evidence: the sentence index, character offsets into the
normalised article text (``Article.text``) and the rule or model that produced it.
Components take records and return records; ``to_dict`` gives the JSON shape the CLI prints
and the scorer of the held-out sets reads.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Granularity = Literal["day", "month", "year"]
Modality = Literal["asserted", "future", "negated", "hypothetical"]

#: PLOVER's 16 event types, in the ontology's order (verbal coop, material coop, verbal conflict, material conflict).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: Types whose direction is not scored (CODING-GUIDE: mutual).
MUTUAL_TYPES: frozenset[str] = frozenset({"AGREE", "CONSULT", "COOPERATE"})


# ---------------------------------------------------------------------------------------------
# Ingest
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Provenance:
    """Where a record came from: the input file and the record's index inside it
    (line number for JSONL, item for a feed, record for a WARC, 0 for a single document).
    ``member`` names the part of a container (WARC target URI, file inside a directory walk).
    As the ingest writes it: ``path`` is the absolute path of the file itself (also in a folder
    walk), feed items and WARC documents count from 1, and ``member`` is the WARC target URI."""

    path: str
    index: int = 0
    member: str | None = None


@dataclass(slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the outlet: "Kompas.com", "tempo.co", …
    published: date | None = None
    language: str | None = None  # ISO 639-1: "id", "ms", "en", … or None when undecided
    content_hash: str = ""  # sha1 of the normalised text
    provenance: Provenance | None = None
    # Reader-specific leftovers worth keeping: removed read-more lines, description, author, dateline …
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass(slots=True)
class Quarantined:
    """A record that could not be read or is invalid. Never dropped silently."""

    path: str
    index: int
    reason: str  # a short machine-readable key: "bad-encoding", "empty", "binary", "malformed-json", …
    detail: str = ""  # a human sentence: what exactly was wrong
    member: str | None = None


@dataclass(slots=True)
class Duplicate:
    article: Article
    duplicate_of: str  # id of the stored article it repeats
    kind: Literal["exact", "near"] = "exact"
    similarity: float = 1.0


@dataclass(slots=True)
class Ledger:
    """read = stored + duplicates + quarantined, always."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    # Of ``duplicates``: records read again from the place an earlier run stored them from
    # (re-ingesting the same input counts every record here and stores nothing).
    already_stored: int = 0

    @property
    def balanced(self) -> bool:
        return self.read == self.stored + self.duplicates + self.quarantined

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "balanced": self.balanced}


# ---------------------------------------------------------------------------------------------
# Analysis
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int = 0
    text: str = ""


@dataclass(slots=True)
class Dateline:
    """The "JAKARTA, KOMPAS.com —" that opens an article: its span (kept out of every sentence), the
    place it names (a location hint, e.g. for events without a stated location) and the outlet."""

    start: int
    end: int
    place: str | None = None
    place_start: int | None = None
    place_end: int | None = None
    outlet: str | None = None


@dataclass(slots=True)
class Actor:
    """A resolved actor: what a mention refers to.

    ``code`` is a CAMEO-style actor code (``RUSGOV``, ``CHN``, ``IGOUNO``, ``USAMIL``);
    ``country`` is the key the CODING-GUIDE scores with (ISO alpha-3 or UN/EU/NATO/ASEAN/G7/G20/
    BRICS/APEC/OIC/AU/WST); ``kind`` says what it is; ``role`` is the role valid on the date used.
    """

    name: str
    code: str | None = None
    country: str | None = None
    kind: Literal["country", "person", "organisation", "group", "sector"] = "country"
    role: str | None = None
    id: str | None = None  # dictionary key of the entry, when it came from the dictionary
    # kind "group" ("kedua negara", "kedua pemimpin"): the actors it stands for, most salient first.
    members: list["Actor"] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """An entity mention. ``label`` is PER, ORG, LOC or GPE (a place acting as a state)."""

    text: str
    start: int
    end: int
    sentence: int
    label: str
    actor: Actor | None = None
    rule: str = ""  # "gazetteer:countries", "crf", "coref:surname", "role:Perdana Menteri", …
    # The named entities inside a compound mention ("China" LOC and "Li Qiang" PER inside
    # "Perdana Menteri China Li Qiang"), for display and NER scoring; empty for a plain name.
    parts: list["Mention"] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        a = self.actor
        return {
            "text": self.text, "label": self.label, "start": self.start, "end": self.end,
            "sentence": self.sentence,
            "name": a.name if a else None, "code": a.code if a else None,
            "country": a.country if a else None, "kind": a.kind if a else None,
            "role": a.role if a else None, "rule": self.rule,
        }


@dataclass(slots=True)
class DateExpr:
    text: str
    start: int
    end: int
    sentence: int
    value: str | None  # "2023-05-24", "2023-05" or "2023"; None when it cannot be resolved
    granularity: Granularity | None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Participant:
    """An event argument or a speaker, as the output contract shows it."""

    text: str
    name: str | None = None
    code: str | None = None
    country: str | None = None
    start: int = 0
    end: int = 0

    @classmethod
    def from_mention(cls, m: Mention) -> "Participant":
        a = m.actor
        return cls(text=m.text, name=a.name if a else m.text, code=a.code if a else None,
                   country=a.country if a else None, start=m.start, end=m.end)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Event:
    type: str  # one of PLOVER_TYPES
    source: Participant
    target: Participant | None
    cameo: str | None = None
    mode: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    modality: Modality = "asserted"
    date: str | None = None  # YYYY-MM-DD or YYYY-MM or YYYY
    date_granularity: Granularity | None = None
    location: str | None = None
    sentence: int = 0
    start: int = 0
    end: int = 0
    trigger: str = ""
    rule: str = ""
    mentions: int = 1  # how many times the article reports this same event
    # How much the event filter trusts it (0..1; the highest of its reports); None when not scored
    # (domestic events, events without a receiver). Added by issue 4 (D4): analyse/event_filter.py.
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["source"] = self.source.to_dict()
        d["target"] = self.target.to_dict() if self.target else None
        return d


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    speaker: Participant | None = None
    sentence: int = 0
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        return d


@dataclass(slots=True)
class Doc:
    """The working document the analyser's stages fill in, in order (like spaCy's Doc).

    Stages are plain functions ``stage(doc) -> None`` that set one field; they read the fields
    earlier stages set. ``Doc`` never leaves the analyser: ``Analysis`` is what comes out.
    """

    article: Article
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dateline: Dateline | None = None  # set by segment
    # Set by dates: the day roles are resolved on — the publication date, or for an undated text the
    # latest date it states itself (None when it states none). Added by issue 3 (C3).
    reference_date: date | None = None

    @property
    def published(self) -> date | None:
        return self.article.published


@dataclass(slots=True)
class Analysis:
    """What the analyser returns for one article: the output contract of ``warta analyze``."""

    id: str
    title: str | None
    date: str | None
    language: str | None
    url: str | None = None
    source: str | None = None
    entities: list[Mention] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    text: str | None = None  # only with --with-text
    skipped: str | None = None  # why the analyser did not run (e.g. "language:en")

    def to_dict(self, with_text: bool = False, with_sentences: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id, "title": self.title, "date": self.date, "language": self.language,
            "url": self.url, "source": self.source,
            "entities": [m.to_dict() for m in self.entities],
            "dates": [x.to_dict() for x in self.dates],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
        }
        if self.skipped:
            d["skipped"] = self.skipped
        if with_sentences:
            d["sentences"] = [{"index": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph}
                              for s in self.sentences]
        if with_text:
            d["text"] = self.text
        return d


# ---------------------------------------------------------------------------------------------
# Stories and digest
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Story:
    id: str
    day: date
    article_ids: list[str]
    headline: str
    summary: list[str] = field(default_factory=list)  # 2–4 paragraphs
    gist: str = ""  # one clause for the digest's intro
    url: str | None = None  # the best article's link
    outlets: list[str] = field(default_factory=list)
    score: float = 0.0
    quote: Quote | None = None
    countries: list[str] = field(default_factory=list)
    # Added by issue 6 (stories and digest):
    is_world: bool = False  # "Dunia": foreign news or Indonesia's foreign relations
    best_article_id: str | None = None  # the article the summary, headline link and quote come from
    score_parts: dict[str, float] = field(default_factory=dict)  # what the rank is made of
    reasons: list[str] = field(default_factory=list)  # why it is (not) world news, novelty notes
    quote_article_id: str | None = None  # the article ``quote``'s offsets point into (F2, integration)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["day"] = self.day.isoformat()
        d["quote"] = self.quote.to_dict() if self.quote else None
        return d
