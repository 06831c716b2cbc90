"""``warta actors …``: inspect and maintain the actor dictionary (``src/warta/lang/id``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from warta.cli.app import actors_app, out
from warta.errors import WartaError


def _parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise WartaError(f"--on wants a date as YYYY-MM-DD, not {text!r}") from e


@actors_app.command("check")
def check_command(
    on: str = typer.Option(None, "--on", help="Date for 'who holds the key offices' (YYYY-MM-DD; default today)."),
    coverage: bool = typer.Option(False, "--coverage", help="List the key-office holders of every polity the dictionary must cover."),
    all_warnings: bool = typer.Option(False, "--all-warnings", "-w", help="Print every warning, not only the first 30."),
    data_dir: Path = typer.Option(None, "--data-dir", hidden=True, help="Check another copy of the data files."),
) -> None:
    """Validate the actor dictionary: CAMEO codes, country keys, role periods, one holder per office
    at a time, shared names. Prints a summary; exits 1 when there are errors."""
    from warta.lang.id import actors, actors_check

    result = actors_check.check(data_dir or actors.DATA_DIR, on=_parse_day(on))
    for e in result.errors:
        out.print(f"error: {e}", markup=False, highlight=False)
    shown = result.warnings if all_warnings else result.warnings[:30]
    for w in shown:
        out.print(f"warning: {w}", markup=False, highlight=False)
    if len(shown) < len(result.warnings):
        out.print(f"… {len(result.warnings) - len(shown)} more warnings (--all-warnings shows them)")
    if coverage:
        out.print("key offices held on " + (on or date.today().isoformat()) + ":")
        for key, held in result.coverage.items():
            out.print(f"  {key:5} " + ("; ".join(held) if held else "-"), markup=False, highlight=False)
    out.print("summary:")
    for k, v in result.summary.items():
        out.print(f"  {k}: {v}", markup=False, highlight=False)
    verdict = "OK" if result.ok else "FAILED"
    out.print(f"{verdict}: {len(result.errors)} errors, {len(result.warnings)} warnings")
    if not result.ok:
        raise typer.Exit(1)
