"""PLOVER / CAMEO event coding. (Being built: issue 4.)"""

from warta.model import Doc


def code_events(doc: Doc) -> None:
    pass
