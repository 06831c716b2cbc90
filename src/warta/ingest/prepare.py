"""A record as read -> the Article warta stores: normalised, checked, hashed, identified, language-tagged.

Pure (no store, no state): ``warta analyze`` and ``warta ingest`` share it, and a process pool
can map it. Quarantine reasons added here: "empty" (nothing left after normalisation and
boilerplate removal), "too-large" (text beyond the limit after extraction), "bad-encoding"
(text riddled with U+FFFD replacement characters from a lossy decode upstream).
"""

from __future__ import annotations

from warta.ingest.ids import content_hash, derived_id
from warta.ingest.langid import detect_language
from warta.ingest.normalise import normalise_line, normalise_text, strip_boilerplate
from warta.ingest.options import ReadOptions
from warta.model import Article, Provenance, Quarantined

#: A text with more replacement characters than this share was decoded wrongly somewhere upstream.
MAX_REPLACEMENT_SHARE = 0.005


def _quarantine(raw: Article, reason: str, detail: str) -> Quarantined:
    prov = raw.provenance or Provenance("?")
    return Quarantined(prov.path, prov.index, reason, detail, prov.member)


def prepare(raw: Article, options: ReadOptions = ReadOptions(), with_language: bool = True) -> Article | Quarantined:
    text = normalise_text(raw.text)
    text, removed = strip_boilerplate(text)
    if not text:
        return _quarantine(raw, "empty", "no text after normalisation" + (f" (title: {raw.title[:80]!r})" if raw.title else ""))
    size = len(text.encode("utf-8"))
    if size > options.max_text_bytes:
        return _quarantine(raw, "too-large", f"text of {size:,} bytes (limit {options.max_text_bytes:,})")
    bad = text.count("\ufffd")
    if bad > 10 and bad > MAX_REPLACEMENT_SHARE * len(text):
        return _quarantine(raw, "bad-encoding", f"{bad} replacement characters (U+FFFD): decoded with the wrong charset")
    extra = dict(raw.extra)
    if removed:
        extra["removed_lines"] = removed
    title = normalise_line(raw.title)
    url = normalise_line(raw.url)
    digest = content_hash(text)
    return Article(
        id=raw.id or derived_id(raw.extra.get("guid") or url, digest),
        text=text,
        title=title[:1000] if title else None,
        url=url,
        source=normalise_line(raw.source),
        published=raw.published,
        language=detect_language(text, title) if with_language else raw.language,
        content_hash=digest,
        provenance=raw.provenance,
        extra=extra,
    )
