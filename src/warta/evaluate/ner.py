"""``warta eval ner``: exact-span P/R/F1 per type and overall on idner-news-2k.

Two systems are measured on the same sentences:
- **product** — what warta actually tags: the mentions stage (actor dictionary + CRF + role patterns +
  in-document resolution) run on the sentence's text, its named spans mapped to PER/ORG/LOC;
- **crf** — the CRF alone on every sentence (with the dictionary's gazetteer tags as features, as it
  runs inside the product), no gate, no merging.

Both see the sentence as text (the gold tokens joined by spaces) cut into the pipeline's own tokens.
A span counts when its type and exact character extent match the gold's; gold spans are first cut
free of brackets, quotes and commas that the gold tokenisation glued to a name ("(Jokowi)").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from warta.errors import InputError

TYPES = ("PER", "ORG", "LOC")
VALID_LABELS = {"O"} | {f"{p}-{t}" for p in "BI" for t in TYPES}
GOLD_SUBDIR = Path("gold") / "ner-idner-news-2k"


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """idner-news-2k CoNLL (token, POS, IOB tag per line; blank line between sentences; CRLF tolerated)
    -> [(tokens, tags)]. The POS column is ignored: the pipeline has no POS."""
    if not path.is_file():
        raise InputError(f"{path} not found")
    sentences: list[tuple[list[str], list[str]]] = []
    tokens: list[str] = []
    tags: list[str] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if not parts:
            if tokens:
                sentences.append((tokens, tags))
                tokens, tags = [], []
            continue
        if len(parts) < 2 or parts[-1] not in VALID_LABELS:
            raise InputError(f"{path}:{lineno}: expected 'TOKEN POS TAG' with TAG in {sorted(VALID_LABELS)}")
        tokens.append(parts[0])
        tags.append(parts[-1])
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def score_spans(gold: Iterable[tuple], pred: Iterable[tuple]) -> dict[str, dict[str, float]]:
    """Exact-match P/R/F1 of span tuples whose last element is the type -> {TYPE|ALL: {p, r, f1, gold, pred, tp}}."""
    gold_set, pred_set = set(gold), set(pred)
    out: dict[str, dict[str, float]] = {}
    for typ in (*TYPES, "ALL"):
        g = {s for s in gold_set if typ == "ALL" or s[-1] == typ}
        p = {s for s in pred_set if typ == "ALL" or s[-1] == typ}
        tp = len(g & p)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[typ] = {"p": prec, "r": rec, "f1": f1, "gold": len(g), "pred": len(p), "tp": tp}
    return out


#: Punctuation the gold tokenisation glues to a name ("(Jokowi)", "Golkar,"): not part of the span.
_EDGE_PUNCT = "()[]{}\"“”'‘’,;:"


@dataclass
class GoldSentence:
    """A gold sentence as the pipeline sees it: the text (gold tokens joined by spaces), the
    pipeline's own tokens with IOB labels projected from the gold, and the gold spans in characters."""

    text: str
    tokens: list[str]
    spans: list[tuple[int, int]]
    labels: list[str]
    gold: list[tuple[int, int, str]]


def gold_sentence(tokens: Sequence[str], tags: Sequence[str]) -> GoldSentence:
    """Project a gold sentence onto the pipeline's tokenisation. Gold spans lose the brackets, quotes
    and commas the gold tokenisation glued to them, so that both systems are scored on the name."""
    from warta.analyse.mentions import tokenize

    from warta.analyse.ner import iob_spans

    offsets, pos = [], 0
    for t in tokens:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 1
    text = " ".join(tokens)
    gold = []
    for i, j, typ in iob_spans(tags):
        s, e = offsets[i][0], offsets[j - 1][1]
        while s < e and text[s] in _EDGE_PUNCT:
            s += 1
        while e > s and text[e - 1] in _EDGE_PUNCT:
            e -= 1
        if s < e:
            gold.append((s, e, typ))
    toks, spans = tokenize(text)
    labels = ["O"] * len(toks)
    g = 0
    for k, (s, e) in enumerate(spans):
        while g < len(gold) and gold[g][1] <= s:
            g += 1
        if g < len(gold) and gold[g][0] <= s < gold[g][1]:
            labels[k] = ("B-" if k == 0 or spans[k - 1][1] <= gold[g][0] else "I-") + gold[g][2]
    return GoldSentence(text, toks, spans, labels, gold)


def read_gold(path: Path) -> list[GoldSentence]:
    return [gold_sentence(tokens, tags) for tokens, tags in read_conll(path)]


@dataclass
class NerReport:
    split: str
    sentences: int
    product: dict[str, dict[str, float]]
    crf: dict[str, dict[str, float]]
    errors: list[tuple[str, str, str]]  # (kind, gold/pred span text, type) — a sample for inspection


def evaluate(shared: Path, split: str = "test", published: date | None = None) -> NerReport:
    """Run both systems on one split of idner-news-2k under ``shared``."""
    from warta.analyse import ner
    from warta.analyse.mentions import dictionary_tags, mentions_for_text, named_spans

    gold_dir = shared / GOLD_SUBDIR
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir} not found: `warta eval ner` needs the development data"
                         " (../shared, not part of a user's clone; pass --shared)")
    sentences = read_gold(gold_dir / f"{split}.txt")
    gold_c, pred_p, pred_c = [], [], []
    errors: list[tuple[str, str, str]] = []
    for k, sent in enumerate(sentences):
        text, spans = sent.text, sent.spans
        gold_char = {(k, *g) for g in sent.gold}
        gold_c += gold_char
        crf_tok = ner.iob_spans(ner.tag(sent.tokens, dictionary_tags(text, spans)))
        pred_c += [(k, spans[i][0], spans[j - 1][1], t) for i, j, t in crf_tok]
        mentions = mentions_for_text(text, published=published)
        pred = {(k, s, e, t) for s, e, t in named_spans(mentions)}
        pred_p += pred
        for kind, diff in (("missed", gold_char - pred), ("spurious", pred - gold_char)):
            errors += [(kind, text[s:e], t) for _, s, e, t in sorted(diff)]
    return NerReport(split=split, sentences=len(sentences), product=score_spans(gold_c, pred_p),
                     crf=score_spans(gold_c, pred_c), errors=errors)


def error_summary(report: NerReport, top: int = 15) -> list[tuple[str, str, str, int]]:
    """The most frequent missed and spurious spans: (kind, text, type, count)."""
    counts = Counter(report.errors)
    return [(k, text, t, n) for (k, text, t), n in counts.most_common(top)]
