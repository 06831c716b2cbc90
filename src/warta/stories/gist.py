"""The gist of a story: one clause that reads naturally inside the intro ("… dibuka dengan berita
{gist}. Berita kedua soal {gist}.").

A headline is terse but most read well as a clause once sentence-cased ("China dan Rusia perkuat kerja
sama"). Some do not: one that opens with its time ("Rabu Dilantik …"), with a passive or bare verb, or
with a fronted clause ("Diancam Bom oleh Korut, Guam Tetap Santai"); and one restored from a URL slug
has lost its commas ("Beli 11 Sukhoi Rusia Menhan Yakin Sesuai Aturan"). For those the gist is a
sentence of the story's own summary that says what the headline says, trimmed to its main clause: its
day names, bracketed dates and trailing attribution dropped, a long relative clause cut off. Words are
only ever dropped, never invented or moved. The word lists are data (``lang/id/headline_case.yaml``).
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache

from warta.stories import headline as hl
from warta.stories.langdata import gist_words, news_text, role_words
from warta.stories.text import words

_WORD = re.compile(r"[\w’'&]+(?:-[\w’'&]+)*")
_BRACKET_DATE = re.compile(r",?\s*\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)")
_QUOTES = "\"“”"
_ACRONYM_GLOSS = re.compile(r"\s*\((?:[A-Z][A-Za-z]{1,9})\)(?=[\s,.;:]|$)")  # "Amerika Serikat (AS)"


@cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@cache
def _time_phrase() -> re.Pattern[str]:
    """A day name or relative day inside a sentence, with what goes with it ("pada Sabtu (27/5) waktu
    setempat", ", Kamis (13/4)", "hari ini", "Jumat pagi")."""
    gw = gist_words()
    alternatives = "|".join(re.escape(p) for p in gw.leading_time)
    return re.compile(  # ", Rabu (13/9)," goes with both its commas
        rf"(?:(?P<comma>,)\s*|\s+)(?:pada\s+)?(?:hari\s+)?(?:{alternatives})\b"
        rf"(?:\s+(?:pagi|siang|sore|malam|dini hari))?"
        rf"(?:\s*\(\s*\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{2,4}})?\s*\))?(?:\s+waktu setempat)?(?:\s+lalu)?"
        rf"(?(comma)\s*,?)(?=[\s,.;:]|$)",
        re.IGNORECASE)


@cache
def _attribution() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in sorted(news_text().speech_verbs, key=len, reverse=True))
    return re.compile(rf",\s*(?:{verbs})\b.*$", re.IGNORECASE)


def _opens_with(text: str, phrases: tuple[str, ...]) -> str | None:
    low = text.lower()
    for p in phrases:
        if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()):
            return p
    return None


def strip_leading_time(clause: str) -> str:
    """ "Rabu dilantik …" → "dilantik …"; "Hari ini, KTT …" → "KTT …"."""
    out = clause.strip()
    while (p := _opens_with(out, gist_words().leading_time)) is not None:
        out = out[len(p):].lstrip(" ,")
    return out


def verb_first(word: str) -> bool:
    """A passive (di-, ter-), active (meN-) or imperative (-kan) verb form: a headline that opens with
    one has its subject later or not at all."""
    w = word.lower()
    if w in gist_words().not_passive or len(w) < 5:
        return False
    stem = _stem(w)
    return stem != w and (w.startswith(("di", "ter", "me")) or w.endswith("kan"))


def reads_as_clause(clause: str) -> bool:
    """Whether a sentence-cased headline can follow "dibuka dengan berita …": it opens with its subject."""
    first = _WORD.match(clause)
    if first is None:
        return False
    word = first.group().lower()
    head = word.split("-")[0]
    return head not in gist_words().fronted and not verb_first(head)


def headline_clause(headline: str, evidence: hl.CaseEvidence) -> str | None:
    """The headline as the intro's clause, or None when it does not read as one."""
    g = hl.gist(headline, evidence)
    if not g:
        return None
    g = strip_leading_time(g)
    return g if g and reads_as_clause(g) else None


def _content(text: str) -> list[str]:
    from warta.stories.cluster import _stopwords

    sw = _stopwords()
    return [w for w in words(text) if len(w) > 2 and w not in sw]


def _covers(sentence: str, headline: str) -> bool:
    """The sentence says what the headline says: it holds most of the headline's content words (a
    headline's bare verb "lepas" counts in "melepas")."""
    wanted = set(_content(headline))
    if not wanted:
        return False
    have = set(words(sentence))
    found = sum(1 for w in wanted if w in have or (len(w) >= 4 and any(w in h for h in have)))
    return found >= min(len(wanted), max(2, math.ceil(0.4 * len(wanted))))


def _cut(text: str, limit: int) -> str | None:
    """At most ``limit`` words: a longer sentence is cut before a relative or adverbial clause ("yang",
    "setelah" …), else at a comma — as late as the limit allows, after at least three words, outside
    any apposition (an even number of commas before the cut), and not between a speech verb and what
    was said ("X menyatakan …"); None when no cut fits."""
    if len(text.split()) <= limit:
        return text
    markers = "|".join(re.escape(m) for m in gist_words().cut_before)
    speech = news_text().speech_verbs
    for pattern in (rf"\s(?:{markers})\s", r",\s"):
        cuts = [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)]
        for k in reversed(cuts):
            head = text[:k].rstrip(" ,")
            n = len(head.split())
            if 3 <= n <= limit and head.count(",") % 2 == 0 and not any(w in speech for w in words(head)):
                return head
    return None


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and (text.count("\"") % 2 == 0) \
        and text.count("“") == text.count("”")


def sentence_clause(sentence: str, headline: str, evidence: hl.CaseEvidence, cut: bool = True) -> str | None:
    """A summary sentence as the intro's clause — its main clause, when it starts with its subject and
    says what the headline says — or None. ``cut``: a long sentence may be cut to ``max_words``
    (else it must fit ``max_words_uncut`` whole)."""
    s = sentence.strip()
    if not s or s[0] in _QUOTES or not s[0].isupper():
        return None
    gw = gist_words()
    if _opens_with(s, gw.scene_openers) or _opens_with(s, news_text().connectors):
        return None
    if any(w in gw.anaphora for w in words(s)[:4]):
        return None  # "Wanita berhijab ini …" leans on the sentence before
    s = _BRACKET_DATE.sub("", s)
    s = _time_phrase().sub(lambda m: " " if m.group("comma") and m.group().rstrip().endswith(",") else "", s)
    s = _attribution().sub("", s)
    s = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", s)).strip().rstrip(".!;:,")
    headline = strip_leading_time(headline)
    if not reads_as_clause(s):
        return None
    if cut:
        clause = _cut(s, gw.max_words)
    else:
        clause = s if len(s.split()) <= gw.max_words_uncut else None
    if clause is None or not _balanced(clause) or not _covers(clause, headline):
        return None
    clause = _ACRONYM_GLOSS.sub("", clause)  # the intro does not need "(PBB)" after the name
    return _clause_case(clause.rstrip(" ,;:"), evidence)


def _clause_case(sentence: str, evidence: hl.CaseEvidence) -> str:
    """A sentence's first word as it is written inside a sentence: lower case unless a name, an
    acronym or an office before a name ("Gubernur Guam Eddie Calvo"); "ISRAEL" as the text writes it."""
    first = _WORD.match(sentence)
    if first is None:
        return sentence
    word = first.group()
    preferred = evidence.preferred(word)
    if word.isupper() and len(word) > 3 and preferred and not preferred.isupper():
        return preferred + sentence[first.end():]
    rest = sentence[first.end():].split()
    if rest and rest[0][:1].isupper():
        # An office before a name ("Gubernur Guam Eddie Calvo"), or a word never written in lower case
        # before another capitalised one: part of a name ("Halimah Yacob").
        if _opens_with(sentence, _roles()) or not evidence.forms.get(word.lower()):
            return sentence
    return hl.lead_clause(sentence, evidence)


@cache
def _roles() -> tuple[str, ...]:
    return tuple(sorted(role_words(), key=len, reverse=True))


def choose_gist(headline: str, sentences: list[str], evidence: hl.CaseEvidence, from_slug: bool = False) -> str:
    """The intro's clause for a story, the first that will do of: its headline (when it reads as a
    clause and kept its punctuation); a summary sentence cut to its main clause; the headline restored
    from a slug; a whole short summary sentence; the headline as well as it goes."""
    clause = headline_clause(headline, evidence)
    if clause and not from_slug:
        return clause
    for s in sentences:
        if found := sentence_clause(s, headline, evidence):
            return found
    if clause:
        return clause
    for s in sentences:
        if found := sentence_clause(s, headline, evidence, cut=False):
            return found
    g = hl.gist(headline, evidence)
    if g:
        return strip_leading_time(g) or g
    return hl.lead_clause(sentences[0], evidence) if sentences else headline
