"""The typer application and the options every command shares. Commands live in sibling modules,
one per capability, and stay thin: they parse options and call the library."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer(
    name="warta",
    help="Indonesian news → who did what to whom (PLOVER/CAMEO), who said what, and the 'Top N Dunia' digest.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Markdown joins a docstring's wrapped lines into one paragraph in --help.
    rich_markup_mode="markdown",
)
eval_app = typer.Typer(help="Measure quality against labelled data; prints the figures.", no_args_is_help=True)
actors_app = typer.Typer(help="Inspect and maintain the actor dictionary.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(actors_app, name="actors")

#: stdout is for results (JSONL, tables); progress and messages go to stderr.
out = Console(soft_wrap=True)
err = Console(stderr=True)

DEFAULT_DB = Path("warta.duckdb")

DbOption = typer.Option(DEFAULT_DB, "--db", help="DuckDB database file.", envvar="WARTA_DB")
QuietOption = typer.Option(False, "--quiet", "-q", help="No progress bars or messages.")

#: Where the analysis runs (warta.run): local processes, or a Dask cluster.
WorkersOption = typer.Option(None, "--workers", "-w", min=1, envvar="WARTA_WORKERS",
                             help="Analysis processes (default: every core); 1 runs in this process.")
SchedulerOption = typer.Option(None, "--scheduler", envvar="WARTA_SCHEDULER", metavar="tcp://HOST:PORT",
                               help="Run the analysis on this Dask distributed scheduler's workers instead.")
