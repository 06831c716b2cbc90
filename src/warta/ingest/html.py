"""HTML pages -> Articles: trafilatura finds the main text, title, date, canonical URL and site.

trafilatura drops navigation, sidebars, footers and comments; what it keeps may still open with
the headline and a date line, which the Article carries in its own fields, so those leading
paragraphs are removed here. A page without main text is quarantined ("no-main-text"), a page
lxml cannot parse ("unparseable-html"), a page nested deeper than libxml2's limit of 256
elements, whose text below that depth the parser never reaches ("too-deep"), with the reason.

``html_to_text`` turns an HTML fragment (a feed entry's content, a JSON field holding markup) into
paragraphs without trafilatura's page heuristics, which are meant for whole pages.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from warta.ingest.decode import binary_kind
from warta.ingest.published import parse_published
from warta.model import Article, Provenance, Quarantined

# trafilatura and its helpers log every page they find no content in; the quarantine says it once.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
               "section", "article", "header", "footer", "figcaption", "dd", "dt", "table", "ul", "ol")
_DATE_LINE_MAX = 80
_HAS_DIGIT = re.compile(r"\d")
#: Below this, what trafilatura kept is a menu or a caption, not an article's main text.
MIN_MAIN_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?…][\"”’')]?(?:\s|$)")


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment with block elements as paragraph breaks; scripts and styles dropped."""
    import lxml.html
    from lxml import etree

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for bad in root.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
        if el.text:
            el.text = "\n\n" + el.text
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return root.text_content()


def _is_date_line(paragraph: str) -> bool:
    """A short paragraph that is only a date ("Rabu, 24 Mei 2023 10:15 WIB")."""
    if len(paragraph) > _DATE_LINE_MAX or not _HAS_DIGIT.search(paragraph):
        return False
    return parse_published(paragraph) is not None


def _drop_leading_furniture(text: str, title: str | None) -> tuple[str, str | None]:
    """Remove the headline and a date line that open the extracted text; returns (text, date line)."""
    lines = text.split("\n")
    date_line = None
    for _ in range(3):
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines:
            break
        first = " ".join(lines[0].split())
        if title and first.casefold() == " ".join(title.split()).casefold():
            lines.pop(0)
        elif date_line is None and _is_date_line(first):
            date_line = first
            lines.pop(0)
        else:
            break
    return "\n".join(lines), date_line


def _parser_limit(data: bytes) -> str | None:
    """The resource limit libxml2 hit parsing the page (it then drops what lies beyond), if any.
    Only asked about pages without main text, so the second parse costs nothing on good pages."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return next((e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)


def html_document(data: bytes, prov: Provenance, url: str | None = None) -> Article | Quarantined:
    """One HTML page (bytes, as served) -> an Article or a Quarantined record."""
    what = binary_kind(data[:8192])
    if what:
        return Quarantined(prov.path, prov.index, "binary", f"looks like {what}", prov.member)
    if not data.strip():
        return Quarantined(prov.path, prov.index, "empty", "no bytes", prov.member)
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                          include_images=False, include_links=False)
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError) as e:
        return Quarantined(prov.path, prov.index, "unparseable-html", f"{type(e).__name__}: {e}"[:300], prov.member)
    if doc is None or not (doc.text or "").strip():
        limit = _parser_limit(data)
        if limit:
            return Quarantined(prov.path, prov.index, "too-deep", f"nested deeper than the HTML parser reads "
                               f"({limit.split(',')[0]}); the text below that depth is lost", prov.member)
        return Quarantined(prov.path, prov.index, "no-main-text",
                           "trafilatura found no main text (navigation, boilerplate or an empty page)", prov.member)
    text, date_line = _drop_leading_furniture(doc.text, doc.title)
    words = len(text.split())
    if words < MIN_MAIN_WORDS or not _SENTENCE_END.search(text):
        return Quarantined(prov.path, prov.index, "no-main-text",
                           f"only {words} word(s) of text and no sentence outside the page furniture", prov.member)
    extra: dict[str, object] = {}
    if date_line:
        extra["date_line"] = date_line
    if doc.author:
        extra["author"] = doc.author
    if doc.description:
        extra["description"] = doc.description
    if doc.categories:
        extra["category"] = list(doc.categories)
    page_url = doc.url or url
    source = doc.sitename or (urlsplit(page_url).hostname if page_url else None) or doc.hostname
    published = parse_published(doc.date) or (parse_published(date_line) if date_line else None)
    return Article(id="", text=text, title=doc.title, url=page_url, source=source, published=published,
                   provenance=prov, extra=extra)
