"""Learned NER: a linear-chain CRF (python-crfsuite) that tags PER / ORG / LOC in IOB.

It finds the names the actor dictionary lacks; the mentions stage (``warta.analyse.mentions``) merges
its spans with the dictionary's hits and role patterns. Trained by ``scripts/train_ner.py`` on
idner-news-2k; the artefact is ``src/warta/lang/id/ner.crfsuite``.

Features are plain ``name=value`` strings (crfsuite takes lists of strings; no per-token dicts):
the word, its shape and case, Indonesian affixes, cue-word lists (``lang/id/ner-cues.tsv``), the
neighbouring words, and *gazetteer tags* from the actor dictionary (``g=B-PER`` … ``g=B-ROLE``).
POS is not used: the pipeline has none. Training drops the gazetteer tags of a share of the
sentences, so the model also learns the words themselves and degrades gracefully when the
dictionary changes or misses a name.

Speed: the per-token part of the features depends only on the token string and is cached, so a
sentence's features are a few tuple concatenations per token.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

#: Bump when the feature set changes: the model records it and refuses a mismatch.
FEATURE_VERSION = "4"

LANG_DIR = Path(__file__).resolve().parents[1] / "lang" / "id"
MODEL_PATH = LANG_DIR / "ner.crfsuite"
#: Beside the model: the feature-set version, training parameters and dev scores.
MODEL_INFO_PATH = LANG_DIR / "ner.json"
CUES_PATH = LANG_DIR / "ner-cues.tsv"
LEXICON_PATH = LANG_DIR / "ner-lexicon.tsv"

ENTITY_TYPES = ("PER", "ORG", "LOC")
#: Gazetteer tag types: the three entity types plus role words ("Presiden", "Perdana Menteri").
GAZ_TYPES = ("PER", "ORG", "LOC", "ROLE")

# Indonesian derivational prefixes and suffixes, longest first (morphology, not vocabulary).
_PREFIXES = ("memper", "meng", "meny", "mem", "men", "me", "peng", "peny", "pem", "pen", "per", "pe",
             "ber", "ter", "di", "ke", "se")
_SUFFIXES = ("kannya", "annya", "kan", "nya", "an", "lah", "kah", "i")
_SHAPE_RUNS = re.compile(r"(.)\1+")


# ---------------------------------------------------------------------------------------------
# Language data
# ---------------------------------------------------------------------------------------------

@cache
def cue_words() -> tuple[dict[str, tuple[str, ...]], dict[str, list[tuple[tuple[str, ...], str]]]]:
    """``ner-cues.tsv`` -> (single word -> its categories, first word -> [(phrase words, category)])."""
    single: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for lineno, line in enumerate(CUES_PATH.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            category, words = line.split("\t", 1)
        except ValueError:
            raise ValueError(f"{CUES_PATH.name}:{lineno}: expected CATEGORY<TAB>words") from None
        parts = tuple(words.lower().split())
        if len(parts) == 1:
            single.setdefault(parts[0], set()).add(category)
        else:
            phrases.setdefault(parts[0], []).append((parts, category))
    return {w: tuple(sorted(c)) for w, c in single.items()}, phrases


@cache
def lexicon() -> dict[str, str]:
    """``ner-lexicon.tsv``: word -> cap | mixed | lower (how news writes it inside a sentence)."""
    out: dict[str, str] = {}
    for line in LEXICON_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, cls = line.split("\t")
            out[word] = cls
    return out


@cache
def common_words() -> frozenset[str]:
    """Lower-case words that are not names when capitalised: PySastrawi's Indonesian stop words
    plus the ``skip`` cue list (days, months, headline words)."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    single, _ = cue_words()
    skip = {w for w, cats in single.items() if "skip" in cats}
    return frozenset(StopWordRemoverFactory().get_stop_words()) | skip


# ---------------------------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------------------------

def _shape(w: str) -> str:
    s = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in w)
    return _SHAPE_RUNS.sub(r"\1", s)


def _affixes(lw: str) -> list[str]:
    out = []
    if len(lw) > 5 and lw.isalpha():
        for p in _PREFIXES:
            if lw.startswith(p):
                out.append("pre=" + p)
                break
        for s in _SUFFIXES:
            if lw.endswith(s):
                out.append("suf=" + s)
                break
    return out


@lru_cache(maxsize=100_000)
def _token_features(w: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Features of one token string: (as the current token, as the left neighbour, as the right
    neighbour, as the second left, as the second right)."""
    lw = w.lower()
    sh = _shape(w)
    single, _ = cue_words()
    cats = single.get(lw, ())
    lex = lexicon().get(lw, "unk")
    own = ["b", "w=" + lw, "sh=" + sh, "lex=" + lex]
    flags = []
    if w[:1].isupper():
        flags.append("ic")
        if w.isupper() and len(w) > 1:
            flags.append("ac")
    elif w[:1].islower():
        flags.append("lc")
    if lw in common_words():
        flags.append("sw")
    own += flags
    own.append("cl=" + ("U" if w[:1].isupper() else "l") + lex)
    if len(lw) > 3:
        own += ["p3=" + lw[:3], "s3=" + lw[-3:], "s2=" + lw[-2:], "p4=" + lw[:4], "s4=" + lw[-4:]]
    own += _affixes(lw)
    own += ["cue=" + c for c in cats]
    left = ("-1w=" + lw, "-1sh=" + sh, "-1lex=" + lex, *("-1" + f for f in flags), *("-1cue=" + c for c in cats))
    right = ("+1w=" + lw, "+1sh=" + sh, "+1lex=" + lex, *("+1" + f for f in flags), *("+1cue=" + c for c in cats))
    left2 = ("-2w=" + lw, *("-2cue=" + c for c in cats))
    right2 = ("+2w=" + lw, *("+2cue=" + c for c in cats))
    return tuple(own), left, right, left2, right2


_BOS1 = ("-1w=<s>",)
_EOS1 = ("+1w=</s>",)
_BOS2 = ("-2w=<s>",)
_EOS2 = ("+2w=</s>",)


@lru_cache(maxsize=100_000)
def _known_token_features(w: str) -> tuple[tuple[str, ...], ...]:
    """:func:`_token_features` less the features the model has no weight for (the same tags, fewer
    strings for crfsuite to look up). The word itself stays first: phrase cues read it."""
    known = model_attributes()
    parts = _token_features(w)
    own = parts[0]
    return ((own[0], own[1], *(f for f in own[2:] if f in known)),
            *(tuple(f for f in part if f in known) for part in parts[1:]))


def sentence_features(tokens: Sequence[str], gaz: Sequence[str | None] | None = None,
                      lo: int = 0, hi: int | None = None, known: frozenset[str] | None = None) -> list[list[str]]:
    """crfsuite items for one sentence, or for its tokens ``lo:hi`` (a window that still sees the
    sentence's words around it). ``gaz`` holds one gazetteer tag per token (``"B-PER"``, ``"I-ROLE"``
    … or None), see :func:`gazetteer_tags`. With ``known`` (the model's attributes), features the
    model ignores are left out."""
    n = len(tokens)
    hi = n if hi is None else hi
    first, last = max(0, lo - 2), min(n, hi + 2)
    feats: list = [None] * n
    token_features = _token_features if known is None else _known_token_features
    for k in range(first, last):
        feats[k] = token_features(tokens[k])
    _, phrases = cue_words()
    phrase_cues: dict[int, str] = {}
    for k in range(max(first, lo - 3), min(hi, last)):
        for words, cat in phrases.get(feats[k][0][1][2:], ()):
            if k + len(words) <= last and all(feats[k + m][0][1][2:] == words[m] for m in range(1, len(words))):
                for m in range(k, k + len(words)):
                    phrase_cues[m] = cat
    items: list[list[str]] = []
    for i in range(lo, hi):
        f = feats[i]
        own = f[0]
        x = list(own)
        x += feats[i - 1][1] if i > 0 else _BOS1
        x += feats[i + 1][2] if i + 1 < n else _EOS1
        x += feats[i - 2][3] if i > 1 else _BOS2
        x += feats[i + 2][4] if i + 2 < n else _EOS2
        if i == 0:
            x.append("BOS")
        else:
            ww = "ww=" + feats[i - 1][0][1][2:] + "|" + own[1][2:]
            if known is None or ww in known:
                x.append(ww)
        if i in phrase_cues:
            x.append("cue=" + phrase_cues[i])
        if gaz is not None:
            g = gaz[i]
            if g:
                x.append("g=" + g)
            if i > 0 and gaz[i - 1]:
                x.append("-1g=" + gaz[i - 1])
            if i + 1 < n and gaz[i + 1]:
                x.append("+1g=" + gaz[i + 1])
        items.append(x)
    return items


def gazetteer_tags(token_spans: Sequence[tuple[int, int]], hits: Sequence[tuple[int, int, str]]) -> list[str | None]:
    """One IOB gazetteer tag per token from dictionary hits ``(start, end, TYPE)`` (character offsets,
    TYPE in :data:`GAZ_TYPES`). A token inside a hit gets ``B-TYPE`` or ``I-TYPE``."""
    tags: list[str | None] = [None] * len(token_spans)
    if not hits:
        return tags
    hits = sorted(hits)
    h = 0
    for i, (s, e) in enumerate(token_spans):
        while h < len(hits) and hits[h][1] <= s:
            h += 1
        if h < len(hits) and hits[h][0] <= s and e <= hits[h][1]:
            hs, _, typ = hits[h]
            tags[i] = ("B-" if s == hs or i == 0 or token_spans[i - 1][1] <= hs else "I-") + typ
    return tags


# ---------------------------------------------------------------------------------------------
# Tagging
# ---------------------------------------------------------------------------------------------

class ModelError(RuntimeError):
    """The NER model file is missing or was trained with another feature set."""


@cache
def model_info() -> dict:
    """What ``scripts/train_ner.py`` recorded beside the model."""
    import json

    if not MODEL_INFO_PATH.exists():
        raise ModelError(f"NER model description {MODEL_INFO_PATH} is missing: run scripts/train_ner.py")
    return json.loads(MODEL_INFO_PATH.read_text(encoding="utf-8"))


@cache
def tagger():
    """The CRF tagger, loaded once per process."""
    import pycrfsuite

    if not MODEL_PATH.exists():
        raise ModelError(f"NER model {MODEL_PATH} is missing: run scripts/train_ner.py")
    version = model_info().get("feature_version")
    if version != FEATURE_VERSION:
        raise ModelError(f"NER model was trained with feature set {version!r}, the code expects"
                         f" {FEATURE_VERSION!r}: run scripts/train_ner.py")
    t = pycrfsuite.Tagger()
    t.open(str(MODEL_PATH))
    return t


def tag(tokens: Sequence[str], gaz: Sequence[str | None] | None = None,
        lo: int = 0, hi: int | None = None) -> list[str]:
    """IOB labels for one sentence's tokens (or for its window ``lo:hi``)."""
    hi = len(tokens) if hi is None else hi
    if hi <= lo:
        return []
    return tagger().tag(sentence_features(tokens, gaz, lo, hi, model_attributes()))


@cache
def model_attributes() -> frozenset[str]:
    """The attributes the loaded model has weights for."""
    return frozenset(a for a, _ in tagger().info().state_features)


def iob_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """IOB labels -> ``(first token, last token + 1, TYPE)``; a stray I- opens a span (conlleval)."""
    spans: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, lab in enumerate(list(labels) + ["O"]):
        if lab == "O" or lab.startswith("B-") or (lab.startswith("I-") and lab[2:] != typ):
            if start >= 0:
                spans.append((start, i, typ))
                start, typ = -1, ""
            if lab != "O":
                start, typ = i, lab[2:]
    return spans
