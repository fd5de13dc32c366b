"""Tests of osaaminen.recognition.languages: language sub-skills fold into their language."""

from __future__ import annotations

import numpy as np
import pytest

import osaaminen as osa
from osaaminen.recognition.languages import LanguageFold, language_parents

ESCO = "http://data.europa.eu/esco/skill"
FINNISH = f"{ESCO}/0e3493f4-0cad-4fbc-8e02-025f169b8114"
WRITE_FINNISH = f"{ESCO}/049de1f6-34ec-46f9-a0b1-8fc6f0199413"
SPOKEN_FINNISH = f"{ESCO}/7bd84008-afc2-4f72-8b49-a1dc4723d479"
OTHER = f"{ESCO}/other"


@pytest.fixture(scope="module")
def parents(bundled: osa.Taxonomy) -> dict[str, str]:
    return language_parents(bundled)


def test_every_language_sub_skill_has_its_language(bundled: osa.Taxonomy, parents: dict[str, str]) -> None:
    assert parents[WRITE_FINNISH] == parents[SPOKEN_FINNISH] == FINNISH
    assert FINNISH not in parents
    assert len(set(parents.values())) > 50  # ESCO has dozens of languages, each with four sub-skills
    finnish = {bundled.label(c, "en") for c, p in parents.items() if p == FINNISH}
    assert finnish >= {"write Finnish", "understand spoken Finnish"}


def test_the_language_takes_the_best_score_of_its_sub_skills(bundled: osa.Taxonomy) -> None:
    fold = LanguageFold.build(bundled, [FINNISH, WRITE_FINNISH, OTHER, SPOKEN_FINNISH])
    scores = np.array([[0.2, 0.9, 0.5, 0.3], [0.6, 0.1, 0.0, 0.4]])
    folded = fold.apply(scores, np.zeros_like(scores))
    assert folded[:, 0].tolist() == [0.9, 0.6]
    assert folded[:, 2].tolist() == [0.5, 0.0]  # other concepts keep their scores
    assert folded[0, [1, 3]].tolist() == [0.2, 0.2]  # sub-skills drop to the unit's lowest score
    assert scores[0, 1] == 0.9  # the input is not changed


def test_a_sub_skill_the_text_names_keeps_its_score(bundled: osa.Taxonomy) -> None:
    fold = LanguageFold.build(bundled, [FINNISH, WRITE_FINNISH])
    folded = fold.apply(np.array([[0.2, 0.9]]), np.array([[0.0, 1.0]]))
    assert folded.tolist() == [[0.9, 0.9]]


def test_a_taxonomy_without_those_concepts_folds_nothing(bundled: osa.Taxonomy) -> None:
    fold = LanguageFold.build(bundled, [OTHER, WRITE_FINNISH])  # the language itself is not scored
    assert len(fold.children) == 0
    scores = np.array([[0.3, 0.7]])
    assert fold.apply(scores, np.zeros_like(scores)).tolist() == scores.tolist()


def test_a_history_naming_languages_reports_the_languages(bundled: osa.Taxonomy) -> None:
    rec = osa.SkillRecogniser(bundled, threshold=0.05)
    profile = rec.recognise("Olen laitoshuoltaja. Puhun somalia, englantia ja suomea.", language="fi")
    explicit = {m.uri for m in profile.skills if m.source == "explicit"}
    assert FINNISH in explicit
    assert not explicit & {WRITE_FINNISH, SPOKEN_FINNISH}
    ranked = [uri for uri, _ in rec.rank_skills("Puhun suomea ja englantia", top_k=20, language="fi")[0]]
    assert FINNISH in ranked[:3]
    assert WRITE_FINNISH not in ranked


def test_domain_variants_of_a_language_fold_into_it(bundled: osa.Taxonomy, parents: dict[str, str]) -> None:
    english = {c for c, p in parents.items() if bundled.label(p, "en") == "English"}
    assert {"use maritime English", "aviation English"} <= {bundled.label(c, "en") for c in english}
    rec = osa.SkillRecogniser(bundled)
    said = {m.label for m in rec.recognise("Puhun suomea ja englantia.", language="fi").skills}
    assert "englanti" in said
    assert "käyttää merenkulun englantia" not in said  # it was reported, at 0.44, for any English
    named = {m.label for m in rec.recognise("Merenkulkuenglanti hallussa.", language="fi").skills}
    assert "käyttää merenkulun englantia" in named  # named word for word, the variant stays


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        ("Osaan venäjää.", {"venäjä"}),
        ("Yhteydenpito huolitsijoihin englanniksi ja ruotsiksi.", {"englanti", "ruotsi"}),
        ("Puhun suomea ja vähän kreikkaa.", {"suomi", "kreikka"}),
    ],
)
def test_a_language_named_in_any_case_is_reported(bundled: osa.Taxonomy, text: str, languages: set[str]) -> None:
    # The partitive and translative are how Finnish names a language someone speaks; "Osaan venäjää."
    # alone scored 0.24 (under the threshold) before its forms were indexed.
    said = {m.label for m in osa.SkillRecogniser(bundled).recognise(text, language="fi").skills}
    assert languages <= said
