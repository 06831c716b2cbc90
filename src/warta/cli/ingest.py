"""``warta ingest``, ``warta reanalyze``, ``warta stats``: fill the store and see what it holds."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import typer
from rich.progress import (BarColumn, Progress, SpinnerColumn,
                           TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table

from warta.cli.app import DbOption, QuietOption, SchedulerOption, WorkersOption, app, err, out
from warta.cli.digest import StoriesOption, refresh_stories, stories_line


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Progress]:
    """Rich progress on stderr; nothing with --quiet or when stderr is not a terminal."""
    bar = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                   TextColumn("{task.fields[detail]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                   console=err, transient=True, disable=quiet)
    with bar:
        yield bar


def ledger_table(ledger: dict[str, Any], title: str = "Ledger") -> Table:
    t = Table(title=title, title_justify="left", show_header=False)
    t.add_column(style="bold")
    t.add_column(justify="right")
    t.add_row("read", f"{ledger['read']:,}")
    t.add_row("stored", f"{ledger['stored']:,}")
    dup = f"{ledger['duplicates']:,}"
    if ledger.get("already_stored"):
        dup += f"  ({ledger['already_stored']:,} already stored by an earlier run)"
    t.add_row("duplicates", dup)
    t.add_row("quarantined", f"{ledger['quarantined']:,}")
    ok = ledger["read"] == ledger["stored"] + ledger["duplicates"] + ledger["quarantined"]
    t.add_row("balanced", "[green]yes[/]  read = stored + duplicates + quarantined" if ok else "[red]NO[/]")
    return t


def counts_table(title: str, counts: dict[str, int], key: str, value: str = "n") -> Table:
    t = Table(title=title, title_justify="left")
    t.add_column(key)
    t.add_column(value, justify="right")
    for k, v in counts.items():
        t.add_row(str(k), f"{v:,}")
    return t


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders: .txt .jsonl .json .html .xml/.rss/.atom .warc, any of them .gz."),
    db: Path = DbOption,
    analyze: bool = typer.Option(True, "--analyze/--no-analyze", help="Analyse the new Indonesian articles after storing."),
    near_threshold: float = typer.Option(0.8, "--near-threshold", min=0.5, max=1.0,
                                         help="Estimated Jaccard similarity (word 3-grams) at which a text is a near-duplicate."),
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="Records per transaction."),
    max_text_mb: float = typer.Option(5.0, "--max-text-mb", min=0.001, help="Larger records are quarantined as too-large."),
    wait: float = typer.Option(0.0, "--wait", min=0.0, help="Seconds to wait for another warta process to release the database."),
    as_json: bool = typer.Option(False, "--json", help="Print the ledger as JSON."),
    workers: int | None = WorkersOption,
    scheduler: str | None = SchedulerOption,
    stories: bool = StoriesOption,
    quiet: bool = QuietOption,
) -> None:
    """Store articles (deduplicated, bad input quarantined), analyse them and build the stories (the
    digest) of the days they touch; prints the ledger."""
    from warta.ingest.options import MB, IngestOptions, ReadOptions
    from warta.ingest.pipeline import ingest
    from warta.run import Runner
    from warta.store import open_store
    from warta.stories.store import days_touched

    options = IngestOptions(read=ReadOptions(max_text_bytes=int(max_text_mb * MB)),
                            batch_size=batch_size, near_threshold=near_threshold)
    con = open_store(db, wait=wait)
    try:
        with progress_bar(quiet) as bar, Runner(workers, scheduler) as runner:
            reading = bar.add_task("reading", total=None, detail="")
            analysing = None

            def on_batch(ledger, pos) -> None:
                bar.update(reading, total=pos.total_bytes or None, completed=pos.position,
                           detail=f"{ledger.read:,} records · {ledger.stored:,} stored · file {pos.files_done + 1}/{pos.files}")

            def on_analysed(done: int, total: int) -> None:
                nonlocal analysing
                if analysing is None:
                    bar.update(reading, visible=False)
                    analysing = bar.add_task("analysing", total=total, detail="")
                bar.update(analysing, completed=done, detail=f"{done:,}/{total:,} articles")

            report = ingest(con, [str(p) for p in paths], options, analyse=analyze,
                            on_batch=on_batch, on_analysed=on_analysed, map_fn=runner.map)
        # Stories need the analysis (actors, events); without it `warta reanalyze` builds them later.
        story_days = []
        if stories and analyze:
            started = con.execute("SELECT started_at FROM ingest_runs WHERE run_id = ?", [report.run_id]).fetchone()[0]
            story_days = refresh_stories(con, days_touched(con, run_id=report.run_id, analysed_since=started), quiet)
    finally:
        con.close()
    ledger = report.ledger.to_dict()
    if as_json:
        sys.stdout.write(json.dumps({"run_id": report.run_id, "database": str(db), "ledger": ledger,
                                     "quarantine_reasons": report.quarantine_reasons,
                                     "analysed": report.analysed, "analysis_errors": report.analysis_errors,
                                     "story_days": [d.isoformat() for d in story_days]},
                                    ensure_ascii=False) + "\n")
        return
    out.print(ledger_table(ledger, f"Ledger of run {report.run_id} → {db}"))
    if report.quarantine_reasons:
        out.print(counts_table("Quarantined", report.quarantine_reasons, "reason"))
        out.print(f"[dim]details: SELECT * FROM quarantine WHERE run_id = {report.run_id}[/]")
    if analyze:
        line = f"analysed {report.analysed:,} article(s)"
        if report.analysis_errors:
            line += f", [red]{report.analysis_errors:,} failed[/] (see analyses.skipped)"
        out.print(line)
        if stories:
            out.print(stories_line(story_days), highlight=False)
    elif stories and report.ledger.stored:
        out.print("[dim]not analysed, so no stories built: `warta reanalyze --pending` analyses the new "
                  "articles and builds their days' stories[/]")


@app.command("reanalyze")
def reanalyze_command(
    db: Path = DbOption,
    pending: bool = typer.Option(False, "--pending", help="Only articles without an analysis."),
    workers: int | None = WorkersOption,
    scheduler: str | None = SchedulerOption,
    stories: bool = StoriesOption,
    quiet: bool = QuietOption,
) -> None:
    """Re-run the analyser over stored articles and replace their analyses (rules change often), then
    rebuild the stories of the days they belong to."""
    from warta.ingest.pipeline import analyse_stored
    from warta.run import Runner
    from warta.store import open_store
    from warta.store.records import now
    from warta.stories.store import days_touched

    con = open_store(db)
    try:
        started = now()
        with progress_bar(quiet) as bar, Runner(workers, scheduler) as runner:
            task = bar.add_task("analysing", total=None, detail="")
            done, errors = analyse_stored(
                con, only_pending=pending, map_fn=runner.map,
                on_batch=lambda d, t: bar.update(task, total=t, completed=d, detail=f"{d:,}/{t:,} articles"))
        story_days = refresh_stories(con, days_touched(con, analysed_since=started), quiet) if stories else []
    finally:
        con.close()
    out.print(f"re-analysed {done:,} article(s)" + (f", [red]{errors:,} failed[/]" if errors else ""))
    if stories:
        out.print(stories_line(story_days), highlight=False)


def render_stats(stats: dict[str, Any], db: Path | str) -> None:
    a = stats["analysis"]
    first, last = stats["date_range"]
    overview = Table(title=f"{db}  (schema v{stats['schema_version']})", title_justify="left", show_header=False)
    overview.add_column(style="bold")
    overview.add_column(justify="right")
    overview.add_row("articles", f"{stats['articles']:,}")
    overview.add_row("outlets", f"{stats['n_sources']:,}")
    overview.add_row("dates", f"{first} … {last}" if first else "—")
    overview.add_row("undated", f"{stats['undated']:,}")
    if stats["busiest_days"]:
        overview.add_row("busiest days", ", ".join(f"{d} ({n})" for d, n in stats["busiest_days"]))
    dups = stats["duplicates"]
    overview.add_row("duplicates recorded", ", ".join(f"{k} {v:,}" for k, v in dups.items()) or "0")
    out.print(overview)
    out.print(ledger_table(stats["ledger"], f"Ledger over {stats['ledger']['runs']} run(s)"))
    if stats["recent_runs"]:
        runs = Table(title="Recent runs", title_justify="left")
        for col in ("run", "started (UTC)", "status", "read", "stored", "dup.", "quar.", "analysed"):
            runs.add_column(col, justify="right" if col not in ("started (UTC)", "status") else "left")
        for r in stats["recent_runs"]:
            runs.add_row(str(r["run_id"]), r["started_at"] or "", r["status"] or "", f"{r['read']:,}", f"{r['stored']:,}",
                         f"{r['duplicates']:,}", f"{r['quarantined']:,}", f"{r['analysed']:,}")
        out.print(runs)
    out.print(counts_table("Languages", stats["languages"], "language", "articles"))
    out.print(counts_table(f"Outlets (top {len(stats['sources'])})", stats["sources"], "outlet", "articles"))
    if stats["quarantine"]:
        out.print(counts_table("Quarantine reasons", stats["quarantine"], "reason", "records"))
    analysis = Table(title="Analysis", title_justify="left", show_header=False)
    analysis.add_column(style="bold")
    analysis.add_column(justify="right")
    analysis.add_row("analysed articles", f"{a['analysed']:,}")
    for reason, n in a["skipped"].items():
        analysis.add_row(f"skipped ({reason})", f"{n:,}")
    if a["pending"]:
        analysis.add_row("not analysed yet", f"{a['pending']:,}  (warta reanalyze --pending)")
    for key in ("sentences", "entities", "dates", "events", "quotes"):
        analysis.add_row(key, f"{a[key]:,}")
    out.print(analysis)
    if a["event_types"]:
        out.print(counts_table("Events by PLOVER type", a["event_types"], "type", "events"))


@app.command("stats")
def stats_command(
    db: Path = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """What the database holds: counts, ledger over runs, languages, outlets, dates, quarantine, analysis."""
    from warta.store import open_store
    from warta.store.stats import store_stats

    con = open_store(db, read_only=True)
    try:
        stats = store_stats(con)
    finally:
        con.close()
    if as_json:
        sys.stdout.write(json.dumps({"database": str(db), **stats}, ensure_ascii=False) + "\n")
    else:
        render_stats(stats, db)
