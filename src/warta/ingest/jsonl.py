"""JSON Lines -> one Article per line, read line by line (memory flat in the file's size).

A line longer than the text limit is quarantined ("too-large") and skipped without being held
in memory. Broken lines ("malformed-json"), lines that are not objects and lines without text are
quarantined with their line number; blank lines are not records. UTF-8 is expected; a UTF-16/32
file is accepted when it starts with its byte-order mark. A ``.json`` file may also hold one
object or an array of objects (read whole, within the markup limit).

A file that starts like binary data (NUL or control bytes, a known magic number) is one "binary"
quarantine record, not one "malformed-json" per line. JSON may escape a lone UTF-16 surrogate
("\ud83d", an emoji cut in half by a crawler's truncation); such a code unit is not Unicode text
and no store can hold it, so it becomes U+FFFD (a text full of them is then quarantined by
``prepare`` as "bad-encoding").
"""

from __future__ import annotations

import codecs
import io
import json
import re
from typing import Any, BinaryIO, Iterator

from warta.ingest.decode import binary_kind, sniff_bom
from warta.ingest.fields import article_from_fields
from warta.ingest.options import ReadOptions
from warta.model import Article, Provenance, Quarantined

_DRAIN_CHUNK = 1 << 20
_SNIFF_BYTES = 2048
_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (keys too) replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {_valid_unicode(k): _valid_unicode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_valid_unicode(v) for v in value]
    return value


def _record(obj: Any, prov: Provenance) -> Article | Quarantined:
    obj = _valid_unicode(obj)
    if not isinstance(obj, dict):
        return Quarantined(prov.path, prov.index, "invalid-record",
                           f"expected a JSON object, got {type(obj).__name__}", prov.member)
    return article_from_fields(obj, prov)


def _parse(line: str, prov: Provenance) -> Article | Quarantined:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return Quarantined(prov.path, prov.index, "malformed-json",
                           f"{e.msg.removesuffix(' at')} at column {e.colno}", prov.member)
    except RecursionError:
        return Quarantined(prov.path, prov.index, "malformed-json", "nested too deeply", prov.member)
    return _record(obj, prov)


def _byte_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """(line, length) per line; line is None when it was longer than ``limit`` (then drained)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:
                chunk = stream.readline(_DRAIN_CHUNK)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield None, size
        else:
            yield line, len(line)


def read_jsonl(stream: BinaryIO, path: str, options: ReadOptions, member: str | None = None
               ) -> Iterator[Article | Quarantined]:
    limit = options.max_text_bytes
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(stream, "peek") else b""
    what = binary_kind(head)
    if what:
        yield Quarantined(path, 0, "binary", f"looks like {what}, not JSON Lines", member)
        return
    encoding, _ = sniff_bom(head[:4])
    if encoding not in (None, "utf-8"):
        yield from _read_wide(stream, path, encoding, limit, member)
        return
    for number, (line, size) in enumerate(_byte_lines(stream, limit), start=1):
        prov = Provenance(path, number, member)
        if line is None:
            yield Quarantined(path, number, "too-large", f"line of {size:,} bytes (limit {limit:,})", member)
            continue
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as e:
            yield Quarantined(path, number, "bad-encoding", f"invalid UTF-8 at byte {e.start} of the line", member)
            continue
        yield _parse(text, prov)


def _read_wide(stream: BinaryIO, path: str, encoding: str, limit: int, member: str | None
               ) -> Iterator[Article | Quarantined]:
    """UTF-16/32 JSON Lines (rare: Windows tools). Decoding errors end the file."""
    base = encoding.split("-")[0] + "-" + encoding.split("-")[1]  # "utf-16", BOM-aware
    reader = io.TextIOWrapper(stream, encoding=base, errors="strict", newline="")
    number = 0
    try:
        while True:
            line = reader.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith("\n"):
                while (chunk := reader.readline(_DRAIN_CHUNK)) and not chunk.endswith("\n"):
                    pass
                yield Quarantined(path, number, "too-large", f"line longer than {limit:,} characters", member)
                continue
            if line.strip():
                yield _parse(line.lstrip("\ufeff"), Provenance(path, number, member))
    except UnicodeDecodeError as e:
        yield Quarantined(path, number + 1, "bad-encoding", f"invalid {encoding.upper()} ({e.reason})", member)
    finally:
        reader.detach()


def read_json(stream: BinaryIO, path: str, options: ReadOptions, member: str | None = None
              ) -> Iterator[Article | Quarantined]:
    """A ``.json`` file: one object, an array of objects, or (often, despite the name) JSON Lines."""
    data = stream.read(options.max_markup_bytes + 1)
    if len(data) > options.max_markup_bytes:
        yield Quarantined(path, 0, "too-large", f"JSON document larger than {options.max_markup_bytes:,} bytes "
                          "(write it as JSON Lines to stream it)", member)
        return
    encoding, skip = sniff_bom(data[:4])
    try:
        text = data[skip:].decode(encoding or "utf-8")
        doc = json.loads(text)
    except UnicodeDecodeError as e:
        yield Quarantined(path, 0, "bad-encoding", f"invalid {(encoding or 'utf-8').upper()} at byte {e.start}", member)
        return
    except (json.JSONDecodeError, RecursionError):
        yield from read_jsonl(io.BufferedReader(io.BytesIO(data)), path, options, member)
        return
    if isinstance(doc, list):
        for number, obj in enumerate(doc, start=1):
            yield _record(obj, Provenance(path, number, member))
    else:
        yield _record(doc, Provenance(path, 0, member))
