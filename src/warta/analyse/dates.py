"""Date expressions resolved against the publication date. (Being built: issue 3.)"""

from warta.model import Doc


def find_dates(doc: Doc) -> None:
    pass
