"""A fast regex tokenizer with character offsets.

One compiled pattern, tried left to right at each position: URLs and e-mail addresses stay whole;
title abbreviations keep their full stop ("Prof.", "Jl.", "No."); words keep hyphenated
reduplication, inner apostrophes and trailing digits ("negara-negara", "Covid-19", "Jum'at", "G20");
numbers keep their separators ("1.500", "3,5", "10.30", "24/5/2023") and split from a currency
("Rp10.000" → "Rp", "10.000"); every other visible character (punctuation, quotation marks) is a
token of its own, except runs of dots and dashes ("...", "--").

``Doc.tokens`` is a :class:`TokenList` that tokenizes on first use: building ~600 Token objects per
article costs more than segmenting it, and several stages never look at tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, SupportsIndex, overload

from warta.lang.id.text import abbreviations
from warta.model import Token

_CLOSE = r"""\s<>"“”‘’'()\[\]{}"""


def words_regex(words: list[str] | tuple[str, ...], end: str | None = None) -> str:
    """A regular expression matching exactly these words, shaped as a trie ("Pr(?:of)?") so that a
    failing attempt costs one or two character comparisons instead of one per word. With ``end``
    (e.g. ``(?!\\w)``), a word must be followed by it. Every branch of the trie starts with a literal
    character, which lets the regex engine skip positions that cannot start a word."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        terminal = "" in node
        if terminal and end is not None:
            alts.append(end)
            terminal = False
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if terminal else body

    return "(?:" + build(trie) + ")"


@cache
def token_pattern(web: bool = True) -> re.Pattern[str]:
    """The token pattern; ``web=False`` leaves out URLs and e-mail addresses (a text without "@",
    "://" or "www." has none, and the pattern is then faster)."""
    prefixes = sorted(a for a, kind in abbreviations().items() if kind == "prefix")
    web_part = (
        rf"https?://[^{_CLOSE}]+[^{_CLOSE}.,;:!?]|"   # URL, without trailing punctuation
        rf"www\.[^{_CLOSE}]+[^{_CLOSE}.,;:!?]|"
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|"             # e-mail
    ) if web else ""
    return re.compile(
        web_part
        + rf"(?<![\w.]){words_regex(prefixes)}\.(?!\w)"        # Prof. Jl. No. a.n.
        r"|[^\W\d_]+(?:\d++(?![.,]\d)\w*)?(?:[-'’]\w+)*"       # words; Rp10.000 leaves "Rp" alone
        r"|\d+(?:[.,:/]\d+)*(?:[-'’]?[^\W\d_]\w*)?"            # 1.500 3,5 24/5/2023 4GB 1990-an
        r"|\.{2,}|-{2,}|\S"                                    # ... -- and any other visible character
    )


def _pattern_for(text: str, start: int = 0, end: int | None = None) -> re.Pattern[str]:
    """The pattern for ``text[start:end]``: with the web part only when it may hold a URL or address."""
    return token_pattern(any(text.find(mark, start, end) >= 0 for mark in ("@", "://", "www.")))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; their offsets are shifted by ``offset`` (pass a sentence's start to get
    offsets into the article)."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _pattern_for(text).finditer(text)]


def token_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Just the (start, end) offsets, for callers that need no Token objects; with ``start``/``end``,
    the tokens of that part of ``text`` found in place (offsets into ``text``, no slice). In place,
    the look-behinds see the character before ``start``, which a slice would not."""
    end = len(text) if end is None else end
    return [m.span() for m in _pattern_for(text, start, end).finditer(text, start, end)]


class TokenList(list):  # type: ignore[type-arg]
    """A ``list[Token]`` of a text that tokenizes itself the first time it is read."""

    __slots__ = ("_text", "_ready")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text
        self._ready = False

    def _fill(self) -> None:
        if not self._ready:
            self._ready = True
            super().extend(tokenize(self._text))

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def __iter__(self) -> Iterator[Token]:
        self._fill()
        return super().__iter__()

    def __reversed__(self) -> Iterator[Token]:
        self._fill()
        return super().__reversed__()

    @overload
    def __getitem__(self, i: SupportsIndex) -> Token: ...
    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...
    def __getitem__(self, i: Any) -> Any:
        self._fill()
        return super().__getitem__(i)

    def __contains__(self, item: object) -> bool:
        self._fill()
        return super().__contains__(item)

    def __eq__(self, other: object) -> bool:
        self._fill()
        return list.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self._fill()
        return super().__repr__()

    def index(self, *args: Any) -> int:
        self._fill()
        return super().index(*args)

    def count(self, item: Any) -> int:
        self._fill()
        return super().count(item)

    def copy(self) -> list[Token]:
        self._fill()
        return list(super().__iter__())

    def __add__(self, other: Any) -> list[Token]:  # type: ignore[override]
        self._fill()
        return list(super().__iter__()) + list(other)

    def _ready_then(name: str):  # noqa: N805 - builds the mutating methods below
        def method(self: "TokenList", *args: Any, **kwargs: Any) -> Any:
            self._fill()
            return getattr(list, name)(self, *args, **kwargs)
        method.__name__ = name
        return method

    append = _ready_then("append")
    extend = _ready_then("extend")
    insert = _ready_then("insert")
    pop = _ready_then("pop")
    remove = _ready_then("remove")
    sort = _ready_then("sort")
    reverse = _ready_then("reverse")
    clear = _ready_then("clear")
    __setitem__ = _ready_then("__setitem__")
    __delitem__ = _ready_then("__delitem__")
    __iadd__ = _ready_then("__iadd__")
    del _ready_then
