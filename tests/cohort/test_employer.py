"""programme_demand and candidates_for: counts, suppression, ids only."""

from __future__ import annotations

import pytest

import osaaminen as osa
from osaaminen.cohort import Cohort, CohortError
from osaaminen.exceptions import UnknownTargetError
from osaaminen.programmes import Catalogue
from tests.cohort.conftest import profile


@pytest.fixture(scope="module")
def cohort(bundled: osa.Taxonomy, cook: str, cook_skills: list[str], small_catalogue: Catalogue) -> Cohort:
    people = {f"k{i}": profile(cook_skills[: 9 + i]) for i in range(6)}
    people["far"] = profile([])
    return Cohort(people, taxonomy=bundled, targets=[cook], catalogue=small_catalogue)


def test_programme_demand(cohort: Cohort) -> None:
    demand = cohort.programme_demand().set_index("programme")
    assert "hyg" in demand.index
    # Nobody holds the card: every path takes it; "far" holds nothing of any target and has no path.
    assert demand.loc["hyg", "people"] == len(cohort) - 1
    assert "kokki-osa" not in demand.index  # the others already hold what it teaches
    assert demand["people"].dropna().ge(5).all()


def test_candidates_for_occupation(cohort: Cohort, cook: str) -> None:
    table = cohort.candidates_for(cook, top=3)
    assert table["id"].tolist() == ["k5", "k4", "k3"]
    assert list(table["missing"]) == sorted(table["missing"])
    assert {"id", "missing", "path_weeks", "path_programmes"} <= set(table.columns)
    assert table.attrs["need"] == cook
    assert "hyg" in tuple(table["path_programmes"].iloc[0])


def test_candidates_for_text_and_errors(cohort: Cohort, bundled: osa.Taxonomy) -> None:
    with pytest.raises(UnknownTargetError):
        cohort.candidates_for("http://data.europa.eu/esco/occupation/nope")
    with pytest.raises(CohortError, match="recogniser"):
        cohort.candidates_for("Haemme kokkia ravintolaan, hygieniapassi vaaditaan.")


def test_candidates_for_text_uses_recognised_skills(cohort: Cohort, bundled: osa.Taxonomy) -> None:
    class FakeRecogniser:
        def recognise(self, text: str) -> osa.SkillProfile:
            return profile([cohort_first_skill])

    cohort_first_skill = sorted(cohort.held[0])[0]
    table = cohort.candidates_for("Haemme osaajaa.", recogniser=FakeRecogniser(), top=10)
    assert table.attrs["need"] == "text"
    assert (table["required"] == 1).all()
    assert table.loc[0, "missing"] == 0
    assert "far" not in set(table.loc[table["missing"] == 0, "id"])
