"""Readers for the actor dictionary's data files (``src/warta/lang/id``): each file format to plain
records, with file and line for every problem. ``actors.py`` builds the matcher from these records;
``actors_check.py`` validates them. The formats are described in each file's header.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: Curated people: one block per person in ``people/*.txt``.
PEOPLE_DIR = "people"
FILES = {
    "countries": "countries.tsv",
    "territories": "territories.tsv",
    "country_aliases": "country-aliases.tsv",
    "places": "places.tsv",
    "country_forms": "country-forms.tsv",
    "organisations": "organisations.tsv",
    "organisations_generated": "organisations-petrarch.tsv",
    "people_generated": "people-petrarch.tsv",
    "roles": "roles.tsv",
    "not_actors": "not-actors.tsv",
    "cameo_codes": "cameo-codes.tsv",
    "cameo_generated": "cameo-petrarch.tsv",
    "name_titles": "name-titles.txt",
    # Weekday and month names (owned by the dates layer): a capitalised word after a name that is a
    # date word ("kata Trump Senin") does not make the name part of a longer one.
    "calendar": "calendar.tsv",
}


@dataclass(slots=True)
class Surface:
    """One way an actor is written. ``exact``: only in this letter case; ``indoc``: a short form used
    only after the full name appeared in the same article (never matched on its own);
    ``standalone``: not when it is part of a longer capitalised name ("Barat" the West, but not
    "Brebes Barat"; "Korea", but not "Partai Kebebasan Korea" or "Korea Terbuka")."""

    text: str
    how: str
    exact: bool = False
    indoc: bool = False
    standalone: bool = False


@dataclass(slots=True)
class RoleSpec:
    code: str
    start: date | None
    end: date | None
    title: str | None = None
    note: str = ""
    line: int = 0
    # The narrowest reading of imprecise bounds ("2019-10" starts on the 31st at the latest and ends
    # on the 1st at the earliest): overlap checks use these so month-precision data is not an error.
    narrow_start: date | None = None
    narrow_end: date | None = None


@dataclass(slots=True)
class Record:
    """An actor as read from a file, before it becomes an ``Entry``."""

    id: str
    name: str
    kind: str
    code: str | None = None  # base code (no role applies)
    key: str | None = None  # CODING-GUIDE country key, when the file gives it
    surfaces: list[Surface] = field(default_factory=list)
    roles: list[RoleSpec] = field(default_factory=list)
    source: str = ""  # file:line
    generated: bool = False
    note: str = ""


@dataclass(slots=True)
class CountryAlias:
    key: str
    how: str
    surface: Surface
    code: str | None
    note: str
    source: str


@dataclass(slots=True)
class Form:
    words: str
    sector: str  # CAMEO sector, "-" the state itself, "none" not an actor
    after: str  # "names" | "all"
    how: str
    source: str


@dataclass(slots=True)
class RoleWord:
    surface: Surface
    sector: str
    title: str
    unique: int  # 0 several holders, 1 one holder per country, 2 one holder and a key office
    note: str
    source: str
    home: str = ""  # the state the office belongs to when the text names none ("" = any)


class Problems(list):
    """Problems found while reading, as ``file:line: message`` strings."""

    def add(self, source: str, message: str) -> None:
        self.append(f"{source}: {message}")


# ---------------------------------------------------------------------------------------------
# Small parsers
# ---------------------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WORDS = re.compile(r"\w+")


def one_word(text: str) -> bool:
    """"Putin", "Jokowi" - but not "Ramos-Horta" or "Ma'ruf" (two words once punctuation is a space)."""
    return len(_WORDS.findall(text)) == 1


def parse_bound(text: str, is_end: bool) -> tuple[date | None, date | None]:
    """``2019-10`` -> (wide, narrow) readings: a start is 2019-10-01 at the earliest and 2019-10-31 at
    the latest; an end the other way round. ``""`` -> (None, None). Raises ValueError."""
    text = text.strip()
    if not text or text == "?":
        return None, None
    m = _DATE.match(text)
    if not m:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year = int(m.group(1))
    if m.group(3):
        d = date(year, int(m.group(2)), int(m.group(3)))
        return d, d
    if m.group(2):
        month = int(m.group(2))
        first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    else:
        first, last = date(year, 1, 1), date(year, 12, 31)
    return (last, first) if is_end else (first, last)


def parse_period(text: str) -> tuple[date | None, date | None, date | None, date | None]:
    """``2014-10-20..2024-10-20`` -> (start, end, narrow start, narrow end)."""
    if ".." not in text:
        raise ValueError(f"not a period: {text!r} (use START..END; either side may be empty)")
    a, b = text.split("..", 1)
    start, narrow_start = parse_bound(a, is_end=False)
    end, narrow_end = parse_bound(b, is_end=True)
    return start, end, narrow_start, narrow_end


def parse_surface(raw: str, how: str) -> Surface | None:
    """``=AS`` exact case, ``(Retno)`` in-document short form, ``@Brussel`` metonym, ``^Barat`` only
    when not part of a longer capitalised name. Markers combine in any order (``^@Jakarta``)."""
    text = raw.strip()
    exact = indoc = standalone = False
    if text.startswith("(") and text.endswith(")"):
        text, indoc = text[1:-1].strip(), True
    while text[:1] in ("=", "@", "^"):
        mark, text = text[0], text[1:].strip()
        if mark == "=":
            exact = True
        elif mark == "@":
            how = "metonym"
        else:
            standalone = True
    text = text.strip(" .,;:")
    if not text:
        return None
    return Surface(text=text, how=how, exact=exact, indoc=indoc, standalone=standalone)


def _lines(path: Path):
    """(line number, text) of the non-comment, non-blank lines."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line.rstrip("\n")


def _cols(line: str, n: int) -> list[str]:
    """Exactly ``n`` stripped columns: missing ones are empty, extra tabs belong to the last (a note)."""
    cols = line.split("\t", n - 1)
    return [c.strip() for c in cols] + [""] * (n - len(cols))


def parse_roles_column(text: str, source: str, problems: Problems) -> list[RoleSpec]:
    """``AFGREBTAL ..2021-08-14; AFGGOVTAL 2021-08-15..`` -> roles."""
    roles: list[RoleSpec] = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        bits = part.split()
        if len(bits) != 2:
            problems.add(source, f"role {part!r}: expected `CODE START..END`")
            continue
        try:
            start, end, ns, ne = parse_period(bits[1])
        except ValueError as e:
            problems.add(source, f"role {part!r}: {e}")
            continue
        roles.append(RoleSpec(bits[0], start, end, None, "", 0, ns, ne))
    return roles


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------

def read_countries(path: Path, problems: Problems) -> list[Record]:
    out = []
    for number, line in _lines(path):
        key, alpha2, cameo, name, english = _cols(line, 5)
        src = f"{path.name}:{number}"
        if not (key and cameo and name):
            problems.add(src, "expected key, alpha2, cameo, name, english")
            continue
        surfaces = [Surface(name, "name")]
        surfaces += [s for s in (parse_surface(e, "alias") for e in english.split("|") if e) if s]
        out.append(Record(id=key, name=name, kind="country", code=cameo, key=key, surfaces=surfaces,
                          source=src, generated=True))
    return out


def read_country_aliases(path: Path, problems: Problems) -> list[CountryAlias]:
    out = []
    for number, line in _lines(path):
        key, how, surface, code, note = _cols(line, 5)
        src = f"{path.name}:{number}"
        if how not in ("name", "alias", "short", "metonym", "place", "drop"):
            problems.add(src, f"unknown how {how!r} (name, alias, short, metonym, place, drop)")
            continue
        s = parse_surface(surface, how)
        if not key or s is None:
            problems.add(src, "expected key, how, surface")
            continue
        out.append(CountryAlias(key, how, s, code or None, note, src))
    return out


def read_forms(path: Path, problems: Problems) -> list[Form]:
    out = []
    for number, line in _lines(path):
        words, sector, after, how = _cols(line, 4)
        src = f"{path.name}:{number}"
        if not words or not sector or after not in ("names", "all"):
            problems.add(src, "expected words, sector, after (names|all), how")
            continue
        out.append(Form(" ".join(words.split()), sector, after, how or "demonym", src))
    return out


def read_not_actors(path: Path, problems: Problems) -> list[Surface]:
    out = []
    for number, line in _lines(path):
        s = parse_surface(_cols(line, 2)[0], "block")
        if s is None:
            problems.add(f"{path.name}:{number}", "empty surface")
            continue
        out.append(s)
    return out


def read_organisations(path: Path, problems: Problems, generated: bool = False) -> list[Record]:
    out = []
    for number, line in _lines(path):
        oid, key, code, kind, name, aliases, roles, note = _cols(line, 8)
        src = f"{path.name}:{number}"
        if not (oid and code and name) or kind not in ("organisation", "group"):
            problems.add(src, "expected id, key, code, kind (organisation|group), name, aliases, roles, note")
            continue
        first = parse_surface(name, "name")
        if first is None:
            problems.add(src, "empty name")
            continue
        first.how = "name"
        surfaces = [first]
        surfaces += [s for s in (parse_surface(a, "alias") for a in aliases.split("|") if a) if s]
        out.append(Record(id=oid, name=first.text, kind=kind, code=code, key=key or None, surfaces=surfaces,
                          roles=parse_roles_column(roles, src, problems), source=src,
                          generated=generated, note=note))
    return out


def read_people_tsv(path: Path, problems: Problems) -> list[Record]:
    """The generated people file: one person a line."""
    out = []
    for number, line in _lines(path):
        pid, name, aliases, country, base, roles, source = _cols(line, 7)
        src = f"{path.name}:{number}"
        if not (pid and name):
            problems.add(src, "expected id, name, aliases, country, base, roles, source")
            continue
        surfaces = [Surface(name, "name")]
        for a in filter(None, aliases.split("|")):
            s = parse_surface(a, "alias")
            if s:
                # One-word PETRARCH variants (surnames) are for in-document resolution only.
                s.indoc = one_word(s.text)
                s.how = "short" if s.indoc else "alias"
                surfaces.append(s)
        out.append(Record(id=pid, name=name, kind="person", code=base or None, key=country or None,
                          surfaces=surfaces, roles=parse_roles_column(roles, src, problems),
                          source=src, generated=True, note=source))
    return out


_ROLE_LINE = re.compile(
    r"^\s+(?P<code>[A-Z]{3,})"
    r"(?:\s+(?P<period>[0-9?-]*\.\.[0-9?-]*))?"
    r"(?:\s+(?P<title>[^#]*?))?\s*(?:#\s*(?P<note>.*))?$"
)


def read_people_blocks(path: Path, problems: Problems) -> list[Record]:
    """A curated people file: a name line (``Name | Alias | (Short)  # comment``) followed by
    indented role lines (``CODE  START..END  Title  # note``); a role line without a period sets
    the person's base code."""
    out: list[Record] = []
    current: Record | None = None
    for number, line in _lines(path):
        src = f"{path.parent.name}/{path.name}:{number}"
        if line[:1] in (" ", "\t"):
            if current is None:
                problems.add(src, "role line before any name line")
                continue
            m = _ROLE_LINE.match(line)
            if not m:
                problems.add(src, f"cannot read role line {line.strip()!r} (CODE START..END Title # note)")
                continue
            code, period = m.group("code"), m.group("period")
            title = (m.group("title") or "").strip() or None
            note = (m.group("note") or "").strip()
            if period is None:
                if title:
                    problems.add(src, f"role {code} {title!r} has no period (write START..END; a bare code is the base code)")
                    continue
                current.code = code
                continue
            try:
                start, end, ns, ne = parse_period(period)
            except ValueError as e:
                problems.add(src, str(e))
                continue
            current.roles.append(RoleSpec(code, start, end, title, note, number, ns, ne))
            continue
        body, _, comment = line.partition("#")
        names = [n for n in (p.strip() for p in body.split("|")) if n]
        if not names:
            problems.add(src, "empty name line")
            current = None
            continue
        first = parse_surface(names[0], "name")
        if first is None or first.indoc:
            problems.add(src, "the first name on a name line is the full display name")
            current = None
            continue
        surfaces = [Surface(first.text, "name", exact=first.exact)]
        for raw in names[1:]:
            s = parse_surface(raw, "alias")
            if s is None:
                continue
            if one_word(s.text):
                s.how = "short"
            surfaces.append(s)
        current = Record(id="", name=first.text, kind="person", surfaces=surfaces, source=src,
                         note=comment.strip())
        out.append(current)
    return out


def read_roles(path: Path, problems: Problems) -> list[RoleWord]:
    out = []
    for number, line in _lines(path):
        surface, sector, title, unique, home, note = _cols(line, 6)
        src = f"{path.name}:{number}"
        s = parse_surface(surface, "role")
        if s is None or not sector or not title or unique not in ("0", "1", "2") or \
                home and not (home.isalpha() and home.isupper()):
            problems.add(src, "expected surface, sector, title, unique (0|1|2), home (a country key or empty), note")
            continue
        out.append(RoleWord(s, sector, title, int(unique), note, src, home))
    return out


def read_cameo_codes(path: Path, problems: Problems) -> dict[str, str]:
    """code -> kind (prefix, region, country, sector, group, religion; or "petrarch")."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for number, line in _lines(path):
        cols = _cols(line, 3)
        if len(cols[0]) != 3 or not cols[0].isupper():
            problems.add(f"{path.name}:{number}", f"not a 3-letter code: {cols[0]!r}")
            continue
        out[cols[0]] = cols[1] if path.name == FILES["cameo_codes"] else "petrarch"
    return out


def read_territories(path: Path, problems: Problems) -> dict[str, str]:
    """``territories.tsv`` -> {territory key: sovereign key} (missing file: none)."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for number, line in _lines(path):
        key, sovereign, _ = _cols(line, 3)
        if not (len(key) == 3 and key.isalpha() and key.isupper() and len(sovereign) == 3
                and sovereign.isalpha() and sovereign.isupper()):
            problems.add(f"{path.name}:{number}", f"expected `KEY<TAB>SOVEREIGN`, got {line!r}")
            continue
        out[key] = sovereign
    return out


def read_words(path: Path) -> list[str]:
    """A one-word-per-line list (``name-titles.txt``)."""
    if not path.exists():
        return []
    return [line.split("#", 1)[0].strip() for _, line in _lines(path) if line.split("#", 1)[0].strip()]


def read_calendar_words(path: Path) -> list[str]:
    """Weekday and month names from the dates layer's ``calendar.tsv`` (kind, word, value); tolerant:
    a missing or changed file only loses this refinement."""
    words: list[str] = []
    try:
        for _, line in _lines(path):
            cols = line.split("\t")
            if len(cols) >= 2 and cols[0].strip() in ("month", "weekday"):
                words.append(cols[1].strip())
    except OSError:
        pass
    return words


def people_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / PEOPLE_DIR).glob("*.txt"))


def all_files(data_dir: Path) -> list[Path]:
    return [data_dir / f for f in FILES.values()] + people_files(data_dir)
