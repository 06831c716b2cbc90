"""Validate the actor dictionary's data files: what ``warta actors check`` runs.

Errors (the check fails): unreadable lines; CAMEO codes with unknown components; country keys that
are neither ISO alpha-3 nor a CODING-GUIDE key; role periods that end before they start; one office
marked unique in ``roles.tsv`` held by two people on the same day (two Russian prime ministers);
one curated person in roles of two different countries at once unless the note says ``concurrent``.

Warnings (reported, the check passes): one name for several entries, one-word short forms shared
by several people (they then resolve only inside an article), curated short forms that are everyday
Indonesian words, two unique offices of one person at once, roles without a resolvable country.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from warta.lang.id import actor_files as af
from warta.lang.id import actors

#: Polities the issue asks to cover with heads of state/government, foreign and defence ministers.
REQUIRED = (
    # G20 (states) and its two bloc members
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS", "SAU",
    "ZAF", "KOR", "TUR", "GBR", "USA", "EU", "AU",
    # ASEAN
    "BRN", "KHM", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM",
    # and
    "UKR", "ISR", "PSE", "IRN", "PRK", "TWN", "UN",
)


@dataclass
class CheckResult:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    summary: dict[str, object] = field(default_factory=dict)
    coverage: dict[str, list[str]] = field(default_factory=dict)  # key -> "Title: Name" held on the date

    @property
    def ok(self) -> bool:
        return not self.errors


def _overlap(a: af.RoleSpec, b: af.RoleSpec) -> bool:
    """Strict overlap of the narrow readings: a handover day (end == next start) is not an overlap."""
    a0, a1 = a.narrow_start or date.min, a.narrow_end or date.max
    b0, b1 = b.narrow_start or date.min, b.narrow_end or date.max
    return a0 < b1 and b0 < a1


def _code_problem(code: str, firsts: set[str], later: set[str]) -> str | None:
    if not code or len(code) % 3 or not code.isalpha() or not code.isupper():
        return f"malformed CAMEO code {code!r}"
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if chunks[0] not in firsts:
        return f"CAMEO code {code}: {chunks[0]} is not a country, region or organisation prefix"
    bad = [c for c in chunks[1:] if c not in later]
    if bad:
        return f"CAMEO code {code}: unknown component(s) {', '.join(bad)}"
    return None


def check(data_dir: Path = actors.DATA_DIR, on: date | None = None) -> CheckResult:
    on = on or date.today()
    res = CheckResult()
    builder = actors._Builder(data_dir)
    d, report = builder.build()
    res.errors += report.problems

    # --- the code vocabulary -------------------------------------------------------------------
    probs = af.Problems()
    curated_codes = af.read_cameo_codes(data_dir / af.FILES["cameo_codes"], probs)
    petrarch_codes = af.read_cameo_codes(data_dir / af.FILES["cameo_generated"], probs)
    res.errors += probs
    cameo_countries = set(builder.iso_by_cameo)
    firsts = cameo_countries | set(builder.cameo_by_iso) | {
        c for c, k in curated_codes.items() if k in ("prefix", "region", "country", "historical")}
    later = cameo_countries | set(curated_codes) | set(petrarch_codes)
    valid_keys = set(builder.cameo_by_iso) | set(actors.GUIDE_KEYS)

    # --- entries: codes and keys -----------------------------------------------------------------
    bad_codes: Counter = Counter()
    for e in d.entries():
        where = f"{e.id} ({e.name})"
        generated = e.id.startswith("petrarch")
        for code in [e.code] + [r.code for r in e.roles]:
            if code is None:
                continue
            msg = _code_problem(code, firsts, later)
            if msg:
                if generated:
                    bad_codes[msg] += 1
                else:
                    res.errors.append(f"{where}: {msg}")
        for key in [e.country] + [r.country for r in e.roles]:
            if key is not None and key not in valid_keys:
                res.errors.append(f"{where}: country key {key!r} is neither ISO alpha-3 nor a CODING-GUIDE key")
        for r in e.roles:
            if r.start and r.end and r.start > r.end:
                (res.warnings if generated else res.errors).append(
                    f"{where}: role {r.code} {r.title or ''} ends ({r.end}) before it starts ({r.start})")
        if e.kind == "person" and not generated and e.country is None:
            res.warnings.append(f"{where}: no country key (give a base code, e.g. a line `    EGY`)")
    for msg, n in bad_codes.most_common():
        res.warnings.append(f"generated entries: {msg} ({n}x)")

    # --- roles.tsv and forms ---------------------------------------------------------------------
    role_words = af.read_roles(data_dir / af.FILES["roles"], probs := af.Problems())
    forms = af.read_forms(data_dir / af.FILES["country_forms"], probs)
    res.errors += probs
    unique_titles = {w.title for w in role_words if w.unique}
    key_titles = {w.title for w in role_words if w.unique == 2}
    for w in role_words:
        msg = _code_problem("IDN" + w.sector, {"IDN"}, later)
        if msg:
            res.errors.append(f"{w.source}: role {w.surface.text!r}: sector {w.sector}: {msg}")
        if w.home and w.home not in builder.cameo_by_iso:
            res.errors.append(f"{w.source}: role {w.surface.text!r}: home {w.home!r} is not a state key")
    for fm in forms:
        if fm.sector not in ("-", "none") and _code_problem("IDN" + fm.sector, {"IDN"}, later):
            res.errors.append(f"{fm.source}: form {fm.words!r}: unknown sector {fm.sector}")

    # --- curated people: periods and overlaps ------------------------------------------------------
    people: list[af.Record] = []
    for path in af.people_files(data_dir):
        people += af.read_people_blocks(path, af.Problems())
    office: dict[tuple[str | None, str], list[tuple[af.Record, af.RoleSpec]]] = defaultdict(list)
    for p in people:
        for r in p.roles:
            src = f"{p.source.rsplit(':', 1)[0]}:{r.line}"
            if r.start and r.end and r.start > r.end:
                res.errors.append(f"{src}: {p.name}: role {r.code} {r.title} ends before it starts")
            if r.title in unique_titles:
                office[(builder.country_of_code(r.code), r.title)].append((p, r))
        for i, a in enumerate(p.roles):
            for b in p.roles[i + 1:]:
                if not _overlap(a, b) or "concurrent" in a.note or "concurrent" in b.note:
                    continue
                ka, kb = builder.country_of_code(a.code), builder.country_of_code(b.code)
                if ka != kb:
                    res.errors.append(f"{p.source}: {p.name} holds {a.code} ({a.title}) and {b.code} "
                                      f"({b.title}) at the same time; mark the note `concurrent` if real")
                elif a.title in unique_titles and b.title in unique_titles and a.title != b.title:
                    res.warnings.append(f"{p.source}: {p.name} is {a.title} and {b.title} at the same time")
    for (key, title), holders in sorted(office.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        for i, (pa, ra) in enumerate(holders):
            for pb, rb in holders[i + 1:]:
                if pa is not pb and _overlap(ra, rb):
                    res.errors.append(
                        f"two holders of one office: {title} of {key}: {pa.name} "
                        f"({ra.start}..{ra.end or ''}) and {pb.name} ({rb.start}..{rb.end or ''}) "
                        f"[{pa.source.rsplit(':', 1)[0]}:{ra.line}, {pb.source.rsplit(':', 1)[0]}:{rb.line}]")

    # --- names ----------------------------------------------------------------------------------------
    common = _indonesian_words()
    for p in people:
        for s in p.surfaces:
            if "  " in s.text:
                res.warnings.append(f"{p.source}: {s.text!r} has a double space")
            if s.how == "short" and not s.indoc and s.text.lower() in common:
                res.warnings.append(f"{p.source}: short form {s.text!r} is an everyday Indonesian word; "
                                    f"write it ({s.text}) to use it only after the full name")
    curated_dups = [x for x in report.duplicates if "petrarch" not in x]
    res.warnings += [f"one name, several entries: {x}" for x in curated_dups]
    res.warnings += [f"short form shared (resolves only in-article): {x}" for x in report.ambiguous_short
                     if x.count(",") < 4]

    # --- coverage and summary ------------------------------------------------------------------------
    for key in REQUIRED:
        held = []
        for e in d.entries("person"):
            if e.id.startswith("petrarch"):
                continue
            for r in e.roles:
                if r.covers(on) and r.country == key and (r.title in key_titles or key in actors.GUIDE_KEYS):
                    held.append(f"{r.title}: {e.name}")
        res.coverage[key] = sorted(held)
    missing = [k for k, v in res.coverage.items() if not v]
    if missing:
        res.warnings.append(f"no current holder of a key office on {on} for: {', '.join(missing)}")

    kinds = Counter(e.kind for e in d.entries() if not e.id.startswith("petrarch"))
    curated_people = [e for e in d.entries("person") if not e.id.startswith("petrarch")]
    res.summary = {
        "countries": report.counts["country"],
        "state bodies (metonyms, forms)": kinds["country"] - report.counts["country"],
        "organisations": report.counts["organisation"],
        "groups": report.counts["group"],
        "people (curated)": len(curated_people),
        "people (generated, PETRARCH2)": report.counts["person (generated)"],
        "people (total)": len(curated_people) + report.counts["person (generated)"],
        "curated roles": sum(len(p.roles) for p in people),
        "role words": len(role_words),
        "countries covered by curated people": len({r.country for e in curated_people for r in e.roles
                                                   if r.country}),
        "required polities with a current office holder": f"{len(REQUIRED) - len(missing)}/{len(REQUIRED)}",
        "generated entries replaced by curated ones": report.generated_skipped,
        "names shared by several entries (curated/all)": f"{len(curated_dups)}/{len(report.duplicates)}",
    }
    return res


def _indonesian_words() -> frozenset[str]:
    try:
        from importlib.resources import files

        text = files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt").read_text(encoding="utf-8")
        return frozenset(w.strip().lower() for w in text.split())
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
