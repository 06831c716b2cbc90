"""The event ontology as package data: CAMEO codes (label, Goldstein, root, QuadClass) and the PLOVER
type/mode each CAMEO code maps to. Public reference tables, copied with their provenance by
``scripts/build_ontology.py``; this module only loads them (once)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    root: str
    quad_class: int
    plover_type: str | None = None  # per CAMEO2PLOVER-2021; None for codes PLOVER left out (01x, 02x)
    plover_mode: str | None = None


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines))


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """Every CAMEO code (``"057"``, ``"1712"``, roots ``"05"``) to its facts."""
    plover = {r["cameo"]: (r["plover_type"], r["plover_mode"] or None) for r in _rows("cameo_plover.csv")}
    out: dict[str, CameoCode] = {}
    for r in _rows("cameo.csv"):
        ptype, pmode = plover.get(r["code"], (None, None))
        out[r["code"]] = CameoCode(r["code"], r["label"], float(r["goldstein"]), r["root"],
                                   int(r["quad_class"]), ptype, pmode)
    return out


def cameo(code: str) -> CameoCode:
    """The facts of one CAMEO code; ``KeyError`` names the unknown code."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def quad_class(code: str) -> int:
    """QuadClass (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict) of a code's root."""
    return cameo(code[:2]).quad_class
