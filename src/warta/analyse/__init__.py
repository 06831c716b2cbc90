"""The analyser: a pure function from one Article to its Analysis (see ``pipeline``)."""

from warta.analyse.pipeline import analyse

__all__ = ["analyse"]
