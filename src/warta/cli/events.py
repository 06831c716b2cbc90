"""``warta eval events``: P/R/F1 of the event coder on hand-labelled articles."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from warta.cli.app import eval_app, out

#: The development gold files, in the order they were labelled (later batches count once present).
_GOLD_FILES = (Path("tests/gold/events-dev.jsonl"), Path("tests/gold/events-dev-2.jsonl"),
               Path("tests/gold/events-dev-3.jsonl"))
_DEFAULT_SHARED = Path(os.environ.get("WARTA_SHARED", "../shared"))


def _default_gold() -> list[Path]:
    return [p for p in _GOLD_FILES if p.is_file()] or [_GOLD_FILES[0]]


@eval_app.command("events")
def eval_events(
    gold: list[Path] = typer.Option(None, "--gold", help="Gold labels (JSONL: id, corpus, seq?, published, split, "
                                    "events); repeat to score several files together (default: the "
                                    "tests/gold/events-dev*.jsonl files present)."),
    split: str = typer.Option("dev", "--split", help="dev, heldout or all. Tune on dev; measure heldout once."),
    corpus_dir: Path = typer.Option(_DEFAULT_SHARED, "--corpus-dir", envvar="WARTA_SHARED",
                                    help="The development data directory (holds corpus/ and examples/)."),
    show_errors: bool = typer.Option(False, "--show-errors",
                                     help="List every false positive, false negative and wrong date."),
) -> None:
    """Distinct international (source, type, target) triples of asserted events, per article:
    P/R/F1 overall and per PLOVER type, and the date accuracy of matched events. With several gold
    files, each file's figures come first, then the per-type table of all of them together."""
    from rich.table import Table

    from warta.evaluate.events import evaluate_many

    paths = list(gold) if gold else _default_gold()
    per_file, report = evaluate_many(paths, corpus_dir, split)
    if len(per_file) > 1:
        for path, r in per_file:
            c = r.overall
            out.print(f"{path} split={split}: {r.articles} articles, {c.tp + c.fn} gold triples, "
                      f"{c.tp + c.fp} system triples: P={c.p:.3f} R={c.r:.3f} F1={c.f1:.3f}  "
                      f"date accuracy {r.date_accuracy:.3f} ({r.date_correct}/{r.dated})")
    o = report.overall
    where = ", ".join(str(p) for p in paths)
    out.print(f"events on {where} split={split}: {report.articles} articles, "
              f"{o.tp + o.fn} gold triples, {o.tp + o.fp} system triples "
              f"({report.ignored_optional} more matched optional gold events and were ignored)")
    table = Table(title="asserted international triples")
    for col in ("type", "TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for name, c in [*report.by_type.items(), ("ALL", o)]:
        if name != "ALL" and not (c.tp or c.fp or c.fn):
            continue
        table.add_row(name, str(c.tp), str(c.fp), str(c.fn), f"{c.p:.3f}", f"{c.r:.3f}", f"{c.f1:.3f}")
    out.print(table)
    out.print(f"P={o.p:.3f} R={o.r:.3f} F1={o.f1:.3f}   date accuracy of matched events: "
              f"{report.date_accuracy:.3f} ({report.date_correct}/{report.dated} with a gold date)")
    if show_errors:
        for m in sorted(report.errors, key=lambda m: (m.article, m.kind, m.triple)):
            s, t, g = m.triple
            line = f"[{m.kind}] {m.article}  {s} {t} {g}"
            if m.kind in ("FP", "DATE"):
                line += f"  rule={m.rule} trigger={m.trigger!r}"
                if m.gold_other or m.note:
                    line += f"  ({m.gold_other or m.note})"
                out.print(line, markup=False, highlight=False)
                out.print(f"      {' '.join(m.sentence.split())}", markup=False, highlight=False)
            else:
                out.print(f"{line}  gold note: {m.note}", markup=False, highlight=False)
