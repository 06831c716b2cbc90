"""Rendering a digest in the seed's shape: text, Markdown, HTML and JSON.

    Top 3 Dunia edisi Kamis, 25 Mei 2023, dibuka dengan berita … Berita kedua soal … Berita ketiga tentang …

    Berikut Top 3 Dunia selengkapnya:

    1. China dan Rusia Perkuat Kerja Sama Meski Dikecam Barat
    <2–4 summary paragraphs>
    Baca di sini untuk berita selengkapnya. <url>

The fixed wording lives in ``lang/id/digest.yaml``; the gists, headlines and paragraphs come from the
stories themselves. Day and month names are CLDR's Indonesian ones (babel).
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_date

from warta.stories.langdata import digest_wording

if TYPE_CHECKING:
    from warta.stories.digest import Digest

FORMATS = ("text", "markdown", "html", "json")


def edition_date(day: date) -> str:
    """ "Kamis, 25 Mei 2023" """
    return format_date(day, digest_wording()["edition_date_pattern"], locale="id")


def title(d: "Digest") -> str:
    return digest_wording()["title"].format(n=len(d.stories))


def _sentence(text: str) -> str:
    """A gist as a clause: no final stop of its own (the template adds it)."""
    return re.sub(r"[.!?…\s]+$", "", text.strip())


def intro(d: "Digest") -> str:
    w = digest_wording()
    edition = edition_date(d.day)
    n = len(d.stories)
    if n == 0:
        return w["no_world_stories"].format(edition=edition)
    gists = [_sentence(s.gist or s.headline) for s in d.stories]
    if n == 1:
        return w["intro_single"].format(n=n, edition=edition, gist=gists[0])
    parts = [w["intro_first"].format(n=n, edition=edition, gist=gists[0])]
    middle = w["intro_next"]
    for k, g in enumerate(gists[1:], start=1):
        if k == n - 1 and n > 3:
            parts.append(w["intro_last"].format(gist=g))
        else:
            parts.append(middle[min(k - 1, len(middle) - 1)].format(gist=g))
    return " ".join(parts)


def lead_in(d: "Digest") -> str:
    return digest_wording()["lead_in"].format(n=len(d.stories))


def render_text(d: "Digest") -> str:
    w = digest_wording()
    lines = [intro(d)]
    if not d.stories:
        return lines[0] + "\n"
    lines += ["", lead_in(d), ""]
    for i, s in enumerate(d.stories, 1):
        lines.append(f"{i}. {s.headline}")
        lines += s.summary
        lines.append(f"{w['read_more']} {s.url}" if s.url else w["read_more"])
        lines.append("")
    return "\n".join(lines)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(d: "Digest") -> str:
    w = digest_wording()
    lines = [f"# {_md(title(d))} — {edition_date(d.day)}", "", _md(intro(d))]
    if not d.stories:
        return "\n".join(lines) + "\n"
    lines += ["", _md(lead_in(d)), ""]
    for i, s in enumerate(d.stories, 1):
        lines += [f"## {i}. {_md(s.headline)}", ""]
        for p in s.summary:
            lines += [_md(p), ""]
        lines += [f"[{_md(w['read_more'])}](<{s.url}>)" if s.url else _md(w["read_more"]), ""]
    return "\n".join(lines)


_CSS = """body{font:17px/1.55 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}.intro{font-style:italic}
.read-more a{color:#0b5394}.meta{color:#777;font-size:.85rem}"""


def render_html(d: "Digest", standalone: bool = True) -> str:
    """The digest as HTML; ``standalone=False`` gives the ``<article>`` fragment a page can embed."""
    w = digest_wording()
    e = html.escape
    body = [f'<article class="warta-digest" data-date="{d.day.isoformat()}">',
            f"<h1>{e(title(d))} — {e(edition_date(d.day))}</h1>",
            f'<p class="intro">{e(intro(d))}</p>']
    if d.stories:
        body.append(f'<p class="lead-in">{e(lead_in(d))}</p>')
    for i, s in enumerate(d.stories, 1):
        body.append(f'<section class="story" id="{e(s.id)}" data-rank="{i}">')
        body.append(f"<h2>{i}. {e(s.headline)}</h2>")
        body += [f"<p>{e(p)}</p>" for p in s.summary]
        if s.url:
            body.append(f'<p class="read-more"><a href="{e(s.url, quote=True)}">{e(w["read_more"])}</a></p>')
        else:
            body.append(f'<p class="read-more">{e(w["read_more"])}</p>')
        if s.outlets:
            body.append(f'<p class="meta">{e(", ".join(s.outlets))} · {len(s.article_ids)} artikel</p>')
        body.append("</section>")
    body.append("</article>")
    fragment = "\n".join(body)
    if not standalone:
        return fragment
    return ("<!doctype html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{e(title(d))} — {e(edition_date(d.day))}</title>\n<style>{_CSS}</style>\n</head>\n"
            f"<body>\n{fragment}\n</body>\n</html>\n")


def render_json(d: "Digest") -> str:
    return json.dumps(d.to_dict(), ensure_ascii=False, indent=2)


def render(d: "Digest", fmt: str) -> str:
    if fmt == "text":
        return render_text(d)
    if fmt == "markdown":
        return render_markdown(d)
    if fmt == "html":
        return render_html(d)
    if fmt == "json":
        return render_json(d)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
