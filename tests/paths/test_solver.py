"""The path solvers on their own: exact == brute force, feasibility, greedy honesty, scheduling."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osaaminen.paths.greedy import solve_brute_force, solve_greedy
from osaaminen.paths.solver import Instance, Item, is_feasible, schedule, solve_exact


@st.composite
def instances(draw: st.DrawFn, max_items: int = 8, max_skills: int = 6) -> Instance:
    n_skills = draw(st.integers(1, max_skills))
    n_items = draw(st.integers(1, max_items))
    weights = tuple(draw(st.sampled_from([1.0, 1.0, 2.0, 0.5, 0.0])) for _ in range(n_skills))
    items = []
    for i in range(n_items):
        covers = frozenset(draw(st.sets(st.integers(0, n_skills - 1), max_size=3)))
        needs = tuple(
            frozenset(draw(st.sets(st.integers(0, n_items - 1), min_size=1, max_size=3))) - {i}
            for _ in range(draw(st.integers(0, 2)) if draw(st.booleans()) else 0)
        )
        cost = float(draw(st.integers(0, 20)))
        weeks = float(draw(st.integers(1, 30)))
        items.append(Item(covers=covers, cost=cost, weeks=weeks, needs=needs))
    pairs = draw(st.sets(st.tuples(st.integers(0, n_items - 1), st.integers(0, n_items - 1)), max_size=3))
    exclusive = frozenset((min(a, b), max(a, b)) for a, b in pairs if a != b)
    max_weeks = draw(st.none() | st.sampled_from([10.0, 25.0, 40.0]))
    return Instance(weights=weights, items=tuple(items), exclusive=exclusive, max_weeks=max_weeks)


@settings(max_examples=300, deadline=None)
@given(instances())
def test_exact_equals_brute_force(inst: Instance) -> None:
    exact = solve_exact(inst)
    brute = solve_brute_force(inst)
    assert exact.optimal
    assert exact.coverage == pytest.approx(brute.coverage, abs=1e-6)
    assert exact.cost == pytest.approx(brute.cost, abs=1e-6)
    assert is_feasible(inst, exact.chosen)


@settings(max_examples=200, deadline=None)
@given(instances(max_items=10))
def test_greedy_is_feasible_and_never_claims_optimality(inst: Instance) -> None:
    greedy = solve_greedy(inst)
    assert not greedy.optimal
    assert greedy.method == "greedy"
    assert is_feasible(inst, greedy.chosen)
    exact = solve_exact(inst)
    # Exact is never worse: more coverage, or equal coverage for no more cost.
    assert exact.coverage >= greedy.coverage - 1e-6
    if math.isclose(exact.coverage, greedy.coverage, abs_tol=1e-6):
        assert exact.cost <= greedy.cost + 1e-6


@settings(max_examples=150, deadline=None)
@given(instances())
def test_schedule_respects_needs(inst: Instance) -> None:
    sol = solve_exact(inst)
    times = schedule(inst, sol.chosen)
    assert set(times) == set(sol.chosen)
    for i in sol.chosen:
        start, end = times[i]
        assert end == pytest.approx(start + inst.items[i].weeks)
        for group in inst.items[i].needs:
            assert any(j in times and times[j][1] <= start + 1e-9 for j in group)


@settings(max_examples=100, deadline=None)
@given(instances(max_items=7))
def test_distinct_alternative_shares_at_most_half(inst: Instance) -> None:
    first = solve_exact(inst)
    second = solve_exact(inst, distinct_from=[first.chosen])
    shared = sum(inst.items[i].weeks for i in set(first.chosen) & set(second.chosen))
    assert shared <= 0.5 * sum(inst.items[i].weeks for i in first.chosen) + 1e-6
    assert is_feasible(inst, second.chosen)


def test_cyclic_needs_need_an_order() -> None:
    # Item 0 needs 1 and item 1 needs 0: neither can start, only item 2 breaks the cycle.
    a = Item(covers=frozenset({0}), cost=1, needs=(frozenset({1, 2}),))
    b = Item(covers=frozenset({1}), cost=1, needs=(frozenset({0}),))
    c = Item(covers=frozenset(), cost=5)
    inst = Instance(weights=(1.0, 1.0), items=(a, b, c))
    sol = solve_exact(inst)
    assert sol.chosen == (2, 0, 1)
    assert sol.coverage == 2.0
    assert solve_brute_force(inst).cost == sol.cost


def test_unreachable_skills_are_left_uncovered() -> None:
    inst = Instance(weights=(1.0, 1.0), items=(Item(frozenset({0}), 1, needs=(frozenset(),)), Item(frozenset({1}), 2)))
    sol = solve_exact(inst)
    assert sol.covered == frozenset({1})
    assert sol.optimal


def test_exclusions_force_partial_cover() -> None:
    # Skill 0 only from item 0, skill 1 only from item 1, and they exclude each other: cover the heavier.
    inst = Instance(
        weights=(1.0, 3.0),
        items=(Item(frozenset({0}), 1), Item(frozenset({1}), 9)),
        exclusive=frozenset({(0, 1)}),
    )
    sol = solve_exact(inst)
    assert sol.chosen == (1,)
    assert sol.optimal


def test_budget_maximises_weighted_coverage() -> None:
    inst = Instance(
        weights=(1.0, 1.0, 1.0),
        items=(Item(frozenset({0, 1}), 10, weeks=10), Item(frozenset({2}), 4, weeks=4), Item(frozenset({0}), 2, 2)),
        max_weeks=12,
    )
    sol = solve_exact(inst)
    assert sol.coverage == 2.0
    assert sol.chosen == (1, 2)  # two skills either way; 2 + 4 weeks is cheaper than 10
    assert sol.weeks <= 12


def test_brute_force_refuses_large_instances() -> None:
    inst = Instance(weights=(1.0,), items=tuple(Item(frozenset({0}), 1) for _ in range(20)))
    with pytest.raises(ValueError, match="too many"):
        solve_brute_force(inst)
