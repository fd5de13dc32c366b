from __future__ import annotations

import pytest

import osaaminen as osa
from osaaminen.paths import GROWTH_SECTORS, REGIONS, growth_targets, required_skills


def test_growth_targets_of_paijat_hame(tax: osa.Taxonomy) -> None:
    table = growth_targets("MK07")
    assert 30 <= len(table) <= 80
    assert table["rank"].is_monotonic_increasing
    assert table["isco_group"].str.fullmatch(r"\d{4}").all()
    assert (table["vacancies"] >= 8).all()
    assert table["vacancies_per_unemployed"].notna().all()
    occupations = set(tax.occupations["uri"])
    assert set(table["occupation_uri"]) <= occupations
    assert all(required_skills(tax, uri) for uri in table["occupation_uri"])
    assert all(set(tags) & set(GROWTH_SECTORS) for tags in table["sectors"])
    # Registered nurses (AML 3221) join ESCO's nursing professionals (2221).
    assert "sairaanhoitaja" in set(table["label_fi"])


def test_growth_targets_filters() -> None:
    care = growth_targets(sector="social_health")
    assert len(care) and all("social_health" in tags for tags in care["sectors"])
    assert set(REGIONS) >= {"MK01", "MK07"}
    assert len(growth_targets("MK01"))
    with pytest.raises(osa.OsaaminenError, match="unknown region"):
        growth_targets("MK99")
    with pytest.raises(osa.OsaaminenError, match="unknown sector"):
        growth_targets(sector="space")
