"""Cohort tables, clusters, course designs and privacy on hand-built profiles and small catalogues."""

from __future__ import annotations

import pandas as pd
import pytest

import osaaminen as osa
from osaaminen.cohort import Cohort, CohortError
from osaaminen.programmes import Catalogue
from tests.cohort.conftest import HYGIENE, profile


@pytest.fixture(scope="module")
def cohort(
    bundled: osa.Taxonomy,
    cook: str,
    cleaner: str,
    cook_skills: list[str],
    cleaner_skills: list[str],
    small_catalogue: Catalogue,
) -> Cohort:
    people = {}
    for i in range(8):  # cooks-to-be: most of the cook's skills
        people[f"k{i}"] = profile(cook_skills[: 12 + i % 3])
    for i in range(6):  # kitchen porters-to-be
        people[f"s{i}"] = profile(cleaner_skills[:10])
    for i in range(2):  # a small group: must never show on its own
        people[f"x{i}"] = profile([HYGIENE])
    return Cohort(people, taxonomy=bundled, targets=[cook, cleaner], catalogue=small_catalogue)


def test_prevalence_counts_and_suppresses(cohort: Cohort, cook_skills: list[str]) -> None:
    table = cohort.skill_prevalence()
    row = table.set_index("uri").loc[cook_skills[0]]
    assert row["people"] >= 8 and not row["suppressed"]
    hygiene = table.set_index("uri").loc[HYGIENE]
    if hygiene["suppressed"]:
        assert pd.isna(hygiene["people"]) and pd.isna(hygiene["share"])
    assert (table.loc[~table["suppressed"], "people"] >= 5).all()
    assert "fewer than 5" in table.attrs["note"]


def test_nearest_targets(cohort: Cohort, cook: str, cleaner: str) -> None:
    per = cohort.person_targets().set_index("id")
    assert (per.loc[[f"k{i}" for i in range(8)], "target"] == cook).all()
    assert (per.loc[[f"s{i}" for i in range(6)], "target"] == cleaner).all()
    counts = cohort.people_per_target().set_index("target")
    assert counts.loc[cook, "people"] >= 8
    assert not counts["suppressed"].iloc[:2].any()


def test_common_gaps(cohort: Cohort, cook: str, cook_skills: list[str]) -> None:
    gaps = cohort.common_gaps(top=3)
    cook_gaps = gaps[gaps["target"] == cook]
    assert set(cook_gaps["skill"]) <= set(cook_skills[12:])
    assert (cook_gaps["people"].dropna() >= 5).all()
    with pytest.raises(ValueError, match="among"):
        cohort.common_gaps(among="some")


def test_clusters_are_described_and_small_ones_hidden(cohort: Cohort) -> None:
    table = cohort.clusters(k=2)
    assert table.attrs["k"] == 2
    assert (table["people"] >= 5).all()
    assert all(isinstance(s, str) and s for s in table["skills"])
    assert all(lift and min(lift) >= 1.0 for lift in table["lift"] if lift)
    members = cohort.cluster_members(k=2)
    assert list(members.columns) == ["id", "cluster"] and len(members) == len(cohort)
    auto = cohort.clusters()
    assert auto.attrs["k"] >= 1


def test_design_courses_exact_and_greedy(cohort: Cohort, cook_skills: list[str]) -> None:
    exact = cohort.design_courses(max_weeks=20, n_courses=2, method="exact")
    assert exact.method == "milp" and exact.optimal
    assert "Exact" in exact.guarantee
    greedy = cohort.design_courses(max_weeks=20, n_courses=2, method="greedy")
    assert greedy.method == "greedy" and not greedy.optimal and "1 - 1/e" in greedy.guarantee
    assert (exact.unlocked or 0) >= (greedy.unlocked or 0)
    first = exact[0]
    assert first.unlocks is not None and first.unlocks >= 5
    assert set(first.unlocked_ids) <= set(cohort.ids)
    assert first.estimated_weeks <= 20
    assert first.weeks_basis
    # The catalogue's cook unit teaches part of the cook's gap only if it overlaps the course.
    for overlap in first.programmes:
        assert set(overlap.skills) <= set(first.skills)
    frame = exact.to_frame()
    assert list(frame.columns[:3]) == ["rank", "estimated_weeks", "n_skills"]


def test_design_courses_threshold_and_errors(cohort: Cohort) -> None:
    loose = cohort.design_courses(max_weeks=2, n_courses=1, threshold=0.5)
    assert loose.already_ready >= 8  # the cooks-to-be hold most of a cook's skills
    with pytest.raises(ValueError, match="threshold"):
        cohort.design_courses(threshold=1.5)
    with pytest.raises(ValueError, match="n_courses"):
        cohort.design_courses(n_courses=0)
    with pytest.raises(ValueError, match="max_weeks or max_skills"):
        cohort.design_courses(max_weeks=None)


def test_small_design_is_suppressed(bundled: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    people = {f"p{i}": profile(cook_skills[:-1]) for i in range(3)}
    small = Cohort(people, taxonomy=bundled, targets=[cook], catalogue=Catalogue.from_records([]))
    designs = small.design_courses(max_weeks=5, n_courses=1, default_weeks=1.0)
    assert designs.courses[0].suppressed
    assert designs.courses[0].unlocks is None and designs.courses[0].unlocked_ids == ()
    assert designs.unlocked is None
    assert "not shown" in designs.note


def test_ids_and_input_shapes(bundled: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    as_list = Cohort([cook_skills[:3], profile(cook_skills[:2])], taxonomy=bundled, targets=[cook])
    assert as_list.ids == ["0", "1"]
    with pytest.raises(CohortError, match="unique"):
        Cohort({1: [], "1": []}, taxonomy=bundled)
    with pytest.raises(CohortError, match="min_group_size"):
        Cohort([], min_group_size=0)
    low = [profile(cook_skills[:3], score=0.3)]
    assert Cohort(low, taxonomy=bundled, targets=[cook]).held == [frozenset(cook_skills[:3])]  # reported: held
    strict = Cohort(low, taxonomy=bundled, targets=[cook], min_score=0.5)
    assert strict.held == [frozenset()]  # below min_score: not held


def test_from_recognitions_ignores_evidence(bundled: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    table = pd.DataFrame(
        {
            "id": ["a", "a", "b"],
            "kind": ["skill", "occupation", "skill"],
            "uri": [cook_skills[0], cook, cook_skills[1]],
            "score": [0.9, 0.9, 0.2],
            "evidence": ["salainen teksti", "x", "y"],
        }
    )
    cohort = Cohort.from_recognitions(table, ids=["a", "b", "c"], taxonomy=bundled, targets=[cook], min_score=0.5)
    assert cohort.ids == ["a", "b", "c"]
    assert cohort.held == [frozenset({cook_skills[0]}), frozenset(), frozenset()]


def test_no_nearest_target_from_nothing(bundled: osa.Taxonomy, cook: str, cleaner: str, cook_skills: list[str]) -> None:
    people = {f"e{i}": profile([]) for i in range(5)} | {"c": profile(cook_skills[:2])}
    cohort = Cohort(people, taxonomy=bundled, targets=[cook, cleaner], catalogue=Catalogue.from_records([]))
    per = cohort.person_targets().set_index("id")
    assert pd.isna(per.loc["e0", "target"]) and per.loc["c", "target"] == cook
    table = cohort.people_per_target()
    assert table.attrs["no_target"] == 5
    # Without min_held, a course may build from scratch; with the default only on what people hold.
    scratch = cohort.design_courses(max_weeks=None, max_skills=30, n_courses=1, min_held=0, default_weeks=1.0)
    assert scratch.eligible == 6
    assert cohort.design_courses(max_weeks=None, max_skills=30, n_courses=1, default_weeks=1.0).eligible == 1
