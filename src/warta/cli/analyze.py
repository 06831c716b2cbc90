"""``warta analyze``: read inputs and print each article's analysis — stateless (no database)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.table import Table

from warta.cli.app import QuietOption, app, err, out


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def _where(q) -> str:
    place = f"{q.path}" + (f":{q.index}" if q.index else "")
    return place + (f" [{q.member}]" if q.member else "")


@app.command("analyze")
def analyze_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders, any format `warta ingest` reads."),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="jsonl: one JSON object per article; table: a summary."),
    with_text: bool = typer.Option(False, "--with-text", help="Include the normalised text (offsets point into it)."),
    with_sentences: bool = typer.Option(False, "--with-sentences", help="Include sentence boundaries."),
    quiet: bool = QuietOption,
) -> None:
    """Analyse articles and print the results; nothing is stored. Unreadable input is reported on stderr."""
    from warta.ingest import read_articles
    from warta.ingest.pipeline import safe_analyse
    from warta.model import Quarantined

    table = None
    if fmt is OutputFormat.table:
        table = Table(title="Analyses", title_justify="left")
        for col in ("id", "date", "lang", "title", "entities", "events", "quotes", "note"):
            table.add_column(col, justify="right" if col in ("entities", "events", "quotes") else "left",
                             overflow="fold", max_width=60 if col == "title" else None)
    n = n_quarantined = 0
    for item in read_articles([str(p) for p in paths]):
        if isinstance(item, Quarantined):
            n_quarantined += 1
            err.print(f"[yellow]quarantined[/] {_where(item)}: {item.reason} — {item.detail}", highlight=False)
            continue
        n += 1
        analysis = safe_analyse(item)
        if analysis.skipped and analysis.skipped.startswith("error:") and not quiet:
            err.print(f"[red]analysis failed[/] for {analysis.id}: {analysis.skipped}", highlight=False)
        if table is None:
            analysis.text = item.text
            sys.stdout.write(json.dumps(analysis.to_dict(with_text=with_text, with_sentences=with_sentences),
                                        ensure_ascii=False) + "\n")
        else:
            table.add_row(analysis.id, analysis.date or "", analysis.language or "?", analysis.title or "",
                          str(len(analysis.entities)), str(len(analysis.events)), str(len(analysis.quotes)),
                          analysis.skipped or "")
    if table is not None:
        out.print(table)
    if not quiet:
        err.print(f"{n:,} article(s) analysed, {n_quarantined:,} record(s) quarantined", highlight=False)
