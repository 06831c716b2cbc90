"""Read PETRARCH2 / TABARI actor dictionaries (``Phoenix.*.actors.txt``) into plain records.

The format (PETRARCH docs, "Actor Dictionary"): a record is a primary phrase with an optional
default code (``VLADIMIR_PUTIN_  [RUS]``), synonym lines starting with ``+`` and date restrictions
on tab-indented lines (``\t[RUSGOV 990809-000507]``, ``[CODE >YYMMDD]`` after, ``[CODE <YYMMDD]``
before, ``[CODE]`` default). Words are joined by ``_``; a final ``_`` marked "no stemming" in TABARI.
Dates are YYMMDD or YYYYMMDD. Comments start with ``#``.

The files are older hand-maintained data and have quirks this reader copes with, counting what it
had to skip: several names without ``+`` before one block of roles (the Yeltsin block), synonym lines
that are really other people (``ABDUL_QADIR_ +NUR_MOHAMMAD_TARAKI_``: kept only when they share a
word with the primary), several role periods on one line, 7-digit dates.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: The dictionaries were generated in January 2014: a two-digit year up to 14 is 20yy, later is 19yy.
PIVOT_YEAR = 14

_CODE_RE = re.compile(r"\[([^\]]*)\]")
_ROLE_RE = re.compile(r"^([A-Z~]{3,})(?:\s+([<>]?)(\d{6,8})(?:\s*-\s*(\d{6,8}))?)?\s*$")


@dataclass(slots=True)
class PetrRole:
    code: str
    start: date | None
    end: date | None


@dataclass(slots=True)
class PetrRecord:
    """One actor record: its primary name, synonyms and codes, and where it was found."""

    name: str
    synonyms: list[str] = field(default_factory=list)
    default: str | None = None  # code without a period
    roles: list[PetrRole] = field(default_factory=list)
    comment: str = ""
    section: str | None = None  # the country block it sits in (Countries file)
    line: int = 0


def _date(text: str) -> date | None:
    if len(text) == 6:
        yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:6])
        year = 2000 + yy if yy <= PIVOT_YEAR else 1900 + yy
    elif len(text) == 8:
        year, mm, dd = int(text[:4]), int(text[4:6]), int(text[6:8])
    else:
        raise ValueError(text)
    return date(year, mm, dd)


def parse_codes(text: str, problems: Counter) -> tuple[str | None, list[PetrRole]]:
    """``[IGOEUREEC 650701-651231] [ELI]`` -> default code and dated roles."""
    default: str | None = None
    roles: list[PetrRole] = []
    for raw in _CODE_RE.findall(text):
        m = _ROLE_RE.match(raw.strip())
        if not m:
            problems["unreadable code"] += 1
            continue
        code, op, d1, d2 = m.groups()
        code = code.replace("~", "")
        if not d1:
            default = code
            continue
        try:
            first = _date(d1)
            second = _date(d2) if d2 else None
        except ValueError:
            problems["bad date"] += 1
            continue
        if op == ">":
            roles.append(PetrRole(code, first, None))
        elif op == "<":
            roles.append(PetrRole(code, None, first))
        else:
            roles.append(PetrRole(code, first, second))
    return default, roles


def phrase(text: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``VLADIMIR V. PUTIN`` (upper case, single spaces)."""
    return " ".join(text.replace("_", " ").split())


def read(path: Path, problems: Counter | None = None) -> list[PetrRecord]:
    """Every record of one file, in file order."""
    problems = problems if problems is not None else Counter()
    records: list[PetrRecord] = []
    current: PetrRecord | None = None
    section: str | None = None
    pending_roles = False  # the current record has role lines: a bare name line starts a new record
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#") or raw.lstrip().startswith("<"):
            if not raw.strip():
                pending_roles = True
            continue
        body, _, comment = raw.partition("#")
        if raw[0] in " \t":  # date restrictions
            if current is None:
                problems["roles without a name"] += 1
                continue
            default, roles = parse_codes(body, problems)
            current.roles.extend(roles)
            current.default = default or current.default
            pending_roles = True
            continue
        if raw.startswith("+"):
            if current is None:
                problems["synonym without a name"] += 1
                continue
            name = phrase(_CODE_RE.sub("", body[1:]))
            if name:
                current.synonyms.append(name)
            default, roles = parse_codes(body, problems)
            current.roles.extend(roles)
            current.default = default or current.default
            continue
        # A primary phrase, possibly with codes on the same line.
        name = phrase(_CODE_RE.sub("", body))
        default, roles = parse_codes(body, problems)
        if not name:
            continue
        if (current is not None and not pending_roles and not current.roles and current.default is None
                and not roles and default is None):
            # A bare name right after another bare name: PETRARCH gives it no code of its own; the
            # roles that follow describe the group. Keep it as a synonym when it names the same person.
            current.synonyms.append(name)
            continue
        current = PetrRecord(name=name, default=default, roles=list(roles), comment=comment.strip(),
                             section=section, line=number)
        records.append(current)
        pending_roles = bool(roles) or default is not None
        if default and len(default) == 3 and "CountryInfo" not in comment and not roles:
            section = default  # a country header: ``RUSSIAN_FEDERATION_  [RUS]``
            current.section = section
    return records
