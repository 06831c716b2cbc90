"""Convert PETRARCH2 actor records into warta's generated dictionary rows.

People (``people-petrarch.tsv``): every record of Phoenix.Countries and Phoenix.International that
names a person and has a role that reaches 1990 or later (older ones are rarely news). Organisations
and groups (``organisations-petrarch.tsv``): the IGOs and NGOs of Phoenix.International, the armed
groups of Phoenix.MilNonState, and the named institutions inside Phoenix.Countries country blocks
(armies, parties, councils) whose code carries a sector. Country headers themselves are left out:
countries come from ISO/CLDR.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from actors import names
from actors.petrarch import PetrRecord

RECENT = date(1990, 1, 1)

#: Words that make a record an institution rather than a person.
ORG_WORDS = frozenset("""
ARMY ARMIES FORCE FORCES PARTY COUNCIL CONGRESS ASSEMBLY MINISTRY COMMITTEE GOVERNMENT AUTHORITY
FRONT MOVEMENT ORGANIZATION ORGANISATION UNION LEAGUE COMMISSION COURT BANK AGENCY POLICE GUARD
GUARDS BRIGADE BRIGADES OFFICE SERVICE SERVICES PARLIAMENT SENATE CABINET DEPARTMENT NAVY CORPS
MILITIA MILITIAS ALLIANCE ASSOCIATION FEDERATION INSTITUTE CENTER CENTRE FUND PROGRAM PROGRAMME
SOCIETY NETWORK FOUNDATION GROUP COALITION COUNCILS DIRECTORATE BUREAU TRIBUNAL REGIME STATE
REPUBLIC KINGDOM JUNTA TALIBAN CHAMBER BOARD SECRETARIAT MISSION NATIONS DIVISION REGIMENT
BATTALION UNIT UNITS OBSERVATORY SYNDICATE CARTEL NEWS AGENCY TELEVISION RADIO PRESS TIMES
""".split())

#: CAMEO type codes that mark an armed or political non-state group.
GROUP_SECTORS = frozenset({"REB", "INS", "UAF", "SEP", "IMG", "RAD"})


@dataclass(slots=True)
class Person:
    name: str
    aliases: list[str]
    country: str | None
    base: str | None
    roles: list[tuple[str, date | None, date | None]]
    source: str


@dataclass(slots=True)
class Org:
    name: str
    aliases: list[str]
    code: str
    kind: str  # "organisation" | "group"
    source: str


def _chunks(code: str) -> list[str]:
    return [code[i:i + 3] for i in range(0, len(code), 3)]


def code_is_wellformed(code: str) -> bool:
    return bool(code) and len(code) % 3 == 0 and code.isalpha() and code.isupper()


def _variants(rec: PetrRecord, stats: Counter) -> list[str]:
    keep: list[str] = []
    for v in rec.synonyms:
        if v == rec.name or v in keep:
            continue
        if names.is_title_phrase(v, rec.name):
            stats["variant dropped: title or nationality"] += 1
            continue
        if not names.shares_a_word(v, rec.name) and not set(v.split()) <= set(rec.name.split()):
            stats["variant dropped: shares no word (another person?)"] += 1
            continue
        keep.append(v)
    return keep


def looks_like_person(rec: PetrRecord) -> bool:
    if "CountryInfo" in rec.comment:
        return True
    if not rec.roles:
        return False
    return not any(w in ORG_WORDS for w in rec.name.split())


def person_from(rec: PetrRecord, file_tag: str, stats: Counter) -> Person | None:
    roles = [(r.code, r.start, r.end) for r in rec.roles if code_is_wellformed(r.code)]
    if len(roles) != len(rec.roles):
        stats["role dropped: malformed code"] += len(rec.roles) - len(roles)
    roles = [r for r in roles if len(r[0]) > 3 or r[0] not in ("ELI",)]
    if not any(end is None or end >= RECENT for _, _, end in roles):
        stats["person skipped: no role since 1990"] += 1
        return None
    # Bad periods (start after end) are PETRARCH typos; keep the role open rather than invent a date.
    fixed = []
    for code, start, end in roles:
        if start and end and start > end:
            stats["role period reversed: end dropped"] += 1
            end = None
        fixed.append((code, start, end))
    roles = sorted(set(fixed), key=lambda r: (r[1] or date.min, r[2] or date.max, r[0]))
    countries = Counter(c[:3] for c, _, _ in roles if c[:3] not in ("IGO", "NGO", "IMG", "MNC"))
    country = countries.most_common(1)[0][0] if countries else None
    base = rec.default if rec.default and code_is_wellformed(rec.default) and len(rec.default) > 3 else None
    variants = _variants(rec, stats)
    return Person(
        name=names.display(rec.name),
        aliases=[names.display(v) for v in variants],
        country=country, base=base, roles=roles, source=f"{file_tag}:{rec.line}",
    )


def org_from(rec: PetrRecord, file_tag: str, known_sectors: frozenset[str], stats: Counter) -> Org | None:
    code = rec.default or (rec.roles[-1].code if rec.roles else None)
    if not code or not code_is_wellformed(code):
        stats["organisation skipped: no code"] += 1
        return None
    chunks = _chunks(code)
    if len(chunks) == 1:
        return None  # a country header
    if chunks[0] == "MNC":
        stats["organisation skipped: company (MNC)"] += 1
        return None
    if chunks[0] not in ("IGO", "NGO", "IMG", "MNC") and not any(c in known_sectors for c in chunks[1:]):
        stats["organisation skipped: code without a sector (a place?)"] += 1
        return None
    kind = "group" if chunks[0] == "IMG" or any(c in GROUP_SECTORS for c in chunks[1:]) else "organisation"
    if not usable_org_name(rec.name, international=file_tag == "International"):
        stats["organisation skipped: name too generic (one common word, or two words outside the IGO/NGO list)"] += 1
        return None
    variants = []
    for v in dict.fromkeys(rec.synonyms):
        if v == rec.name or names.is_title_phrase(v, rec.name):
            continue
        if is_acronym_of(v, rec.name) or (
                names.shares_a_word(v, rec.name) and not set(v.split()) < set(rec.name.split())
                and usable_org_name(v, international=file_tag == "International")):
            variants.append(v)
        else:
            stats["organisation variant dropped: unrelated, a fragment of the name, or too generic"] += 1
    return Org(name=names.display_org(rec.name), aliases=[names.display_org(v) for v in variants],
               code=code, kind=kind, source=f"{file_tag}:{rec.line}")


def usable_org_name(name: str, international: bool) -> bool:
    """PETRARCH names an organisation by what stands in English news. Kept: three or more words
    ("Human Rights Watch"), two words from the IGO/NGO list ("Transparency International"), and one-word
    acronyms of four or five letters ("NASA"). Left out: one-word names ("Bersatu", "Organization")
    and two-word armed-group names that are everyday phrases ("Black Friday", "Triple A")."""
    words = name.split()
    if len(words) >= 3:
        return True
    if len(words) == 2:
        return international and not any(ch.isdigit() for ch in name)
    # PETRARCH writes everything in capitals, so a one-word name looks like an acronym whether it is
    # one ("REDR") or a word ("BERSATU", "HAARETZ"): only short ones are kept.
    bare = name.replace(".", "").replace("-", "")
    return bare.isalpha() and bare.isupper() and 4 <= len(bare) <= 5


def is_acronym_of(variant: str, name: str) -> bool:
    """"SPLA" for "SUDAN PEOPLE'S LIBERATION ARMY": the letters are the initials, in order."""
    bare = variant.replace(".", "")
    if " " in variant or not bare.isalpha() or not bare.isupper() or len(bare) < 3:
        return False
    initials = "".join(w[0] for w in name.split() if w[0].isalpha())
    it = iter(initials)
    return all(ch in it for ch in bare)
