"""`warta digest` (the "Top N Dunia" of a day) and `warta eval summaries|stories`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import typer

from warta.cli.app import DbOption, QuietOption, app, err, eval_app, out
from warta.errors import InputError, WartaError

REPO = Path(__file__).resolve().parents[3]

#: `warta ingest` and `warta reanalyze` build the stories of the days they touch (their digests).
StoriesOption = typer.Option(True, "--stories/--no-stories",
                             help="Build the stories (the digest) of the days whose articles changed.")


def refresh_stories(con, days: list[date], quiet: bool) -> list[date]:
    """Build and store the stories of ``days`` (after an ingest or a re-analysis), with a progress
    bar; a day that fails is reported on stderr (its old stories stay) and the others go on.
    Returns the days built."""
    from warta.cli.ingest import progress_bar
    from warta.stories.store import build_days

    built: list[date] = []
    failed: list[str] = []
    if not days:
        return built
    with progress_bar(quiet) as bar:
        task = bar.add_task("building stories", total=len(days), detail="")
        for digest in build_days(con, days, on_error=lambda day, e: failed.append(f"{day}: {type(e).__name__}: {e}")):
            built.append(digest.day)
            bar.update(task, completed=len(built) + len(failed), detail=f"{digest.day}")
    for line in failed:
        err.print(f"[yellow]stories not built[/] for {line}  (warta digest --date DAY retries)", highlight=False)
    return built


def stories_line(days: list[date]) -> str:
    if not days:
        return "stories: no day to build"
    span = str(days[0]) if len(days) == 1 else f"{days[0]} … {days[-1]}"
    return f"stories built for {len(days):,} day(s) ({span}); warta digest --date DAY prints one, warta serve shows them"


def _shared() -> Path:
    import os

    return Path(os.environ.get("WARTA_SHARED", REPO.parent / "shared"))


@app.command("digest")
def digest_command(
    day: str = typer.Option(None, "--date", help="Edition date YYYY-MM-DD (default: the latest day with articles)."),
    top: int = typer.Option(3, "--top", min=1, max=20, help="How many stories."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | markdown | html | json"),
    db: Path = DbOption,
    no_save: bool = typer.Option(False, "--no-save", help="Do not write the day's stories to the database."),
    all_days: bool = typer.Option(False, "--all-days", help="Build and store the stories of every day with "
                                  "articles (what `warta serve` shows); prints no digest."),
    quiet: bool = QuietOption,
) -> None:
    """The 'Top N Dunia' world-news digest of a day: stories clustered across outlets, ranked, summarised."""
    from warta.stories.render import FORMATS, edition_date, render
    from warta.stories.store import article_days, digest_for_day, latest_day
    from warta.store import open_store

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if all_days:
        if day or no_save:
            raise InputError("--all-days builds and stores every day: it goes without --date and --no-save")
        con = open_store(db)
        try:
            built = refresh_stories(con, article_days(con), quiet)
        finally:
            con.close()
        out.print(stories_line(built), highlight=False)
        return
    edition: date | None = None
    if day:
        try:
            edition = date.fromisoformat(day)
        except ValueError:
            raise InputError(f"--date {day!r} is not a date of the form YYYY-MM-DD") from None
    con = open_store(db, read_only=no_save)
    try:
        edition = edition or latest_day(con)
        if edition is None:
            raise WartaError(f"{db} holds no dated Indonesian articles: ingest some first (warta ingest PATH…)")
        d = digest_for_day(con, edition, top=top, save=not no_save)
    finally:
        con.close()
    if d.articles == 0:
        raise WartaError(f"no articles published on {edition} ({edition_date(edition)}) in {db}")
    if not d.stories and not quiet:
        err.print(f"No world stories on {edition}: {d.articles} articles, {d.stories_total} stories, none of them "
                  "world news.", highlight=False)
    sys.stdout.write(render(d, fmt))
    sys.stdout.flush()
    if not quiet:
        err.print(f"[dim]{d.articles} articles on {edition} → {d.stories_total} stories, "
                  f"{d.world_stories} world; top {len(d.stories)} shown"
                  f"{'' if no_save else ', stories saved'}[/]")


@eval_app.command("summaries")
def eval_summaries(
    corpus: Path = typer.Option(None, "--corpus", help="IndoSum dev JSONL (default: ../shared/corpus/indosum-dev.jsonl)."),
    split: str = typer.Option("held", "--split", help="held (fold 05, never tuned on) | train | all"),
    limit: int = typer.Option(None, "--limit", min=1, help="Only the first N documents of the split."),
) -> None:
    """ROUGE-1/2/L F of warta's extractive summaries on IndoSum, with lead-3 and the oracle beside."""
    from rich.table import Table

    from warta.evaluate.summaries import evaluate

    path = corpus or _shared() / "corpus" / "indosum-dev.jsonl"
    r = evaluate(path, split=split, limit=limit)
    t = Table(title=f"IndoSum {r.split} split: {r.documents:,} documents (ROUGE F, lower-cased word tokens)",
              title_justify="left")
    for col in ("system", "ROUGE-1", "ROUGE-2", "ROUGE-L"):
        t.add_column(col, justify="left" if col == "system" else "right")
    rows = [("warta (extractive, lead-aware)", r.warta), ("lead-3", r.lead3)]
    if r.oracle:
        rows.append(("extractive oracle (upper bound)", r.oracle))
    for name, s in rows:
        t.add_row(name, f"{s.r1:.3f}", f"{s.r2:.3f}", f"{s.rl:.3f}")
    out.print(t)


@eval_app.command("stories")
def eval_stories(
    gold: Path = typer.Option(REPO / "tests" / "gold" / "story-pairs.jsonl", "--gold", help="Labelled story pairs."),
    corpus_dir: Path = typer.Option(None, "--corpus-dir", help="Folder of the corpora (default: ../shared/corpus)."),
    threshold: float = typer.Option(None, "--threshold", help="Average-link threshold (default: the tuned one)."),
    errors: bool = typer.Option(False, "--errors", help="List the pairs the clustering gets wrong (dev split)."),
) -> None:
    """Pairwise precision/recall of the story clustering on labelled pairs, and recall on kamboja-multisource."""
    from rich.table import Table

    from warta.evaluate.stories import evaluate
    from warta.stories.cluster import THRESHOLD

    r = evaluate(corpus_dir or _shared() / "corpus", gold, threshold=threshold if threshold is not None else THRESHOLD)
    t = Table(title=f"Story pairs ({gold.name}): same-story P/R, threshold {r.threshold}, window ±{r.window_days} days",
              title_justify="left")
    for col in ("split", "pairs", "same", "P", "R", "F1", "TP", "FP", "FN", "TN"):
        t.add_column(col, justify="left" if col == "split" else "right")
    for split in ("dev", "held", "all"):
        s = r.pairs.get(split)
        if s is None:
            continue
        t.add_row(split, str(s.tp + s.fp + s.fn + s.tn), str(s.tp + s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}",
                  f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn), str(s.tn))
    out.print(t)
    out.print(f"clustered {r.articles:,} articles into {r.stories:,} stories in {r.seconds:.1f} s", highlight=False)
    k = r.kamboja
    if k:
        out.print(f"kamboja-multisource: {k.articles} articles → {k.stories} stories; largest story "
                  f"{k.largest} articles from {k.largest_outlets} outlets; {k.in_multi_outlet_story} articles "
                  f"share a story with another outlet; biggest stories: {k.sizes[:10]}", highlight=False)
    if errors:
        for s in (r.pairs.get("dev"),):
            for e in s.errors if s else []:
                out.print(f"  {'missed' if e['label'] == 'same' else 'merged'}: {e['a']} | {e['b']} — {e['note']}",
                          highlight=False)
