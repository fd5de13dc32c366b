"""The bundled Lahti-region catalogue: loads, validates against the taxonomy, every programme teaches a skill."""

from __future__ import annotations

import pytest

import osaaminen as osa
from osaaminen.exceptions import CatalogueError
from osaaminen.programmes import Catalogue, load_programmes


@pytest.fixture(scope="module")
def lahti() -> Catalogue:
    return load_programmes("lahti")


def test_loads_with_every_kind(lahti: Catalogue) -> None:
    kinds = lahti.to_frame()["kind"].value_counts()
    assert len(lahti) >= 300
    assert set(kinds.index) == {
        "full_qualification",
        "partial_qualification",
        "qualification_unit",
        "apprenticeship",
        "short_course",
        "trial",
    }
    assert {p.kind for p in lahti.providers.values()} >= {"vocational", "uas", "employer", "liberal_adult_education"}


@pytest.mark.slow
def test_every_skill_is_known_and_every_programme_teaches_one(lahti: Catalogue, bundled: osa.Taxonomy) -> None:
    Catalogue.from_files(lahti.files, taxonomy=bundled)  # raises on any unknown URI
    assert all(p.teaches for p in lahti)
    assert all(uri in bundled for p in lahti for uri in p.skill_uris)


def test_containment_is_symmetric(lahti: Catalogue) -> None:
    for p in lahti:
        for child in p.contains:
            assert p.id in lahti[child].part_of, (p.id, child)
        for parent in p.part_of:
            assert p.id in lahti[parent].contains, (p.id, parent)


def test_honesty_flags(lahti: Catalogue) -> None:
    for p in lahti:
        assert set(p.estimated) <= set(type(p).model_fields)
        if p.kind == "apprenticeship":
            assert "providers" in p.estimated and p.mode == "workplace"
        mapped = [link for link in p.teaches if link.provenance.startswith("mapped:")]
        assert all(link.score is not None and link.evidence for link in mapped)
    employers = [v for v in lahti.providers.values() if v.kind == "employer"]
    assert employers and all("name" in e.estimated for e in employers)


def test_cards_welding_and_finnish(lahti: Catalogue) -> None:
    card = "urn:osaaminen:fi-card:"
    for name in ("tyoturvallisuuskortti", "hygieniapassi", "ensiapukortti-ea1", "tulityokortti", "trukkikortti"):
        courses = [p for p in lahti.teaching(card + name) if p.kind == "short_course"]
        assert courses and all(link.provenance == "curated" for p in courses for link in p.teaches)
    welders = lahti["tyovoimakoulutus-hitsaaja"]
    assert welders.target_groups == ("unemployed",) and welders.cost_eur == 0
    assert any(p.kind == "short_course" and "immigrants" in p.target_groups for p in lahti)
    assert len(lahti.filter(kind="full_qualification", municipality="Lahti")) > 10
    assert any(p.level == "yamk" and p.providers == ("lab",) for p in lahti)


def test_unknown_name() -> None:
    with pytest.raises(CatalogueError, match="no bundled programme catalogue 'turku'"):
        load_programmes("turku")
