"""An on-disk cache of embeddings, keyed by the encoder, the kind, the caller's recipe and the texts.

Embedding the ~14,000 ESCO skill labels takes minutes on a CPU; reading them back takes a fraction of
a second. An entry is a folder with ``vectors.npy`` (float32) and ``meta.json`` (what the vectors
are, and the SHA-256 of the vectors file). It is found only for the same encoder id, kind, key and
texts, and it is verified on every read: a damaged entry is recomputed and replaced, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from osaaminen._cache import cache_entry, hash_key, write_entry
from osaaminen._config import cache_dir
from osaaminen.encoders.base import EncodeKind, Encoder, check_encode_args

__all__ = ["cached_encode", "clear_embedding_cache", "texts_sha256"]

logger = logging.getLogger(__name__)

_NAMESPACE = "embeddings"
_SCHEMA = 1  # bump when the layout of an entry changes
_VECTORS = "vectors.npy"
_META = "meta.json"


def cached_encode(
    encoder: Encoder,
    texts: Sequence[str],
    *,
    kind: EncodeKind,
    key: str,
    batch_size: int = 64,
    show_progress_bar: bool | None = None,
    enabled: bool = True,
) -> np.ndarray:
    """``encoder.encode(texts, kind=kind)``, from the cache when the same vectors were computed before.

    Args:
        encoder: Any :class:`~osaaminen.encoders.Encoder`; its ``id`` is part of the key (on a cache hit
            the model is not even loaded).
        texts: The texts.
        kind: ``"query"`` or ``"passage"``.
        key: The caller's name for what the texts are, for example a taxonomy fingerprint and
            ``"skills:label_en+alt_labels_en"``. Entries with different keys never mix.
        batch_size: Passed to ``encoder.encode``.
        show_progress_bar: Passed to ``encoder.encode``.
        enabled: ``False`` encodes and neither reads nor writes the cache.

    Returns:
        A float32 array of shape ``(len(texts), encoder.dim)``: a fresh array the caller may change.

    Raises:
        TypeError: For texts that are not a sequence of ``str``, or a ``key`` that is not a ``str``.
        ValueError: For a bad ``kind`` or ``batch_size``, or an encoder that returns the wrong shape.

    Examples:
        >>> import tempfile
        >>> import osaaminen as osa
        >>> from osaaminen.encoders import HashingEncoder
        >>> enc = HashingEncoder(dim=32)
        >>> with osa.config_context(cache_dir=tempfile.mkdtemp()):
        ...     first = cached_encode(enc, ["hitsaus", "leipominen"], kind="passage", key="doc")
        ...     again = cached_encode(enc, ["hitsaus", "leipominen"], kind="passage", key="doc")  # read back
        >>> bool((first == again).all()), again.dtype
        (True, dtype('float32'))
    """
    items = check_encode_args(texts, kind=kind, batch_size=batch_size, method="cached_encode")
    if not isinstance(key, str):
        raise TypeError(f"cached_encode(): key must be a str, got {type(key).__name__}")
    if not enabled or not items:
        return _encode(encoder, items, kind, batch_size, show_progress_bar)
    recipe: dict[str, Any] = {
        "schema": _SCHEMA,
        "encoder": encoder.id,
        "kind": kind,
        "key": key,
        "n": len(items),
        "texts_sha256": texts_sha256(items),
    }
    entry = cache_entry(
        _NAMESPACE,
        hash_key(
            schema=_SCHEMA,
            encoder=recipe["encoder"],
            kind=kind,
            key=key,
            texts=recipe["texts_sha256"],
            n=len(items),
        ),
    )
    vectors = _read(entry, recipe)
    if vectors is not None:
        logger.debug("%d %s embeddings read from the cache (%s)", len(items), kind, entry)
        return vectors
    vectors = _encode(encoder, items, kind, batch_size, show_progress_bar)
    write_entry(entry, lambda folder: _write(folder, vectors, recipe))
    return vectors


def clear_embedding_cache() -> int:
    """Delete every cached embedding entry under the configured cache directory.

    Returns:
        How many entries were deleted.

    Examples:
        >>> import tempfile
        >>> import osaaminen as osa
        >>> with osa.config_context(cache_dir=tempfile.mkdtemp()):
        ...     clear_embedding_cache()
        0
    """
    folder = cache_dir() / _NAMESPACE
    if not folder.is_dir():
        return 0
    removed = 0
    for child in folder.iterdir():
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
            # Folders starting with "." are unfinished writes (possibly another process's): not entries.
            removed += not child.name.startswith(".") and not child.exists()
    return removed


def texts_sha256(texts: Sequence[str]) -> str:
    """The SHA-256 of a list of texts: each text's UTF-8 bytes, preceded by their length.

    Length prefixes keep it unambiguous (``["a,b"]`` and ``["a", "b"]`` differ whatever the separator).

    Examples:
        >>> texts_sha256(["a", "b"]) == texts_sha256(["ab"])
        False
    """
    digest = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _encode(
    encoder: Encoder, items: list[str], kind: EncodeKind, batch_size: int, show_progress_bar: bool | None
) -> np.ndarray:
    vectors = np.ascontiguousarray(
        encoder.encode(items, kind=kind, batch_size=batch_size, show_progress_bar=show_progress_bar),
        dtype=np.float32,
    )
    if vectors.ndim != 2 or vectors.shape[0] != len(items):
        raise ValueError(
            f"encoder {encoder.id!r} returned an array of shape {vectors.shape} for {len(items)} texts; "
            "an encoder must return one row per text"
        )
    return vectors


def _write(folder: Path, vectors: np.ndarray, recipe: dict[str, Any]) -> None:
    path = folder / _VECTORS
    np.save(path, vectors, allow_pickle=False)
    with path.open("rb") as stream:
        vectors_sha256 = _sha256(stream)
    meta = {**recipe, "dim": int(vectors.shape[1]), "dtype": "float32", "vectors_sha256": vectors_sha256}
    (folder / _META).write_text(json.dumps(meta, indent=1), encoding="utf-8")


def _read(entry: Path, recipe: dict[str, Any]) -> np.ndarray | None:
    if not entry.exists():
        return None
    try:
        meta = json.loads((entry / _META).read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("meta.json does not hold an object")
        for field, value in recipe.items():
            if meta.get(field) != value:
                raise ValueError(f"meta.json field {field!r} does not match")
        dim = meta["dim"]
        if meta.get("dtype") != "float32" or not isinstance(dim, int) or dim < 1:
            raise ValueError("meta.json has a bad dtype or dim")
        with (entry / _VECTORS).open("rb") as stream:
            if _sha256(stream) != meta["vectors_sha256"]:
                raise ValueError("vectors.npy does not match its SHA-256")
            stream.seek(0)
            vectors = np.load(stream, allow_pickle=False)
        if not isinstance(vectors, np.ndarray) or vectors.dtype != np.float32 or vectors.shape != (recipe["n"], dim):
            raise ValueError(f"vectors.npy holds {getattr(vectors, 'dtype', '?')} {getattr(vectors, 'shape', '?')}")
        return np.ascontiguousarray(vectors)
    except Exception as exc:  # noqa: BLE001 - any damage to a cache entry means "recompute it"
        logger.info("embedding cache entry %s unusable (%s); recomputing it", entry, exc)
        return None


def _sha256(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()
