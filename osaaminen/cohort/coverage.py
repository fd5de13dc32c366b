"""Course design as maximum coverage: which skill bundles unlock the most people.

**The problem.** A course is a bundle of skills; its length is the sum of the skills' week estimates and
must fit ``max_weeks`` (and ``max_skills``). A person takes one course. Each person has *options*: for a
target occupation, the missing skills ``G`` and an allowance ``a`` (how many of them may still be missing
afterwards). A course ``B`` *unlocks* the person when, for some option, ``|G - B| <= a``. Choose
``n_courses`` bundles to unlock as many people as possible (weights count people with the same options).
Options that need no skill (``|G| <= a``: the person is ready already) are ignored.

**Exact.** A mixed-integer programme (scipy's HiGHS): ``x[s, c]`` skill ``s`` in course ``c``, ``y[j, c]``
course ``c`` closes option ``j`` (``sum(x[s, c] for s in G_j) >= (|G_j| - a_j) * y[j, c]``), ``z[g] <=
sum(y[j, c])`` over the options of group ``g``; maximise ``sum(w[g] * z[g])``, ties broken towards fewer
weeks. Proven optimal unless the time limit stops it.

**Greedy.** Candidate bundles are the cheapest bundle that closes each option (``G`` less its ``a`` longest
skills) that fits the limits. Choosing ``n_courses`` of them greedily by the number of people newly
unlocked gives at least ``1 - 1/e`` (about 63 %) of the best choice of ``n_courses`` candidates (the
classic maximum-coverage bound); each chosen course is then grown with further candidates while they fit,
which only adds people. It never claims optimality.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_array

__all__ = [
    "CoverageInstance",
    "CoverageSolution",
    "Option",
    "closes",
    "solve_brute_force",
    "solve_exact",
    "solve_greedy",
    "unlocked",
]

_TOL = 1e-7
_GROW_POOL = 300
_GROW_STEPS = 50


@dataclass(frozen=True)
class Option:
    """One way for a group of people to be unlocked: close ``skills`` up to ``allowance`` left missing."""

    skills: frozenset[int]
    allowance: int = 0

    @property
    def need(self) -> int:
        """How many of the skills a course must teach."""
        return max(0, len(self.skills) - self.allowance)


@dataclass(frozen=True)
class CoverageInstance:
    """A course-design problem.

    Attributes:
        skill_weeks: Estimated weeks of each skill (index = skill).
        groups: Per group of people, its options (a group is unlocked when a course closes any of them).
        weights: Number of people in each group.
        n_courses: How many courses to design.
        max_weeks: Longest course, in weeks (``None``: no limit).
        max_skills: Most skills in a course (``None``: no limit).
    """

    skill_weeks: tuple[float, ...]
    groups: tuple[tuple[Option, ...], ...]
    weights: tuple[float, ...]
    n_courses: int = 1
    max_weeks: float | None = None
    max_skills: int | None = None

    def fits(self, bundle: frozenset[int]) -> bool:
        """Whether a bundle fits the limits."""
        if self.max_skills is not None and len(bundle) > self.max_skills:
            return False
        return self.max_weeks is None or sum(self.skill_weeks[s] for s in bundle) <= self.max_weeks + _TOL

    def cheapest(self, option: Option) -> frozenset[int]:
        """The cheapest bundle that closes ``option``: its skills less the ``allowance`` longest."""
        ordered = sorted(option.skills, key=lambda s: (self.skill_weeks[s], s))
        return frozenset(ordered[: option.need])


@dataclass(frozen=True)
class CoverageSolution:
    """Designed courses.

    Attributes:
        bundles: The skills of each course (courses that unlock nobody are left out), most people first.
        unlocked: Indices of the unlocked groups.
        value: People unlocked (sum of the weights of the unlocked groups).
        optimal: Proven optimal (exact solver within its time limit).
        method: ``"milp"``, ``"greedy"`` or ``"brute_force"``.
    """

    bundles: tuple[frozenset[int], ...]
    unlocked: frozenset[int]
    value: float
    optimal: bool
    method: str


def closes(bundle: frozenset[int], option: Option) -> bool:
    """Whether a course with these skills closes the option.

    Examples:
        >>> closes(frozenset({1, 2}), Option(frozenset({1, 2, 3}), allowance=1))
        True
        >>> closes(frozenset({1}), Option(frozenset({1, 2, 3}), allowance=1))
        False
    """
    return len(option.skills - bundle) <= option.allowance


def unlocked(instance: CoverageInstance, bundles: Sequence[frozenset[int]]) -> frozenset[int]:
    """The groups that some bundle unlocks (options already closed, ``need == 0``, do not count)."""
    return frozenset(
        g
        for g, options in enumerate(instance.groups)
        if any(closes(b, o) for b in bundles for o in options if o.need > 0)
    )


def _solution(
    instance: CoverageInstance, bundles: Sequence[frozenset[int]], *, optimal: bool, method: str
) -> CoverageSolution:
    # Keep courses that unlock someone no other course does first; order by people unlocked.
    kept = [b for b in bundles if b]
    per = [unlocked(instance, [b]) for b in kept]
    order = sorted(range(len(kept)), key=lambda i: -sum(instance.weights[g] for g in per[i]))
    useful: list[frozenset[int]] = []
    done: set[int] = set()
    for i in order:
        if per[i] - done:
            useful.append(kept[i])
            done |= per[i]
    return CoverageSolution(
        tuple(useful),
        frozenset(done),
        float(sum(instance.weights[g] for g in done)),
        optimal,
        method,
    )


# -- exact ----------------------------------------------------------------------------------------------


def problem_size(instance: CoverageInstance) -> int:
    """Number of MILP variables the exact solver would build (``auto`` compares it with a limit)."""
    options = {o for group in instance.groups for o in group if o.need > 0}
    skills = {s for o in options for s in o.skills}
    return (len(skills) + len(options)) * instance.n_courses + len(instance.groups)


def solve_exact(instance: CoverageInstance, *, time_limit: float | None = 30.0) -> CoverageSolution:
    """The designs that unlock the most people, proven optimal with a MILP (scipy HiGHS).

    Examples:
        >>> inst = CoverageInstance(skill_weeks=(1.0, 1.0, 3.0),
        ...     groups=((Option(frozenset({0, 1})),), (Option(frozenset({2})),), (Option(frozenset({0})),)),
        ...     weights=(2.0, 4.0, 1.0), n_courses=1, max_weeks=3.0)
        >>> sol = solve_exact(inst)
        >>> sorted(sol.bundles[0]), sol.value, sol.optimal
        ([2], 4.0, True)
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    options = list(dict.fromkeys(o for group in instance.groups for o in group if o.need > 0))
    if not options or instance.n_courses < 1:
        return _solution(instance, [], optimal=True, method="milp")
    skills = sorted({s for o in options for s in o.skills})
    k = instance.n_courses
    n_s, n_o, n_g = len(skills), len(options), len(instance.groups)
    col_s = {s: i for i, s in enumerate(skills)}

    def x(s: int, c: int) -> int:
        return c * n_s + col_s[s]

    def y(j: int, c: int) -> int:
        return k * n_s + c * n_o + j

    n_var = k * (n_s + n_o) + n_g
    weeks = np.array([instance.skill_weeks[s] for s in skills], dtype=float)
    # Ties towards shorter courses, never at the price of a person: the whole tie-breaker stays below 1.
    eps = 1.0 / (2.0 * (k * float(weeks.sum()) + 1.0)) * min(1.0, min(instance.weights, default=1.0))
    cost = np.zeros(n_var)
    for c in range(k):
        cost[c * n_s : (c + 1) * n_s] = eps * weeks
    cost[k * (n_s + n_o) :] = -np.asarray(instance.weights, dtype=float)

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lower: list[float] = []
    upper: list[float] = []

    def add(entries: list[tuple[int, float]], lo: float, hi: float) -> None:
        r = len(lower)
        for col, val in entries:
            rows.append(r)
            cols.append(col)
            vals.append(val)
        lower.append(lo)
        upper.append(hi)

    index_of = {o: j for j, o in enumerate(options)}
    for c in range(k):
        for j, o in enumerate(options):
            add([*((x(s, c), 1.0) for s in o.skills), (y(j, c), -float(o.need))], 0.0, math.inf)
        if instance.max_weeks is not None:
            add([(x(s, c), instance.skill_weeks[s]) for s in skills], -math.inf, instance.max_weeks + _TOL)
        if instance.max_skills is not None:
            add([(x(s, c), 1.0) for s in skills], -math.inf, float(instance.max_skills))
    for g, group in enumerate(instance.groups):
        ys = [(y(index_of[o], c), -1.0) for o in dict.fromkeys(group) if o.need > 0 for c in range(k)]
        add([(k * (n_s + n_o) + g, 1.0), *ys], -math.inf, 0.0)
    # Symmetry: course c has at least as many skills as course c + 1.
    for c in range(k - 1):
        add([*((x(s, c), 1.0) for s in skills), *((x(s, c + 1), -1.0) for s in skills)], 0.0, math.inf)

    matrix = coo_array((vals, (rows, cols)), shape=(len(lower), n_var)).tocsr()
    integrality = np.ones(n_var)
    integrality[k * (n_s + n_o) :] = 0  # z is integral at the optimum once x and y are
    options_ = {"disp": False, **({"time_limit": float(time_limit)} if time_limit is not None else {})}
    result = milp(
        cost,
        constraints=LinearConstraint(matrix, np.array(lower), np.array(upper)),
        integrality=integrality,
        bounds=Bounds(np.zeros(n_var), np.ones(n_var)),
        options=options_,
    )
    if result.x is None:  # time limit before any solution: fall back to greedy
        return solve_greedy(instance)
    values = np.asarray(result.x)
    bundles = [frozenset(s for s in skills if values[x(s, c)] > 0.5) for c in range(k)]
    proven = bool(result.status == 0)
    return _solution(instance, bundles, optimal=proven, method="milp")


# -- greedy ---------------------------------------------------------------------------------------------


def candidates(instance: CoverageInstance, *, limit: int | None = None) -> list[frozenset[int]]:
    """The greedy's candidate bundles: the cheapest closing bundle of each option, where it fits.

    With ``limit``, those of the options that the most people have.
    """
    people: dict[frozenset[int], float] = {}
    for group, weight in zip(instance.groups, instance.weights, strict=True):
        for option in group:
            if option.need == 0:
                continue
            bundle = instance.cheapest(option)
            if instance.fits(bundle):
                people[bundle] = people.get(bundle, 0.0) + weight
    ordered = sorted(people, key=lambda b: -people[b]) if limit is not None and len(people) > limit else list(people)
    return ordered[:limit] if limit is not None else ordered


def solve_greedy(instance: CoverageInstance, *, max_candidates: int = 2000) -> CoverageSolution:
    """Greedy course design: at least ``1 - 1/e`` of the best choice among its candidate bundles.

    Args:
        instance: The problem.
        max_candidates: Keep at most this many candidates, those of the options most people have (the
            guarantee is then relative to these).

    Examples:
        >>> inst = CoverageInstance(skill_weeks=(1.0, 1.0, 3.0),
        ...     groups=((Option(frozenset({0, 1})),), (Option(frozenset({2})),), (Option(frozenset({0})),)),
        ...     weights=(2.0, 4.0, 1.0), n_courses=2, max_weeks=3.0)
        >>> sol = solve_greedy(inst)
        >>> [sorted(b) for b in sol.bundles], sol.value, sol.optimal
        ([[2], [0, 1]], 7.0, False)
    """
    cands = candidates(instance, limit=max_candidates)
    if not cands or instance.n_courses < 1:
        return _solution(instance, [], optimal=False, method="greedy")
    state = _Matrices(instance)
    cover = state.cover(cands)  # groups x candidates, 1 where the candidate unlocks the group
    weights = state.weights
    covered = np.zeros(len(instance.groups), dtype=bool)
    chosen: list[int] = []
    for _ in range(instance.n_courses):
        gains = np.asarray((weights * ~covered) @ cover, dtype=float)
        if chosen:
            gains[chosen] = -1.0
        best = int(np.argmax(gains))
        if gains[best] <= 0:
            break
        chosen.append(best)
        covered |= np.asarray(cover[:, [best]].toarray()).ravel() > 0
    bundles = [cands[i] for i in chosen]
    # Grow each course with further candidates while they fit and unlock someone new (value never drops);
    # the pool is the candidates that unlock the most people on their own.
    alone = np.asarray(weights @ cover, dtype=float)
    pool = [cands[i] for i in np.argsort(-alone, kind="stable")[:_GROW_POOL]]
    for c in range(len(bundles)):
        for _ in range(_GROW_STEPS):
            others = state.unlocked([b for i, b in enumerate(bundles) if i != c])
            unions = [bundles[c] | cand for cand in pool]
            fitting = [u for u in unions if u != bundles[c] and instance.fits(u)]
            if not fitting:
                break
            now = float(weights[others | state.unlocked([bundles[c]])].sum())
            grow = [float(weights[others | state.unlocked([u])].sum()) - now for u in fitting]
            best = int(np.argmax(grow))
            if grow[best] <= _TOL:
                break
            bundles[c] = fitting[best]
    return _solution(instance, bundles, optimal=False, method="greedy")


class _Matrices:
    """Sparse incidence matrices that make coverage checks vectorised (options x skills, groups x options)."""

    def __init__(self, instance: CoverageInstance) -> None:
        self.options = list(dict.fromkeys(o for group in instance.groups for o in group if o.need > 0))
        self.n_skills = len(instance.skill_weeks)
        self.opt_skill = _incidence([o.skills for o in self.options], self.n_skills)
        self.need = np.array([o.need for o in self.options], dtype=np.int64)
        index_of = {o: j for j, o in enumerate(self.options)}
        self.group_opt = _incidence(
            [frozenset(index_of[o] for o in g if o.need > 0) for g in instance.groups], len(self.options)
        )
        self.weights = np.asarray(instance.weights, dtype=float)

    def cover(self, bundles: Sequence[frozenset[int]]) -> csr_array:
        """Groups x bundles: 1 where the bundle unlocks the group."""
        from scipy.sparse import csr_array

        shared = (self.opt_skill @ _incidence(bundles, self.n_skills).T).tocoo()
        keep = shared.data >= self.need[shared.row]
        closed = csr_array(
            (np.ones(int(keep.sum()), dtype=np.int32), (shared.row[keep], shared.col[keep])),
            shape=(len(self.options), len(bundles)),
        )
        result: csr_array = ((self.group_opt @ closed) > 0).astype(np.int32)
        return result

    def unlocked(self, bundles: Sequence[frozenset[int]]) -> np.ndarray:
        """Boolean mask of the groups some bundle unlocks."""
        mask = np.zeros(self.group_opt.shape[0], dtype=bool)
        for bundle in bundles:
            vector = np.zeros(self.n_skills)
            vector[list(bundle)] = 1.0
            closed = (self.opt_skill @ vector) >= self.need
            mask |= (self.group_opt @ closed.astype(float)) > 0
        return mask


def _incidence(sets: Sequence[frozenset[int]], n_cols: int) -> csr_array:
    from scipy.sparse import csr_array

    indptr = np.zeros(len(sets) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(s) for s in sets])
    indices = np.fromiter((i for s in sets for i in sorted(s)), dtype=np.int64, count=int(indptr[-1]))
    return csr_array((np.ones(len(indices), dtype=np.int32), indices, indptr), shape=(len(sets), n_cols))


# -- brute force (tests) --------------------------------------------------------------------------------


def solve_brute_force(instance: CoverageInstance, *, max_skills: int = 10) -> CoverageSolution:
    """Every combination of ``n_courses`` fitting bundles, for tests on small instances.

    Raises:
        ValueError: More than ``max_skills`` skills occur in the options.
    """
    skills = sorted({s for group in instance.groups for o in group for s in o.skills})
    if len(skills) > max_skills:
        raise ValueError(f"brute force is for at most {max_skills} skills, got {len(skills)}")
    bundles = [
        frozenset(combo)
        for r in range(len(skills) + 1)
        for combo in itertools.combinations(skills, r)
        if instance.fits(frozenset(combo))
    ]
    best: tuple[float, list[frozenset[int]]] = (-1.0, [])
    for combo in itertools.combinations_with_replacement(bundles, max(0, instance.n_courses)):
        value = float(sum(instance.weights[g] for g in unlocked(instance, combo)))
        if value > best[0]:
            best = (value, list(combo))
    return _solution(instance, best[1], optimal=True, method="brute_force")
