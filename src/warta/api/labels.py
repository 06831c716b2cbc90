"""Indonesian words for the pages and charts: ``labels.yaml`` beside this file, CLDR (babel) for
dates and numbers. Loaded once."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from warta.lang import load_yaml
from warta.model import PLOVER_TYPES

LOCALE = "id"


@cache
def labels() -> dict[str, dict[Any, str]]:
    data = load_yaml(resources.files(__package__).joinpath("labels.yaml").read_text("utf-8"))
    return {k: dict(v) for k, v in data.items()}


def quad_label(quad_class: int | None) -> str:
    return labels()["quad_class"].get(quad_class, "—") if quad_class else "—"


def plover_label(event_type: str | None) -> str:
    return labels()["plover"].get(event_type or "", "")


def modality_label(modality: str | None) -> str:
    return labels()["modality"].get(modality or "", modality or "")


def entity_label(label: str | None) -> str:
    return labels()["entity"].get(label or "", label or "")


def plover_types() -> tuple[str, ...]:
    return PLOVER_TYPES


def long_date(day: date | None) -> str:
    """"Kamis, 25 Mei 2023"."""
    if day is None:
        return ""
    from babel.dates import format_date

    return format_date(day, "EEEE, d MMMM y", locale=LOCALE)


def short_date(day: date | None) -> str:
    """"25 Mei 2023"."""
    if day is None:
        return ""
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale=LOCALE)


def compact_date(day: date, by: str = "day") -> str:
    """"30 Okt 2017" (by day) or "Okt 2017" (by month): for narrow tables."""
    from babel.dates import format_date

    return format_date(day, "d MMM y" if by == "day" else "MMM y", locale=LOCALE)


def month_name(day: date) -> str:
    """"Mei 2023"."""
    from babel.dates import format_date

    return format_date(day, "MMMM y", locale=LOCALE)


@cache
def d3_locales() -> dict[str, dict[str, Any]]:
    """Indonesian number and time formats for Vega (d3-format / d3-time-format locale objects)."""
    from babel import Locale

    loc = Locale.parse(LOCALE)
    symbols = loc.number_symbols.get("latn", loc.number_symbols)
    # d3 wants Sunday first; CLDR keys weekdays 0 = Monday … 6 = Sunday.
    order = (6, 0, 1, 2, 3, 4, 5)
    days = loc.days["format"]
    months = loc.months["format"]
    return {
        "formatLocale": {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3],
                         "currency": ["Rp", ""], "minus": "−"},
        "timeFormatLocale": {
            "dateTime": "%A, %e %B %Y %H.%M.%S", "date": "%d/%m/%Y", "time": "%H.%M.%S",
            "periods": ["AM", "PM"],
            "days": [days["wide"][i] for i in order],
            "shortDays": [days["abbreviated"][i] for i in order],
            "months": [months["wide"][m] for m in range(1, 13)],
            "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
        },
    }
