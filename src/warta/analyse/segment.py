"""Paragraphs, sentences and tokens with character offsets. (Being built: issue 3.)"""

from warta.model import Doc


def segment(doc: Doc) -> None:
    pass
