"""Input paths -> a stream of Articles and Quarantined records, whatever the format.

Directories are walked recursively in sorted order (hidden files and folders, such as ``.git``,
are skipped). A file's format comes from its extension (under an optional ``.gz``) or, failing
that, from its first bytes. Every reader yields records one at a time, so memory stays flat in
the size of the input. A file that fails mid-way (a truncated gzip or WARC, an unreadable disk
block) yields one quarantine record at the place it failed; the records before it stand.

What a crawl folder may also hold is reported, not fatal: a dangling symlink is quarantined as
"unreadable", a named pipe with no writer as "empty" (it is opened without waiting for one), and
a file name that is not valid UTF-8 is stored with its odd bytes escaped (``\xff``).
"""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from warta.errors import InputError
from warta.ingest.decode import binary_kind, sniff_bom
from warta.ingest.feeds import read_feed
from warta.ingest.html import html_document
from warta.ingest.jsonl import read_json, read_jsonl
from warta.ingest.options import ReadOptions
from warta.ingest.text import read_text
from warta.ingest.warc import TruncatedWarc, read_warc
from warta.model import Article, Provenance, Quarantined

Item = Article | Quarantined
Reader = Callable[[BinaryIO, str, ReadOptions, str | None], Iterator[Item]]

#: Extension (after removing ".gz") -> format.
EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
    ".warc": "warc", ".arc": "warc",
}
SNIFF_BYTES = 2048


def read_html(stream: BinaryIO, path: str, options: ReadOptions, member: str | None = None) -> Iterator[Item]:
    data = stream.read(options.max_markup_bytes + 1)
    if len(data) > options.max_markup_bytes:
        yield Quarantined(path, 0, "too-large", f"page larger than {options.max_markup_bytes:,} bytes", member)
        return
    yield html_document(data, Provenance(path, 0, member))


READERS: dict[str, Reader] = {
    "text": read_text, "jsonl": read_jsonl, "json": read_json, "html": read_html,
    "feed": read_feed, "warc": read_warc,
}


def sniff_format(head: bytes) -> str | None:
    """The format the first bytes announce; None for binary data."""
    encoding, skip = sniff_bom(head[:4])
    if encoding not in (None, "utf-8"):
        try:
            text = head[skip:].decode(encoding.split("-")[0] + "-" + encoding.split("-")[1], errors="ignore")
        except LookupError:
            return "text"
    else:
        if binary_kind(head):
            return None
        text = head[skip:].decode("utf-8", errors="ignore")
    start = text.lstrip()[:SNIFF_BYTES].lower()
    if start.startswith("warc/"):
        return "warc"
    if start.startswith(("{", "[")):
        return "json" if start.startswith("[") else "jsonl"
    if start.startswith("<"):
        if "<rss" in start or "<feed" in start or "<rdf:rdf" in start:
            return "feed"
        return "html"
    return "text"


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files to read, in order: each path given, directories walked; missing paths are an InputError."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(Path(root) / n for n in sorted(names) if not n.startswith("."))
        elif os.path.lexists(p):  # a dangling symlink too: reading it gives a quarantine record
            files.append(p)
        else:
            raise InputError(f"no such file or directory: {raw}")
    return files


@dataclass
class Progress:
    """Bytes of input consumed so far, for progress bars (compressed bytes for .gz files)."""

    total_bytes: int = 0
    done_bytes: int = 0
    current: BinaryIO | None = None
    current_path: str = ""
    files_done: int = 0
    files: int = 0
    _sizes: list[int] = field(default_factory=list)

    @property
    def position(self) -> int:
        try:
            return self.done_bytes + (self.current.tell() if self.current else 0)
        except (OSError, ValueError):
            return self.done_bytes


def _fail(path: str, index: int, reason: str, detail: str) -> Quarantined:
    return Quarantined(path, index, reason, detail[:300])


def path_text(path: str | os.PathLike[str]) -> str:
    """A path as stored text: a name whose bytes are not UTF-8 (Python holds them as lone
    surrogates, which no database or JSON encoder accepts) gets them escaped as ``\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _open(path: Path) -> BinaryIO:
    """The file, for reading. A named pipe is opened without waiting for a writer (a FIFO left in
    a crawl folder would otherwise block the ingest forever); with none it reads as empty."""
    if stat.S_ISFIFO(os.stat(path).st_mode):
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        os.set_blocking(fd, True)
        return open(fd, "rb")
    return open(path, "rb")


def read_file(path: Path, options: ReadOptions = ReadOptions(), progress: Progress | None = None) -> Iterator[Item]:
    """All records of one file. Never raises for bad content: problems become Quarantined records."""
    name = path_text(path.absolute())
    lower = path.name.lower()
    try:
        raw = _open(path)
    except OSError as e:
        yield _fail(name, 0, "unreadable", f"{type(e).__name__}: {e.strerror or e}")
        return
    with raw:
        if progress:
            progress.current, progress.current_path = raw, name
        compressed = lower.endswith(".gz") or raw.peek(2)[:2] == b"\x1f\x8b"
        inner = lower[:-3] if lower.endswith(".gz") else lower
        fmt = EXTENSIONS.get(os.path.splitext(inner)[1])
        if fmt == "warc":  # warcio reads gzip members itself
            yield from _guarded(read_warc, raw, name, options)
            return
        stream: BinaryIO = raw
        if compressed:
            stream = gzip.GzipFile(fileobj=raw, mode="rb")  # buffered, with peek() and readline()
        if fmt is None:
            try:
                head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            except (OSError, EOFError, zlib.error) as e:
                yield _fail(name, 0, "bad-gzip", f"{type(e).__name__}: {e}")
                return
            if not head:
                yield _fail(name, 0, "empty", "the file is empty")
                return
            fmt = sniff_format(head)
            if fmt is None:
                yield _fail(name, 0, "binary", f"looks like {binary_kind(head)}")
                return
            if fmt == "warc":
                raw.seek(0)
                yield from _guarded(read_warc, raw, name, options)
                return
        yield from _guarded(READERS[fmt], stream, name, options)


def _guarded(reader: Reader, stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[Item]:
    """Run a reader; a failure of the byte stream itself becomes one quarantine record."""
    last = -1  # nothing read yet: a failure is the whole file's (index 0)
    count = 0
    try:
        for item in reader(stream, name, options, None):
            last = item.index if isinstance(item, Quarantined) else item.provenance.index  # type: ignore[union-attr]
            count += 1
            yield item
        if count == 0:  # a file that holds no record at all is reported, not passed over
            yield _fail(name, 0, "empty", "no records in the file (blank lines only, or no documents)")
    except TruncatedWarc as e:
        yield _fail(name, e.number, "truncated-warc", str(e))
    except (EOFError, zlib.error, gzip.BadGzipFile) as e:
        yield _fail(name, last + 1, "truncated-gzip" if isinstance(e, EOFError) else "bad-gzip",
                    f"{type(e).__name__}: {e}; records before this point were read")
    except OSError as e:
        yield _fail(name, last + 1, "unreadable", f"{type(e).__name__}: {e}")
    except Exception as e:  # noqa: BLE001 - a reader's failure on one file must not end the run
        yield _fail(name, last + 1, "reader-error", f"{type(e).__name__}: {e}; records before this point were read")


def read_inputs(paths: Iterable[str | os.PathLike[str]], options: ReadOptions = ReadOptions(),
                progress: Progress | None = None) -> Iterator[Item]:
    """Every record of every input path, in order."""
    files = expand_paths(paths)
    if progress is not None:
        sizes = []
        for f in files:
            try:
                sizes.append(f.stat().st_size)
            except OSError:
                sizes.append(0)
        progress.total_bytes, progress.files, progress._sizes = sum(sizes), len(files), sizes
    for i, f in enumerate(files):
        yield from read_file(f, options, progress)
        if progress is not None:
            progress.current = None
            progress.done_bytes += progress._sizes[i]
            progress.files_done += 1
