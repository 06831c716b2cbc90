"""Commands of this capability register here (being built)."""

from warta.cli.app import app  # noqa: F401
