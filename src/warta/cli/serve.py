"""``warta serve`` (the API and web pages over a database, read-only) and ``warta relations`` (how
two countries treat each other over time, as a table, JSON or a chart)."""

from __future__ import annotations

import json
import re
import socket
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich import box
from rich.table import Table

from warta.cli.app import DbOption, app, err, out
from warta.errors import InputError



class By(str, Enum):
    day = "day"
    month = "month"


class Which(str, Enum):
    asserted = "asserted"
    future = "future"
    negated = "negated"
    hypothetical = "hypothetical"
    all = "all"


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


@app.command("serve")
def serve_command(
    db: Path = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    log_level: str = typer.Option("info", "--log-level",
                                  help="uvicorn log level: critical, error, warning, info, debug."),
) -> None:
    """Serve the database read-only: the JSON API and the web pages.

    API under /api (OpenAPI /openapi.json, reference /docs); digest /, events /events, relations /relations."""
    import uvicorn

    from warta.api.app import create_app

    application = create_app(db)  # a missing, locked or outdated database fails here, clearly
    if not _port_free(host, port):
        raise InputError(f"port {port} on {host} is in use; choose another with --port")
    err.print(f"warta: serving {db} read-only at [bold]http://{host}:{port}/[/] "
              f"(API /api, reference /docs); Ctrl-C stops")
    _say_what_the_digest_lacks(application, db)
    uvicorn.run(application, host=host, port=port, log_level=log_level.lower())


def _say_what_the_digest_lacks(application: Any, db: Path) -> None:
    """The front page shows stored stories only: say when days with articles have none built yet."""
    cur = application.state.store.cursor()
    try:
        missing, latest = cur.execute(
            "SELECT count(DISTINCT published), max(published) FROM articles WHERE published IS NOT NULL "
            "AND published NOT IN (SELECT day FROM story_days)").fetchone()
    finally:
        cur.close()
    if missing:
        err.print(f"[yellow]note:[/] {missing:,} day(s) with articles have no stories built, so no digest "
                  f"(latest {latest}): build them with `warta digest --db {db} --all-days` "
                  f"(or one with --date {latest})", highlight=False)


def _country(value: str, name: str) -> str:
    from warta.api.params import COUNTRY_PATTERN

    if not re.fullmatch(COUNTRY_PATTERN, value.strip()):
        raise InputError(f"{name}: {value!r} is not a country key — use ISO alpha-3 (RUS, CHN, IDN) "
                         "or a bloc key (UN, EU, NATO, ASEAN, G7, WST)")
    return value.strip().upper()


def relations_table(rel: Any) -> Table:
    """Per period: events a→b and b→a by QuadClass with their Goldstein sums, and the totals."""
    from warta.api.filters import goldstein as fmt_gold
    from warta.api.labels import compact_date, modality_label

    which = "semua peristiwa" if rel.modality is None else f"peristiwa {modality_label(rel.modality)} ({rel.modality})"
    t = Table(title=f"Relasi {rel.a} – {rel.b} · per {'hari' if rel.by == 'day' else 'bulan'} · {which}",
              title_justify="left", show_footer=True, box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True,
              caption="A→B: jumlah peristiwa per arah · GS: jumlah skor Goldstein\n"
                      "Q1 kerja sama verbal · Q2 kerja sama material · Q3 konflik verbal · Q4 konflik material",
              caption_justify="left")
    t.add_column("Tanggal" if rel.by == "day" else "Bulan", footer="Jumlah", no_wrap=True)
    for d in rel.directions:
        tot = rel.totals[d]
        style = "cyan" if d == "AB" else "magenta"
        t.add_column(rel.arrow(d).replace(" → ", "→"), justify="right", style=f"bold {style}",
                     footer=str(tot["events"]), no_wrap=True)
        for q in (1, 2, 3, 4):
            t.add_column(f"Q{q}", justify="right", footer=str(tot[f"q{q}"]), no_wrap=True)
        t.add_column("GS", justify="right", style=style, footer=fmt_gold(tot["goldstein"]), no_wrap=True)
    for row in rel.table():
        p = row["period"]
        cells = [compact_date(p, rel.by)]
        for d in rel.directions:
            r = row[d]
            if r is None:
                cells += ["[dim]0[/]", "", "", "", "", "[dim]—[/]"]
            else:
                cells += [str(r["events"])] + [str(r[f"q{q}"] or "") for q in (1, 2, 3, 4)] + [fmt_gold(r["goldstein"])]
        t.add_row(*cells)
    return t


@app.command("relations")
def relations_command(
    a: str = typer.Argument(..., help="First country key (RUS)."),
    b: str = typer.Argument(..., help="Second country key (CHN)."),
    date_from: Optional[datetime] = typer.Option(None, "--from", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD",
                                                 help="First day."),
    date_to: Optional[datetime] = typer.Option(None, "--to", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD",
                                               help="Last day."),
    by: By = typer.Option(By.day, "--by", help="Rows per day or month."),
    modality: Which = typer.Option(Which.asserted, "--modality",
                                   help="Events that count: asserted (what happened), future, negated, "
                                        "hypothetical, or all."),
    chart: Optional[Path] = typer.Option(None, "--chart", help="Also write the timeline chart: out.html "
                                         "(self-contained, opens offline) or out.png (needs vl-convert-python)."),
    as_json: bool = typer.Option(False, "--json", help="Print the rows as JSON instead of a table."),
    db: Path = DbOption,
) -> None:
    """How two countries treat each other over time, per day or month.

    Events A→B and B→A by QuadClass, with Goldstein sums. The same key twice: domestic events."""
    from warta.api.chart import Relations, png_bytes, standalone_html, vega_lite_spec
    from warta.store import open_store, queries

    a, b = _country(a, "A"), _country(b, "B")
    by, modality = by.value, modality.value  # type: ignore[assignment]
    d_from = date_from.date() if date_from else None
    d_to = date_to.date() if date_to else None
    if d_from and d_to and d_from > d_to:
        raise InputError(f"--from {d_from} is after --to {d_to}")
    if chart is not None and chart.suffix.lower() not in (".html", ".htm", ".png"):
        raise InputError(f"--chart {chart}: write .html or .png")
    con = open_store(db, read_only=True)
    try:
        mod = None if modality == "all" else modality
        rows = queries.relations(con, a, b, d_from, d_to, by, mod)  # type: ignore[arg-type]
    finally:
        con.close()
    rel = Relations(a=a, b=b, by=by, rows=rows, date_from=d_from, date_to=d_to, modality=mod)  # type: ignore[arg-type]
    if as_json:
        out.print_json(json.dumps({"a": a, "b": b, "by": by, "modality": modality,
                                   "from": d_from.isoformat() if d_from else None,
                                   "to": d_to.isoformat() if d_to else None,
                                   "rows": rows, "totals": rel.totals}, default=str, ensure_ascii=False))
    elif rows:
        out.print(relations_table(rel))
    else:
        err.print(f"no {'' if mod is None else mod + ' '}events between {a} and {b}"
                  f"{' in that period' if d_from or d_to else ''} in {db}")
    if chart is not None:
        if not rows:
            raise InputError(f"no chart written: there are no events between {a} and {b} to draw")
        spec = vega_lite_spec(rel, title=True)
        if chart.suffix.lower() == ".png":
            chart.write_bytes(png_bytes(spec))
        else:
            chart.write_text(standalone_html(spec, f"Relasi {a} – {b}"), encoding="utf-8")
        err.print(f"chart written to {chart}")
