"""Response shapes of the JSON API (they make the OpenAPI schema exact). Events, quotes and entities
keep the field names of ``warta analyze``'s output contract, plus where they sit in the store."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Problem(BaseModel):
    detail: str = Field(description="What was wrong, for a person.")


class Page(BaseModel, Generic[T]):
    total: int = Field(description="Items matching the filters, on all pages.")
    page: int
    limit: int
    pages: int = Field(description="Number of pages.")
    items: list[T]


class Participant(BaseModel):
    text: str | None = None
    name: str | None = None
    code: str | None = None
    country: str | None = None
    start: int | None = None
    end: int | None = None


class Evidence(BaseModel):
    text: str = Field(description="The sentence(s) the event was coded from (' … ' between non-adjacent ones).")
    start: int | None = Field(None, description="Offset of the evidence in the article text.")
    end: int | None = None
    trigger_spans: list[list[int]] = Field(default_factory=list, description="[start, end] of the trigger words.")


class Located(BaseModel):
    """Where a record of an article's analysis stands: its number in the article, its surface text,
    character offsets into the article's text, sentence index, and the rule or model that made it."""

    idx: int
    text: str | None = None
    start: int | None = None
    end: int | None = None
    sentence: int | None = None
    rule: str | None = None


class EventOut(BaseModel):
    article_id: str
    idx: int
    type: str | None
    mode: str | None = None
    cameo: str | None = None
    cameo_label: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    source: Participant
    target: Participant | None = None
    modality: str | None = None
    date: str | None = None
    date_granularity: str | None = None
    day: dt.date | None = Field(None, description="The day the event is counted on: its own date when "
                                               "resolved to a day, else the article's publication date.")
    location: str | None = None
    sentence: int | None = None
    start: int | None = None
    end: int | None = None
    trigger: str | None = None
    rule: str | None = None
    mentions: int | None = None
    article_title: str | None = None
    article_source: str | None = None
    article_published: dt.date | None = None
    article_url: str | None = None
    evidence: Evidence | None = None


class QuoteOut(Located):
    article_id: str
    direct: bool | None = None
    cue: str | None = None
    speaker: Participant | None = Field(None, description="Who said it, with the offsets of the words "
                                                          "that name the speaker.")
    article_title: str | None = None
    article_source: str | None = None
    article_published: dt.date | None = None


class EntityOut(Located):
    label: str | None = None
    name: str | None = None
    code: str | None = None
    country: str | None = None
    kind: str | None = None
    role: str | None = None


class DateOut(Located):
    value: str | None = None
    granularity: str | None = None


class StoryArticle(BaseModel):
    """An article as lists show it: a story's articles, the start of an article's page."""

    id: str
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None


class ArticleSummary(StoryArticle):
    language: str | None = None
    n_chars: int | None = None
    n_events: int = 0
    n_quotes: int = 0


class StoryRef(BaseModel):
    story_id: str
    day: dt.date | None = None
    headline: str | None = None


class ArticleDetail(StoryArticle):
    language: str | None = None
    text: str
    extra: dict[str, Any] = Field(default_factory=dict)
    analysed_at: dt.datetime | None = None
    warta_version: str | None = None
    skipped: str | None = None
    sentences: list[list[int]] = Field(default_factory=list, description="[start, end, paragraph] per sentence.")
    entities: list[EntityOut] = Field(default_factory=list)
    dates: list[DateOut] = Field(default_factory=list)
    events: list[EventOut] = Field(default_factory=list)
    quotes: list[QuoteOut] = Field(default_factory=list)
    stories: list[StoryRef] = Field(default_factory=list)


class StoryQuote(BaseModel):
    """The direct quote a story's summary keeps (the analyze contract's quote)."""

    text: str
    start: int
    end: int
    direct: bool = True
    cue: str | None = None
    speaker: Participant | None = None
    sentence: int = 0
    rule: str = ""


class StoryOut(BaseModel):
    story_id: str
    day: dt.date | None = None
    rank: int | None = Field(None, description="Place in the day's digest (1 = first); null for stories the "
                                               "digest does not show (not world news, or told by a better one).")
    headline: str | None = None
    summary: list[str] = Field(default_factory=list)
    gist: str | None = None
    url: str | None = None
    score: float | None = None
    score_parts: dict[str, float] = Field(default_factory=dict, description="What the score is made of.")
    is_world: bool | None = None
    best_article_id: str | None = None
    outlets: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list, description="Foreign country keys, most prominent first.")
    quote: StoryQuote | None = None
    quote_article_id: str | None = Field(None, description="The article the quote's offsets point into.")
    reasons: list[str] = Field(default_factory=list, description="Why it is (not) world news; novelty notes.")
    built_at: dt.datetime | None = None
    n_articles: int = 0
    articles: list[StoryArticle] = Field(default_factory=list)


class RelationsRow(BaseModel):
    period: dt.date = Field(description="The day, or the first day of the month.")
    direction: str = Field(description="'AB' (a → b) or 'BA' (b → a).")
    events: int
    q1: int = Field(description="Verbal cooperation (QuadClass 1).")
    q2: int = Field(description="Material cooperation (QuadClass 2).")
    q3: int = Field(description="Verbal conflict (QuadClass 3).")
    q4: int = Field(description="Material conflict (QuadClass 4).")
    goldstein: float = Field(description="Sum of the events' Goldstein values.")
    mentions: int
    articles: int


class RelationsOut(BaseModel):
    a: str
    b: str
    by: str
    modality: str
    date_from: dt.date | None = Field(None, alias="from")
    date_to: dt.date | None = Field(None, alias="to")
    rows: list[RelationsRow]
    totals: dict[str, dict[str, int | float]] = Field(description="Per direction ('AB', 'BA'): sums over the rows.")

    model_config = {"populate_by_name": True}


class PairOut(BaseModel):
    a: str
    b: str
    events: int
    goldstein: float
    cooperation: int
    conflict: int


class CountryOut(BaseModel):
    country: str
    events: int


class Stats(BaseModel):
    articles: int
    analysed: int
    entities: int
    dates: int
    events: int
    quotes: int
    stories: int
    sources: int
    first_published: dt.date | None = None
    last_published: dt.date | None = None
    event_types: dict[str, int]
    modalities: dict[str, int]
    database: str
    schema_version: int


class DigestStory(BaseModel):
    rank: int
    id: str
    day: str
    headline: str
    summary: list[str]
    gist: str | None = None
    url: str | None = None
    outlets: list[str] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)
    best_article_id: str | None = None
    article_path: str | None = Field(None, description="Path of the best article's page on this server.")
    articles: list[StoryArticle] = Field(default_factory=list)
    score: float | None = None

    model_config = {"extra": "allow"}


class DigestOut(BaseModel):
    edition: str
    date: str
    edition_date: str
    intro: str | None = None
    top: int
    articles: int
    stories_total: int
    world_stories: int
    stories: list[DigestStory]
    previous_date: str | None = None
    next_date: str | None = None
    built_at: str | None = Field(None, description="When the day's stories were built (UTC).")
    stale: bool = Field(False, description="Articles of the day's window were stored or analysed after the "
                                           "stories were built: `warta digest --date DAY` brings them up to date.")

    model_config = {"extra": "allow"}
