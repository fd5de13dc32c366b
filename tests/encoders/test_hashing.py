"""HashingEncoder: deterministic everywhere, and similar for texts that share character n-grams."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

from osaaminen.encoders import HashingEncoder

TEXTS = ["trukinkuljettaja", "Trukki", "leipuri", "Hitsasin putkia telakalla.", "", "  !? "]


def test_shape_dtype_and_unit_rows() -> None:
    vectors = HashingEncoder(dim=128).encode(TEXTS)
    assert vectors.shape == (len(TEXTS), 128)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-6)


def test_no_texts_give_an_empty_matrix() -> None:
    vectors = HashingEncoder(dim=32).encode([])
    assert vectors.shape == (0, 32)
    assert vectors.dtype == np.float32


def test_same_vectors_in_a_process_with_another_hash_seed() -> None:
    here = HashingEncoder(dim=64, seed=3).encode(TEXTS)
    code = (
        "import sys; from osaaminen.encoders import HashingEncoder\n"
        f"sys.stdout.write(HashingEncoder(dim=64, seed=3).encode({TEXTS!r}).tobytes().hex())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    there = np.frombuffer(bytes.fromhex(result.stdout), dtype=np.float32).reshape(here.shape)
    np.testing.assert_array_equal(here, there)


def test_shared_ngrams_make_texts_similar() -> None:
    vectors = HashingEncoder().encode(["trukinkuljettaja", "trukki", "leipuri", "sairaanhoitaja"])
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > 0.1
    assert similarity[0, 1] > similarity[0, 2]
    assert similarity[0, 1] > similarity[1, 3]


def test_case_and_unicode_normalisation_do_not_matter() -> None:
    vectors = HashingEncoder().encode(["Päivähoitaja", "päivähoitaja", "pa\u0308iva\u0308hoitaja"])
    np.testing.assert_array_equal(vectors[0], vectors[1])
    np.testing.assert_array_equal(vectors[1], vectors[2])


def test_a_text_without_words_gets_its_own_unit_vector() -> None:
    vectors = HashingEncoder().encode(["", "  ", "trukki"])
    np.testing.assert_array_equal(vectors[0], vectors[1])
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0)
    assert abs(float(vectors[0] @ vectors[2])) < 0.5


def test_kind_and_batch_size_do_not_change_the_vectors() -> None:
    encoder = HashingEncoder()
    query = encoder.encode(TEXTS, kind="query", batch_size=1)
    np.testing.assert_array_equal(query, encoder.encode(TEXTS, kind="passage", batch_size=100))


def test_the_id_names_every_parameter_and_the_seed_changes_the_vectors() -> None:
    assert HashingEncoder(dim=64, ngram_range=(2, 4), seed=7).id == "hashing-v1/dim=64/ngrams=2-4/seed=7"
    assert HashingEncoder().id == HashingEncoder().id
    first, second = HashingEncoder(seed=0).encode(["trukki"]), HashingEncoder(seed=1).encode(["trukki"])
    assert not np.array_equal(first, second)


@pytest.mark.parametrize(
    ("dim", "ngram_range"),
    [(0, (3, 5)), (True, (3, 5)), (16, (0, 3)), (16, (5, 3))],
)
def test_bad_parameters_are_reported_when_encoding(dim: int, ngram_range: tuple[int, int]) -> None:
    encoder = HashingEncoder(dim, ngram_range=ngram_range)  # storing parameters never fails
    with pytest.raises(ValueError, match="HashingEncoder"):
        encoder.encode(["a"])


def test_pickles_and_has_a_useful_repr() -> None:
    encoder = HashingEncoder(dim=32, seed=2)
    copy = pickle.loads(pickle.dumps(encoder))
    np.testing.assert_array_equal(copy.encode(TEXTS), encoder.encode(TEXTS))
    assert repr(encoder) == "HashingEncoder(dim=32, ngram_range=(3, 5), seed=2)"
