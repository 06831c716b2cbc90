"""A raw record's fields (a JSON object, a feed entry) -> an Article, tolerating the usual names.

Only ``text`` is required and must be a string. An optional field of the wrong type (a list for
a title, a dict for a date) does not cost the article: it is dropped and noted in
``extra["field_errors"]``. The id, URL, outlet and date are taken from the first field present of
each alias list below. A given id that no one could use to address the article — longer than
``MAX_ID_CHARS`` or holding control characters — is treated the same way: noted, kept in
``extra["given_id"]``, and replaced by a derived id.
"""

from __future__ import annotations

import re
from typing import Any

from warta.ingest.published import parse_published
from warta.model import Article, Provenance, Quarantined

TEXT_FIELDS = ("text", "content", "body", "article", "full_text", "fulltext", "maintext", "article_text")
TITLE_FIELDS = ("title", "headline", "judul")
ID_FIELDS = ("id", "_id", "doc_id", "article_id", "guid")
URL_FIELDS = ("url", "link", "canonical_url", "uri", "href")
SOURCE_FIELDS = ("source", "outlet", "site", "sitename", "site_name", "publisher", "media")
DATE_FIELDS = ("date", "published", "published_at", "publish_date", "date_published", "datePublished",
               "pubDate", "pub_date", "date_publish", "time", "timestamp", "created_at")
#: Fields worth keeping in ``extra`` (short metadata; never whole alternative texts).
EXTRA_FIELDS = ("description", "author", "editor", "dateline", "category", "tags", "keywords",
                "lang", "language")
MAX_EXTRA_CHARS = 2000
#: Longer ids are not ids (the API and URLs take up to this many characters).
MAX_ID_CHARS = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_HTML_MARKUP = re.compile(r"<(?:p|div|br|span|a|strong|em|b|i|h[1-6]|li|ul|figure|img)\b[^>]*>", re.I)


def _first(obj: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        if name in obj and obj[name] not in (None, ""):
            return name, obj[name]
    return None, None


def looks_like_html(text: str) -> bool:
    """A text field that carries markup (some dumps store the page's article HTML)."""
    return len(_HTML_MARKUP.findall(text[:5000])) >= 2


def article_from_fields(obj: dict[str, Any], prov: Provenance) -> Article | Quarantined:
    name, text = _first(obj, TEXT_FIELDS)
    if name is None:
        present = ", ".join(sorted(obj)[:12]) or "none"
        return Quarantined(prov.path, prov.index, "missing-text",
                           f"no text field ({'/'.join(TEXT_FIELDS[:3])}…); fields present: {present}", prov.member)
    if not isinstance(text, str):
        return Quarantined(prov.path, prov.index, "invalid-record",
                           f'field "{name}" must be a string, got {type(text).__name__}', prov.member)
    if looks_like_html(text):
        from warta.ingest.html import html_to_text  # lxml only when needed

        text = html_to_text(text)
    errors: list[str] = []
    extra: dict[str, Any] = {}

    def string_field(names: tuple[str, ...]) -> str | None:
        key, value = _first(obj, names)
        if key is None:
            return None
        if isinstance(value, dict):  # {"source": {"name": "Tempo"}}
            value = value.get("name") or value.get("title") or value.get("href")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str):
            return value
        errors.append(f'{key}: expected a string, got {type(value).__name__}')
        return None

    record_id = (string_field(ID_FIELDS) or "").strip()
    if len(record_id) > MAX_ID_CHARS or _CONTROL.search(record_id):
        why = f"longer than {MAX_ID_CHARS} characters" if len(record_id) > MAX_ID_CHARS else "holds control characters"
        errors.append(f"id: {why}; a derived id is used")
        extra["given_id"] = record_id[:MAX_ID_CHARS]
        record_id = ""
    title = string_field(TITLE_FIELDS)
    url = string_field(URL_FIELDS)
    source = string_field(SOURCE_FIELDS)
    date_key, date_value = _first(obj, DATE_FIELDS)
    published = parse_published(date_value)
    if date_key is not None and published is None:
        extra["date_raw"] = str(date_value)[:100]
    for key in EXTRA_FIELDS:
        value = obj.get(key)
        if value in (None, "", [], {}):
            continue
        if isinstance(value, (str, int, float, bool)) or (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            if len(str(value)) <= MAX_EXTRA_CHARS:
                extra[key] = value
    if errors:
        extra["field_errors"] = errors
    return Article(id=record_id, text=text, title=title, url=url, source=source,
                   published=published, provenance=prov, extra=extra)
