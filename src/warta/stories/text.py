"""Small text helpers shared by clustering, summaries and headlines: word tokens, where the story starts
after its dateline, page furniture, reader links, and a display tidy-up for text whose tokenisation was
rebuilt upstream (IndoSum)."""

from __future__ import annotations

import re

from warta.stories.langdata import news_text

WORD_RE = re.compile(r"\w+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]%])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")
_CLITIC = re.compile(r"(\w) -(nya|lah|kah|pun|mu|ku)\b")
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_SPACED_DATE_SLASH = re.compile(r"(?<=\d/\d) / (?=\d)|(?<=\d\d/\d) / (?=\d)|(?<=/\d\d) / (?=\d)")  # "(13/9 / 17)"
_SPACED_QUOTE = re.compile(r"(^|\s)(['\"]) ([^'\"\n]{1,200}?) \2(?=[\s,.;:!?]|$)")
_TOKENISED_SIGNS = re.compile(r"\w ,|\w \.(?:\s|$)| - -")
_INLINE_FURNITURE = re.compile(r"\s*\[(?:img|embed)\.\d+\]\s*")
_LEADING_MARKS = re.compile(r"^[\s\-–—:,;|]+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, digits, underscore): the unit of similarity and of ROUGE."""
    return WORD_RE.findall(text.lower())


def dateline_end(text: str) -> int:
    """Offset where the story proper begins: after "Jakarta, CNN Indonesia --", "SPANYOL –", … and the
    space after it (0 if none). The dateline is the segmenter's (``warta.analyse.segment.dateline``,
    data in ``lang/id/datelines.txt``), so stories and the analyser agree on it."""
    from warta.analyse.segment import dateline

    return after_dateline(text, dateline(text))


def after_dateline(text: str, found) -> int:
    """``dateline_end`` for a dateline already found (a ``warta.analyse.segment.Dateline`` or None)."""
    if found is None:
        return 0
    end = found.end
    while end < len(text) and text[end] in " \t\xa0":
        end += 1
    return end


def strip_title_prefix(text: str, title: str | None) -> int:
    """Scraped pages often repeat the headline before the dateline: offset after it (0 if absent)."""
    if title and len(title) > 10 and text.startswith(title):
        return len(title)
    return 0


def is_noise_paragraph(paragraph: str) -> bool:
    return bool(news_text().noise_paragraph.search(paragraph.strip()))


def is_noise_sentence(sentence: str) -> bool:
    s = sentence.strip()
    return not s or bool(news_text().noise_sentence.search(s)) or is_noise_paragraph(s)


#: Query parameters that only track a reader's click (utm_source, fbclid, …): dropped from digest links.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|_ga|igshid)$", re.IGNORECASE)


def clean_url(url: str | None) -> str | None:
    """A link for readers: the article's URL without click-tracking parameters."""
    if not url or "?" not in url:
        return url
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def looks_retokenised(text: str) -> bool:
    """True for text rebuilt from tokens ("kata dia , " / "ke - 25"), as IndoSum's is."""
    return len(_TOKENISED_SIGNS.findall(text[:4000])) >= 2


def tidy(text: str, retokenised: bool | None = None) -> str:
    """Text for display: leading dashes (a dateline's remains) and inline "[embed.1]" markers dropped,
    spaces before punctuation and inside brackets removed; for re-tokenised text
    also "Instagram -nya" → "Instagram-nya", "ke - 25" → "ke-25" and "' gila '" → "'gila'"."""
    if retokenised is None:
        retokenised = looks_retokenised(text)
    out = _LEADING_MARKS.sub("", _INLINE_FURNITURE.sub(" ", text))
    if retokenised:
        out = _CLITIC.sub(r"\1-\2", out)
        out = _SPACED_HYPHEN.sub("-", out)
        out = _SPACED_QUOTE.sub(r"\1\2\3\2", out)
    out = _SPACED_DATE_SLASH.sub("/", out)  # a date broken by re-tokenising, whatever else the text is
    out = _SPACE_BEFORE_PUNCT.sub(r"\1", out)
    out = _SPACE_AFTER_OPEN.sub(r"\1", out)
    return re.sub(r"[ \t]{2,}", " ", out).strip()
