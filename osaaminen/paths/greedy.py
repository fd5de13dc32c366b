"""Heuristic and brute-force solvers of the path problem (see :mod:`osaaminen.paths.solver`).

:func:`solve_greedy` handles very large instances fast and never claims optimality; :func:`solve_brute_force`
tries every subset and is the reference the exact solver is tested against.

Examples:
    >>> from osaaminen.paths.solver import Instance, Item
    >>> inst = Instance((1.0, 1.0), (Item(frozenset({0, 1}), 3), Item(frozenset({0}), 1)))
    >>> solve_greedy(inst).optimal, solve_brute_force(inst).chosen
    (False, (0,))
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable

from osaaminen.paths.solver import (
    _TOL,
    Instance,
    Solution,
    _relevant,
    _solution,
    coverage_of,
    feasible_order,
    is_feasible,
    reachable,
)

__all__ = ["solve_brute_force", "solve_greedy"]


# -- greedy ---------------------------------------------------------------------------------------------


def solve_greedy(instance: Instance) -> Solution:
    """A fast path by greedy weighted set cover; never claims optimality.

    Repeatedly takes the available item with the most uncovered weight per unit of cost (lazily
    re-evaluated); when no available item adds anything, takes the cheapest prerequisites that unlock
    the best locked item. A final pass drops items that the rest make redundant.

    Examples:
        >>> from osaaminen.paths.solver import Item
        >>> inst = Instance((1.0, 1.0), (Item(frozenset({0, 1}), 3), Item(frozenset({0}), 1)))
        >>> sol = solve_greedy(inst)
        >>> sol.chosen, sol.optimal, sol.method
        ((0,), False, 'greedy')
    """
    items = instance.items
    weights = instance.weights
    usable = set(_relevant(instance, reachable(instance)))
    excl: dict[int, set[int]] = {}
    for i, j in instance.exclusive:
        excl.setdefault(i, set()).add(j)
        excl.setdefault(j, set()).add(i)
    budget = instance.max_weeks if instance.max_weeks is not None else math.inf
    chosen: list[int] = []
    chosen_set: set[int] = set()
    banned: set[int] = set()
    covered: set[int] = set()
    weeks = 0.0

    def gain(i: int) -> float:
        return sum(weights[s] for s in items[i].covers if s not in covered)

    def ratio(i: int) -> float:
        return gain(i) / max(items[i].cost, 1e-9)

    def available(i: int) -> bool:
        return all((group - {i}) & chosen_set for group in items[i].needs)

    def allowed(i: int) -> bool:
        return i not in chosen_set and i not in banned and weeks + items[i].weeks <= budget + _TOL

    def take(i: int) -> None:
        nonlocal weeks
        chosen.append(i)
        chosen_set.add(i)
        covered.update(items[i].covers)
        banned.update(excl.get(i, ()))
        weeks += items[i].weeks

    dependents: dict[int, set[int]] = {}
    for i in usable:
        for group in items[i].needs:
            for j in group:
                dependents.setdefault(j, set()).add(i)
    heap = [(-ratio(i), i) for i in usable if available(i)]
    heapq.heapify(heap)
    in_heap = {i for _, i in heap}
    while True:
        picked = None
        while heap:
            _, i = heapq.heappop(heap)
            in_heap.discard(i)
            if not allowed(i):
                continue
            current = ratio(i)
            if current <= 0:
                continue
            if heap and current < -heap[0][0] - 1e-12:
                heapq.heappush(heap, (-current, i))
                in_heap.add(i)
                continue
            picked = [i]
            break
        if picked is None:
            picked = _unlock(instance, usable, chosen_set, allowed, gain, available)
            if not picked:
                break
        for i in picked:
            if allowed(i) and available(i):
                take(i)
        for j in {d for i in picked for d in dependents.get(i, ())}:
            if j not in in_heap and allowed(j) and available(j) and gain(j) > 0:
                heapq.heappush(heap, (-ratio(j), j))
                in_heap.add(j)
    # Reverse delete: drop the costliest items that the others make redundant.
    for i in sorted(chosen, key=lambda k: -items[k].cost):
        rest = [k for k in chosen if k != i]
        if coverage_of(instance, rest) >= coverage_of(instance, chosen) and feasible_order(instance, rest) is not None:
            chosen = rest
    return _solution(instance, chosen, optimal=False, method="greedy")


def _unlock(
    instance: Instance,
    usable: set[int],
    chosen: set[int],
    allowed: Callable[[int], bool],
    gain: Callable[[int], float],
    available: Callable[[int], bool],
) -> list[int]:
    """The cheapest single-level bundle (prerequisites + item) with the best uncovered weight per cost."""
    best: tuple[float, list[int]] | None = None
    for i in usable:
        if not allowed(i) or available(i):
            continue
        value = gain(i)
        if value <= 0:
            continue
        helpers: list[int] = []
        for group in instance.items[i].needs:
            if (group - {i}) & chosen:
                continue
            options = [j for j in group if j != i and allowed(j) and available(j)]
            if not options:
                helpers = []
                break
            helpers.append(min(options, key=lambda j: (instance.items[j].cost, j)))
        else:
            cost = instance.items[i].cost + sum(instance.items[j].cost for j in set(helpers))
            score = value / max(cost, 1e-9)
            if best is None or score > best[0]:
                best = (score, [*dict.fromkeys(helpers), i])
    return best[1] if best else []


# -- brute force ----------------------------------------------------------------------------------------


def solve_brute_force(instance: Instance, *, max_items: int = 16) -> Solution:
    """The best path by trying every subset of items (exponential: tests and tiny instances only).

    Raises:
        ValueError: More than ``max_items`` items.

    Examples:
        >>> from osaaminen.paths.solver import Item
        >>> inst = Instance((1.0,), (Item(frozenset({0}), 5), Item(frozenset({0}), 3)))
        >>> solve_brute_force(inst).cost
        3.0
    """
    n = len(instance.items)
    if n > max_items:
        raise ValueError(f"{n} items is too many to try every subset (max_items={max_items})")
    best: tuple[float, float, tuple[int, ...]] = (0.0, 0.0, ())
    for size in range(1, n + 1):
        for subset in itertools.combinations(range(n), size):
            if not is_feasible(instance, subset):
                continue
            coverage = sum(instance.weights[s] for s in coverage_of(instance, subset))
            cost = sum(instance.items[i].cost for i in subset)
            if coverage > best[0] + _TOL or (abs(coverage - best[0]) <= _TOL and cost < best[1] - _TOL):
                best = (coverage, cost, subset)
    return _solution(instance, best[2], optimal=True, method="brute_force")
