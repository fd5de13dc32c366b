"""Solvers for the training-path problem: weighted set cover with prerequisites and exclusions.

The problem, on plain integers so that it can be tested on its own: *items* (programmes) cover *skills*
(the gap, each with a weight), cost something (the objective: weeks, euros, steps or a mix) and take some
weeks. An item may need other items first: each of its ``needs`` is a group of alternatives, and at
least one item of every group must come earlier in the path (a prerequisite skill that several
programmes teach is one group). Some pairs of items are ``exclusive`` (a unit and the qualification that
contains it). A path is a set of items that can be ordered so that every need is met by an earlier item,
with no exclusive pair and, when ``max_weeks`` is set, at most that many weeks in all.

The best path covers the largest total weight of skills, and among those costs least (lexicographic).
:func:`solve_exact` proves it with a mixed-integer programme (scipy's HiGHS): binary ``x_i`` per item,
cover constraints per skill, ``x_i <= sum(x_j for j in group)`` per need (where needs form cycles, edge
variables and ordering potentials make the "earlier" explicit), ``x_i + x_j <= 1`` per exclusive pair.
:func:`~osaaminen.paths.greedy.solve_greedy` is a fast heuristic for very large instances and never
claims optimality; :func:`~osaaminen.paths.greedy.solve_brute_force` enumerates every subset (tests only).

Examples:
    >>> inst = Instance(
    ...     weights=(1.0, 1.0),
    ...     items=(Item(covers=frozenset({0, 1}), cost=10, weeks=10),
    ...            Item(covers=frozenset({0}), cost=2, weeks=2),
    ...            Item(covers=frozenset({1}), cost=3, weeks=3, needs=(frozenset({1}),))),
    ... )
    >>> sol = solve_exact(inst)
    >>> sol.chosen, sol.cost, sol.optimal
    ((1, 2), 5.0, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "Instance",
    "Item",
    "Solution",
    "coverage_of",
    "feasible_order",
    "is_feasible",
    "reachable",
    "schedule",
    "solve_exact",
]

_TOL = 1e-7


@dataclass(frozen=True)
class Item:
    """One programme in solver terms.

    Attributes:
        covers: Indices of the gap skills it covers.
        cost: Its contribution to the objective (>= 0).
        weeks: Its duration, for ``max_weeks``.
        needs: Groups of item indices; one item of each group must come earlier.
    """

    covers: frozenset[int]
    cost: float
    weeks: float = 0.0
    needs: tuple[frozenset[int], ...] = ()


@dataclass(frozen=True)
class Instance:
    """A path problem: skills to cover (with weights), items, exclusive pairs and a duration budget.

    Attributes:
        weights: Weight of each gap skill (index = skill).
        items: The candidate items.
        exclusive: Pairs ``(i, j)`` of items that may not both be chosen.
        max_weeks: Upper bound on the total weeks of the chosen items; ``None`` for none.
    """

    weights: tuple[float, ...]
    items: tuple[Item, ...]
    exclusive: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    max_weeks: float | None = None


@dataclass(frozen=True)
class Solution:
    """A solved path.

    Attributes:
        chosen: Chosen item indices in a feasible order (prerequisites first).
        covered: Gap skills covered.
        coverage: Total weight covered.
        cost: Total cost (the objective).
        weeks: Total weeks.
        optimal: Proven optimal (max coverage, then min cost).
        method: ``"milp"``, ``"greedy"`` or ``"brute_force"``.
    """

    chosen: tuple[int, ...]
    covered: frozenset[int]
    coverage: float
    cost: float
    weeks: float
    optimal: bool
    method: str


# -- feasibility ----------------------------------------------------------------------------------------


def feasible_order(instance: Instance, chosen: Iterable[int]) -> list[int] | None:
    """An order of ``chosen`` in which every need is met by an earlier item, or ``None`` when none exists.

    Exclusions and the week budget are not checked here (see :func:`is_feasible`).

    Examples:
        >>> inst = Instance((1.0,), (Item(frozenset(), 1), Item(frozenset({0}), 1, needs=(frozenset({0}),))))
        >>> feasible_order(inst, [1, 0]), feasible_order(inst, [1])
        ([0, 1], None)
    """
    pending = sorted(set(chosen))
    done: list[int] = []
    done_set: set[int] = set()
    while pending:
        ready = [i for i in pending if all(group & done_set for group in instance.items[i].needs)]
        if not ready:
            return None
        done.extend(ready)
        done_set.update(ready)
        pending = [i for i in pending if i not in done_set]
    return done


def is_feasible(instance: Instance, chosen: Iterable[int]) -> bool:
    """Whether ``chosen`` is a path: orderable, no exclusive pair, within ``max_weeks``.

    Examples:
        >>> inst = Instance((1.0,), (Item(frozenset({0}), 1), Item(frozenset({0}), 1)), frozenset({(0, 1)}))
        >>> is_feasible(inst, [0]), is_feasible(inst, [0, 1])
        (True, False)
    """
    chosen_set = set(chosen)
    if any(i in chosen_set and j in chosen_set for i, j in instance.exclusive):
        return False
    weeks = sum(instance.items[i].weeks for i in chosen_set)
    if instance.max_weeks is not None and weeks > instance.max_weeks + _TOL:
        return False
    return feasible_order(instance, chosen_set) is not None


def coverage_of(instance: Instance, chosen: Iterable[int]) -> frozenset[int]:
    """The gap skills that ``chosen`` covers."""
    covered: set[int] = set()
    for i in chosen:
        covered |= instance.items[i].covers
    return frozenset(covered)


def schedule(instance: Instance, chosen: Sequence[int]) -> dict[int, tuple[float, float]]:
    """Earliest start and end week of each chosen item, running items in parallel where needs allow.

    An item starts when, for each of its needs, the earliest-finishing chosen item of the group has
    ended (a Dijkstra over the AND-OR graph of needs; durations are the items' weeks).

    Raises:
        ValueError: ``chosen`` cannot be ordered.

    Examples:
        >>> inst = Instance((1.0, 1.0), (Item(frozenset({0}), 1, weeks=4),
        ...                              Item(frozenset({1}), 1, weeks=2, needs=(frozenset({0}),))))
        >>> schedule(inst, [0, 1])
        {0: (0.0, 4.0), 1: (4.0, 6.0)}
    """
    chosen_set = set(chosen)
    ends: dict[int, float] = {}
    times: dict[int, tuple[float, float]] = {}
    pending = set(chosen_set)
    while pending:
        best: tuple[float, int] | None = None
        for i in sorted(pending):
            start = 0.0
            for group in instance.items[i].needs:
                options = [ends[j] for j in group if j in ends and j != i]
                if not options:
                    start = math.inf
                    break
                start = max(start, min(options))
            if best is None or start < best[0]:
                best = (start, i)
        if best is None or math.isinf(best[0]):
            raise ValueError(f"items {sorted(pending)} cannot be ordered: a prerequisite is not in the path")
        start, i = best
        ends[i] = start + instance.items[i].weeks
        times[i] = (float(start), float(ends[i]))
        pending.discard(i)
    return times


def _solution(instance: Instance, chosen: Iterable[int], *, optimal: bool, method: str) -> Solution:
    order = feasible_order(instance, chosen)
    if order is None:  # pragma: no cover - solvers only return orderable sets
        raise ValueError("internal error: the solver returned a set that cannot be ordered")
    covered = coverage_of(instance, order)
    return Solution(
        chosen=tuple(order),
        covered=covered,
        coverage=float(sum(instance.weights[s] for s in covered)),
        cost=float(sum(instance.items[i].cost for i in order)),
        weeks=float(sum(instance.items[i].weeks for i in order)),
        optimal=optimal,
        method=method,
    )


def reachable(instance: Instance) -> list[int]:
    """Items that can appear in some path: every need reachable (ignoring exclusions), within the budget alone.

    Examples:
        >>> reachable(Instance((1.0,), (Item(frozenset({0}), 1), Item(frozenset({0}), 1, needs=(frozenset(),)))))
        [0]
    """
    budget = instance.max_weeks
    candidates = [i for i, item in enumerate(instance.items) if budget is None or item.weeks <= budget + _TOL]
    reached: set[int] = set()
    changed = True
    while changed:
        changed = False
        for i in candidates:
            if i not in reached and all((group - {i}) & reached for group in instance.items[i].needs):
                reached.add(i)
                changed = True
    return sorted(reached)


def _relevant(instance: Instance, usable: Sequence[int]) -> list[int]:
    """Usable items that cover a weighted skill, or that such an item may need (transitively)."""
    usable_set = set(usable)
    relevant = {i for i in usable if any(instance.weights[s] > 0 for s in instance.items[i].covers)}
    stack = list(relevant)
    while stack:
        i = stack.pop()
        for group in instance.items[i].needs:
            for j in group & usable_set:
                if j not in relevant:
                    relevant.add(j)
                    stack.append(j)
    return sorted(relevant)


def _undominated(instance: Instance, relevant: Sequence[int], protected: set[int]) -> list[int]:
    """Drop items that another item beats outright; the optimum is unchanged.

    Item ``i`` is dominated by ``j`` when ``j`` covers every weighted skill ``i`` covers, costs and takes no
    more, needs nothing and excludes nothing (so it fits wherever ``i`` did), and no item needs ``i``.
    Ties keep the lower index. Items in ``protected`` (named by extra constraints) are never touched.
    """
    items, weights = instance.items, instance.weights
    relevant_set = set(relevant)
    needed = {j for i in relevant for group in items[i].needs for j in group}
    excluded = {i for pair in instance.exclusive for i in pair}
    free = [j for j in relevant if not items[j].needs and j not in excluded and j not in protected]
    by_skill: dict[int, list[int]] = {}
    for j in free:
        for s in items[j].covers:
            if weights[s] > 0:
                by_skill.setdefault(s, []).append(j)
    dropped: set[int] = set()
    for i in relevant:
        if i in needed or i in protected:
            continue
        skills = [s for s in items[i].covers if weights[s] > 0]
        if not skills:
            continue
        rarest = min(skills, key=lambda s: len(by_skill.get(s, ())))
        for j in by_skill.get(rarest, ()):
            if j == i or j in dropped or j not in relevant_set:
                continue
            a, b = items[i], items[j]
            if b.cost > a.cost or b.weeks > a.weeks or not all(s in b.covers for s in skills):
                continue
            if b.cost < a.cost or b.weeks < a.weeks or len(b.covers) > len(a.covers) or j < i:
                dropped.add(i)
                break
    return [i for i in relevant if i not in dropped]


# -- exact ----------------------------------------------------------------------------------------------


def solve_exact(
    instance: Instance,
    *,
    distinct_from: Sequence[Sequence[int]] = (),
    max_shared: float = 0.5,
    time_limit: float | None = None,
    extra_rows: Sequence[tuple[dict[int, float], float, float]] = (),
) -> Solution:
    """The best path, proven optimal with a mixed-integer programme (scipy HiGHS).

    Args:
        instance: The problem.
        distinct_from: Earlier solutions; the answer may share at most ``max_shared`` of each one's weeks
            (so that alternatives differ in substance, not by a swapped short course).
        max_shared: See ``distinct_from``.
        time_limit: Seconds for HiGHS; when it runs out, the best path found so far comes back with
            ``optimal=False``.
        extra_rows: More linear constraints ``(coefficients by item, lower, upper)`` on the item choices.

    Returns:
        The path that covers the most weight, and among those the cheapest. An empty path when nothing
        can be covered.

    Examples:
        >>> inst = Instance((1.0,), (Item(frozenset({0}), 5, weeks=5), Item(frozenset({0}), 3, weeks=3)))
        >>> solve_exact(inst).chosen
        (1,)
        >>> solve_exact(inst, distinct_from=[(1,)]).chosen
        (0,)
    """
    usable = reachable(instance)
    protected = {i for previous in distinct_from for i in previous}
    protected |= {i for coefficients, _, _ in extra_rows for i in coefficients}
    relevant = _undominated(instance, _relevant(instance, usable), protected)
    if not relevant:
        return _solution(instance, (), optimal=True, method="milp")
    model = _Model(instance, relevant, distinct_from, max_shared, extra_rows)
    target = sum(instance.weights[s] for s in model.skills)
    first = model.solve(cover_all=True, time_limit=time_limit)
    if first is not None and first[1]:
        return _solution(instance, first[0], optimal=True, method="milp")
    if first is not None:  # time limit hit with full coverage: the cost is not proven minimal
        return _solution(instance, first[0], optimal=False, method="milp")
    best = model.solve(maximise_coverage=True, time_limit=time_limit)
    if best is None:
        return _solution(instance, (), optimal=False, method="milp")
    achieved = sum(instance.weights[s] for s in coverage_of(instance, best[0]))
    if achieved >= target - _TOL:  # pragma: no cover - phase one would have succeeded
        return _solution(instance, best[0], optimal=best[1], method="milp")
    second = model.solve(min_coverage=achieved - 1e-6 * max(1.0, achieved), time_limit=time_limit)
    if second is None:  # pragma: no cover - the phase-one answer is feasible here
        return _solution(instance, best[0], optimal=False, method="milp")
    return _solution(instance, second[0], optimal=best[1] and second[1], method="milp")


class _Model:
    """The MILP of one instance restricted to its relevant items; solved in one or two phases."""

    def __init__(
        self,
        instance: Instance,
        relevant: Sequence[int],
        distinct_from: Sequence[Sequence[int]],
        max_shared: float,
        extra_rows: Sequence[tuple[dict[int, float], float, float]] = (),
    ) -> None:
        import networkx as nx

        self.instance = instance
        self.items = list(relevant)
        self.col = {item: k for k, item in enumerate(self.items)}
        n = len(self.items)
        skills = sorted({s for i in self.items for s in instance.items[i].covers if instance.weights[s] > 0})
        self.skills = skills
        graph: nx.DiGraph[int] = nx.DiGraph()
        graph.add_nodes_from(self.items)
        for i in self.items:
            for group in instance.items[i].needs:
                graph.add_edges_from((i, j) for j in group if j in self.col and j != i)
        component: dict[int, int] = {}
        sizes: dict[int, int] = {}
        for c, nodes in enumerate(nx.strongly_connected_components(graph)):
            sizes[c] = len(nodes)
            component.update(dict.fromkeys(nodes, c))
        cyclic = {i for i in self.items if sizes[component[i]] > 1}
        # Columns: x per item, then y per (item, group, member) inside a cycle, then u per cyclic item.
        self.edges: list[tuple[int, int, int]] = []  # (item, group index, member)
        for i in sorted(cyclic):
            for g, group in enumerate(instance.items[i].needs):
                self.edges.extend((i, g, j) for j in sorted(group) if j in cyclic and component[j] == component[i])
        self.n_x = n
        self.n_y = len(self.edges)
        self.potential = {i: self.n_x + self.n_y + k for k, i in enumerate(sorted(cyclic))}
        self.n_vars = self.n_x + self.n_y + len(self.potential)
        self.rows: list[tuple[dict[int, float], float, float]] = []
        edge_col = {edge: self.n_x + k for k, edge in enumerate(self.edges)}
        for i in self.items:
            for g, group in enumerate(instance.items[i].needs):
                row: dict[int, float] = {self.col[i]: 1.0}
                for j in group:
                    if j == i or j not in self.col:
                        continue
                    key = (i, g, j)
                    row[edge_col[key] if key in edge_col else self.col[j]] = -1.0
                self.rows.append((row, -np.inf, 0.0))
        for (i, _, j), k in edge_col.items():
            self.rows.append(({k: 1.0, self.col[j]: -1.0}, -np.inf, 0.0))
            size = float(sizes[component[i]])
            # u_i >= u_j + 1 when the edge is used: u_i - u_j - size * y >= 1 - size.
            self.rows.append(({self.potential[i]: 1.0, self.potential[j]: -1.0, k: -size}, 1.0 - size, np.inf))
        for i, j in instance.exclusive:
            if i in self.col and j in self.col:
                self.rows.append(({self.col[i]: 1.0, self.col[j]: 1.0}, -np.inf, 1.0))
        if instance.max_weeks is not None:
            row = {self.col[i]: instance.items[i].weeks for i in self.items}
            self.rows.append((row, -np.inf, instance.max_weeks + _TOL))
        for previous in distinct_from:
            shared = [i for i in set(previous) if i in self.col]
            total = sum(instance.items[i].weeks for i in set(previous))
            if shared:
                row = {self.col[i]: instance.items[i].weeks for i in shared}
                self.rows.append((row, -np.inf, max_shared * total + _TOL))
        for coefficients, low, high in extra_rows:
            row = {self.col[i]: value for i, value in coefficients.items() if i in self.col}
            self.rows.append((row, low, high))
        self.cyclic_bounds = {k: float(sizes[component[i]] - 1) for i, k in self.potential.items()}

    def solve(
        self,
        *,
        cover_all: bool = False,
        maximise_coverage: bool = False,
        min_coverage: float | None = None,
        time_limit: float | None = None,
    ) -> tuple[list[int], bool] | None:
        """Chosen items and whether HiGHS proved optimality; ``None`` when infeasible or nothing found."""
        from scipy.optimize import Bounds, LinearConstraint, milp
        from scipy.sparse import coo_matrix

        inst = self.instance
        n_z = len(self.skills) if (maximise_coverage or min_coverage is not None) else 0
        n = self.n_vars + n_z
        z0 = self.n_vars
        rows = list(self.rows)
        covering: dict[int, list[int]] = {s: [] for s in self.skills}
        for i in self.items:
            for s in inst.items[i].covers:
                if s in covering:
                    covering[s].append(self.col[i])
        for k, s in enumerate(self.skills):
            if cover_all:
                rows.append((dict.fromkeys(covering[s], 1.0), 1.0, np.inf))
            elif n_z:
                row = dict.fromkeys(covering[s], -1.0)
                row[z0 + k] = 1.0
                rows.append((row, -np.inf, 0.0))
        if min_coverage is not None:
            rows.append(({z0 + k: inst.weights[s] for k, s in enumerate(self.skills)}, min_coverage, np.inf))
        c = np.zeros(n)
        if maximise_coverage:
            c[z0:] = [-inst.weights[s] for s in self.skills]  # phase two settles the cost
        else:
            c[: self.n_x] = [inst.items[i].cost for i in self.items]
        integrality = np.ones(n)
        integrality[self.n_x + self.n_y : self.n_vars] = 0
        lower = np.zeros(n)
        upper = np.ones(n)
        for k, bound in self.cyclic_bounds.items():
            upper[k] = bound
        data, row_idx, col_idx, lo, hi = [], [], [], [], []
        for r, (row, low, high) in enumerate(rows):
            for k, value in row.items():
                data.append(value)
                row_idx.append(r)
                col_idx.append(k)
            lo.append(low)
            hi.append(high)
        constraints = []
        if rows:
            matrix = coo_matrix((data, (row_idx, col_idx)), shape=(len(rows), n)).tocsr()
            constraints.append(LinearConstraint(matrix, np.array(lo), np.array(hi)))
        options: dict[str, float] = {"mip_rel_gap": 0.0}
        if time_limit is not None:
            options["time_limit"] = float(time_limit)
        result = milp(c, integrality=integrality, bounds=Bounds(lower, upper), constraints=constraints, options=options)
        if result.x is None:
            return None
        chosen = [self.items[k] for k in range(self.n_x) if result.x[k] > 0.5]
        if not is_feasible(inst, chosen):  # pragma: no cover - guards against numerical trouble in HiGHS
            return None
        return chosen, bool(result.status == 0)
