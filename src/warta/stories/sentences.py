"""Sentences of an article, with offsets into its text.

The analyser's segmenter (warta.analyse.segment, issue 3) is the authority: stored analyses carry its
sentences, and for text without them we run it. Until it yields sentences (or if it is unavailable) a
plain splitter stands in: paragraphs at blank lines / newlines, sentences after . ! ? and a space."""

from __future__ import annotations

import re

from warta.model import Article, Doc, Sentence

_PARA = re.compile(r"[^\n]+")
_SENT_END = re.compile(r"(?<=[.!?])[\"”’']?\s+")


def split_plain(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for p, para in enumerate(_PARA.finditer(text)):
        start = para.start()
        for m in _SENT_END.finditer(para.group()):
            end = para.start() + m.end()
            chunk = text[start:end].strip()
            if chunk:
                s = start + (len(text[start:end]) - len(text[start:end].lstrip()))
                out.append(Sentence(index=len(out), start=s, end=s + len(chunk), paragraph=p, text=chunk))
            start = end
        chunk = text[start:para.end()].strip()
        if chunk:
            s = start + (len(text[start:para.end()]) - len(text[start:para.end()].lstrip()))
            out.append(Sentence(index=len(out), start=s, end=s + len(chunk), paragraph=p, text=chunk))
    return out


def _segmenter_sentences(text: str) -> list[Sentence]:
    try:
        from warta.analyse.segment import segment
    except ImportError:  # pragma: no cover - the module is part of the package
        return []
    doc = Doc(article=Article(id="", text=text), text=text)
    try:
        segment(doc)
    except Exception:  # noqa: BLE001 - a segmenter bug must not stop a digest; the plain splitter stands in
        return []
    return doc.sentences


def sentences_of(text: str, given: list[Sentence] | None = None) -> list[Sentence]:
    """The article's sentences, each with its text filled in."""
    sents = given or _segmenter_sentences(text) or split_plain(text)
    return [s if s.text else Sentence(s.index, s.start, s.end, s.paragraph, text[s.start:s.end]) for s in sents]
