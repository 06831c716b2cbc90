"""The relations timeline of two countries: data, the Vega-Lite chart (altair), a self-contained HTML
page and a PNG.

One chart serves the web page (rendered in the browser by the bundled vega-embed), ``warta relations
--chart out.html`` (the same bundles inlined: the file opens offline) and ``--chart out.png``
(vl-convert-python, when installed). Top: the daily (or monthly) Goldstein sum in each direction;
below: events per QuadClass, one panel per direction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Literal

from warta.api.labels import d3_locales, quad_label
from warta.errors import WartaError

Granularity = Literal["day", "month"]
#: Densify (draw days without events as zero) up to this many periods; sparser beyond.
MAX_DENSE_PERIODS = 1500
VENDOR = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
QUAD_COLOURS = ("#2b8cbe", "#1a9850", "#f39c12", "#c0392b")
DIRECTION_COLOURS = ("#34495e", "#e67e22")


@dataclass(slots=True)
class Relations:
    """Two countries' events per period and direction (rows of ``queries.relations``)."""

    a: str
    b: str
    by: Granularity
    rows: list[dict[str, Any]]
    date_from: date | None = None
    date_to: date | None = None
    modality: str | None = "asserted"
    totals: dict[str, dict[str, float | int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for d in ("AB", "BA"):
            sel = [r for r in self.rows if r["direction"] == d]
            self.totals[d] = {k: sum(r[k] for r in sel)
                              for k in ("events", "q1", "q2", "q3", "q4", "goldstein", "mentions", "articles")}

    @property
    def directions(self) -> tuple[str, ...]:
        """("AB", "BA"); only "AB" for a country with itself (its domestic events)."""
        return ("AB",) if self.a == self.b else ("AB", "BA")

    def arrow(self, direction: str) -> str:
        return f"{self.a} → {self.b}" if direction == "AB" else f"{self.b} → {self.a}"

    def periods(self) -> list[date]:
        """Every period that has events, in order."""
        return sorted({r["period"] for r in self.rows})

    def table(self) -> list[dict[str, Any]]:
        """One row per period: ``{"period": date, "AB": {...} | None, "BA": {...} | None}``."""
        by_period: dict[date, dict[str, Any]] = {}
        for r in self.rows:
            by_period.setdefault(r["period"], {"period": r["period"], "AB": None, "BA": None})[r["direction"]] = r
        return [by_period[p] for p in sorted(by_period)]


def _next(d: date, by: Granularity) -> date:
    if by == "day":
        return d + timedelta(days=1)
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _bucket(d: date, by: Granularity) -> date:
    return d if by == "day" else d.replace(day=1)


def timeline(rel: Relations) -> list[date]:
    """The periods the chart spans: from/to when given, else the first to the last event; every
    period when there are not too many, else only those with events."""
    have = rel.periods()
    if not have:
        return []
    start = _bucket(rel.date_from, rel.by) if rel.date_from else have[0]
    end = _bucket(rel.date_to, rel.by) if rel.date_to else have[-1]
    out, d = [], start
    while d <= end and len(out) <= MAX_DENSE_PERIODS:
        out.append(d)
        d = _next(d, rel.by)
    if len(out) > MAX_DENSE_PERIODS:
        return have
    return out


def chart_data(rel: Relations) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(Goldstein sums per period and direction, with zeros; event counts per period, direction and QuadClass)."""
    index = {(r["period"], r["direction"]): r for r in rel.rows}
    gold, counts = [], []
    for p in timeline(rel):
        for d in rel.directions:
            r = index.get((p, d))
            gold.append({"period": p.isoformat(), "direction": rel.arrow(d),
                         "goldstein": round(r["goldstein"], 2) if r else 0.0, "events": r["events"] if r else 0})
            for q in (1, 2, 3, 4):
                n = r[f"q{q}"] if r else 0
                if n:
                    counts.append({"period": p.isoformat(), "direction": rel.arrow(d), "dir": 0 if d == "AB" else 1,
                                   "quad_class": q, "quad": quad_label(q), "n": n})
    return gold, counts


def count_ticks(counts: list[dict[str, Any]], most: int = 5) -> list[int]:
    """Whole-number ticks for the stacked counts (events are not fractional)."""
    stacks: dict[tuple[str, str], int] = {}
    for c in counts:
        stacks[(c["period"], c["direction"])] = stacks.get((c["period"], c["direction"]), 0) + c["n"]
    top = max(stacks.values(), default=1)
    step = max(1, -(-top // (most - 1)))
    return list(range(0, top + step, step))


def vega_lite_spec(rel: Relations, width: int = 720, title: bool = False, validate: bool = False) -> dict[str, Any]:
    """The chart as a Vega-Lite specification (dict), built with altair; ``title`` names the pair above
    it (for a chart that stands alone). The spec's shape does not depend on the data, so validating it
    against the Vega-Lite schema (slow: jsonschema) is for the tests (``validate=True``)."""
    import altair as alt

    gold, counts = chart_data(rel)
    unit = "utcyearmonthdate" if rel.by == "day" else "utcyearmonth"
    axis_format = "%e %b %Y" if rel.by == "day" else "%b %Y"
    x = alt.X(f"{unit}(period):T", title=None, axis=alt.Axis(format=axis_format, labelOverlap=True))
    period_tip = alt.Tooltip(f"{unit}(period):T", title="Tanggal" if rel.by == "day" else "Bulan",
                             format=axis_format)
    arrows = [rel.arrow(d) for d in rel.directions]
    quads = [quad_label(q) for q in (1, 2, 3, 4)]
    line = (
        alt.Chart(alt.Data(values=gold), title=f"Jumlah skor Goldstein per {'hari' if rel.by == 'day' else 'bulan'}")
        .mark_line(point=True)
        .encode(x=alt.X(f"{unit}(period):T", title=None, bandPosition=0.5,  # points at mid-day, over the bars
                        axis=alt.Axis(format=axis_format, labelOverlap=True)),
                y=alt.Y("goldstein:Q", title="Goldstein"),
                color=alt.Color("direction:N", title="Arah", sort=arrows,
                                scale=alt.Scale(domain=arrows, range=list(DIRECTION_COLOURS))),
                tooltip=[period_tip, alt.Tooltip("direction:N", title="Arah"),
                         alt.Tooltip("goldstein:Q", title="Goldstein", format=".1f"),
                         alt.Tooltip("events:Q", title="Peristiwa")])
        .properties(width=width, height=180)
    )
    bars = (
        alt.Chart(alt.Data(values=counts))
        .mark_bar()
        .encode(x=x, y=alt.Y("n:Q", title="Peristiwa", stack="zero",
                             axis=alt.Axis(values=count_ticks(counts), format="d")),
                color=alt.Color("quad:N", title="QuadClass", sort=quads,
                                scale=alt.Scale(domain=quads, range=list(QUAD_COLOURS))),
                order=alt.Order("quad_class:Q"),
                tooltip=[period_tip, alt.Tooltip("direction:N", title="Arah"), alt.Tooltip("quad:N", title="QuadClass"),
                         alt.Tooltip("n:Q", title="Peristiwa")])
        .properties(width=width, height=110)
        .facet(row=alt.Row("direction:N", title=None,  # a→b first (a sort array is ignored by facets)
                           sort=alt.EncodingSortField("dir", op="min", order="ascending"),
                           header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start",
                                             labelFontWeight="bold", labelFontSize=12,
                                             labelExpr="'Peristiwa ' + datum.value + ' per QuadClass'")),
               spacing=16)
    )
    chart = (alt.vconcat(line, bars, spacing=28)
             .resolve_scale(x="shared", color="independent")
             .configure_view(stroke=None)
             .configure_axis(labelFontSize=11, titleFontSize=12)
             .configure_title(anchor="start", fontSize=13))
    if title:
        chart = chart.properties(title=f"Relasi {rel.a} – {rel.b}")
    return chart.to_dict(validate=validate)


def embed_options() -> dict[str, Any]:
    """vega-embed options: SVG, no action menu, Indonesian number and date formats."""
    return {"renderer": "svg", "actions": False, **d3_locales()}


@cache
def vendor_js(name: str) -> str:
    return resources.files("warta.api").joinpath("static", "vendor", name).read_text("utf-8")


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>`` or ``<!--`` can close it)."""
    return (json.dumps(value, ensure_ascii=False, default=str)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def standalone_html(spec: dict[str, Any], title: str) -> str:
    """One HTML file with the chart and the Vega bundles inlined: it opens without a network."""
    from markupsafe import escape

    scripts = "\n".join(f"<script>{vendor_js(n)}</script>" for n in VENDOR)
    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#222}}h1{{font-size:1.3rem}}</style>
{scripts}
</head>
<body>
<h1>{escape(title)}</h1>
<div id="chart"></div>
<script type="application/json" id="chart-spec">{script_json(spec)}</script>
<script type="application/json" id="chart-options">{script_json(embed_options())}</script>
<script>
vegaEmbed("#chart", JSON.parse(document.getElementById("chart-spec").textContent),
          JSON.parse(document.getElementById("chart-options").textContent)).catch(console.error);
</script>
</body>
</html>
"""


def png_bytes(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    """The chart as PNG through vl-convert-python (an optional dependency)."""
    try:
        import vl_convert as vlc
    except ImportError:
        raise WartaError("a PNG chart needs vl-convert-python (pip install vl-convert-python); "
                         "--chart out.html works without it") from None
    loc = d3_locales()
    return vlc.vegalite_to_png(spec, scale=scale, format_locale=loc["formatLocale"],
                               time_format_locale=loc["timeFormatLocale"])
