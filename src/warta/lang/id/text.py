"""Loaders for the Indonesian text data: abbreviations, calendar words, relative date rules, date
context words and dateline patterns. Each file is read once (``functools.cache``); the files say
what they hold and in which format."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


def read_rows(name: str, columns: int) -> list[list[str]]:
    """The tab-separated rows of a data file, without comments and blank lines. A row with the wrong
    number of columns is an error in the data, reported with its line number."""
    path = DATA_DIR / name
    rows: list[list[str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != columns:
            raise ValueError(f"{path}:{number}: expected {columns} tab-separated fields, got {len(fields)}")
        rows.append(fields)
    return rows


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation (without its final full stop) → kind: ``prefix`` or ``suffix``."""
    out: dict[str, str] = {}
    for abbr, kind in read_rows("abbreviations.txt", 2):
        if kind not in ("prefix", "suffix"):
            raise ValueError(f"abbreviations.txt: unknown kind {kind!r} for {abbr!r}")
        out[abbr] = kind
    return out


@dataclass(frozen=True, slots=True)
class Calendar:
    months: dict[str, int]        # "Maret" → 3 (also "MARET")
    months_short: dict[str, int]  # "Okt" → 10
    weekdays: dict[str, int]      # "Senin" → 1 … "Minggu" → 7 (ISO)
    numbers: dict[str, int]       # "dua" → 2, "dua belas" → 12
    ordinals: dict[str, int]      # "ketiga" → 3 ("kuartal ketiga 2025")


@cache
def calendar() -> Calendar:
    tables: dict[str, dict[str, int]] = {"month": {}, "month-short": {}, "weekday": {}, "number": {},
                                         "ordinal": {}}
    for kind, word, value in read_rows("calendar.tsv", 3):
        if kind not in tables:
            raise ValueError(f"calendar.tsv: unknown kind {kind!r}")
        tables[kind][word] = int(value)
        if kind in ("month", "weekday"):
            tables[kind][word.upper()] = int(value)  # datelines and headlines write "SENIN", "MEI"
    return Calendar(tables["month"], tables["month-short"], tables["weekday"], tables["number"],
                    tables["ordinal"])


UNITS = ("day", "week", "month", "year", "weekend", "week-start", "weekday", "weekday-in-week",
         "monthname", "monthname-in-year", "anaphoric-day")


@dataclass(frozen=True, slots=True)
class RelativeRule:
    phrase: str       # "{N} hari lalu"
    unit: str         # one of UNITS
    shift: int        # fixed shift, or ±1 times the count when ``counted``
    counted: bool     # shift is -N / +N
    granularity: str  # day | month | year


@cache
def relative_rules() -> tuple[RelativeRule, ...]:
    rules = []
    for phrase, unit, shift, granularity in read_rows("relative-dates.tsv", 4):
        if unit not in UNITS or granularity not in ("day", "month", "year"):
            raise ValueError(f"relative-dates.tsv: bad rule {phrase!r}: {unit} {granularity}")
        counted = shift in ("-N", "+N")
        rules.append(RelativeRule(phrase, unit, (-1 if shift == "-N" else 1) if counted else int(shift),
                                  counted, granularity))
    return tuple(rules)


DATE_CONTEXT_KINDS = ("past-after", "future-after", "future-cue", "past-cue", "month-cue", "period",
                      "quarter", "not-year-before", "not-year-after", "regulation", "subordinator",
                      "year-word", "month-word", "day-word", "date-word", "range", "vague-count",
                      "not-a-date", "habitual", "part-of-day")


@cache
def date_context() -> dict[str, tuple[str, ...]]:
    """Kind → its words (lower case), longest first."""
    out: dict[str, list[str]] = {k: [] for k in DATE_CONTEXT_KINDS}
    for kind, word in read_rows("date-context.tsv", 2):
        if kind not in out:
            raise ValueError(f"date-context.tsv: unknown kind {kind!r}")
        out[kind].append(word.lower())
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@dataclass(frozen=True, slots=True)
class DatelineData:
    outlets: tuple[str, ...]
    layouts: tuple[str, ...]


@cache
def dateline_data() -> DatelineData:
    outlets, layouts = [], []
    for kind, value in read_rows("datelines.txt", 2):
        if kind == "outlet":
            outlets.append(value)
        elif kind == "layout":
            layouts.append(value)
        else:
            raise ValueError(f"datelines.txt: unknown kind {kind!r}")
    return DatelineData(tuple(sorted(outlets, key=len, reverse=True)), tuple(layouts))
