"""Extractive, lead-aware summaries.

Each sentence gets a probability of belonging in a summary from a small logistic model over plain
features (position, length, overlap with the title, how central its words are in the article, numbers,
quotes, discourse openers). The weights are data (``lang/id/summary_weights.tsv``), trained by
``scripts/train_summariser.py`` on a part of IndoSum and measured on the part held aside
(``warta eval summaries``). Sentences are then taken best-first up to a word budget, skipping any that
repeat what is already chosen, and given back in article order. Optionally one strong direct quote is
kept (the digest does; the IndoSum evaluation measures the plain summary).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from warta.model import Quote, Sentence
from warta.stories.langdata import news_text, summary_weights
from warta.stories.sentences import sentences_of, split_plain
from warta.stories.text import dateline_end, is_noise_sentence, strip_title_prefix, words

_DIGIT = re.compile(r"\d")
_QUOTE_CHARS = "\"“”"
_CAP_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w-]+")
#: Default budget and redundancy limits when the weights file does not set them.
DEFAULT_MAX_WORDS = 55
REDUNDANCY = 0.6


@dataclass(slots=True)
class Candidate:
    """A sentence that may go into a summary: where it is and its display text (dateline removed)."""

    sentence: Sentence
    text: str
    words: list[str]
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


@dataclass(slots=True)
class Summary:
    chosen: list[Candidate]  # in article order
    quote: Candidate | None = None  # the direct quote kept, if any (also in ``chosen``)
    quote_tail: Candidate | None = None  # the sentence after the quote that says who said it

    @property
    def sentences(self) -> list[str]:
        return [c.text for c in self.chosen]

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def _content(ws: list[str]) -> set[str]:
    return {w for w in ws if len(w) > 2 and not w.isdigit()}


def candidates(text: str, title: str | None = None,
               sentences: list[Sentence] | None = None) -> list[Candidate]:
    """The article's prose sentences, page furniture dropped, the dateline cut from the first one."""
    skip_to = strip_title_prefix(text, title)
    out: list[Candidate] = []
    for s in sentences_of(text, sentences):
        if s.end <= skip_to:
            continue
        start = max(s.start, skip_to)
        body = text[start:s.end]
        if not out:  # the story's first sentence carries the dateline
            cut = dateline_end(body.lstrip())
            start += len(body) - len(body.lstrip()) + cut
            body = text[start:s.end]
        body = body.strip()
        if is_noise_sentence(body) or len(body) < 3:
            continue
        sent = Sentence(index=s.index, start=start, end=s.end, paragraph=s.paragraph, text=body)
        out.append(Candidate(sentence=sent, text=body, words=words(body)))
    return out


def _connector_start(ws: list[str], connectors: tuple[str, ...]) -> bool:
    head = " ".join(ws[:3])
    return any(head == c or head.startswith(c + " ") for c in connectors)


def featurise(cands: list[Candidate], title: str | None) -> None:
    """Fill each candidate's features (all in [0, 1] or small counts; names are the weights' keys)."""
    nt = news_text()
    n = len(cands)
    title_words = _content(words(title or ""))
    sets = [_content(c.words) for c in cands]
    df = Counter(w for s in sets for w in s)
    para_first: set[int] = set()
    seen_paras: set[int] = set()
    for i, c in enumerate(cands):
        if c.sentence.paragraph not in seen_paras:
            seen_paras.add(c.sentence.paragraph)
            para_first.add(i)
    para_rank = {p: r for r, p in enumerate(sorted(seen_paras))}
    for i, c in enumerate(cands):
        f: dict[str, float] = {"bias": 1.0}
        f[f"pos={min(i, 6)}"] = 1.0
        if i >= 7:
            f["pos=7-12" if i <= 12 else "pos=13+"] = 1.0
        f["relpos"] = i / max(n - 1, 1)
        pr = para_rank[c.sentence.paragraph]
        f[f"para={min(pr, 3)}"] = 1.0
        if i in para_first:
            f["para_first"] = 1.0
        nw = len(c.words)
        f["len=" + ("<6" if nw < 6 else "6-11" if nw < 12 else "12-19" if nw < 20
                    else "20-29" if nw < 30 else "30-44" if nw < 45 else "45+")] = 1.0
        s = sets[i]
        if title_words:
            f["title_overlap"] = len(s & title_words) / len(title_words)
        if s:
            f["title_share"] = len(s & title_words) / len(s)
            f["centrality"] = sum(df[w] - 1 for w in s) / (len(s) * max(n - 1, 1))
        if _DIGIT.search(c.text):
            f["has_digit"] = 1.0
        if any(q in c.text for q in _QUOTE_CHARS):
            f["has_quote"] = 1.0
            if c.text[0] in _QUOTE_CHARS:
                f["starts_quote"] = 1.0
        if any(w in nt.speech_verbs for w in c.words):
            f["speech_verb"] = 1.0
        if _connector_start(c.words, nt.connectors):
            f["connector_start"] = 1.0
        if c.text[-1:] == "?":
            f["question"] = 1.0
        if c.text[-1:] not in ".!?\"”'’":
            f["no_final_stop"] = 1.0
        caps = len(_CAP_WORD.findall(c.text))
        f["caps_share"] = min(caps / max(nw, 1), 1.0)
        f["first_x_len"] = (1.0 if i == 0 else 0.0) * min(nw, 60) / 60
        c.features = f


def score(cands: list[Candidate], weights: dict[str, float] | None = None) -> None:
    w = summary_weights() if weights is None else weights
    for c in cands:
        if w:
            z = sum(w.get(k, 0.0) * v for k, v in c.features.items())
            c.score = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
        else:  # no trained weights: lead-first
            c.score = 1.0 / (1.0 + c.sentence.index)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def select(cands: list[Candidate], max_words: int, max_sentences: int = 6,
           min_sentences: int = 1) -> list[Candidate]:
    """Best-first under a word budget, without repeating what is chosen; returned in article order."""
    chosen: list[Candidate] = []
    sets: list[set[str]] = []
    total = 0
    for c in sorted(cands, key=lambda c: (-c.score, c.sentence.index)):
        if total >= max_words and len(chosen) >= min_sentences or len(chosen) >= max_sentences:
            break
        s = _content(c.words)
        if any(_overlap(s, t) > REDUNDANCY for t in sets):
            continue
        chosen.append(c)
        sets.append(s)
        total += len(c.words)
    return sorted(chosen, key=lambda c: c.sentence.index)


def strong_quote(cands: list[Candidate], quotes: list[Quote] | None = None) -> Candidate | None:
    """The best direct quote: a sentence with a quoted statement of at least eight words, attributed
    with a speech verb (or by the analyser's quote finder), preferring early ones."""
    quote_sents = {q.sentence for q in quotes or [] if q.direct}
    nt = news_text()
    best: tuple[float, Candidate] | None = None
    for i, c in enumerate(cands):
        inner = re.findall(r"[\"“]([^\"“”]{20,})[\"”]", c.text)
        if not inner or max(len(x.split()) for x in inner) < 8:
            continue
        attributed = c.sentence.index in quote_sents or any(w in nt.speech_verbs for w in c.words)
        if not attributed:
            continue
        value = max(len(x.split()) for x in inner) / 40 + 1.0 / (1 + i)
        if best is None or value > best[0]:
            best = (value, c)
    return best[1] if best else None


def _has_speech_verb(c: Candidate) -> bool:
    verbs = news_text().speech_verbs
    return any(w in verbs for w in c.words)


def attribution_after(cands: list[Candidate], quote: Candidate) -> Candidate | None:
    """When a quoted sentence does not say who spoke, the short sentence after it usually does
    ("…,\" kata Retno." or "Hal itu disampaikan Menlu …")."""
    if _has_speech_verb(quote):
        return None
    k = cands.index(quote) if quote in cands else -1
    if 0 <= k < len(cands) - 1:
        nxt = cands[k + 1]
        if _has_speech_verb(nxt) and len(nxt.words) <= 30:
            return nxt
    return None


def summarise(text: str, title: str | None = None, sentences: list[Sentence] | None = None,
              quotes: list[Quote] | None = None, max_words: int | None = None, max_sentences: int = 6,
              keep_quote: bool = False, weights: dict[str, float] | None = None) -> Summary:
    w = summary_weights() if weights is None else weights
    budget = int(max_words or w.get("@max_words", DEFAULT_MAX_WORDS))
    cands = candidates(text, title, sentences)
    if not cands:
        return Summary(chosen=[])
    featurise(cands, title)
    score(cands, w)
    chosen = select(cands, budget, max_sentences)
    quote = tail = None
    if keep_quote:
        quote = next((c for c in chosen if strong_quote([c], quotes)), None) or strong_quote(cands, quotes)
        if quote is not None and quote not in chosen:
            # make room: the quote replaces the weakest non-lead sentence when the budget is spent
            if len(chosen) >= 2 and sum(len(c.words) for c in chosen) + len(quote.words) > budget * 1.5:
                weakest = min(chosen[1:], key=lambda c: c.score)
                chosen.remove(weakest)
            chosen = sorted(chosen + [quote], key=lambda c: c.sentence.index)
        tail = attribution_after(cands, quote) if quote is not None else None
        if tail is not None and tail not in chosen:
            chosen = sorted(chosen + [tail], key=lambda c: c.sentence.index)
    return Summary(chosen=chosen, quote=quote, quote_tail=tail)


def lead(text: str, n: int = 3, sentences: list[Sentence] | None = None) -> list[str]:
    """Lead-n, the baseline the summaries must beat: the first n sentences of the text as it stands
    (dateline included), split the plain way the literature's lead-3 figures use unless ``sentences``
    are given."""
    sents = sentences if sentences is not None else split_plain(text)
    return [text[s.start:s.end] for s in sents[:n]]
