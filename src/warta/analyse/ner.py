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
from typing import Any

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
    return tag_many([(tokens, gaz, lo, len(tokens) if hi is None else hi)])[0]


def tag_many(windows: Sequence[tuple[Sequence[str], Sequence[str | None] | None, int, int]]) -> list[list[str]]:
    """IOB labels for many ``(tokens, gaz, lo, hi)`` windows at once — each decoded on its own, exactly
    as ``tag`` would (see :class:`Decoder`). Decoded in batches of :data:`DECODE_BATCH` windows: the
    side-by-side Viterbi holds ``longest × windows × labels²`` scores, which must stay small."""
    d = decoder()
    out: list[list[str]] = []
    for i in range(0, len(windows), DECODE_BATCH):
        out += d.tag_many(windows[i:i + DECODE_BATCH])
    return out


#: Windows decoded side by side; an article has ~10-40, a 200k-character one thousands.
DECODE_BATCH = 64


@cache
def model_attributes() -> frozenset[str]:
    """The attributes the loaded model has weights for."""
    return frozenset(a for a, _ in tagger().info().state_features)


@cache
def decoder() -> "Decoder":
    """The model's decoder, built once per process from the loaded tagger's weights."""
    info = tagger().info()
    return Decoder(tagger().labels(), info.state_features, info.transitions)


#: Word types whose weight sums the decoder keeps (~0.4 KB each); past this the cache starts afresh.
DECODER_TYPES = 100_000


class Decoder:
    """Tagging with the CRF's own weights: feature scores from per-word sums, Viterbi in numpy.

    pycrfsuite tags a sequence given as lists of feature strings; building ~16 strings per token in
    Python and having crfsuite look each one up cost ~13 µs per token, most of the NER's time. But
    the score of a label at a token is the sum of the weights of that token's features, and nearly
    all of them depend on a single token string — its own, or a neighbour's at −2 … +2. So the
    decoder sums each word's weights once, as five vectors (the word as the token itself and as its
    left, right, second-left and second-right neighbour; kept per word), gathers them with numpy,
    adds the few features of two or more tokens (the word pair, the sentence start, phrase cues,
    gazetteer tags) where they occur, and runs Viterbi over all the windows of an article side by
    side: one numpy step per position while three windows or more are running, plain Python for
    the rest of the longest ones. The features are those of :func:`sentence_features`, the algorithm
    crfsuite's Viterbi (ties go to the lower label id, as there), so the labels are crfsuite's — the
    scores are summed in another order, which could only matter for two paths within a rounding
    error of each other (none in the 5,400 development articles).
    """

    _BOS, _EOS = 0, 1  # table rows standing for the tokens before the first and after the last
    #: Below this many windows running side by side, a numpy step costs more than Python steps.
    NUMPY_WIDTH = 3

    def __init__(self, labels: Sequence[str], state_features: dict[tuple[str, str], float],
                 transitions: dict[tuple[str, str], float]) -> None:
        import numpy as np

        self._np = np
        self.labels = tuple(labels)
        n = len(self.labels)
        index = {label: i for i, label in enumerate(self.labels)}
        self._attr_id: dict[str, int] = {}  # attribute -> row of the weight matrix (row 0: zeros)
        for attr, _ in state_features:
            self._attr_id.setdefault(attr, len(self._attr_id) + 1)
        self._weights = np.zeros((len(self._attr_id) + 1, n))
        for (attr, label), w in state_features.items():
            self._weights[self._attr_id[attr], index[label]] = w
        self.trans = np.zeros((n, n))  # [from, to]
        for (a, b), w in transitions.items():
            self.trans[index[a], index[b]] = w
        self._forward = _python_forward(self.trans.tolist())
        self._columns = self.trans.T.tolist()  # [to][from]
        weight = self._weight
        zero = np.zeros(n)
        # gazetteer tags: id 0 is "none"; one weight table per feature (own tag, left's, right's)
        tags = [None] + [f"{p}-{t}" for t in GAZ_TYPES for p in "BI"]
        self._gaz_id = {tag: i for i, tag in enumerate(tags)}
        self._gaz = np.array([[weight(prefix + tag) if tag else zero for tag in tags]
                              for prefix in ("g=", "-1g=", "+1g=")])
        # where a position's five word sums come from: [own, left, right, 2nd left, 2nd right]
        self._offsets = np.array([0, -1, 1, -2, 2])[:, None]
        self._parts = np.arange(5)[:, None]
        # word pairs with a weight ("ww=a|b"), and which words can be their left or right half
        self._pairs = {a[3:]: weight(a) for a in self._attr_id if a.startswith("ww=")}
        halves = [p.split("|", 1) for p in self._pairs if p.count("|") == 1]
        self._pair_left = frozenset(h[0] for h in halves)
        self._pair_right = frozenset(h[1] for h in halves)
        self._phrase_first = frozenset(cue_words()[1])
        self._reset()

    def _weight(self, attr: str) -> Any:
        """The weight vector of an attribute (zeros when the model has none)."""
        return self._weights[self._attr_id.get(attr, 0)]

    def _reset(self) -> None:
        np = self._np
        self._rows: dict[str, int] = {}
        self._lower: list[str] = ["", ""]
        self._table = np.zeros((4096, 5, len(self.labels)))
        self._flags = np.zeros((4096, 2), bool)  # may be the left / right word of a weighted pair
        # the sentence's first token has the "BOS" feature: it is the one whose left neighbour is BOS
        self._table[self._BOS, 1] = self._weight(_BOS1[0]) + self._weight("BOS")
        self._table[self._BOS, 3] = self._weight(_BOS2[0])
        self._table[self._EOS, 2] = self._weight(_EOS1[0])
        self._table[self._EOS, 4] = self._weight(_EOS2[0])

    def _row(self, word: str) -> int:
        """The table row of a word: its weight sums as the token and as each neighbour."""
        np = self._np
        row = len(self._lower)
        if row == len(self._table):
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
            self._flags = np.concatenate([self._flags, np.zeros_like(self._flags)])
        self._rows[word] = row
        lw = word.lower()
        self._lower.append(lw)
        self._flags[row] = (lw in self._pair_left, lw in self._pair_right)
        attr_id = self._attr_id
        ids: list[int] = []
        starts: list[int] = []
        for part in _token_features.__wrapped__(word):  # not the training cache
            starts.append(len(ids))
            ids.append(0)  # a zero row opens each part: a part without weights sums to zero
            ids += [i for i in map(attr_id.get, part) if i]
        self._table[row] = np.add.reduceat(self._weights[ids], starts, axis=0)
        return row

    def tag_many(self, windows: Sequence[tuple[Sequence[str], Sequence[str | None] | None, int, int]]) -> list[list[str]]:
        np = self._np
        if len(self._rows) > DECODER_TYPES:
            self._reset()
        rows = self._rows
        new_row = self._row
        gaz_id = self._gaz_id
        phrase_first = self._phrase_first
        bos, eos = self._BOS, self._EOS
        idx: list[int] = []  # per window: the rows of its tokens lo-2 … hi+2 (BOS/EOS past the sentence)
        positions: list[int] = []  # the places in idx of the tokens to label
        gids: list[int] = []  # the gazetteer tag ids of the tokens in idx
        lengths: list[int] = []
        cue_at: list[int] = []
        cue_weights: list[Any] = []
        for tokens, gaz, lo, hi in windows:
            n = len(tokens)
            m = hi - lo
            lengths.append(max(m, 0))
            if m <= 0:
                continue
            first, last = max(0, lo - 2), min(n, hi + 2)
            rr = [rows.get(t) or new_row(t) for t in tokens[first:last]]
            pad_left, pad_right = first - lo + 2, hi + 2 - last
            positions += range(len(idx) + 2, len(idx) + 2 + m)
            idx += [bos] * pad_left
            idx += rr
            idx += [eos] * pad_right
            gids += [0] * pad_left
            gids += [gaz_id[g] for g in gaz[first:last]] if gaz is not None else [0] * len(rr)
            gids += [0] * pad_right
            lower = [self._lower[r] for r in rr]
            if not phrase_first.isdisjoint(lower[:hi - first]):
                self._phrase_cues(lower, first, lo, hi, last, len(positions) - m, cue_at, cue_weights)
        if not positions:
            return [[] for _ in windows]
        # the state scores of every position of every window: the five per-word sums, then the rest
        cur = np.array(positions)
        rid = np.array(idx)
        near = rid[cur + self._offsets]  # [own, left, right, 2nd left, 2nd right] rows, per position
        scores = self._table.reshape(-1, len(self.labels))[near * 5 + self._parts].sum(axis=0)
        r0, rl1 = near[0], near[1]
        pair = np.flatnonzero(self._flags[rl1, 0] & self._flags[r0, 1])  # a weighted word pair may stand here
        if len(pair):
            lower = self._lower
            for k, a, b in zip(pair.tolist(), rl1[pair].tolist(), r0[pair].tolist()):
                v = self._pairs.get(lower[a] + "|" + lower[b])
                if v is not None:
                    scores[k] += v
        if cue_at:
            np.add.at(scores, cue_at, np.array(cue_weights))
        if any(gids):
            g = np.array(gids)[cur + self._offsets[:3]]  # the tags of the token and of its neighbours
            scores += self._gaz[self._parts[:3], g].sum(axis=0)
        return self._viterbi(scores, lengths)

    def _phrase_cues(self, lower: list[str], first: int, lo: int, hi: int, last: int, flat: int,
                     cue_at: list[int], cue_weights: list[Any]) -> None:
        """The ``cue=`` features of multi-word cues in a window, as :func:`sentence_features` adds them."""
        _, phrases = cue_words()
        cues: dict[int, str] = {}
        for k in range(first, hi):
            for words, cat in phrases.get(lower[k - first], ()):
                if k + len(words) <= last and all(lower[k + j - first] == words[j] for j in range(1, len(words))):
                    for j in range(k, k + len(words)):
                        cues[j] = cat
        for i in range(lo, hi):
            if i in cues:
                attr = self._attr_id.get("cue=" + cues[i])
                if attr:
                    cue_at.append(flat + i - lo)
                    cue_weights.append(self._weights[attr])

    def _viterbi(self, scores: Any, lengths: list[int]) -> list[list[str]]:
        """Best label sequence of each window; ``scores`` holds the windows' positions one after the
        other. The windows run side by side, longest first: each step is a few numpy operations
        over the windows still running, as long as there are :data:`NUMPY_WIDTH` of them; the
        longest then go on in Python. The way back follows the best predecessors."""
        np = self._np
        order = sorted((k for k, m in enumerate(lengths) if m), key=lambda k: -lengths[k])
        sizes = [lengths[k] for k in order]
        width = len(order)
        offsets = [0] * len(lengths)
        for k in range(1, len(lengths)):
            offsets[k] = offsets[k - 1] + lengths[k - 1]
        # numpy runs until fewer than NUMPY_WIDTH windows are left
        steps = sizes[self.NUMPY_WIDTH - 1] if width >= self.NUMPY_WIDTH else 1
        starts = np.array([offsets[k] for k in order])
        clipped = [min(size, steps) for size in sizes]
        rank = np.repeat(np.arange(width), clipped)
        step = np.arange(len(rank)) - np.repeat(np.cumsum([0] + clipped[:-1]), clipped)
        state = np.zeros((steps, width, len(self.labels)))  # [position, window, label]
        state[step, rank] = scores[starts[rank] + step]
        # [position, window, to, from]: the score of moving into each label from each label
        moves = state[:, :, :, None] + self.trans.T
        cand = np.zeros_like(moves)  # ... added to the best path into the label moved from
        alpha = state[0]  # [window, label]: best score of a path ending in that label
        final = np.empty_like(alpha)  # alpha at each window's last numpy position
        add, best_of = np.add, np.maximum.reduce
        running = width
        for t in range(1, steps):
            k = running
            while sizes[k - 1] <= t:
                k -= 1
            if k < running:  # windows that ended at t - 1
                final[k:running] = alpha[k:]
                alpha = alpha[:k]
                running = k
            c = add(alpha[:, None, :], moves[t, :k], out=cand[t, :k])
            alpha = best_of(c, axis=2)
        final[:running] = alpha
        # the first best predecessor, as crfsuite keeps it: back[(t * width + r) * n_labels + j]
        back = cand.argmax(axis=3).astype(np.uint8).tobytes()
        n_labels = len(self.labels)
        ends = final.tolist()
        columns = self._columns
        labels = self.labels
        out: list[list[str]] = [[] for _ in lengths]
        for r, k in enumerate(order):
            size = sizes[r]
            seq: list[int] = []
            if size > steps:  # on in Python from the last numpy position
                history = self._forward(ends[r], scores[offsets[k] + steps:offsets[k] + size].tolist())
                last = history[-1]
                j = last.index(max(last))
                seq.append(j)
                for t in range(len(history) - 2, -1, -1):  # the best predecessor of the chosen label
                    v = [a + b for a, b in zip(history[t], columns[j])]
                    j = v.index(max(v))
                    seq.append(j)
                top = steps - 1
            else:
                last = ends[r]
                j = last.index(max(last))
                seq.append(j)
                top = size - 1
            for t in range(top, 0, -1):
                j = back[(t * width + r) * n_labels + j]
                seq.append(j)
            seq.reverse()
            out[k] = [labels[j] for j in seq]
        return out


def _python_forward(trans: list[list[float]]):
    """The Viterbi forward pass in plain Python for this transition matrix, unrolled over the labels
    (``max`` of ``len(trans)`` sums per label): ``forward(alpha, rows)`` → the best score of a path
    ending in each label, at the start and after each row of state scores. Generated code: a loop
    over labels costs three times as much."""
    n = len(trans)
    a = ", ".join(f"a{i}" for i in range(n))
    lines = ["def forward(alpha, rows):", f"    {a}, = alpha", f"    history = [({a},)]", "    for s in rows:"]
    for j in range(n):
        lines.append(f"        b{j} = max(" + ", ".join(f"a{i} + {trans[i][j]!r}" for i in range(n)) + f") + s[{j}]")
    lines.append(f"        {a}, = " + ", ".join(f"b{j}" for j in range(n)))
    lines.append(f"        history.append(({a},))")
    lines.append("    return history")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), namespace)  # noqa: S102 - code built above from numbers only
    return namespace["forward"]


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
