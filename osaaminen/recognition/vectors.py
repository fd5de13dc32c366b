"""Vectors of label forms: from the shipped precomputed index, else computed once and cached.

Embedding every ESCO label form takes many minutes on 2 cores, so osaaminen ships the vectors of the
bundled taxonomy's forms for the default encoder (4 bits around their mean vector, one scale per vector;
the example sentences' vectors int8: see :func:`quantize`) in
``taxonomies/esco/<version>/index/<encoder>/``, written by ``taxonomies/build_concept_vectors.py``.
The index is content-addressed: a form whose exact text is in it gets the shipped vector, and only if
the encoder id matches; any other form (an extension, a user's own export) is embedded with the
encoder and kept in the on-disk embedding cache. A text is stored as a 64-bit BLAKE2b key, not as
text: the keys take far less space than the texts (the index must stay under 25 MB) and a collision
among ~90,000 texts has a chance of about 2e-10.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from osaaminen.encoders import Encoder, cached_encode
from osaaminen.encoders.base import EncodeKind
from osaaminen.exceptions import OsaaminenError

__all__ = [
    "PrecomputedVectors",
    "dequantize",
    "form_vectors",
    "index_folder",
    "load_precomputed",
    "quantize",
    "text_keys",
]

logger = logging.getLogger(__name__)


def text_keys(texts: Sequence[str]) -> np.ndarray:
    """The 64-bit keys under which the shipped index stores ``texts`` (BLAKE2b of the UTF-8 text).

    Examples:
        >>> keys = text_keys(["weld metal", "weld metal", "cook"])
        >>> keys.dtype.name, bool(keys[0] == keys[1]), bool(keys[0] == keys[2])
        ('uint64', True, False)
    """
    digests = b"".join(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest() for text in texts)
    return np.frombuffer(digests, dtype="<u8").astype(np.uint64)


class PrecomputedVectors:
    """A shipped table of text key -> vector for one encoder (see :func:`text_keys` and :func:`quantize`)."""

    def __init__(
        self,
        encoder_id: str,
        keys: np.ndarray,
        codes: np.ndarray,
        scales: np.ndarray,
        *,
        bits: int = 8,
        centre: np.ndarray | None = None,
    ) -> None:
        if len(keys) != len(codes) or len(codes) != len(scales):
            raise ValueError(f"{len(keys)} keys, {len(codes)} code rows and {len(scales)} scales differ in length")
        self.encoder_id = encoder_id
        self.row = dict(zip(np.asarray(keys, dtype=np.uint64).tolist(), range(len(keys)), strict=True))
        self.codes = codes
        self.scales = scales
        self.bits = bits
        self.centre = centre

    def lookup(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Vectors of the texts that are in the table, and a mask of which ones were."""
        rows = np.array([self.row.get(key, -1) for key in text_keys(texts).tolist()], dtype=np.int64)
        found = rows >= 0
        vectors = dequantize(self.codes[rows[found]], self.scales[rows[found]], bits=self.bits, centre=self.centre)
        vectors /= np.maximum(np.sqrt(np.einsum("ij,ij->i", vectors, vectors)), 1e-12)[:, None]
        return vectors, found


_NIBBLES = np.stack([(np.arange(256) & 0x0F) - 8, (np.arange(256) >> 4) - 8], axis=1).astype(np.float32)
"""The two 4-bit codes a byte packs (low nibble first), as floats."""


def quantize(vectors: np.ndarray, *, bits: int = 8, centre: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric quantisation with one scale per vector: ``(codes, scales)``.

    ``bits=8`` gives int8 codes (cosine error well under 0.01). ``bits=4`` packs two codes in -7..7 into
    each byte (half the size); quantising the residual from ``centre`` (the mean vector) rather than the
    vector itself keeps its cosine error near 0.002, because e5's vectors share a large common component.
    Quantising the dequantised vectors again with the same centre gives back the same codes.

    Examples:
        >>> codes, scales = quantize(np.array([[0.6, -0.8]], dtype=np.float32))
        >>> codes.tolist(), np.round(dequantize(codes, scales).astype(float), 3).tolist()
        ([[95, -127]], [[0.598, -0.8]])
        >>> codes, scales = quantize(np.array([[0.6, -0.8]], dtype=np.float32), bits=4)
        >>> codes.tolist(), np.round(dequantize(codes, scales, bits=4).astype(float), 3).tolist()
        ([[29]], [[0.571, -0.8]])
    """
    if bits not in (4, 8):
        raise ValueError(f"bits must be 4 or 8, not {bits}")
    residual = vectors if centre is None else vectors - centre
    top = 127 if bits == 8 else 7
    scales = np.abs(residual).max(axis=1) / top
    scales = np.where(scales > 0, scales, 1.0).astype(np.float32)
    codes = np.clip(np.round(residual / scales[:, None]), -top, top).astype(np.int8)
    if bits == 4:
        if codes.shape[1] % 2:
            codes = np.pad(codes, ((0, 0), (0, 1)))
        nibbles = (codes + 8).astype(np.uint8)
        codes = (nibbles[:, 0::2] | (nibbles[:, 1::2] << 4)).astype(np.uint8)
    return codes, scales


def dequantize(
    codes: np.ndarray, scales: np.ndarray, *, bits: int = 8, centre: np.ndarray | None = None, dim: int | None = None
) -> np.ndarray:
    """The float32 vectors that :func:`quantize` encoded (not re-normalised).

    ``dim`` (default: the centre's length, else every packed code) drops the padding code that 4 bits
    add to an odd dimension.
    """
    if bits == 4:
        # One gather through a byte -> (low, high) table: a warm start dequantises ~90,000 vectors.
        values = np.take(_NIBBLES, codes, axis=0).reshape(len(codes), 2 * codes.shape[1])
        width = dim if dim is not None else len(centre) if centre is not None else values.shape[1]
        values = values[:, :width]
    else:
        values = codes.astype(np.float32)
    values *= scales[:, None]
    if centre is not None:
        values += centre
    return values


def _slug(encoder_id: str) -> str:
    return re.sub(r"[^a-zA-Z0-9._-]+", "_", encoder_id)


def index_folder(version: str, encoder_id: str, part: str = "labels") -> Path:
    """Where the shipped vectors of the bundled taxonomy ``version`` for ``encoder_id`` live.

    ``part`` is ``"labels"`` (label forms, passage vectors) or ``"examples"`` (the labelled example
    sentences, query vectors) in a subfolder.
    """
    from osaaminen.taxonomy import bundled_data_dir

    folder = bundled_data_dir() / "esco" / f"v{version}" / "index" / _slug(encoder_id)
    return folder if part == "labels" else folder / part


@lru_cache(maxsize=8)
def load_precomputed(version: str, encoder_id: str, part: str = "labels") -> PrecomputedVectors | None:
    """The shipped vectors for ``encoder_id`` (``None`` when there are none, or they fail their checksums)."""
    try:
        entry = index_folder(version, encoder_id, part)
    except OsaaminenError:
        return None
    meta_path, data_path = entry / "meta.json", entry / "vectors.npz"
    if not (meta_path.is_file() and data_path.is_file()):
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data_raw = data_path.read_bytes()
        if meta["encoder_id"] != encoder_id or hashlib.sha256(data_raw).hexdigest() != meta["sha256"]:
            logger.warning("shipped vectors in %s do not match their checksums; not used", entry)
            return None
        # Loaded from the bytes just checked: read once, and exactly what was verified.
        with np.load(io.BytesIO(data_raw), allow_pickle=False) as data:
            keys, codes, scales = data["keys"], data["codes"], data["scales"]
            centre = data["centre"] if "centre" in data.files else None
        return PrecomputedVectors(encoder_id, keys, codes, scales, bits=int(meta.get("bits", 8)), centre=centre)
    except (OSError, ValueError, KeyError) as exc:
        logger.warning("shipped vectors in %s unreadable (%s); not used", entry, exc)
        return None


def form_vectors(
    encoder: Encoder,
    texts: Sequence[str],
    *,
    key: str,
    precomputed: PrecomputedVectors | None = None,
    show_progress_bar: bool | None = None,
    kind: EncodeKind = "passage",
) -> np.ndarray:
    """L2-normalised vectors of ``texts``: shipped where possible, the rest encoded and cached.

    Args:
        encoder: The encoder.
        texts: The form texts.
        key: Cache key of the recipe (taxonomy fingerprint and which forms), for the encoded remainder.
        precomputed: Shipped vectors to take first (ignored unless made by this encoder).
        show_progress_bar: Progress bar while encoding the remainder.
        kind: How the texts are encoded (label forms are passages; example sentences are queries).
    """
    out = np.zeros((len(texts), encoder.dim), dtype=np.float32)
    missing = np.ones(len(texts), dtype=bool)
    if precomputed is not None and precomputed.encoder_id == encoder.id:
        vectors, found = precomputed.lookup(texts)
        out[found] = vectors
        missing = ~found
    if missing.any():
        rest = [texts[int(i)] for i in np.flatnonzero(missing)]
        logger.info("encoding %d texts (not in the shipped index); cached for next time", len(rest))
        out[missing] = cached_encode(encoder, rest, kind=kind, key=key, show_progress_bar=show_progress_bar)
    return out
