"""The parameters the API and the pages accept, validated before any query runs.

Each filter set is one pydantic model: FastAPI reads it from the query string of an API call
(``Annotated[EventQuery, Query()]``), and the pages validate the same model from their forms (empty
fields dropped). A value outside its type — a date that is not YYYY-MM-DD or not on the calendar, a
country key that is not 2–6 letters and digits, a type outside PLOVER's 16, a QuadClass outside 1–4,
a page or limit out of bounds — is a 422 with a message naming the parameter, never a query.
A ``from`` after ``to`` is no error: it matches nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from warta.model import PLOVER_TYPES

MAX_PAGE = 10_000
MAX_LIMIT = 200

PloverType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
Modality = Literal["asserted", "future", "negated", "hypothetical"]
QuadClass = Annotated[int, Field(ge=1, le=4)]
Granularity = Literal["day", "month"]
DigestFormat = Literal["json", "text", "markdown", "html"]


def _calendar_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date (YYYY-MM-DD)") from None


#: "2023-05-24": a calendar day, written YYYY-MM-DD.
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_calendar_day),
                Field(json_schema_extra={"format": "date", "examples": ["2023-05-24"]})]

COUNTRY_PATTERN = r"^[A-Za-z][A-Za-z0-9]{1,5}$"
#: A country key as the coding guide writes it: ISO 3166-1 alpha-3 (RUS, CHN, IDN) or a bloc key
#: (UN, EU, NATO, ASEAN, G7, G20, BRICS, WST …). Accepted in any case, used upper-case.
CountryKey = Annotated[str, StringConstraints(pattern=COUNTRY_PATTERN), AfterValidator(str.upper),
                       Field(json_schema_extra={"examples": ["RUS"]})]
#: A CAMEO-style actor code (RUSGOV, IGOUNO) or its leading part ("RUS" matches RUSGOV, RUSMIL).
ActorCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{2,24}$"), AfterValidator(str.upper),
                      Field(json_schema_extra={"examples": ["RUSGOV"]})]
#: Free words to look for (a title, a speaker's name): printable text, at most 100 characters.
SearchText = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$",
                                              min_length=1, max_length=100)]
#: An article id, story id or outlet name as stored (printable, at most 300 characters).
Key = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f]+$", min_length=1, max_length=300)]


class Paging(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"Items per page (1–{MAX_LIMIT}).")


class Window(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    date_from: Day | None = Field(None, alias="from", description="First day (YYYY-MM-DD), inclusive.")
    date_to: Day | None = Field(None, alias="to",
                                description="Last day (YYYY-MM-DD), inclusive (before from: nothing matches).")

    @property
    def inverted(self) -> bool:
        """``from`` after ``to``: a valid query that matches nothing (the pages say so). Not a 422:
        each value is valid on its own, and the OpenAPI schema cannot state the rule."""
        return bool(self.date_from and self.date_to and self.date_from > self.date_to)


class DateRange(Window, Paging):
    pass


class ArticleQuery(DateRange):
    source: Key | None = Field(None, description="Outlet, as stored (case-insensitive).")
    q: SearchText | None = Field(None, description="Words in the title (case-insensitive).")
    country: CountryKey | None = Field(None, description="Articles with an event or entity of this country key.")


class EventQuery(DateRange):
    country: CountryKey | None = Field(None, description="Source or target country key (RUS, CHN, UN, WST …).")
    source_country: CountryKey | None = Field(None, alias="source", description="Source country key.")
    target_country: CountryKey | None = Field(None, alias="target", description="Target country key.")
    actor: ActorCode | None = Field(None, description="Source or target actor code, or its leading part.")
    types: list[PloverType] = Field(default_factory=list, alias="type",  # type: ignore[valid-type]
                                    description="PLOVER event type(s); repeat for several.")
    quad_classes: list[QuadClass] = Field(default_factory=list, alias="quad_class",
                                          description="QuadClass 1–4 (1 verbal cooperation … 4 material "
                                                      "conflict); repeat for several.")
    modality: Modality | None = Field(None, description="asserted, future, negated or hypothetical.")
    article_id: Key | None = Field(None, alias="article", description="Events of one article.")


class QuoteQuery(DateRange):
    speaker: SearchText | None = Field(None, description="Words of the speaker's name (case-insensitive).")
    speaker_code: ActorCode | None = Field(None, description="The speaker's actor code, or its leading part.")
    country: CountryKey | None = Field(None, description="The speaker's country key.")
    direct: bool | None = Field(None, description="Only direct (true) or indirect (false) quotes.")
    article_id: Key | None = Field(None, alias="article", description="Quotes of one article.")


class StoryQuery(Paging):
    day: Day | None = Field(None, alias="date", description="The stories of this day (YYYY-MM-DD).")
    world: bool = Field(False, description="Only world ('Dunia') stories.")


class DigestQuery(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    day: Day | None = Field(None, alias="date", description="Edition day (YYYY-MM-DD); default the latest.")
    top: int = Field(3, ge=1, le=20, description="Number of stories (1–20).")


class RelationsQuery(Window):
    by: Granularity = Field("day", description="Bucket: day or month.")
    modality: Modality | Literal["all"] = Field(
        "asserted", description="Which events count: asserted (default: what happened) or another modality, or all.")


class PairsQuery(Window):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"Number of pairs (1–{MAX_LIMIT}).")


LIST_FIELDS = frozenset({"type", "quad_class"})


def form_values(items: list[tuple[str, str]], lists: frozenset[str] = LIST_FIELDS) -> dict[str, Any]:
    """A page's query string as model input: empty form fields dropped, repeated keys as lists."""
    out: dict[str, Any] = {}
    for k, v in items:
        v = v.strip()
        if not v:
            continue
        if k in lists:
            out.setdefault(k, []).append(v)
        else:
            out[k] = v
    return out
