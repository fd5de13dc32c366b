"""SentenceTransformerEncoder: local models only, lazy imports, prefixes, cache-safe ids."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from osaaminen.encoders import Encoder, ModelNotFoundError, SentenceTransformerEncoder
from osaaminen.encoders.sentence_transformers import _configured_dim

TEXTS = ["welding pipes at a shipyard", "driving a forklift", "baking bread"]


@pytest.fixture
def encoder(minilm_path: Path, minilm: Any) -> SentenceTransformerEncoder:
    """An encoder over the session's loaded model (no second load)."""
    return SentenceTransformerEncoder(minilm_path, model=minilm)


def test_shape_dtype_and_unit_rows(encoder: SentenceTransformerEncoder) -> None:
    vectors = encoder.encode(TEXTS, batch_size=2)
    assert isinstance(encoder, Encoder)
    assert vectors.shape == (3, 384) and encoder.dim == 384
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.encode([], kind="passage").shape == (0, 384)


def test_prefixes_are_prepended(minilm_path: Path, minilm: Any) -> None:
    encoder = SentenceTransformerEncoder(minilm_path, model=minilm, query_prefix="query: ", passage_prefix="doc: ")
    query, passage = encoder.encode(TEXTS[:1], kind="query"), encoder.encode(TEXTS[:1], kind="passage")
    expected = minilm.encode(["query: " + TEXTS[0], "doc: " + TEXTS[0]], normalize_embeddings=True)
    np.testing.assert_allclose(query[0], expected[0], atol=1e-5)
    np.testing.assert_allclose(passage[0], expected[1], atol=1e-5)
    plain = SentenceTransformerEncoder(minilm_path, model=minilm)
    np.testing.assert_allclose(plain.encode(TEXTS[:1], kind="passage"), minilm.encode(TEXTS[:1]), atol=1e-5)


def test_normalize_false_returns_the_models_own_output(minilm_path: Path, minilm: Any) -> None:
    raw = SentenceTransformerEncoder(minilm_path, model=minilm, normalize=False).encode(TEXTS)
    np.testing.assert_allclose(raw, minilm.encode(TEXTS, normalize_embeddings=False), atol=1e-5)


@pytest.mark.parametrize(
    ("name", "prefixes"),
    [
        ("intfloat/multilingual-e5-small", ("query: ", "passage: ")),
        ("/models/my-e5-finetune", ("query: ", "passage: ")),
        ("TurkuNLP/sbert-cased-finnish-paraphrase", ("", "")),
        ("/home/joe5/minilm", ("", "")),
    ],
)
def test_e5_models_get_their_prefixes_by_default(name: str, prefixes: tuple[str, str]) -> None:
    encoder = SentenceTransformerEncoder(name)
    assert (encoder.prefix("query"), encoder.prefix("passage")) == prefixes
    explicit = SentenceTransformerEncoder(name, query_prefix="", passage_prefix="p: ")
    assert (explicit.prefix("query"), explicit.prefix("passage")) == ("", "p: ")


def test_the_model_loads_from_its_folder_lazily_and_quietly(
    minilm_path: Path, minilm: Any, capfd: pytest.CaptureFixture[str], no_network: None
) -> None:
    encoder = SentenceTransformerEncoder(str(minilm_path), device="cpu")
    assert encoder._loaded is None and encoder.dim == 384  # the dimension is read from the folder
    assert encoder._loaded is None
    capfd.readouterr()
    vectors = encoder.encode(TEXTS)
    assert capfd.readouterr() == ("", "")  # not even transformers' "Loading weights" bar
    np.testing.assert_allclose(vectors, minilm.encode(TEXTS, normalize_embeddings=True), atol=1e-5)


def test_a_name_is_read_from_the_local_hugging_face_cache(
    tmp_path: Path, minilm_path: Path, minilm: Any, monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    from huggingface_hub import constants

    snapshot = tmp_path / "models--osaaminen-test--minilm" / "snapshots" / "abc123"
    blobs = tmp_path / "models--osaaminen-test--minilm" / "blobs"
    blobs.mkdir(parents=True)
    for source in minilm_path.rglob("*"):
        if source.is_file():
            relative = source.relative_to(minilm_path)
            blob = blobs / relative.as_posix().replace("/", "_")  # the cache names blobs by content hash
            blob.symlink_to(source)
            link = snapshot / relative
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(os.path.relpath(blob, link.parent))
    refs = tmp_path / "models--osaaminen-test--minilm" / "refs"
    refs.mkdir()
    (refs / "main").write_text("abc123", encoding="utf-8")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))

    encoder = SentenceTransformerEncoder("osaaminen-test/minilm", device="cpu")
    assert encoder.id.startswith("sentence-transformers/osaaminen-test/minilm#")
    np.testing.assert_allclose(encoder.encode(TEXTS), minilm.encode(TEXTS, normalize_embeddings=True), atol=1e-5)


def test_a_missing_model_name_fails_clearly_without_network(no_network: None) -> None:
    encoder = SentenceTransformerEncoder("osaaminen-test/no-such-model")
    with pytest.raises(ModelNotFoundError, match="never downloads") as info:
        encoder.encode(["a"])
    assert "SentenceTransformerEncoder('some/folder')" in str(info.value)
    assert isinstance(info.value, FileNotFoundError)
    with pytest.raises(ModelNotFoundError):
        _ = encoder.id


def test_a_missing_folder_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"no sentence-transformers model folder at .*nowhere"):
        SentenceTransformerEncoder(tmp_path / "nowhere").encode(["a"])
    with pytest.raises(ModelNotFoundError, match="no sentence-transformers model folder"):
        SentenceTransformerEncoder("./models/nowhere").encode(["a"])


def test_without_sentence_transformers_the_error_says_what_to_install(
    minilm_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ImportError, match=r'pip install "osaaminen\[sentence-transformers\]"'):
        SentenceTransformerEncoder(minilm_path).encode(["a"])


def _fake_model(folder: Path, weights: bytes = b"0123") -> Path:
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(weights)
    return folder


def test_ids_tell_models_apart_without_loading_them(tmp_path: Path) -> None:
    first = _fake_model(tmp_path / "a")
    same = SentenceTransformerEncoder(first).id
    assert SentenceTransformerEncoder(first).id == same
    assert same.startswith(f"sentence-transformers/{first}#")
    assert SentenceTransformerEncoder(first, query_prefix="q: ").id != same
    assert SentenceTransformerEncoder(first, normalize=False).id != same
    changed = SentenceTransformerEncoder(first)
    assert changed.id == same
    changed.passage_prefix = "passage: "  # parameters are plain attributes: the id follows them
    assert changed.id != same

    copy = tmp_path / "b"
    shutil.copytree(first, copy)
    assert SentenceTransformerEncoder(copy).id.rsplit("#")[0] != same.rsplit("#")[0]

    (first / "model.safetensors").write_bytes(b"01234")  # retrained in place: another size
    assert SentenceTransformerEncoder(first).id != same
    os.utime(first / "config.json", ns=(1, 1))  # same sizes, rewritten: another time
    before = SentenceTransformerEncoder(first).id
    os.utime(first / "config.json", ns=(2, 2))
    assert SentenceTransformerEncoder(first).id != before


def test_a_given_model_with_no_files_still_gets_an_id(minilm: Any) -> None:
    encoder = SentenceTransformerEncoder("my-in-memory-model", model=minilm)
    assert encoder.id.startswith("sentence-transformers/my-in-memory-model#")


def test_dimension_from_folder_configuration(tmp_path: Path, minilm_path: Path) -> None:
    assert _configured_dim(minilm_path) == 384
    folder = tmp_path / "m"
    shutil.copytree(minilm_path, folder, ignore=shutil.ignore_patterns("*.safetensors"))
    (folder / "1_Pooling" / "config.json").write_text(
        '{"embedding_dimension": 384, "pooling_mode": ["mean", "max"]}', encoding="utf-8"
    )
    assert _configured_dim(folder) == 768
    (folder / "modules.json").write_text('[{"idx": 0, "name": "0", "path": "", "type": "x.Custom"}]', encoding="utf-8")
    assert _configured_dim(folder) is None  # unknown module: the model would be loaded to ask it
