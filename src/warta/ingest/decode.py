"""Bytes -> text, strictly: a record whose bytes are not valid text is quarantined, not guessed at.

UTF-8 (with or without a BOM) is the default; UTF-16/32 are accepted only with their byte-order
mark, which is the one reliable sign of them. Binary data is recognised by its magic number or by
NUL and control bytes, so a PDF or an image dropped in a corpus folder gets a precise reason.
"""

from __future__ import annotations

import codecs

#: Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Magic numbers of formats people leave next to their text files.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (also .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "gzip data without a .gz name"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"RIFF", "RIFF media (WAV/AVI/WebP)"),
    (b"\x00\x00\x00", "binary data"),
)

_CONTROL = bytes(range(0, 9)) + b"\x0b\x0e\x0f" + bytes(range(0x10, 0x1b)) + bytes(range(0x1c, 0x20))


class DecodeError(ValueError):
    """Bytes that are not text. ``reason`` is the quarantine key, the message the detail."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def sniff_bom(head: bytes) -> tuple[str | None, int]:
    """The encoding a byte-order mark announces and the mark's length, or (None, 0)."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name, len(bom)
    return None, 0


def binary_kind(head: bytes) -> str | None:
    """What binary thing ``head`` (the first few KB) looks like, or None if it may be text."""
    if sniff_bom(head)[0] not in (None, "utf-8"):
        return None  # UTF-16/32 text is full of NUL bytes by design
    for magic, what in MAGIC:
        if head.startswith(magic):
            return what
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    if head:
        control = sum(head.count(c) for c in _CONTROL)
        if control > max(8, len(head) // 100):
            return "binary data (control bytes)"
    return None


def decode_text(data: bytes) -> str:
    """Decode a whole record's bytes; raises DecodeError(reason, detail) when they are not text."""
    what = binary_kind(data[:8192])
    if what:
        raise DecodeError("binary", f"looks like {what}")
    encoding, skip = sniff_bom(data[:4])
    encoding = encoding or "utf-8"
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as e:
        raise DecodeError(
            "bad-encoding", f"invalid {encoding.upper()} at byte {e.start + skip}: {data[e.start + skip:e.start + skip + 8]!r}"
        ) from None
