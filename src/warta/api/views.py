"""Rows of ``warta.store.queries`` turned into what the API returns and the pages show: events in the
output contract's shape with their evidence, quotes with their speaker, links between pages."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import quote, urlencode

from warta.api.evidence import evidence_ranges, event_spans
from warta.ontology import cameo_codes


def pages(total: int, limit: int) -> int:
    return max(1, math.ceil(total / limit)) if limit else 1


def page_of(total: int, page: int, limit: int, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "page": page, "limit": limit, "pages": pages(total, limit), "items": items}


def article_path(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def event_path(article_id: str, idx: int) -> str:
    return f"/events/{quote(article_id, safe='')}/{int(idx)}"


def relations_path(a: str, b: str, **query: Any) -> str:
    q = urlencode({k: v for k, v in query.items() if v not in (None, "")})
    return f"/relations/{quote(a, safe='')}/{quote(b, safe='')}" + (f"?{q}" if q else "")


def cameo_label(code: str | None) -> str | None:
    c = cameo_codes().get(code or "")
    return c.label if c else None


def _party(row: dict[str, Any], p: str) -> dict[str, Any] | None:
    """An event's source or target (``src``, ``tgt``) or a quote's ``speaker`` from its columns."""
    if all(row.get(f"{p}_{k}") is None for k in ("text", "name", "code", "country")):
        return None
    return {"text": row.get(f"{p}_text"), "name": row.get(f"{p}_name"), "code": row.get(f"{p}_code"),
            "country": row.get(f"{p}_country"), "start": row.get(f"{p}_start"), "end": row.get(f"{p}_end")}


def event_out(row: dict[str, Any], texts: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """An event row as the API returns it (the analyze contract's names, plus store keys and evidence)."""
    out = {
        "article_id": row["article_id"], "idx": row["idx"], "type": row["type"], "mode": row["mode"],
        "cameo": row["cameo"], "cameo_label": cameo_label(row["cameo"]), "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
        "source": _party(row, "src") or {"text": None}, "target": _party(row, "tgt"),
        "modality": row["modality"], "date": row["event_date"], "date_granularity": row["date_granularity"],
        "day": row.get("day"), "location": row["location"], "sentence": row["sentence"],
        "start": row["start_char"], "end": row["end_char"], "trigger": row["trigger"], "rule": row["rule"],
        "mentions": row["mentions"], "article_title": row.get("article_title"),
        "article_source": row.get("article_source"), "article_published": row.get("article_published"),
        "article_url": row.get("article_url"), "evidence": None,
    }
    doc = (texts or {}).get(row["article_id"])
    if doc:
        text, sentences = doc["text"], doc["sentences"]
        ranges = evidence_ranges(text, sentences, row)
        if ranges:
            out["evidence"] = {
                "text": " … ".join(text[a:b] for a, b in ranges), "start": ranges[0][0], "end": ranges[-1][1],
                "trigger_spans": [[s.start, s.end] for s in event_spans(text, sentences, row) if s.cls == "trg"],
            }
    return out


def quote_out(row: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": row.get("article_id"), "idx": row["idx"], "text": row["text"],
            "start": row["start_char"], "end": row["end_char"], "direct": row["direct"], "cue": row["cue"],
            "speaker": _party(row, "speaker"), "sentence": row["sentence"], "rule": row["rule"],
            "article_title": row.get("article_title"), "article_source": row.get("article_source"),
            "article_published": row.get("article_published")}


def entity_out(row: dict[str, Any]) -> dict[str, Any]:
    return {**{k: row[k] for k in ("idx", "text", "label", "sentence", "name", "code", "country", "kind",
                                   "role", "rule")},
            "start": row["start_char"], "end": row["end_char"]}


def date_out(row: dict[str, Any]) -> dict[str, Any]:
    return {**{k: row[k] for k in ("idx", "text", "sentence", "value", "granularity", "rule")},
            "start": row["start_char"], "end": row["end_char"]}
