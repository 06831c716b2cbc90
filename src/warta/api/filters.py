"""Jinja2 filters and globals of the pages: Indonesian dates and numbers, labels, links."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from warta.api import labels, views


def number(value: Any) -> str:
    """1234 → "1.234" (Indonesian grouping)."""
    if value is None:
        return "—"
    from babel.numbers import format_decimal

    return format_decimal(value, locale=labels.LOCALE)


def goldstein(value: float | None) -> str:
    """8.0 → "+8,0"; −2 → "−2,0"."""
    if value is None:
        return "—"
    from babel.numbers import format_decimal

    text = format_decimal(abs(value), format="0.0", locale=labels.LOCALE)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def event_date(value: str | None, granularity: str | None = None) -> str:
    """An event's date as written in Indonesian: "24 Mei 2023", "Maret 2023", "2022"."""
    if not value:
        return "—"
    try:
        if granularity == "month" or len(value) == 7:
            return labels.month_name(date.fromisoformat(value + "-01"))
        if len(value) == 10:
            return labels.short_date(date.fromisoformat(value))
    except ValueError:
        pass
    return value


def safe_url(value: str | None) -> str | None:
    """A stored link fit for ``href``: http(s) only. Crawled data can carry ``javascript:`` URLs."""
    if not value:
        return None
    v = value.strip()
    return v if v.lower().startswith(("http://", "https://")) else None


_CODE = re.compile(r"`([^`]+)`")


def inline_code(text: str | None) -> Markup:
    """API descriptions are Markdown-ish: `x` becomes <code>x</code>, everything else is escaped."""
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text or ""))))


def install(env: Environment) -> None:
    env.filters.update(
        number=number, goldstein=goldstein, long_date=lambda d: labels.long_date(as_date(d)),
        short_date=lambda d: labels.short_date(as_date(d)) if as_date(d) else (d or "—"),
        month_name=lambda d: labels.month_name(d), event_date=event_date,
        quad_label=labels.quad_label, plover_label=labels.plover_label, modality_label=labels.modality_label,
        entity_label=labels.entity_label, safe_url=safe_url, inline_code=inline_code,
        granularity_label=lambda g: labels.labels()["granularity"].get(g, g or ""),
    )
    env.globals.update(
        article_path=views.article_path, event_path=views.event_path, relations_path=views.relations_path,
        quad_label=labels.quad_label, plover_label=labels.plover_label,
    )
