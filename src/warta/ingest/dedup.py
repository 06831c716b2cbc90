"""Near-duplicate detection: MinHash signatures of word shingles, indexed by LSH (datasketch).

A text is shingled into overlapping runs of ``SHINGLE_WORDS`` lower-case words; its MinHash
signature (``NUM_PERM`` 32-bit values, datasketch's "affine32" scheme over CRC-32 shingle hashes,
so signatures are the same in every process and every run) estimates the Jaccard similarity of
two texts' shingle sets. LSH proposes candidates above the threshold; each candidate is then
checked against its stored signature, and the most similar one above the threshold wins.

Syndicated copies (the same agency text under another outlet's dateline) share nearly all
shingles; two outlets' own reports of the same event share a few names and phrases and stay far
below the threshold. Texts under ``MIN_WORDS`` words are too short to judge and are only checked
for exact duplicates.

Signatures persist in the ``minhashes`` table, so detection spans runs; the LSH index is rebuilt
from them when an ingest starts (about 1 KB of memory per stored article, datasketch's layout).
"""

from __future__ import annotations

import re
import zlib
from functools import cache
from typing import Callable, Iterable, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 3
MIN_WORDS = 25
SEED = 1
SCHEME = "affine32"

_WORD = re.compile(r"\w+")


def shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return []
    return [" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)]


@cache
def _permutations() -> np.ndarray:
    """datasketch's permutation parameters for (NUM_PERM, SEED, SCHEME), computed once."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def new_minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, scheme=SCHEME,
                   hashvalues=hashvalues, permutations=_permutations())


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (uint32[NUM_PERM]) of ``text``; None when it is too short."""
    parts = shingles(text)
    if not parts:
        return None
    m = new_minhash()
    m.update_batch(parts)
    return np.asarray(m.hashvalues, dtype=np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)


def _band_key(band: bytes) -> bytes:
    """Compress an LSH band (r × 4 bytes) to 8 bytes: the index's memory is mostly these keys."""
    return zlib.crc32(band).to_bytes(4, "little") + zlib.adler32(band).to_bytes(4, "little")


class NearDuplicateIndex:
    """LSH over stored signatures plus those added in this run.

    ``fetch`` returns stored signatures for candidate ids (the index keeps no signatures of its
    own, only LSH band keys, to stay small); signatures added in this run but not yet committed
    are kept in ``pending`` until ``committed()``.
    """

    def __init__(self, threshold: float, fetch: Callable[[Sequence[str]], dict[str, bytes]]) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("near-duplicate threshold must be in (0, 1]")
        self.threshold = threshold
        self._fetch = fetch
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, hashfunc=_band_key)
        self.pending: dict[str, np.ndarray] = {}
        self.size = 0

    def _minhash(self, sig: np.ndarray) -> MinHash:
        return new_minhash(sig)

    def load(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """Index stored signatures (article id, signature bytes)."""
        with self._lsh.insertion_session(buffer_size=10_000) as session:
            for article_id, blob in rows:
                if article_id not in self._lsh:
                    session.insert(article_id, self._minhash(from_bytes(bytes(blob))), check_duplication=False)
                    self.size += 1

    def find(self, sig: np.ndarray) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold: (id, similarity)."""
        candidates = self._lsh.query(self._minhash(sig))
        if not candidates:
            return None
        signatures = {c: self.pending[c] for c in candidates if c in self.pending}
        missing = [c for c in candidates if c not in signatures]
        if missing:
            signatures.update((k, from_bytes(v)) for k, v in self._fetch(missing).items())
        best: tuple[str, float] | None = None
        for cid in sorted(signatures):  # sorted: ties resolve the same way in every run
            s = similarity(sig, signatures[cid])
            if s >= self.threshold and (best is None or s > best[1]):
                best = (cid, s)
        return best

    def add(self, article_id: str, sig: np.ndarray) -> None:
        if article_id in self._lsh:
            return
        self._lsh.insert(article_id, self._minhash(sig), check_duplication=False)
        self.pending[article_id] = sig
        self.size += 1

    def committed(self) -> None:
        """The pending signatures are now in the store: stop holding them."""
        self.pending.clear()

    def rolled_back(self) -> None:
        """The pending signatures were never stored: take them out of the index."""
        for article_id in self.pending:
            self._lsh.remove(article_id)
            self.size -= 1
        self.pending.clear()
