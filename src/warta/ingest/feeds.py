"""RSS 2.0 / Atom / RDF feeds -> one Article per entry (feedparser).

The entry's full content (``content:encoded``, Atom ``content``) is preferred to its summary;
markup becomes paragraphs. Dates are read from the raw strings, so localized Indonesian dates
("Rabu, 24 Mei 2023 10:15 WIB") that feedparser leaves unparsed still count; the publisher's local
date is kept. Entries carry a GUID rather than an article id: the GUID is kept in ``extra`` and
``prepare`` derives the id from it (or from the link). A file that is not a feed is quarantined whole
("not-a-feed"); so is one that declares XML entities ("unsafe-xml": how entity-expansion bombs
are built, and never needed by a feed). The declaration is looked for in the whole document and in
its own encoding: padding before the DOCTYPE or a UTF-16 encoding must not hide it.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO, Iterator
from urllib.parse import urlsplit

from warta.ingest.decode import sniff_bom
from warta.ingest.html import html_to_text
from warta.ingest.options import ReadOptions
from warta.ingest.published import parse_published
from warta.model import Article, Provenance, Quarantined


#: Feeds have no use for DTD entity declarations; they are how entity-expansion bombs are built.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
#: XML without a byte-order mark announces a wide encoding by how its "<?" is spelled (XML 1.0, appendix F).
_WIDE_XML = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
             (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"))


def declares_entities(data: bytes) -> bool:
    """Does the XML document declare entities anywhere (searched in its own encoding)?"""
    encoding, skip = sniff_bom(data[:4])
    if encoding is None:
        encoding = next((name for sig, name in _WIDE_XML if data.startswith(sig)), None)
    if encoding not in (None, "utf-8"):
        data = data[skip:].decode(encoding, errors="ignore").encode("utf-8")
    return _ENTITY_DECLARATION.search(data) is not None


def _entry_text(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    best = max(contents, key=len, default="")
    summary = entry.get("summary", "") or ""
    raw = best if len(best) >= len(summary) else summary
    return html_to_text(raw) if "<" in raw else raw


def _entry_date(entry: Any) -> tuple[Any, str | None]:
    for key in ("published", "updated", "created", "dc_date"):
        raw = entry.get(key)
        if raw:
            return parse_published(raw), raw
    return None, None


def read_feed(stream: BinaryIO, path: str, options: ReadOptions, member: str | None = None
              ) -> Iterator[Article | Quarantined]:
    import feedparser

    data = stream.read(options.max_markup_bytes + 1)
    if len(data) > options.max_markup_bytes:
        yield Quarantined(path, 0, "too-large", f"feed larger than {options.max_markup_bytes:,} bytes", member)
        return
    if not data.strip():
        yield Quarantined(path, 0, "empty", "the file is empty", member)
        return
    if declares_entities(data):
        yield Quarantined(path, 0, "unsafe-xml", "the feed declares XML entities (an entity-expansion bomb?); "
                          "refused unread", member)
        return
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as e:  # noqa: BLE001 - feedparser wraps many parser errors
        yield Quarantined(path, 0, "malformed-feed", f"{type(e).__name__}: {e}"[:300], member)
        return
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f"no feed entries ({type(problem).__name__}: {problem})" if problem else "no RSS/Atom entries"
        yield Quarantined(path, 0, "not-a-feed", detail[:300], member)
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        prov = Provenance(path, number, member)
        text = _entry_text(entry)
        link = entry.get("link")
        guid = entry.get("id") or link
        published, date_raw = _entry_date(entry)
        extra: dict[str, Any] = {}
        if guid:
            extra["guid"] = guid
        if date_raw and published is None:
            extra["date_raw"] = date_raw[:100]
        if entry.get("author"):
            extra["author"] = entry["author"]
        if text and entry.get("summary") and len(entry["summary"]) < len(text) and entry["summary"] not in text:
            extra["description"] = html_to_text(entry["summary"]).strip()[:2000]
        tags = [t.get("term") for t in entry.get("tags", []) if isinstance(t, dict) and t.get("term")]
        if tags:
            extra["tags"] = tags
        source = feed_title or (urlsplit(link).hostname if link else None)
        yield Article(id="", text=text, title=entry.get("title"), url=link,
                      source=source, published=published, provenance=prov, extra=extra)
