"""Publication dates from whatever a source writes: ISO 8601, RFC 822 (RSS), or Indonesian
("Rabu, 24 Mei 2023 10:15 WIB", "Kamis (25/5/2023)").

The date is the publisher's local date: "2023-05-24T23:30+07:00" is 24 May, not 16:30 UTC.
ISO and RFC 822 are parsed by the standard library; everything else by dateparser, restricted
to Indonesian and English, day before month.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Years outside this range are typos or epoch zero, not publication dates.
MIN_YEAR, MAX_YEAR = 1900, 2100


@cache
def _dateparser_settings() -> dict[str, Any]:
    return {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False,
            "REQUIRE_PARTS": ["day", "month", "year"]}


def _plausible(d: date | None) -> date | None:
    return d if d is not None and MIN_YEAR <= d.year <= MAX_YEAR else None


def parse_published(value: Any) -> date | None:
    """A date from a string, a datetime/date, or a Unix timestamp; None when there is none."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _plausible(value.date())
    if isinstance(value, date):
        return _plausible(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return _plausible(datetime.fromtimestamp(value / 1000 if value > 1e11 else value).date())
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 100:
        return None
    if _ISO_DATE.match(s):
        try:
            return _plausible(datetime.fromisoformat(s.replace("Z", "+00:00")).date())
        except ValueError:
            try:
                return _plausible(date.fromisoformat(s[:10]))
            except ValueError:
                pass
    try:
        return _plausible(parsedate_to_datetime(s).date())
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser  # slow to import; only non-standard dates need it

    try:
        parsed = dateparser.parse(s, languages=["id", "en"], settings=_dateparser_settings())
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    return _plausible(parsed.date()) if parsed else None
