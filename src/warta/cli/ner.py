"""``warta eval ner`` and ``warta actors unknown``: the learned NER's figures, and the people the
actor dictionary lacks."""

from __future__ import annotations

from pathlib import Path

import typer

from warta.cli.app import actors_app, err, eval_app, out

_DEFAULT_SHARED = Path("../shared")


@eval_app.command("ner")
def eval_ner(
    split: str = typer.Option("test", "--split", help="Which split of idner-news-2k: test or dev."),
    shared: Path = typer.Option(_DEFAULT_SHARED, "--shared", envvar="WARTA_SHARED",
                                help="The development data directory (holds gold/ner-idner-news-2k)."),
    errors: int = typer.Option(0, "--errors", help="Also list the N most frequent missed/spurious spans."),
) -> None:
    """Exact-span P/R/F1 per type (PER/ORG/LOC) and overall on idner-news-2k: what warta tags
    (dictionary + CRF + role patterns), and the CRF alone for comparison."""
    from rich.table import Table

    from warta.errors import InputError
    from warta.evaluate.ner import TYPES, error_summary, evaluate

    if split not in ("test", "dev"):
        raise InputError(f"--split must be test or dev, not {split!r}")
    report = evaluate(shared, split)
    table = Table(title=f"NER on idner-news-2k {split} ({report.sentences} sentences), exact spans")
    for col in ("system", "type", "P", "R", "F1", "gold", "pred"):
        table.add_column(col, justify="left" if col in ("system", "type") else "right")
    for name, scores in (("warta", report.product), ("crf alone", report.crf)):
        for typ in (*TYPES, "ALL"):
            s = scores[typ]
            table.add_row(name, typ, f"{s['p']:.3f}", f"{s['r']:.3f}", f"{s['f1']:.3f}",
                          str(s["gold"]), str(s["pred"]), end_section=typ == "ALL")
    out.print(table)
    if errors:
        err_table = Table(title="most frequent errors of warta")
        for col in ("kind", "text", "type", "n"):
            err_table.add_column(col)
        for kind, text, typ, n in error_summary(report, errors):
            err_table.add_row(kind, text, typ, str(n))
        out.print(err_table)


@actors_app.command("unknown")
def actors_unknown(
    paths: list[Path] = typer.Argument(..., help="JSONL (.gz), .txt files or directories of articles."),
    min_count: int = typer.Option(2, "--min-count", help="Show names seen at least this often."),
    top: int = typer.Option(50, "--top", help="Show at most this many names."),
) -> None:
    """Frequent person names with a role word nearby that the actor dictionary lacks, with counts,
    the role seen and one example sentence each: what to add to the dictionary next."""
    from rich.markup import escape

    from warta.analyse.unknown_actors import read_articles, unknown_people

    people = [p for p in unknown_people(read_articles(paths)) if p.count >= min_count][:top]
    if not people:
        err.print(f"no unknown person with a role seen at least {min_count} times")
        return
    out.print(f"{'count':>5} {'arts':>4}  name — role seen (state)\n{'':>11}example sentence \\[article]")
    for p in people:
        example = p.example if len(p.example) <= 200 else p.example[:197] + "…"
        out.print(f"{p.count:>5} {len(p.articles):>4}  [bold]{escape(p.name)}[/] — {escape(p.role)}", highlight=False)
        out.print(f"{'':>11}{escape(example)} [dim]{escape('[' + p.example_article + ']')}[/]", highlight=False)
