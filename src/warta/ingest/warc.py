"""WARC / WARC.gz -> Articles (warcio), one per document record, streaming record by record.

Documents are ``response`` records (HTTP) and ``resource`` records (direct captures). They are
numbered from 1 in file order, and each is a ledger record: HTML goes through the HTML path with
the target URI as URL, plain text through the text path; an HTTP error status ("http-status") or
another content type ("unsupported-content-type": images, scripts, PDFs) is quarantined with the
reason. Protocol records (``warcinfo``, ``request``, ``metadata``, ``revisit``) are not documents
and not counted. A truncated or corrupt record ends the file with a "truncated-warc" quarantine.
"""

from __future__ import annotations

from typing import BinaryIO, Iterator

from warta.ingest.decode import DecodeError, decode_text
from warta.ingest.html import html_document
from warta.ingest.options import ReadOptions
from warta.ingest.text import article_from_plain_text
from warta.model import Article, Provenance, Quarantined

DOCUMENT_TYPES = frozenset({"response", "resource"})
HTML_TYPES = ("text/html", "application/xhtml+xml")


class TruncatedWarc(Exception):
    """Raised to the dispatcher with the number of the record that could not be read."""

    def __init__(self, number: int, detail: str) -> None:
        super().__init__(detail)
        self.number = number


def read_warc(stream: BinaryIO, path: str, options: ReadOptions, member: str | None = None
              ) -> Iterator[Article | Quarantined]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    archive = ArchiveIterator(stream, arc2warc=True)
    records = iter(archive)
    while True:
        try:
            record = next(records)
        except StopIteration:
            _check_complete(stream, archive.offset, number)
            return
        except (ArchiveLoadFailed, ValueError, EOFError, OSError) as e:
            raise TruncatedWarc(number + 1, f"{type(e).__name__}: {e}"[:300]) from None
        except Exception as e:  # noqa: BLE001 - warcio fails on cut headers in assorted ways
            raise TruncatedWarc(number + 1, f"corrupt record ({type(e).__name__}: {e})"[:300]) from None
        if record.rec_type not in DOCUMENT_TYPES:
            continue
        number += 1
        uri = record.rec_headers.get_header("WARC-Target-URI")
        prov = Provenance(path, number, uri)
        try:
            yield from _document(record, prov, uri, options)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as e:
            raise TruncatedWarc(number, f"{type(e).__name__}: {e}"[:300]) from None


def _check_complete(stream: BinaryIO, end: int, number: int) -> None:
    """warcio stops quietly at a record whose header was cut short: bytes left after the last
    complete record mean the file was truncated there."""
    try:
        stream.seek(end)
        rest = stream.read(4096)
    except (OSError, ValueError):
        return
    if rest.strip(b"\r\n\t \x00"):
        raise TruncatedWarc(number + 1, f"{len(rest):,}+ bytes after the last complete record at offset {end:,}")


def _document(record, prov: Provenance, uri: str | None, options: ReadOptions) -> Iterator[Article | Quarantined]:
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            yield Quarantined(prov.path, prov.index, "http-status", f"HTTP {status} for {uri}", prov.member)
            return
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if record.rec_headers.get_header("Content-Length") is None:
        raise TruncatedWarc(prov.index, "record header cut short (no Content-Length)")
    stream = record.content_stream()
    data = stream.read(options.max_markup_bytes + 1)
    if len(data) > options.max_markup_bytes:
        yield Quarantined(prov.path, prov.index, "too-large", f"payload larger than {options.max_markup_bytes:,} bytes", prov.member)
        return
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:
        raise TruncatedWarc(prov.index, f"record ends {missing:,} bytes before its declared length")
    if mime in HTML_TYPES or (not mime and data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))):
        yield html_document(data, prov, url=uri)
    elif mime == "text/plain":
        try:
            text = decode_text(data)
        except DecodeError as e:
            yield Quarantined(prov.path, prov.index, e.reason, str(e), prov.member)
            return
        article = article_from_plain_text(text, prov)
        article.url = uri
        yield article
    else:
        yield Quarantined(prov.path, prov.index, "unsupported-content-type",
                          f"{mime or 'no content type'} is not a document", prov.member)
