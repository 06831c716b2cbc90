"""Direct and indirect quotes with speakers. (Being built: issue 5.)"""

from warta.model import Doc


def find_quotes(doc: Doc) -> None:
    pass
