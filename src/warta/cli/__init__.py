"""``warta`` command line. Each sibling module registers the commands of one capability."""

from __future__ import annotations

import os
import sys

from warta.cli.app import app, err
from warta.errors import WartaError

# Importing a module registers its commands; heavy libraries are imported inside the commands.
from warta.cli import ingest, analyze, demo, lang, actors, ner, events, quotes, digest, export, serve  # noqa: E402,F401


def main() -> None:
    """Entry point: user errors and unexpected failures print one clear line, not a traceback
    (set WARTA_DEBUG=1 to see it)."""
    try:
        app()
    except WartaError as e:
        err.print(f"[bold red]error:[/] {e}")
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the last line of defence for the user
        if os.environ.get("WARTA_DEBUG"):
            raise
        err.print(f"[bold red]error:[/] {type(e).__name__}: {e}  (WARTA_DEBUG=1 shows the traceback)")
        sys.exit(1)
