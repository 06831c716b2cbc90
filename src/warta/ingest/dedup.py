"""Near-duplicate detection: MinHash LSH over word 3-grams, with the index kept in the store.

A text is shingled into overlapping runs of three lower-case words, each hashed to 32 bits (from
CRC-32 word hashes, so the same in every process and run). Its MinHash signature (datasketch,
``NUM_PERM`` values, "affine32" permutations) is cut into ``BANDS`` bands of ``ROWS`` values and each
band hashed to one 64-bit key. Two texts become candidates when any band key is equal. The keys
live in the ``minhash_bands`` table (signatures in ``minhashes``), so candidates come from a SQL
join, memory stays flat however large the store grows, and the threshold can change from run to
run. Each candidate is then verified exactly — the Jaccard similarity of the two texts' 3-gram
hash sets, not the MinHash estimate, whose ±0.03 error at 128 permutations would flip pairs near
the threshold — and the most similar one at or above the threshold wins.

With 20 bands of 6 rows, a pair at similarity 0.8 becomes a candidate with probability 0.998, at
0.7 with 0.92, at 0.5 with 0.27 and at 0.3 with 0.015: thresholds from about 0.7 up are served
with near-perfect recall. Syndicated copies (the same agency text under another outlet's
dateline) share nearly all 3-grams; two outlets' own reports of the same event share names and
phrases and stay far below. Texts under ``MIN_WORDS`` words are only checked for exact duplicates.
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
SHINGLE_WORDS = 3  # shingle_hashes mixes three word hashes
MIN_WORDS = 25
BANDS, ROWS = 20, 6
#: Shingles per datasketch update (bounds its working memory to ~16 MB whatever the text's size).
SIGNATURE_SLICE = 16_384

_WORD = re.compile(r"\w+")
# Odd 64-bit multipliers that mix a 3-gram's three word hashes.
_SHINGLE_MIX = (np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9), np.uint64(1))
# Odd 64-bit multipliers (powers of the golden-ratio constant) that mix a band's six values.
_MIX = np.array([pow(0x9E3779B97F4A7C15, j + 1, 1 << 64) for j in range(ROWS)], dtype=np.uint64)


class _WordHashes(dict):
    """word -> CRC-32, filled on first sight: news reuses a bounded vocabulary, so most words
    are dictionary hits. Emptied when it reaches ``MAX_CACHED_WORDS`` to keep memory bounded."""

    def __missing__(self, word: str) -> int:
        if len(self) >= MAX_CACHED_WORDS:
            self.clear()
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


MAX_CACHED_WORDS = 300_000
_WORD_HASHES = _WordHashes()


def shingle_hashes(text: str) -> list[int]:
    """32-bit hashes of the text's word 3-grams (lower case); [] under ``MIN_WORDS`` words.

    Each word is hashed once (CRC-32) and a 3-gram's hash mixes its three word hashes with odd
    multipliers, so no 3-gram string is ever built."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return []
    h = np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
    with np.errstate(over="ignore"):
        mixed = h[:-2] * _SHINGLE_MIX[0] + h[1:-1] * _SHINGLE_MIX[1] + h[2:] * _SHINGLE_MIX[2]
    return ((mixed >> np.uint64(32)) ^ (mixed & np.uint64(0xFFFFFFFF))).tolist()


@cache
def _permutations() -> np.ndarray:
    """datasketch's permutation parameters for (NUM_PERM, SEED, SCHEME), computed once."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (uint32[NUM_PERM]) of ``text``; None when it is too short."""
    hashes = shingle_hashes(text)
    if not hashes:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=SCHEME, permutations=_permutations())
    # In slices: datasketch builds a (shingles × NUM_PERM) uint64 matrix per call, 1 KB a shingle
    # (a 5 MB text would take ~0.8 GB at once). The minimum over slices is the same signature.
    for i in range(0, len(hashes), SIGNATURE_SLICE):
        m.update_batch(hashes[i:i + SIGNATURE_SLICE])
    return np.asarray(m.hashvalues, dtype=np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (DuckDB BIGINT)."""
    bands = sig[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (bands * _MIX).sum(axis=1, dtype=np.uint64)
    return keys.view(np.int64).tolist()


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def jaccard(a: set[int], b: set[int]) -> float:
    """Exact Jaccard similarity of two shingle-hash sets."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def best_match(shingles: set[int], candidates: dict[str, set[int]], threshold: float) -> tuple[str, float] | None:
    """The most similar candidate at or above ``threshold``: (id, Jaccard similarity); ties go to
    the smallest id, so every run decides the same way."""
    best: tuple[str, float] | None = None
    for cid in sorted(candidates):
        s = jaccard(shingles, candidates[cid])
        if s >= threshold and (best is None or s > best[1]):
            best = (cid, s)
    return best
