"""Language identification: lingua for the language family, a marker count for Indonesian vs Malay.

lingua is restricted to the languages an Indonesian world desk meets (``LANGUAGES``) and built
once per process. It reads the title and the start of the text, which is enough for news and
keeps the cost near 0.5 ms an article. Its Indonesian and Malay models are close enough that
whole Indonesian articles come out "Malay" now and then, so when lingua says either, the
marker words of ``lang/id/ingest-id-ms-markers.tsv`` decide, with Indonesian winning ties.
Texts too short to judge (fewer than ``MIN_LETTERS`` letters) get ``None``: undecided, which the
analyser treats as Indonesian.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

#: The small set lingua chooses from: Indonesia's languages of record and of its neighbours and
#: partners. Scripts other than Latin (Thai, Chinese, Japanese, Korean, Arabic) cost nothing extra.
LANGUAGES: tuple[Language, ...] = (
    Language.INDONESIAN, Language.MALAY, Language.ENGLISH, Language.TAGALOG, Language.VIETNAMESE,
    Language.DUTCH, Language.PORTUGUESE, Language.FRENCH, Language.GERMAN, Language.SPANISH,
    Language.CHINESE, Language.JAPANESE, Language.KOREAN, Language.THAI, Language.ARABIC,
)
#: How much of the article lingua reads (characters); markers are counted in ``MARKER_CHARS``.
SAMPLE_CHARS = 250
MARKER_CHARS = 2500
MIN_LETTERS = 20

_WORD = re.compile(r"[^\W\d_]+")


@cache
def detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


@cache
def _markers() -> tuple[dict[str, str], dict[str, str]]:
    """(single word -> lang, " two words " -> lang) from the data file."""
    single: dict[str, str] = {}
    pairs: dict[str, str] = {}
    data = resources.files("warta.lang.id").joinpath("ingest-id-ms-markers.tsv").read_text("utf-8")
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, _, phrase = line.partition("\t")
        words = phrase.split()
        if len(words) == 1:
            single[words[0]] = lang.strip()
        else:
            pairs[f" {' '.join(words)} "] = lang.strip()
    return single, pairs


def id_or_ms(text: str) -> str | None:
    """"id" or "ms" by the number of distinct markers in the start of ``text``; None when none occurs."""
    words = _WORD.findall(text[:MARKER_CHARS])
    single, pairs = _markers()
    langs = [single[w] for w in single.keys() & set(words)]
    joined = f" {' '.join(words)} "
    langs.extend(lang for phrase, lang in pairs.items() if phrase in joined)
    n_id = langs.count("id")
    n_ms = len(langs) - n_id
    if n_id == n_ms == 0:
        return None
    return "ms" if n_ms > n_id else "id"


def _letters(text: str) -> int:
    return sum(map(len, _WORD.findall(text)))


def _prose_sample(text: str) -> str:
    """The first ``SAMPLE_CHARS`` characters of prose: paragraphs whose start is mostly letters,
    so a leading block of script code or a table of figures does not decide the language."""
    parts: list[str] = []
    size = 0
    for paragraph in text[: SAMPLE_CHARS * 20].split("\n\n"):
        head = paragraph[:SAMPLE_CHARS]
        if _letters(head) + head.count(" ") >= 0.8 * len(head):
            parts.append(head)
            size += len(head)
            if size >= SAMPLE_CHARS:
                break
    return "\n".join(parts)[:SAMPLE_CHARS] or text[:SAMPLE_CHARS]


def detect_language(text: str, title: str | None = None) -> str | None:
    """ISO 639-1 code of the article's language, or None when the text is too short to tell."""
    sample = _prose_sample(text)
    if title:
        sample = f"{title}\n{sample}"
    if len(_WORD.findall(sample)) < 3 or _letters(sample) < MIN_LETTERS:
        return None
    found = detector().detect_language_of(sample)
    if found is None:
        return None
    if found in (Language.INDONESIAN, Language.MALAY):
        return id_or_ms(text) or ("ms" if found is Language.MALAY else "id")
    return found.iso_code_639_1.name.lower()


__all__ = ["LANGUAGES", "detect_language", "detector", "id_or_ms"]
