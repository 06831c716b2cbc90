"""``warta eval quotes``: statement spans and speakers against PFSA-ID."""

from __future__ import annotations

from pathlib import Path

import typer

from warta.cli.app import err, eval_app, out

_DEFAULT_DIR = Path("../shared/gold/quotes-pfsa-id")


@eval_app.command("quotes")
def eval_quotes(
    directory: Path = typer.Option(_DEFAULT_DIR, "--dir", help="The PFSA-ID directory (holds documents-dev.jsonl)."),
    limit: int = typer.Option(0, "--limit", help="Score only the first N documents (0: all)."),
    errors: int = typer.Option(0, "--errors", help="Also list up to N speaker errors."),
) -> None:
    """Direct-quote statement spans (P/R/F1, exact and ≥ 50 % overlap) and speaker accuracy on PFSA-ID,
    for the tuning part and the aside part (one document in five, by a hash of its id)."""
    from rich import box
    from rich.table import Table

    from warta.evaluate.quotes import evaluate

    report = evaluate(directory, limit=limit or None, keep_errors=errors)
    table = Table(title="Quotes on PFSA-ID dev: direct statements", box=box.SIMPLE_HEAD)
    for col in ("part", "docs", "gold", "pred", "exact P", "R", "F1", "≥50% P", "R", "F1"):
        table.add_column(col, justify="left" if col == "part" else "right")
    for name, s in report.parts.items():
        table.add_row(name, str(s.docs), str(s.gold), str(s.pred), *(f"{x:.3f}" for x in s.exact_prf),
                      *(f"{x:.3f}" for x in s.overlap_prf))
    out.print(table)
    speakers = Table(title="Speakers of the overlap-matched statements", box=box.SIMPLE_HEAD)
    for col in ("part", "matched", "speaker correct", "accuracy", "indirect found*"):
        speakers.add_column(col, justify="left" if col == "part" else "right")
    for name, s in report.parts.items():
        speakers.add_row(name, str(s.overlap), str(s.speaker_ok), f"{s.speaker_accuracy:.3f}", str(s.indirect))
    out.print(speakers)
    out.print("* PFSA-ID labels direct quotes only: indirect quotes are counted, not scored")

    rules = Table(title="System rules (both parts)", box=box.SIMPLE_HEAD)
    kinds = Table(title="How the gold speaker was found (both parts)", box=box.SIMPLE_HEAD)
    for t, cols in ((rules, ("rule", "predicted", "overlap-matched")), (kinds, ("gold speaker", "matched", "speaker correct"))):
        for col in cols:
            t.add_column(col, justify="left" if col in ("rule", "gold speaker") else "right")
    parts = list(report.parts.values())
    for rule in sorted({r for s in parts for r in s.by_rule}):
        rules.add_row(rule, str(sum(s.by_rule[rule] for s in parts)), str(sum(s.by_rule_ok[rule] for s in parts)))
    for kind in sorted({k for s in parts for k in s.by_kind}):
        kinds.add_row(kind, str(sum(s.by_kind[kind] for s in parts)), str(sum(s.by_kind_ok[kind] for s in parts)))
    out.print(rules)
    out.print(kinds)
    n = sum(s.docs for s in parts)
    if n:
        out.print(f"timing (CPU time, after a warm-up): "
                  f"{report.seconds_total / n * 1000:.2f} ms per article for the full analyser, {report.seconds_quotes / n * 1000:.3f} ms for the quotes stage "
                  f"({report.characters / n:.0f} characters per article on average, {n} articles)")
    if errors:
        et = Table(title="Speaker errors", box=box.SIMPLE_HEAD)
        for col in ("doc", "gold kind", "gold speaker (surface)", "system speaker (text; rule, cue)"):
            et.add_column(col)
        for s in parts:
            for row in s.errors:
                et.add_row(*row)
        out.print(et)
    if report.failures:
        err.print(f"[bold red]{len(report.failures)} documents failed in the analyser[/]; first: "
                  f"{report.failures[0][0]}: {report.failures[0][1]}")
