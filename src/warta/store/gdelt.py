"""GDELT 2.0 conventions for the export: the 61 Event columns and 16 Mentions columns, CAMEO actor
codes split into GDELT's actor attribute columns, and Geo fields from warta's places.

- Actor codes are runs of 3-letter CAMEO components (``RUSGOV``, ``IGOUNOKID``, ``PSEREBHMS``).
  The first is a country (``Actor1CountryCode``; CAMEO country codes as in ``lang/id/countries.tsv``,
  or a region such as WST), or a prefix (IGO, NGO, IMG, MNC …: a type); the rest are types (GOV,
  MIL …), a known group (UNO, NAT, HMS …) or religions, per ``lang/id/cameo-codes.tsv``. A code
  without a country component takes the actor's country key when that is a state (Hamas → PSE);
  organisations' keys (UN, EU, NATO …) are no countries, so their CountryCode stays empty, as in GDELT.
- Geo fields use FIPS 10-4 country codes, as GDELT does (``ontology/geo-countries.tsv``, built from
  GeoNames by ``scripts/build_geo.py``). A place warta knows as a country is a country-level place
  (type 1, the country's rough centre); a capital or seat of power ("Moskow", "Gedung Putih") a
  world city (type 4, the capital's coordinates); a territory ("Jalur Gaza") a world state (type 5,
  no coordinates).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

#: GDELT 2.0 Event table, in order (../shared/ontology/gdelt_schemas.txt).
EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

#: GDELT 2.0 Mentions table, in order.
MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)

GEO_COUNTRY, GEO_WORLDCITY, GEO_WORLDSTATE = 1, 4, 5


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------

def _data_lines(package: str, name: str):
    text = resources.files(package).joinpath(name).read_text("utf-8")
    return (line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    cameo: str
    fips: str
    name: str
    lat: float | None
    lon: float | None
    capital: str
    capital_lat: float | None
    capital_lon: float | None


def _float(text: str) -> float | None:
    return float(text) if text else None


@cache
def countries() -> dict[str, Country]:
    """ISO alpha-3 → Country (FIPS code, English name, centre, capital)."""
    cameo = {}
    for line in _data_lines("warta.lang.id", "countries.tsv"):
        cols = line.split("\t")
        cameo[cols[0]] = cols[2] if len(cols) > 2 and cols[2] else cols[0]
    out = {}
    for row in csv.reader(_data_lines("warta.ontology", "geo-countries.tsv"), delimiter="\t"):
        iso3, _iso2, fips, name, lat, lon, capital, clat, clon = (row + [""] * 9)[:9]
        out[iso3] = Country(iso3, cameo.get(iso3, iso3), fips, name, _float(lat), _float(lon),
                            capital, _float(clat), _float(clon))
    for iso3, code in cameo.items():  # a country GeoNames lacks still has its CAMEO code
        out.setdefault(iso3, Country(iso3, code, "", "", None, None, "", None, None))
    return out


@cache
def cameo_components() -> dict[str, str]:
    """3-letter component → kind (prefix, region, country, historical, sector, group, religion)."""
    kinds: dict[str, str] = {}
    for line in _data_lines("warta.lang.id", "cameo-codes.tsv"):
        code, kind = line.split("\t")[:2]
        kinds.setdefault(code, kind)  # SUN: first listed wins (region/historical before religion)
    return kinds


@cache
def _country_codes() -> frozenset[str]:
    cs = countries()
    return frozenset({c.cameo for c in cs.values()} | set(cs))


# --------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class ActorColumns:
    """The ten GDELT columns of one actor."""

    code: str = ""
    name: str = ""
    country: str = ""
    known_group: str = ""
    ethnic: str = ""
    religion1: str = ""
    religion2: str = ""
    type1: str = ""
    type2: str = ""
    type3: str = ""

    def row(self) -> list[str]:
        return [self.code, self.name, self.country, self.known_group, self.ethnic,
                self.religion1, self.religion2, self.type1, self.type2, self.type3]


def actor_columns(code: str | None, name: str | None, country_key: str | None) -> ActorColumns:
    """Split a CAMEO actor code into GDELT's actor attributes (see the module docstring)."""
    out = ActorColumns(code=(code or "").upper(), name=(name or "").upper())
    parts = [out.code[i:i + 3] for i in range(0, len(out.code), 3)] if len(out.code) % 3 == 0 else []
    kinds = cameo_components()
    types: list[str] = []
    religions: list[str] = []
    for i, part in enumerate(parts):
        kind = kinds.get(part)
        if i == 0 and (part in _country_codes() or kind in ("region", "country", "historical")):
            out.country = part
        elif kind in ("prefix", "sector"):
            types.append(part)
        elif kind == "group" and not out.known_group:
            out.known_group = part
        elif kind == "religion":
            religions.append(part)
        elif i > 0 and not out.known_group and part not in _country_codes():
            out.known_group = part  # PETRARCH group components (ISI, HMS …) not in our table
    if not out.country and country_key:
        c = countries().get(country_key)
        if c is not None:
            out.country = c.cameo
        elif kinds.get(country_key) == "region":  # WST
            out.country = country_key
    out.type1, out.type2, out.type3 = (types + ["", "", ""])[:3]
    out.religion1, out.religion2 = (religions + ["", ""])[:2]
    return out


# --------------------------------------------------------------------------------------------
# Geo
# --------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Geo:
    """The eight GDELT columns of one place; type 0 and empty when unknown."""

    type: int = 0
    full_name: str = ""
    country: str = ""  # FIPS 10-4
    adm1: str = ""
    adm2: str = ""
    lat: float | None = None
    lon: float | None = None
    feature_id: str = ""

    def row(self) -> list[Any]:
        return [self.type, self.full_name, self.country, self.adm1, self.adm2, self.lat, self.lon, self.feature_id]

    @property
    def key(self) -> str:
        return f"{self.type}:{self.full_name}:{self.country}"


def country_geo(iso3: str | None) -> Geo:
    """A country-level place (type 1) for a country key; empty for organisations and unknown keys."""
    c = countries().get(iso3 or "")
    if c is None or not c.fips:
        return Geo()
    return Geo(GEO_COUNTRY, c.name, c.fips, c.fips, "", c.lat, c.lon, c.fips)


@cache
def place_geo(place: str) -> Geo:
    """The Geo of a place name as warta writes it ("Jepang", "Beijing", "Jalur Gaza"), via the
    actor dictionary; empty when the place is not a known country, capital or territory."""
    from warta.lang.id.actors import load

    hits = load().find(place)
    if not hits:
        return Geo()
    hit = max(hits, key=lambda h: h.end - h.start)
    c = countries().get(hit.entry.country or "")
    if c is None or not c.fips or hit.entry.kind != "country":
        return Geo()
    if hit.how == "metonym":
        name = c.capital or hit.surface
        lat, lon = (c.capital_lat, c.capital_lon) if c.capital else (None, None)
        return Geo(GEO_WORLDCITY, f"{name}, {c.name}", c.fips, c.fips, "", lat, lon, "")
    if hit.how == "place":
        return Geo(GEO_WORLDSTATE, f"{hit.surface}, {c.name}", c.fips, c.fips, "", None, None, "")
    return country_geo(c.iso3)


# --------------------------------------------------------------------------------------------
# Dates and numbers
# --------------------------------------------------------------------------------------------

def sql_date(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def fraction_date(day: date) -> float:
    """GDELT's YYYY.FFFF: the year plus ((month − 1) × 30 + day) / 365, to 4 decimals."""
    return round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)


def date_added(at: datetime | None) -> int | str:
    return int(at.strftime("%Y%m%d%H%M%S")) if at else ""


def cell(value: Any) -> str:
    """One TSV cell: empty for None, floats without a useless ".0", no tabs or newlines."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    text = str(value)
    if "\t" in text or "\n" in text or "\r" in text:
        text = " ".join(text.split())
    return text
