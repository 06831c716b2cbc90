"""Entity mentions resolved to actors. (Being built: issue 3.)"""

from warta.model import Doc


def find_mentions(doc: Doc) -> None:
    pass
