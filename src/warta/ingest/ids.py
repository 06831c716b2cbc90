"""Stable identities: the content hash of a normalised text and an article id for records without one.

An input's own ``id`` is always kept. Otherwise the id comes from the URL (the same page read
again keeps its id) or, without a URL, from the content hash. Ids are 16 hex digits: short,
URL-safe, and collision-free at any realistic corpus size.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit


def content_hash(text: str) -> str:
    """sha1 of the normalised text: equal texts are exact duplicates."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def canonical_url(url: str) -> str:
    """The URL as an identity: scheme and host lower-cased, fragment dropped, no trailing slash."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def derived_id(url: str | None, text_hash: str) -> str:
    """The id of a record that brought none: from its URL when it has one, else its content."""
    key = f"url:{canonical_url(url)}" if url else f"text:{text_hash}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def variant_id(base_id: str, text_hash: str) -> str:
    """A second id for a record whose URL-derived id is taken by a different text (a page that
    changed between two crawls): both versions are kept."""
    return hashlib.sha1(f"{base_id}:{text_hash}".encode("utf-8")).hexdigest()[:16]
