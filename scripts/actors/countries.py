"""Countries from ISO 3166 (pycountry) with Indonesian names from CLDR (babel).

One row per state or territory: the ISO alpha-3 key the CODING-GUIDE scores with, alpha-2, the CAMEO
country code, the CLDR Indonesian name as CLDR writes it (curated fixes live in
``country-aliases.tsv``), and English names from pycountry (name, common and official name; ISO's
inverted "Korea, Republic of" forms are left out).
"""

from __future__ import annotations

import re

#: CAMEO country codes that differ from ISO alpha-3 (PETRARCH2 Phoenix.Countries: East Timor is TMP,
#: Kosovo KSV). Kosovo has no ISO code; XKX is the user-assigned code used by the EU and others, and
#: CLDR lists it as XK.
CAMEO_DIFFERS = {"TLS": "TMP", "XKX": "KSV"}
EXTRA_TERRITORIES = {"XK": ("XKX", "Kosovo", ["Kosovo", "Republic of Kosovo"])}

_PAREN = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*$")


def cldr_names(cldr_name: str) -> tuple[str, list[str]]:
    """``Myanmar (Burma)`` -> (``Myanmar``, [``Burma``])."""
    m = _PAREN.match(cldr_name)
    if m:
        return m.group(1), [m.group(2)]
    return cldr_name, []


def english_names(country) -> list[str]:
    seen: list[str] = []
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if not value or "," in value or "Province of" in value:
            continue
        value = re.sub(r"^the\s+", "", value)
        if value not in seen:
            seen.append(value)
    return seen


def rows() -> list[tuple[str, str, str, str, str]]:
    """(key, alpha2, cameo, Indonesian name, English names joined by |), sorted by key."""
    import pycountry
    from babel import Locale

    territories = Locale("id").territories
    out = []
    for c in pycountry.countries:
        name, extra = cldr_names(territories.get(c.alpha_2, c.name))
        english = english_names(c)
        aliases = [a for a in extra + english if a != name]
        out.append((c.alpha_3, c.alpha_2, CAMEO_DIFFERS.get(c.alpha_3, c.alpha_3), name, "|".join(aliases)))
    for alpha2, (key, fallback, english) in EXTRA_TERRITORIES.items():
        name, extra = cldr_names(territories.get(alpha2, fallback))
        aliases = [a for a in extra + english if a != name]
        out.append((key, alpha2, CAMEO_DIFFERS.get(key, key), name, "|".join(aliases)))
    return sorted(out)
