"""Find syndicated copies and updated versions of articles with MinHash LSH (datasketch).

Each article gets a MinHash signature of its word 3-shingles; the signature is cut into
LSH bands (the band/row split datasketch picks for the threshold), and each band is hashed
to one integer key. Keys are stored beside the article (``article_bands``), so a candidate
lookup is one SQL join whatever the corpus size, and memory stays bounded. Candidates are
confirmed by the signatures' estimated Jaccard similarity.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

__all__ = ["Deduplicator", "Signature"]

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK = (1 << 63) - 1


@dataclass(frozen=True, slots=True)
class Signature:
    """An article's MinHash values and its LSH band keys."""

    values: np.ndarray
    bands: tuple[int, ...]

    def to_bytes(self) -> bytes:
        """Return the signature as bytes for storage."""
        return self.values.astype(np.uint64).tobytes()


class Deduplicator:
    """Compute signatures and compare them; ``threshold`` is the Jaccard similarity of word
    3-shingles above which two articles are copies of one another."""

    def __init__(self, *, threshold: float = 0.8, num_perm: int = 128, seed: int = 1) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.seed = seed
        self.bands, self.rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        self._template = MinHash(num_perm=num_perm, seed=seed)

    def signature(self, text: str) -> Signature:
        """Return the signature of ``text``."""
        words = _WORD.findall(text.lower())
        shingles = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))} or {""}
        minhash = self._template.copy()
        minhash.clear()
        minhash.update_batch([s.encode("utf-8", "surrogatepass") for s in sorted(shingles)])
        values = minhash.hashvalues
        keys = tuple(
            int.from_bytes(hashlib.blake2b(values[b * self.rows : (b + 1) * self.rows].tobytes(),
                                           digest_size=8).digest(), "big") & _MASK
            for b in range(self.bands)
        )
        return Signature(values=values.copy(), bands=keys)

    def similarity(self, a: Signature | bytes, b: Signature | bytes) -> float:
        """Return the estimated Jaccard similarity of two signatures."""
        va = a.values if isinstance(a, Signature) else np.frombuffer(a, dtype=np.uint64)
        vb = b.values if isinstance(b, Signature) else np.frombuffer(b, dtype=np.uint64)
        if va.shape != vb.shape:
            return 0.0
        return float(np.count_nonzero(va == vb)) / len(va)
