"""``warta eval dates``: exact-value accuracy of date expressions on the hand-labelled dev set."""

from __future__ import annotations

from pathlib import Path

import typer

from warta.cli.app import eval_app, out

_REPO = Path(__file__).resolve().parents[3]
_DEFAULT_GOLD = _REPO / "tests" / "gold" / "dates-dev.jsonl"
_DEFAULT_SHARED = _REPO.parent / "shared"


@eval_app.command("dates")
def eval_dates(
    gold: Path = typer.Option(_DEFAULT_GOLD, "--gold", help="Gold date expressions (JSONL: ids, offsets, values)."),
    split: str = typer.Option("all", "--split", help="dev, heldout or all."),
    shared: Path = typer.Option(_DEFAULT_SHARED, "--shared", envvar="WARTA_SHARED",
                                help="The development data directory (holds corpus/)."),
    extras: bool = typer.Option(False, "--extras", help="Also list found expressions the gold does not hold."),
) -> None:
    """Exact-value accuracy of `find_dates` on gold date expressions from ../shared/corpus: a gold
    expression is correct when a found one overlaps it with the same value. Prints the figure, a
    per-form breakdown and every miss."""
    from rich.table import Table

    from warta.evaluate.dates import evaluate

    report = evaluate(gold, shared / "corpus", split)
    out.print(f"dates on {gold.name}, split {split}: {report.total} expressions in {report.articles} articles")
    out.print(f"exact-value accuracy: [bold]{report.accuracy:.3f}[/] ({report.correct}/{report.total}); "
              f"found (overlapping): {report.found}/{report.total}; "
              f"extra expressions (overlapping no gold): {len(report.extras)}")

    forms = Table(title="by form")
    for col in ("form", "gold", "found", "correct", "accuracy"):
        forms.add_column(col, justify="left" if col == "form" else "right")
    for form, (n, found, correct) in report.by_form().items():
        forms.add_row(form, str(n), str(found), str(correct), f"{correct / n:.3f}")
    out.print(forms)

    misses = [o for o in report.outcomes if not o.correct]
    if misses:
        table = Table(title=f"misses ({len(misses)})")
        for col in ("article", "gold", "want", "found", "got", "rule"):
            table.add_column(col)
        for o in misses:
            f = o.found
            table.add_row(o.gold.article[:40], o.gold.expr or "", o.gold.value or "",
                          f.text if f else "—", (f.value or "None") if f else "—", f.rule if f else "")
        out.print(table)
    if extras and report.extras:
        table = Table(title=f"extra expressions ({len(report.extras)})")
        for col in ("article", "text", "value", "rule"):
            table.add_column(col)
        for article, d in report.extras:
            table.add_row(article[:40], d.text, d.value or "None", d.rule)
        out.print(table)
