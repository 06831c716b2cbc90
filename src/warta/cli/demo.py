"""``warta demo``: ingest and analyse the bundled sample into a fresh database and show what warta sees.

The database is ``./warta-demo.duckdb`` by default (``--db`` to change), recreated on every run so
the demo always starts clean; it stays afterwards for ``warta stats --db warta-demo.duckdb`` and
the other commands. Runs offline: the sample ships inside the package.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import typer
from rich.table import Table

from warta.cli.app import QuietOption, WorkersOption, app, err, out
from warta.cli.digest import refresh_stories, stories_line
from warta.cli.ingest import ledger_table, progress_bar, render_stats

DEMO_DB = Path("warta-demo.duckdb")


def _fresh(db: Path) -> None:
    for p in (db, db.with_name(db.name + ".wal")):
        if p.exists():
            p.unlink()


def show_highlights(con: duckdb.DuckDBPyConnection) -> None:
    """Who appears most, a few coded events and quotes — whatever the analyser produces today."""
    actors = con.execute(
        "SELECT coalesce(name, text) AS actor, any_value(country), count(*) AS n, count(DISTINCT article_id) AS docs "
        "FROM entities GROUP BY 1 ORDER BY n DESC, 1 LIMIT 10").fetchall()
    if actors:
        t = Table(title="Most mentioned actors", title_justify="left")
        for col in ("actor", "country", "mentions", "articles"):
            t.add_column(col, justify="right" if col in ("mentions", "articles") else "left")
        for name, country, n, docs in actors:
            t.add_row(name, country or "", f"{n:,}", f"{docs:,}")
        out.print(t)
    events = con.execute(
        "SELECT e.type, coalesce(e.src_name, e.src_text), coalesce(e.tgt_name, e.tgt_text), e.trigger, e.cameo, "
        "a.published, a.title FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.tgt_text IS NOT NULL ORDER BY a.published DESC, e.article_id, e.idx LIMIT 8").fetchall()
    if events:
        t = Table(title="Latest coded events", title_justify="left")
        for col in ("date", "type", "CAMEO"):
            t.add_column(col, no_wrap=True)
        for col in ("source", "target", "trigger"):
            t.add_column(col, overflow="fold", max_width=24)
        t.add_column("article", overflow="fold", ratio=1, min_width=20)
        for typ, src, tgt, trigger, cameo, day, title in events:
            t.add_row(str(day or ""), typ, cameo or "", src or "", tgt or "", trigger or "", title or "")
        out.print(t)
    quotes = con.execute(
        "SELECT coalesce(q.speaker_name, q.speaker_text), q.text, a.published FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.direct AND q.speaker_text IS NOT NULL "
        "ORDER BY a.published DESC, q.article_id, q.idx LIMIT 5").fetchall()
    if quotes:
        t = Table(title="Latest quotes", title_justify="left")
        t.add_column("date", no_wrap=True)
        t.add_column("speaker", overflow="fold", max_width=24)
        t.add_column("quote", overflow="fold", ratio=1, min_width=30)
        for speaker, text, day in quotes:
            t.add_row(str(day or ""), speaker or "", text if len(text) <= 200 else text[:197] + "…")
        out.print(t)


def show_digest(con: duckdb.DuckDBPyConnection) -> None:
    """The "Top 3 Dunia" of the sample's busiest day, as ``warta digest`` prints it: read back from the
    stories the demo built, exactly what ``warta serve`` shows."""
    from warta.stories.render import render_text
    from warta.stories.store import busiest_day, digest_for_day, load_digest

    day = busiest_day(con)
    if day is None:
        return
    d = load_digest(con, day, top=3) or digest_for_day(con, day, top=3)
    out.rule(f"Digest of the busiest day, {day}", align="left")
    out.print(f"[dim]{d.articles} articles → {d.stories_total} stories, {d.world_stories} of them world news[/]")
    out.print(render_text(d), markup=False, highlight=False, emoji=False)
    out.print(f"[dim]other formats and days: warta digest --db … --date {day} --format markdown|html|json; "
              f"in a browser: warta serve --db …[/]")


@app.command("demo")
def demo_command(
    db: Path = typer.Option(DEMO_DB, "--db", help="Demo database (recreated on every run)."),
    workers: int | None = WorkersOption,
    quiet: bool = QuietOption,
) -> None:
    """Ingest and analyse the bundled sample (IndoSum world news) into a fresh database, build its stories
    and show the results, ending with the digest of the busiest day."""
    from warta.ingest.pipeline import ingest
    from warta.run import Runner
    from warta.samples import sample_path
    from warta.store import open_store
    from warta.store.stats import store_stats
    from warta.stories.store import days_touched

    started = time.perf_counter()
    sample = sample_path()
    _fresh(db)
    err.print(f"warta demo: {sample.name} → {db} (recreated)", highlight=False)
    con = open_store(db)
    try:
        with progress_bar(quiet) as bar, Runner(workers) as runner:
            task = bar.add_task("ingesting", total=None, detail="")
            report = ingest(
                con, [sample],
                on_batch=lambda ledger, pos: bar.update(task, total=pos.total_bytes, completed=pos.position,
                                                        detail=f"{ledger.read:,} records"),
                on_analysed=lambda done, total: bar.update(task, description="analysing", total=total,
                                                           completed=done, detail=f"{done:,}/{total:,} articles"),
                map_fn=runner.map,
            )
        story_days = refresh_stories(con, days_touched(con, run_id=report.run_id), quiet)
        out.print(ledger_table(report.ledger.to_dict(), f"Ingested the sample ({sample.name})"))
        render_stats(store_stats(con), db)
        show_highlights(con)
        out.print(stories_line(story_days), highlight=False)
        show_digest(con)
    finally:
        con.close()
    out.print(f"[dim]done in {time.perf_counter() - started:.1f} s · explore: warta stats --db {db} · "
              f"warta serve --db {db} · duckdb {db} · sample licence: CC BY-SA 4.0 (IndoSum, see "
              f"warta/samples/ATTRIBUTION.md)[/]")
