"""A deterministic encoder without a model: hashed character n-grams and words.

Meant for fast unit tests of everything built on encoders, and as a lexical baseline. Texts that
share character n-grams get a positive cosine ("trukinkuljettaja" and "trukki" share "truk"), texts
that share nothing get a cosine near zero. It knows nothing of meaning or translation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from hashlib import blake2b
from typing import Any

import numpy as np

from osaaminen.encoders.base import EncodeKind, batches, check_encode_args, progress, resolve_progress_bar

__all__ = ["HashingEncoder"]

_WORD = re.compile(r"\w+")
_SCHEMA = 1  # bump when the features or the hashing change: the id (and so every cache key) follows
_EMPTY = "\x00empty"  # the one feature of a text without words, so that its row still has unit length


class HashingEncoder:
    """Hashed character n-grams of lower-cased words (padded with a space at each end) plus the words.

    Each feature is hashed with BLAKE2b (not Python's per-process randomised ``hash``) to a column and a
    sign, counts are summed, and every row is L2-normalised. The same text gives the same vector in
    every process, on every machine. A text without any word (empty, white space, punctuation) gets a
    fixed unit vector of its own.

    ``kind`` is accepted and ignored: the encoder is symmetric, queries and passages are embedded alike.

    Args:
        dim: The vector length. Larger means fewer collisions between unrelated features.
        ngram_range: The smallest and largest character n-gram length.
        seed: Another seed gives another, equally good, hashing (for tests of robustness).

    Examples:
        >>> enc = HashingEncoder(dim=64)
        >>> vectors = enc.encode(["trukinkuljettaja", "trukki", "leipuri"])
        >>> vectors.shape, vectors.dtype
        ((3, 64), dtype('float32'))
        >>> bool(vectors[0] @ vectors[1] > vectors[0] @ vectors[2])
        True
        >>> enc.id
        'hashing-v1/dim=64/ngrams=3-5/seed=0'
    """

    def __init__(self, dim: int = 256, *, ngram_range: tuple[int, int] = (3, 5), seed: int = 0) -> None:
        self._dim = dim
        self.ngram_range = ngram_range
        self.seed = seed

    def __repr__(self) -> str:
        return f"HashingEncoder(dim={self._dim}, ngram_range={self.ngram_range}, seed={self.seed})"

    @property
    def dim(self) -> int:
        """The vector length."""
        return self._dim

    @property
    def id(self) -> str:
        """``hashing-v<schema>/dim=<dim>/ngrams=<low>-<high>/seed=<seed>``."""
        low, high = self.ngram_range
        return f"hashing-v{_SCHEMA}/dim={self._dim}/ngrams={low}-{high}/seed={self.seed}"

    def encode(
        self,
        texts: Sequence[str],
        *,
        kind: EncodeKind = "query",
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
        **kwargs: Any,
    ) -> np.ndarray:
        """Embed ``texts``; see :meth:`osaaminen.encoders.Encoder.encode`. ``kind`` is ignored.

        Raises:
            TypeError: For a bare string, a non-string item or an unknown keyword argument.
            ValueError: For a bad ``kind``, ``batch_size``, ``dim`` or ``ngram_range``.
        """
        items = check_encode_args(texts, kind=kind, batch_size=batch_size, extra=kwargs)
        self._check_params()
        low, high = self.ngram_range
        out = np.zeros((len(items), self._dim), dtype=np.float32)
        with progress(len(items), show=resolve_progress_bar(show_progress_bar), desc="Encoding") as bar:
            row = 0
            for batch in batches(items, batch_size):
                for text in batch:
                    vector = out[row]
                    for feature in _features(text, low, high):
                        column, sign = _bucket(feature, self._dim, self.seed)
                        vector[column] += sign
                    row += 1
                bar.update(len(batch))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        # A row can only be zero when every feature cancelled out: leave it rather than divide by zero.
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def _check_params(self) -> None:
        if isinstance(self._dim, bool) or not isinstance(self._dim, int) or self._dim < 1:
            raise ValueError(f"HashingEncoder: dim must be a positive int, got {self._dim!r}")
        low, high = self.ngram_range
        if not (isinstance(low, int) and isinstance(high, int) and 1 <= low <= high):
            raise ValueError(
                f"HashingEncoder: ngram_range must be (low, high) with 1 <= low <= high, got {self.ngram_range!r}"
            )


def _features(text: str, low: int, high: int) -> list[str]:
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    if not words:
        return [_EMPTY]
    features = []
    for word in words:
        features.append("w:" + word)
        padded = f" {word} "
        for n in range(low, min(high, len(padded)) + 1):
            features.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return features


@lru_cache(maxsize=1 << 18)
def _bucket(feature: str, dim: int, seed: int) -> tuple[int, float]:
    data = f"{seed}\x1f{feature}".encode("utf-8", "surrogatepass")
    value = int.from_bytes(blake2b(data, digest_size=8).digest(), "little")
    return (value >> 1) % dim, 1.0 if value & 1 else -1.0
