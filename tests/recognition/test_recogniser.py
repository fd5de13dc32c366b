"""SkillRecogniser on the toy taxonomy with the hashing encoder: API shape, evidence, bad input."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import osaaminen as osa
from osaaminen.encoders import HashingEncoder
from osaaminen.exceptions import EmptyTextWarning, InputTooLongError, TextDecodingError
from osaaminen.recognition import SkillRecogniser
from tests.toy_esco import O_FORKLIFT, O_WELDER, S_CUSTOMERS, S_FORKLIFT, S_WELD, S_WELDING_TECH

HISTORY = (
    "Hitsaaja, Konepaja Oy (2018–2021)\n"
    "- hitsata metalliosia ja hitsaustekniikat\n"
    "- käyttää trukkia\n"
    "Ei kokemusta asiakaspalvelusta."
)


@pytest.fixture(scope="module")
def rec(tmp_path_factory: pytest.TempPathFactory) -> SkillRecogniser:
    from tests.toy_esco import write_export

    export = write_export(tmp_path_factory.mktemp("toy"))
    tax = osa.Taxonomy.from_esco_csv(export, cache=False)
    # Five skills are too few for meaningful z-scores; a low threshold shows the mechanics.
    return SkillRecogniser(tax, encoder=HashingEncoder(dim=64), threshold=0.0)


def test_profile_shape_and_evidence_offsets(rec: SkillRecogniser) -> None:
    profile = rec.recognise(HISTORY, language="fi")
    assert profile.language == "fi"
    assert profile.text_length == len(HISTORY)
    explicit = [m for m in profile.skills if m.source == "explicit"]
    assert explicit, "some skill is recognised"
    for match in [*profile.skills, *profile.occupations]:
        assert 0.0 <= match.score <= 1.0
        for evidence in match.evidence:
            assert HISTORY[evidence.start : evidence.end] == evidence.text
    scores = [m.score for m in explicit]
    assert scores == sorted(scores, reverse=True)


def test_negated_skill_is_not_reported(rec: SkillRecogniser) -> None:
    profile = rec.recognise("Ei kokemusta asiakaspalvelusta.", language="fi")
    assert S_CUSTOMERS not in profile.skills.uris()
    assert not [m for m in profile.skills if m.source == "explicit"]


def test_years_from_the_same_line(rec: SkillRecogniser) -> None:
    profile = rec.recognise("Hitsata metalliosia 2015–2020.", language="fi")
    weld = {m.uri: m for m in profile.skills}
    assert S_WELD in weld
    assert weld[S_WELD].years == 5.0


def test_occupation_skills_join_with_lower_scores(rec: SkillRecogniser) -> None:
    # Two occupations are too few for z-scores to rank by meaning: name it in both languages.
    profile = rec.recognise("Trukinkuljettaja (forklift operator)", language="fi")
    assert profile.occupations.uris()[0] == O_FORKLIFT
    inferred = [m for m in profile.skills if m.source == "occupation"]
    assert S_FORKLIFT in [m.uri for m in profile.skills]
    occupation_score = profile.occupations[0].score
    for match in inferred:
        assert match.score <= occupation_score
        assert match.evidence == ()


def test_rank_skills_and_occupations(rec: SkillRecogniser) -> None:
    ranked = rec.rank_skills(["hitsata metalliosia", ""], top_k=3, language="fi")
    assert len(ranked) == 2
    assert ranked[1] == []
    assert len(ranked[0]) == 3
    assert ranked[0][0][0] in (S_WELD, S_WELDING_TECH)
    assert [s for _, s in ranked[0]] == sorted((s for _, s in ranked[0]), reverse=True)
    assert rec.rank_skills("hitsata", top_k=1, language="fi")[0][0][0] in (S_WELD, S_WELDING_TECH)
    assert rec.rank_occupations(["hitsaaja"], top_k=2, language="fi")[0][0][0] == O_WELDER


def test_recognise_many_keeps_the_index(rec: SkillRecogniser) -> None:
    texts = pd.Series(["hitsata metalliosia", "   ", "käyttää trukkia"], index=["a", "b", "c"])
    frame = rec.recognise_many(texts, language="fi")
    assert list(frame.columns) == [
        "id",
        "kind",
        "uri",
        "label",
        "score",
        "source",
        "years",
        "evidence",
        "start",
        "end",
        "language",
    ]
    assert set(frame["id"]) == {"a", "c"}  # the blank text gives no rows
    assert set(frame["kind"]) <= {"skill", "occupation"}
    assert rec.recognise_many([], language="fi").empty


def test_profile_round_trips_through_json(rec: SkillRecogniser) -> None:
    profile = rec.recognise(HISTORY, language="fi")
    assert osa.SkillProfile.from_json(profile.to_json()) == profile
    frame = profile.to_frame()
    assert set(frame["kind"]) <= {"skill", "occupation"}
    assert len(frame) == len(profile.skills) + len(profile.occupations)


def test_empty_text_warns_and_gives_an_empty_profile(rec: SkillRecogniser) -> None:
    with pytest.warns(EmptyTextWarning):
        profile = rec.recognise(" \n\t ", language="fi")
    assert len(profile.skills) == 0
    assert len(profile.occupations) == 0


def test_bad_input(rec: SkillRecogniser) -> None:
    with pytest.raises(TypeError, match="int"):
        rec.recognise(42)  # type: ignore[arg-type]
    with pytest.raises(InputTooLongError, match="20,000"):
        rec.recognise("x" * 20_001)
    with pytest.raises(TextDecodingError, match="utf-8"):
        rec.recognise("hitsaus ä".encode("latin-1"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert rec.recognise(b"hitsata", language="fi").language == "fi"


def test_language_is_detected(rec: SkillRecogniser) -> None:
    assert rec.recognise("Olen työskennellyt hitsaajana konepajassa viisi vuotta.").language == "fi"
    assert rec.recognise("I worked as a welder in a machine shop for five years.").language == "en"


def test_nothing_is_logged_of_the_text(rec: SkillRecogniser, caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    secret = "Salainen Henkilö hitsasi putkia"
    with caplog.at_level("DEBUG"):
        rec.recognise(secret, language="fi")
        rec.rank_skills([secret])
    assert "Salainen" not in caplog.text


def test_units_leave_out_paragraphs_and_tiny_items(rec: SkillRecogniser) -> None:
    text = "Sorvasin ja jyrsin osia. Sarjat olivat pieniä, 1–50 kpl, NPS ja laatu. Hitsaus, koneistus ja maalaus."
    units = rec._units(text, "fi", per_segment=False)
    kinds = {(seg.kind, seg.text) for seg in units.segments}
    assert ("sentence", "Sorvasin ja jyrsin osia") in kinds
    assert not any(kind == "line" for kind, _ in kinds)  # three sentences: each is scored on its own
    assert ("item", "koneistus") in kinds
    assert not any(kind == "item" and text in ("1–50 kpl", "NPS") for kind, text in kinds)
    assert any("NPS" in text for kind, text in kinds if kind == "sentence")  # still read in its sentence
