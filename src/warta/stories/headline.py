"""Headlines: the best title in a story, in Indonesian title case; and its gist for the digest's intro.

IndoSum titles are rebuilt from URL slugs ("kemlu bagaimanapun posisi as ri tetap dukung palestina",
"dybala.ungkap.ketakutan…"), so case is restored from the articles' own spellings of each word (a word
the text writes with a capital inside a sentence is a name), the acronym list and the particles that stay
lower case (``lang/id/headline_case.yaml``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from warta.stories.langdata import headline_case, world_places

_WORD = re.compile(r"[\w’'&]+(?:-[\w’'&]+)*")
_SLUG_DOTS = re.compile(r"(?<=[a-z0-9])\.(?=[a-z0-9])")
_TWO_NUMBERS = re.compile(r"\b(\d+) (\d+)\b")


@dataclass(slots=True)
class CaseEvidence:
    """How the articles write each word inside sentences: lower-case form -> Counter of spellings."""

    forms: dict[str, Counter[str]]

    def preferred(self, word: str) -> str | None:
        c = self.forms.get(word.lower())
        if not c:
            return None
        return c.most_common(1)[0][0]

    def is_name(self, word: str) -> bool:
        """Written with a capital inside sentences more often than not."""
        c = self.forms.get(word.lower())
        if not c:
            return False
        capital = sum(n for f, n in c.items() if f[:1].isupper())
        return capital * 2 > sum(c.values())


def _sentence_initial(text: str, start: int) -> bool:
    """At a sentence's start, where a capital says nothing: after a full stop, a line break, a colon
    or the dash that ends a dateline ("Berlin, CNN Indonesia -- Setidaknya …")."""
    before = text[max(0, start - 4):start].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?\n:-–—"


def case_evidence(texts: list[str], only: set[str] | None = None) -> CaseEvidence:
    """Spellings of words inside sentences. ``only``: the (lower-case) words worth looking up — a
    headline's — which keeps this cheap on long articles."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    if only is None:
        for text in texts:
            for m in _WORD.finditer(text):
                if not _sentence_initial(text, m.start()):  # a capital at a sentence start says nothing
                    for part in m.group().split("-"):
                        if part:
                            forms[part.lower()][part] += 1
        return CaseEvidence(dict(forms))
    wanted = {w for w in only if w and "-" not in w}
    for text in texts:
        low = text.lower()
        n = len(text)
        for w in wanted:
            k = low.find(w)
            while k != -1:
                end = k + len(w)
                if (k == 0 or not low[k - 1].isalnum()) and (end == n or not low[end].isalnum()) \
                        and not _sentence_initial(text, k):
                    forms[w][text[k:end]] += 1
                k = low.find(w, k + 1)
    return CaseEvidence(dict(forms))


def headline_words(title: str) -> set[str]:
    """The lower-case words (and hyphen parts) of a title, slug dots undone."""
    out: set[str] = set()
    for m in _WORD.finditer(_SLUG_DOTS.sub(" ", title)):
        out.add(m.group().lower())
        out.update(p.lower() for p in m.group().split("-"))
    return out


def _clean_slug(title: str, text: str) -> str:
    t = _SLUG_DOTS.sub(" ", title.strip())
    # "real madrid 3 0" in a slug was "3-0" (or "3 - 0") in the text
    def score(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        return f"{a}-{b}" if re.search(rf"\b{a}\s?-\s?{b}\b", text) else m.group()
    return _TWO_NUMBERS.sub(score, t)


def _case_word(word: str, first: bool, evidence: CaseEvidence, shouting: bool) -> str:
    hc = headline_case()
    low = word.lower()
    if low in hc.acronyms:
        return hc.acronyms[low]
    if any(ch.isdigit() for ch in word):
        return word if not shouting else low
    pref = evidence.preferred(word)
    if pref and (pref.isupper() and len(pref) > 1 or any(ch.isupper() for ch in pref[1:])):
        return pref  # KPK, McGregor, iPhone as the article writes them
    if not shouting and word[1:] != word[1:].lower():
        return word  # the title's own inner capitals
    if not first and low in hc.lowercase_words:
        return low
    return low[:1].upper() + low[1:]


def title_case(title: str, texts: list[str] | None = None, evidence: CaseEvidence | None = None) -> str:
    """Indonesian headline case: "Kemlu: Bagaimanapun Posisi AS, RI Tetap Dukung Palestina"."""
    texts = texts or []
    evidence = evidence or case_evidence(texts)
    title = _clean_slug(title, " ".join(texts)) if title.islower() else title.strip()
    shouting = title.isupper() and len(title) > 12
    out, pos = [], 0
    for m in _WORD.finditer(title):
        out.append(title[pos:m.start()])
        first = not title[:m.start()].strip() or title[:m.start()].rstrip()[-1] in ":.!?"
        parts = m.group().split("-")
        cased = [_case_word(parts[0], first, evidence, shouting)]
        for p in parts[1:]:
            if p.lower() == parts[0].lower():  # reduplication: "Ramai-ramai"
                cased.append(p.lower())
            else:
                cased.append(_case_word(p, False, evidence, shouting))
        out.append("-".join(cased))
        pos = m.end()
    out.append(title[pos:])
    return "".join(out)


def sentence_case(headline: str, evidence: CaseEvidence) -> str:
    """A headline as a clause inside a sentence: names and acronyms keep their capitals, other words
    are lower-cased ("China dan Rusia Perkuat Kerja Sama" -> "China dan Rusia perkuat kerja sama")."""
    hc = headline_case()
    places = world_places()
    out, pos = [], 0
    for m in _WORD.finditer(headline):
        out.append(headline[pos:m.start()])
        parts = []
        for p in m.group().split("-"):
            low = p.lower()
            if low in hc.acronyms or p.isupper() and len(p) > 1 or any(ch.isupper() for ch in p[1:]) \
                    or any(ch.isdigit() for ch in p) or evidence.is_name(p) or p in places:
                parts.append(p)
            else:
                parts.append(low)
        out.append("-".join(parts))
        pos = m.end()
    out.append(headline[pos:])
    return "".join(out)


def headline_penalty(title: str) -> float:
    """How much a title looks unlike a digest headline (clickbait, too short or too long)."""
    n = len(_WORD.findall(title))
    p = 0.0
    if headline_case().clickbait.search(title):
        p += 1.0
    if n < 4:
        p += 2.0
    elif n > 16:
        p += 0.5 + 0.1 * (n - 16)
    if ":" in title:
        p += 0.6  # "Speaker: statement" reads badly as a gist
    return p


def is_roundup(title: str | None) -> bool:
    """A round-up of other stories ("[POPULER GLOBAL] …"), not a report of one happening."""
    return bool(title) and bool(headline_case().roundup.search(title.strip()))


def choose_title(titles: list[str], centre: Counter[str], prefer: str | None = None) -> str:
    """The title that says most of what the story's articles share, penalised for clickbait and length.
    ``centre`` counts the content words of the story's titles and leads."""
    best: tuple[float, str] | None = None
    total = sum(centre.values()) or 1
    for t in dict.fromkeys(x for x in titles if x and x.strip()):
        ws = {w.lower() for w in _WORD.findall(_SLUG_DOTS.sub(" ", t))}
        cover = sum(centre[w] for w in ws) / total
        value = cover * 10 - headline_penalty(t) + (0.3 if t == prefer else 0.0)
        if best is None or value > best[0]:
            best = (value, t)
    return best[1] if best else (prefer or "")


_FIRST_PERSON = re.compile(r"\b(?:saya|aku|kami|kita)\b", re.IGNORECASE)


def gist(headline: str, evidence: CaseEvidence) -> str | None:
    """The headline as a clause for the intro, or None when it cannot serve: a question, or a
    "Speaker: statement" headline whose statement is in the first person."""
    h = headline.strip().rstrip(".!")
    if h.endswith("?") or not h:
        return None
    if ":" in h:
        before, after = (x.strip() for x in h.split(":", 1))
        if len(before.split()) <= 3 and len(after.split()) >= 4 and not _FIRST_PERSON.search(after):
            h = after  # "Kemlu: 97 WNI Diduga …" -> "97 WNI diduga …"
        else:
            return None
    h = h.strip("\"“”' ")
    return sentence_case(h, evidence) if h else None


def lead_clause(sentence: str, evidence: CaseEvidence) -> str:
    """A summary's first sentence as a clause: no final stop, first word lower-cased unless a name
    (evidence of the articles, or a country or place: "Kuwait memerintahkan …")."""
    s = sentence.strip().rstrip(".!")
    first = _WORD.match(s)
    if first and not (first.group().isupper() or evidence.is_name(first.group())
                      or first.group().lower() in headline_case().acronyms or first.group() in world_places()):
        s = first.group().lower() + s[first.end():]
    return s
