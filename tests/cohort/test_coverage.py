"""The course-design solvers against brute force on small random instances."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from osaaminen.cohort.coverage import (
    CoverageInstance,
    Option,
    candidates,
    solve_brute_force,
    solve_exact,
    solve_greedy,
    unlocked,
)


@st.composite
def instances(draw: st.DrawFn) -> CoverageInstance:
    n_skills = draw(st.integers(2, 6))
    weeks = tuple(draw(st.sampled_from([0.5, 1.0, 2.0, 3.0])) for _ in range(n_skills))
    skill = st.integers(0, n_skills - 1)
    option = st.builds(Option, st.frozensets(skill, min_size=1, max_size=4), st.integers(0, 1))
    groups = draw(st.lists(st.lists(option, min_size=1, max_size=3).map(tuple), min_size=1, max_size=7))
    weights = tuple(float(draw(st.integers(1, 4))) for _ in groups)
    return CoverageInstance(
        skill_weeks=weeks,
        groups=tuple(groups),
        weights=weights,
        n_courses=draw(st.integers(1, 2)),
        max_weeks=draw(st.sampled_from([1.0, 2.0, 3.5, 5.0, None])),
        max_skills=draw(st.sampled_from([None, 2, 3])),
    )


def _value(instance: CoverageInstance, bundles: tuple[frozenset[int], ...]) -> float:
    return float(sum(instance.weights[g] for g in unlocked(instance, bundles)))


@settings(max_examples=60, deadline=None)
@given(instances())
def test_exact_equals_brute_force(instance: CoverageInstance) -> None:
    exact = solve_exact(instance, time_limit=None)
    brute = solve_brute_force(instance)
    assert exact.optimal and exact.method == "milp"
    assert math.isclose(exact.value, brute.value)
    # The reported value is what the bundles really unlock, and every bundle fits the limits.
    assert math.isclose(_value(instance, exact.bundles), exact.value)
    assert all(instance.fits(b) for b in exact.bundles)
    assert len(exact.bundles) <= instance.n_courses


@settings(max_examples=60, deadline=None)
@given(instances())
def test_greedy_guarantee_and_never_optimal(instance: CoverageInstance) -> None:
    greedy = solve_greedy(instance)
    assert not greedy.optimal and greedy.method == "greedy"
    assert all(instance.fits(b) for b in greedy.bundles)
    assert math.isclose(_value(instance, greedy.bundles), greedy.value)
    # (1 - 1/e) of the best choice of n_courses among the greedy's candidate bundles.
    cands = candidates(instance)
    best = 0.0
    for combo in itertools.combinations_with_replacement(cands, instance.n_courses):
        best = max(best, _value(instance, combo))
    assert greedy.value >= (1 - 1 / math.e) * best - 1e-9
    assert greedy.value <= solve_brute_force(instance).value + 1e-9


def test_ties_prefer_shorter_courses() -> None:
    inst = CoverageInstance(
        skill_weeks=(1.0, 3.0, 1.0),
        groups=((Option(frozenset({0, 1}), 1),),),
        weights=(1.0,),
        max_weeks=5.0,
    )
    sol = solve_exact(inst)
    assert sol.bundles == (frozenset({0}),)


def test_nothing_fits() -> None:
    inst = CoverageInstance(skill_weeks=(9.0,), groups=((Option(frozenset({0})),),), weights=(3.0,), max_weeks=1.0)
    assert solve_exact(inst).value == 0 and solve_exact(inst).bundles == ()
    assert solve_greedy(inst).value == 0
