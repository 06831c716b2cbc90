"""Near-duplicate detection: MinHash signatures of word shingles, banded for LSH inside the store.

A text is shingled into overlapping runs of ``SHINGLE_WORDS`` lower-case words; its MinHash
signature (datasketch, ``NUM_PERM`` 32-bit values, "affine32" permutations over CRC-32 shingle
hashes — the same in every process and every run) estimates the Jaccard similarity of two
texts' shingle sets.

Locality-sensitive hashing: the first ``BANDS`` × ``ROWS`` values are cut into bands and each band
hashed to one 64-bit key. Two texts become candidates when any band key is equal; candidates are
then checked against their full signatures and the most similar one at or above the run's
threshold wins. The band keys live in the ``minhash_bands`` table (and the signatures in
``minhashes``), so candidates come from a SQL join, memory stays flat however large the store
grows, and the threshold can differ from run to run. With 20 bands of 6 rows, a pair at
similarity 0.8 becomes a candidate with probability 0.998, at 0.7 with 0.92, at 0.5 with 0.27
and at 0.3 with 0.015: thresholds from about 0.7 up are served with near-perfect recall.

Syndicated copies (the same agency text under another outlet's dateline) share nearly all
shingles; two outlets' own reports of the same event share names and phrases and stay far below
the threshold. Texts under ``MIN_WORDS`` words are too short to judge and are only checked for
exact duplicates.
"""

from __future__ import annotations

import re
import zlib
from functools import cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SHINGLE_WORDS = 3
MIN_WORDS = 25
BANDS, ROWS = 20, 6

_WORD = re.compile(r"\w+")
# Odd 64-bit multipliers (powers of the golden-ratio constant) that mix a band's six values.
_MIX = np.array([pow(0x9E3779B97F4A7C15, j + 1, 1 << 64) for j in range(ROWS)], dtype=np.uint64)


def shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return []
    return [" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)]


@cache
def _permutations() -> np.ndarray:
    """datasketch's permutation parameters for (NUM_PERM, SEED, SCHEME), computed once."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (uint32[NUM_PERM]) of ``text``; None when it is too short."""
    parts = shingles(text)
    if not parts:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, scheme=SCHEME, permutations=_permutations())
    m.update_batch(parts)
    return np.asarray(m.hashvalues, dtype=np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (DuckDB BIGINT)."""
    bands = sig[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (bands * _MIX).sum(axis=1, dtype=np.uint64)
    return keys.view(np.int64).tolist()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def best_match(sig: np.ndarray, candidates: dict[str, np.ndarray], threshold: float) -> tuple[str, float] | None:
    """The most similar candidate at or above ``threshold``: (id, similarity); ties go to the
    smallest id, so every run decides the same way."""
    best: tuple[str, float] | None = None
    for cid in sorted(candidates):
        s = similarity(sig, candidates[cid])
        if s >= threshold and (best is None or s > best[1]):
            best = (cid, s)
    return best
