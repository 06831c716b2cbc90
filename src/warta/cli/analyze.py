"""``warta analyze``: read inputs and print each article's analysis — stateless (no database)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.table import Table

from warta.cli.app import QuietOption, SchedulerOption, WorkersOption, app, err, out


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"
    parquet = "parquet"


def analyse_record(item, with_text: bool = False, with_sentences: bool = False, output: str = "jsonl"):
    """Prepare, analyse and (for JSONL) serialise one raw record; runs in a worker (``warta.run``),
    so the parent only reads input and writes lines. A Quarantined record is returned as it is,
    else (id, date, language, title, entities, events, quotes, skipped, payload): the payload is
    the JSON line (jsonl), (article, analysis) (parquet) or None (table)."""
    from warta.ingest import prepare
    from warta.model import Article
    from warta.run import analyse_article

    if isinstance(item, Article):
        item = prepare(item)
    if not isinstance(item, Article):
        return item
    a = analyse_article(item)
    a.text = item.text
    payload = None
    if output == "jsonl":
        payload = json.dumps(a.to_dict(with_text=with_text, with_sentences=with_sentences), ensure_ascii=False)
    elif output == "parquet":
        payload = (item, a)
    return (a.id, a.date, a.language, a.title, len(a.entities), len(a.events), len(a.quotes), a.skipped, payload)


def _where(q) -> str:
    place = f"{q.path}" + (f":{q.index}" if q.index else "")
    return place + (f" [{q.member}]" if q.member else "")


@app.command("analyze")
def analyze_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders, any format `warta ingest` reads."),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f",
                                     help="jsonl: one JSON object per article; table: a summary; parquet: a Parquet "
                                          "store partitioned by date in --out (no database; `warta export --db DIR` reads it)."),
    out_dir: Path | None = typer.Option(None, "--out", "-o", help="parquet: the new store's folder."),
    with_text: bool = typer.Option(False, "--with-text", help="Include the normalised text (offsets point into it)."),
    with_sentences: bool = typer.Option(False, "--with-sentences", help="Include sentence boundaries."),
    workers: int | None = WorkersOption,
    scheduler: str | None = SchedulerOption,
    quiet: bool = QuietOption,
) -> None:
    """Analyse articles and print the results in input order (or write them as a Parquet store); no
    database is involved. Unreadable input is reported on stderr."""
    from functools import partial

    from warta.errors import InputError
    from warta.ingest import read_inputs
    from warta.model import Quarantined
    from warta.run import map_stream
    from warta.store.parquet import ParquetStoreWriter

    table = None
    if fmt is OutputFormat.table:
        table = Table(title="Analyses (ent. = entities, ev. = events, q. = quotes)", title_justify="left")
        table.add_column("id", no_wrap=True, max_width=18, overflow="ellipsis")
        table.add_column("date", no_wrap=True)
        table.add_column("lang", no_wrap=True)
        table.add_column("title", min_width=24, ratio=1, overflow="fold")
        for col in ("ent.", "ev.", "q."):
            table.add_column(col, justify="right", no_wrap=True)
        table.add_column("note", overflow="fold", max_width=24)
    writer = None
    if fmt is OutputFormat.parquet:
        if out_dir is None:
            raise InputError("--format parquet needs --out FOLDER")
        writer = ParquetStoreWriter(out_dir)
    n = n_quarantined = 0
    work = partial(analyse_record, with_text=with_text, with_sentences=with_sentences, output=fmt.value)
    for result in map_stream(work, read_inputs([str(p) for p in paths]), workers=workers, scheduler=scheduler):
        if isinstance(result, Quarantined):
            n_quarantined += 1
            err.print(f"[yellow]quarantined[/] {_where(result)}: {result.reason} — {result.detail}", highlight=False,
                      soft_wrap=True)
            continue
        n += 1
        id_, day, language, title, n_entities, n_events, n_quotes, skipped, payload = result
        if skipped and skipped.startswith("error:") and not quiet:
            err.print(f"[red]analysis failed[/] for {id_}: {skipped}", highlight=False)
        if writer is not None:
            writer.add(*payload)
        elif table is None:
            sys.stdout.write(payload + "\n")
        else:
            table.add_row(id_, day or "", language or "?", title or "",
                          str(n_entities), str(n_events), str(n_quotes), skipped or "")
    if table is not None:
        out.print(table)
    if writer is not None:
        counts = writer.close()
        if not quiet:
            err.print(f"wrote the Parquet store {out_dir}: " + ", ".join(f"{t} {k:,}" for t, k in counts.items()),
                      highlight=False)
    if not quiet:
        err.print(f"{n:,} article(s) analysed, {n_quarantined:,} record(s) quarantined", highlight=False)
