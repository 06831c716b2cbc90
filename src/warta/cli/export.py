"""``warta export``: the store as GDELT 2.0 TSV, PLOVER JSON lines, Parquet or analysis JSONL."""

from __future__ import annotations

import gzip
import json
import sys
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import IO, Iterator

import typer

from warta.cli.app import DbOption, QuietOption, app, err
from warta.errors import InputError


class ExportFormat(str, Enum):
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    plover = "plover"
    jsonl = "jsonl"
    parquet = "parquet"


class PartitionBy(str, Enum):
    day = "day"
    month = "month"
    year = "year"


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise InputError(f"{option} wants a date as YYYY-MM-DD, not {value!r}") from None


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, a file, or a gzip file when the name ends in .gz."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    if path.parent and not path.parent.exists():
        raise InputError(f"cannot write {path}: folder {path.parent} does not exist")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="\n") as f:
        yield f


@app.command("export")
def export_command(
    fmt: ExportFormat = typer.Option(..., "--format", "-f",
                                     help="gdelt: GDELT 2.0 Events TSV (61 columns); gdelt-mentions: GDELT 2.0 "
                                          "Mentions TSV (the evidence of each event); plover: PLOVER-style JSON "
                                          "lines; jsonl: the analyses as `warta analyze` prints them; parquet: "
                                          "the store as Parquet files partitioned by date (needs --out)."),
    db: Path = DbOption,
    out: Path | None = typer.Option(None, "--out", "-o", help="File (.gz compresses) or, for parquet, folder; default stdout."),
    date_from: str | None = typer.Option(None, "--from", help="First day (YYYY-MM-DD): event day for events, publication day otherwise."),
    date_to: str | None = typer.Option(None, "--to", help="Last day (YYYY-MM-DD), inclusive."),
    header: bool = typer.Option(False, "--header", help="gdelt, gdelt-mentions: a first line with the column names (GDELT's files have none)."),
    partition: PartitionBy = typer.Option(PartitionBy.day, "--partition", help="parquet: one folder per day, month or year."),
    with_text: bool = typer.Option(False, "--with-text", help="jsonl: include the article text."),
    with_sentences: bool = typer.Option(False, "--with-sentences", help="jsonl: include sentence boundaries."),
    quiet: bool = QuietOption,
) -> None:
    """Export events and analyses for other tools. --db may also be a Parquet store folder."""
    from warta.store import export, gdelt
    from warta.store.parquet import export_parquet, open_for_export

    f = export.ExportFilter(_day(date_from, "--from"), _day(date_to, "--to"))
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise InputError("--from is after --to")
    report = export.ExportReport()
    con = open_for_export(db)
    try:
        if fmt is ExportFormat.parquet:
            if out is None:
                raise InputError("--format parquet needs --out FOLDER")
            counts = export_parquet(con, out, f, partition=partition.value)
            if not quiet:
                err.print(f"wrote {out}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()), highlight=False)
                err.print(f"read it with: duckdb -c \"SELECT count(*) FROM read_parquet('{out}/events/*/*.parquet', "
                          "hive_partitioning=true)\"", highlight=False)
            return
        with _output(out) as sink:
            if fmt is ExportFormat.gdelt:
                export.write_tsv(export.gdelt_events(con, f, report), sink, gdelt.EVENT_COLUMNS if header else None)
            elif fmt is ExportFormat.gdelt_mentions:
                export.write_tsv(export.gdelt_mentions(con, f, report), sink, gdelt.MENTION_COLUMNS if header else None)
            else:
                records = (export.plover_events(con, f, report) if fmt is ExportFormat.plover
                           else export.analyses(con, f, with_text, with_sentences, report))
                for record in records:
                    sink.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    finally:
        con.close()
    if not quiet:
        what = {"gdelt": "events", "gdelt-mentions": "mentions", "plover": "events", "jsonl": "analyses"}[fmt.value]
        line = f"exported {report.rows:,} {what}"
        if fmt in (ExportFormat.gdelt, ExportFormat.gdelt_mentions):
            line += f" from {report.events_read:,} asserted event records"
        if report.skipped:
            line += "; left out: " + ", ".join(f"{n:,} {why}" for why, n in report.skipped.items())
        err.print(line + (f" → {out}" if out else ""), highlight=False)
