"""Language data (``lang/id/``: Indonesian) and the one YAML reader its files go through."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: the pattern files load ~8x faster, which is most
# of a one-article `warta analyze`'s start-up. Same documents, same errors (yaml.YAMLError).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse a language-data YAML document, safely (plain data only)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
