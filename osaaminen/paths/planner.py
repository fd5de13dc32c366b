"""The public path API: :func:`plan_path`, :func:`plan_alternatives`, :func:`rank_targets`."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from osaaminen.exceptions import CatalogueError, EmptyTargetError, InfeasiblePathError
from osaaminen.paths.assemble import Method, Request, label, to_plan
from osaaminen.paths.greedy import solve_greedy
from osaaminen.paths.instance import (
    Constraints,
    Objective,
    build_instance,
    catalogue_index,
)
from osaaminen.paths.models import Plan
from osaaminen.paths.requirements import ProfileLike, held_skills, satisfied, skill_gap
from osaaminen.paths.solver import Solution, solve_exact

if TYPE_CHECKING:
    import pandas as pd

    from osaaminen.programmes import Catalogue
    from osaaminen.taxonomy import Taxonomy

__all__ = ["plan_alternatives", "plan_path", "rank_targets"]

logger = logging.getLogger(__name__)

EXACT_LIMIT = 3000
"""``method="auto"`` solves exactly up to this many candidate programmes, greedily above."""
EXACT_NEEDS_LIMIT = 100_000
"""... and up to this many (programme, prerequisite provider) pairs (each may become a MILP variable)."""


def plan_path(
    profile: ProfileLike,
    target: str,
    *,
    catalogue: Catalogue,
    taxonomy: Taxonomy | None = None,
    objective: Objective = "weeks",
    budget_weeks: float | None = None,
    skill_weights: Mapping[str, float] | None = None,
    method: Method = "auto",
    min_score: float = 0.0,
    min_strength: float = 0.0,
    time_limit: float | None = 10.0,
    **constraints: Any,
) -> Plan:
    """The best training path from what a person can do to a target occupation.

    The path covers as many of the missing required skills as the catalogue allows (weighted by
    ``skill_weights``, 1 each by default) and, among those paths, minimises the objective. Skills no
    usable programme teaches are reported in ``plan.uncovered`` with a reason, never dropped silently.

    Args:
        profile: A :class:`~osaaminen.models.SkillProfile` or skill URIs the person holds.
        target: The target occupation URI.
        catalogue: The programmes to choose from.
        taxonomy: The taxonomy (default: the bundled ESCO with the Finnish cards).
        objective: ``"weeks"`` (weeks of study), ``"cost"`` (euros to the learner), ``"steps"`` (number
            of programmes), or weights such as ``{"weeks": 1, "cost": 0.01, "steps": 2}``.
        budget_weeks: Budget mode: at most this many weeks of study, covering as much (weighted) as fits.
        skill_weights: Weight of each required skill in coverage (default 1).
        method: ``"exact"`` (MILP, proven optimal), ``"greedy"`` (fast, never claims optimality) or
            ``"auto"`` (exact up to 3,000 candidate programmes and 100,000 prerequisite links among them).
        min_score: Recognised skills below this score do not count as held. The default 0 counts every
            skill the profile reports, explicit or inferred from a past occupation: the recogniser's
            calibrated threshold has already applied (a fixed 0.5 here once left a warehouse worker
            holding 2 skills and ranked doorman first).
        min_strength: Programme skill links weaker than this do not count as taught.
        time_limit: Seconds for the exact solver; past it the best path found is returned, not optimal.
        **constraints: ``language``, ``municipality``, ``mode``, ``kinds`` (a kind or a list of kinds),
            ``exclude`` (programme ids), ``max_weeks`` (a hard limit: fail rather than cover less).

    Returns:
        The :class:`~osaaminen.paths.models.Plan`.

    Raises:
        UnknownTargetError: ``target`` is not an occupation of the taxonomy.
        EmptyTargetError: The target has no required skills.
        InfeasiblePathError: The constraints leave no programme for any missing skill that the catalogue
            teaches, or ``max_weeks`` is too short to cover what the catalogue can; the message says what
            to relax.
        CatalogueError: ``exclude`` names a programme not in the catalogue.
        TypeError: An unknown constraint.

    Examples:
        >>> from osaaminen.programmes import Catalogue, Programme, SkillLink
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> cook = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
        >>> course = Programme(id="hygienia", kind="short_course", name={"fi": "Hygieniapassi", "en": "Hygiene"},
        ...                    providers=(), duration_weeks=1,
        ...                    teaches=(SkillLink(uri="urn:osaaminen:fi-card:hygieniapassi"),))
        >>> plan = plan_path([], cook, catalogue=Catalogue.from_records([course]), taxonomy=tax)
        >>> plan.programmes, plan.total_weeks, plan.optimal
        (('hygienia',), 1.0, True)
        >>> "urn:osaaminen:fi-card:hygieniapassi" in plan.covered and len(plan.uncovered) > 0
        True
    """
    request = _prepare(
        profile,
        target,
        catalogue,
        taxonomy,
        objective,
        budget_weeks,
        skill_weights,
        method,
        min_score,
        min_strength,
        time_limit,
        constraints,
    )
    return _plan(request)


def plan_alternatives(
    profile: ProfileLike,
    target: str,
    *,
    catalogue: Catalogue,
    taxonomy: Taxonomy | None = None,
    k: int = 3,
    max_shared: float = 0.5,
    objective: Objective = "weeks",
    budget_weeks: float | None = None,
    skill_weights: Mapping[str, float] | None = None,
    method: Method = "auto",
    min_score: float = 0.0,
    min_strength: float = 0.0,
    time_limit: float | None = 10.0,
    **constraints: Any,
) -> list[Plan]:
    """Up to ``k`` distinct good paths, best first: e.g. a school route and an apprenticeship route.

    The first is :func:`plan_path`'s answer. The second, when one exists with the same coverage, takes
    the other route (mostly at a workplace if the first is mostly at school, or the other way round).
    Every further path shares at most ``max_shared`` of the study weeks of each earlier one, so the
    alternatives differ in substance, not by one swapped short course. Fewer than ``k`` come back when
    the catalogue has no more distinct paths.

    Args:
        profile: A :class:`~osaaminen.models.SkillProfile` or skill URIs the person holds.
        target: The target occupation URI.
        catalogue: The programmes to choose from.
        taxonomy: The taxonomy (default: the bundled ESCO with the Finnish cards).
        objective: As in :func:`plan_path`.
        method: As in :func:`plan_path`.
        min_score: As in :func:`plan_path`.
        min_strength: As in :func:`plan_path`.
        time_limit: As in :func:`plan_path`.
        **constraints: As in :func:`plan_path`.
        k: How many paths at most.
        max_shared: Largest share of an earlier path's weeks that a later one may reuse.
        budget_weeks: As in :func:`plan_path`.
        skill_weights: As in :func:`plan_path`.

    Raises:
        UnknownTargetError: ``target`` is not an occupation of the taxonomy.
        EmptyTargetError: The target has no required skills.
        InfeasiblePathError: As in :func:`plan_path`.

    Examples:
        >>> from osaaminen.programmes import Catalogue, Programme, SkillLink
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> cook = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
        >>> link = (SkillLink(uri="urn:osaaminen:fi-card:hygieniapassi"),)
        >>> school = Programme(id="kurssi", kind="short_course", name={"fi": "Kurssi"}, providers=(),
        ...                    duration_weeks=1, teaches=link)
        >>> work = Programme(id="oppisopimus", kind="apprenticeship", name={"fi": "Oppisopimus"}, providers=(),
        ...                  duration_weeks=4, teaches=link, mode="workplace")
        >>> plans = plan_alternatives([], cook, catalogue=Catalogue.from_records([school, work]), taxonomy=tax)
        >>> [(p.programmes, p.route) for p in plans]
        [(('kurssi',), 'school'), (('oppisopimus',), 'apprenticeship')]
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    request = _prepare(
        profile,
        target,
        catalogue,
        taxonomy,
        objective,
        budget_weeks,
        skill_weights,
        method,
        min_score,
        min_strength,
        time_limit,
        constraints,
    )
    first = _plan(request)
    plans = [first]
    if not first.steps:
        return plans
    item_of = {pos: i for i, pos in enumerate(request.built.items)}
    previous = [[item_of[request.index.position[pid]] for pid in first.programmes]]
    inst = request.built.instance
    # The other route: mostly workplace if the first is mostly school, and vice versa.
    programmes = request.index.programmes
    at_work = [
        programmes[pos].kind in ("apprenticeship", "trial") or programmes[pos].mode == "workplace"
        for pos in request.built.items
    ]
    sign = 1.0 if first.route == "school" else -1.0
    row = {i: sign * (1.0 if at_work[i] else -1.0) * inst.items[i].weeks for i in range(len(inst.items))}
    other = _solve(request, distinct_from=previous, max_shared=max_shared, rows=[(row, 1e-9, math.inf)])
    seen = {first.programmes}
    if other is not None and other.chosen and other.coverage >= _coverage(first, request) - 1e-6:
        plan = to_plan(request, other)
        if plan.programmes not in seen:
            plans.append(plan)
            seen.add(plan.programmes)
            previous.append(list(other.chosen))
    while len(plans) < k:
        sol = _solve(request, distinct_from=previous, max_shared=max_shared)
        if sol is None or not sol.chosen:
            break
        plan = to_plan(request, sol)
        if plan.programmes in seen:
            break
        plans.append(plan)
        seen.add(plan.programmes)
        previous.append(list(sol.chosen))
    return plans[:k]


def rank_targets(
    profile: ProfileLike,
    *,
    catalogue: Catalogue,
    targets: Sequence[str] | None = None,
    taxonomy: Taxonomy | None = None,
    region: str = "MK07",
    objective: Objective = "weeks",
    method: Method = "auto",
    min_score: float = 0.0,
    min_strength: float = 0.0,
    time_limit: float | None = 10.0,
    **constraints: Any,
) -> pd.DataFrame:
    """Target occupations ranked by how reachable they are for a person.

    Ranks the growth-sector occupations of ``region`` (:func:`~osaaminen.paths.growth.growth_targets`)
    or the given ``targets`` by the share of required skills already held (higher first), then the share
    held or taught by the path (higher first: a target whose gap no local programme teaches is not within
    reach, however short its empty path), then the weeks of study of the best path (fewer first), then
    its number of steps.

    Args:
        profile: A :class:`~osaaminen.models.SkillProfile` or skill URIs.
        catalogue: The programmes to choose from.
        taxonomy: The taxonomy (default: the bundled ESCO with the Finnish cards).
        objective: As in :func:`plan_path`.
        method: As in :func:`plan_path`.
        min_score: As in :func:`plan_path`.
        min_strength: As in :func:`plan_path`.
        time_limit: As in :func:`plan_path`.
        **constraints: As in :func:`plan_path`.
        targets: Occupation URIs; default: the growth-sector targets of ``region``.
        region: Region code of the default targets.

    Returns:
        One row per target: ``target``, ``label`` (Finnish), ``required``, ``held``, ``held_share``,
        ``weeks``, ``calendar_weeks``, ``steps``, ``cost_eur``, ``covered``, ``uncovered``,
        ``ready_share`` (held or covered by the path), ``optimal``, ``programmes``, ``status`` (``"ok"``;
        ``"infeasible"`` when the constraints leave no path, path columns empty; ``"no_skills"`` for a target
        without required skills), and for the default targets the growth columns ``sectors`` and
        ``vacancies_per_unemployed``.

    Raises:
        UnknownTargetError: A given target is not an occupation.

    Examples:
        >>> from osaaminen.programmes import Catalogue
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> table = rank_targets([], catalogue=Catalogue.from_records([]), taxonomy=tax)
        >>> len(table) > 20, list(table.columns[:3])
        (True, ['target', 'label', 'required'])
    """
    import pandas as pd

    from osaaminen.paths.growth import growth_targets

    tax = _taxonomy(taxonomy)
    growth = None
    if targets is None:
        growth = growth_targets(region).drop_duplicates("occupation_uri")
        targets = list(growth["occupation_uri"])
    held = held_skills(profile, min_score=min_score)
    rows = []
    for target in targets:
        try:
            plan = plan_path(
                held,
                target,
                catalogue=catalogue,
                taxonomy=tax,
                objective=objective,
                method=method,
                min_strength=min_strength,
                time_limit=time_limit,
                **constraints,
            )
        except EmptyTargetError:
            rows.append({"target": target, "label": label(tax, target, "fi"), "required": 0, "status": "no_skills"})
            continue
        except InfeasiblePathError:
            gap = skill_gap(held, target, taxonomy=tax)
            rows.append(
                {
                    "target": target,
                    "label": label(tax, target, "fi"),
                    "required": len(gap.required),
                    "held": len(gap.held),
                    "held_share": gap.held_share,
                    "status": "infeasible",
                }
            )
            continue
        required = len(plan.required)
        rows.append(
            {
                "status": "ok",
                "target": target,
                "label": label(tax, target, "fi"),
                "required": required,
                "held": len(plan.held),
                "held_share": len(plan.held) / required,
                "weeks": plan.total_weeks,
                "calendar_weeks": plan.calendar_weeks,
                "steps": len(plan.steps),
                "cost_eur": plan.total_cost_eur,
                "covered": len(plan.covered),
                "uncovered": len(plan.uncovered),
                "ready_share": (len(plan.held) + len(plan.covered)) / required,
                "optimal": plan.optimal,
                "programmes": plan.programmes,
            }
        )
    columns = [
        "target",
        "label",
        "required",
        "held",
        "held_share",
        "weeks",
        "calendar_weeks",
        "steps",
        "cost_eur",
        "covered",
        "uncovered",
        "ready_share",
        "optimal",
        "programmes",
        "status",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    if growth is not None:
        extra = growth.set_index("occupation_uri")[["sectors", "vacancies_per_unemployed"]]
        frame = frame.join(extra, on="target")
    frame = frame.sort_values(
        ["held_share", "ready_share", "weeks", "steps"],
        ascending=[False, False, True, True],
        kind="stable",
        na_position="last",
    )
    result: pd.DataFrame = frame.reset_index(drop=True)
    return result


# -- internals ------------------------------------------------------------------------------------------


def _taxonomy(taxonomy: Taxonomy | None) -> Taxonomy:
    if taxonomy is not None:
        return taxonomy
    from osaaminen.taxonomy import load_esco

    return load_esco()


def _prepare(
    profile: ProfileLike,
    target: str,
    catalogue: Catalogue,
    taxonomy: Taxonomy | None,
    objective: Objective,
    budget_weeks: float | None,
    skill_weights: Mapping[str, float] | None,
    method: Method,
    min_score: float,
    min_strength: float,
    time_limit: float | None,
    kwargs: Mapping[str, Any],
) -> Request:
    if method not in ("auto", "exact", "greedy"):
        raise ValueError(f"unknown method {method!r}; use 'auto', 'exact' or 'greedy'")
    constraints = Constraints.from_kwargs(kwargs)
    unknown = sorted(pid for pid in constraints.exclude if pid not in catalogue)
    if unknown:
        raise CatalogueError(f"exclude names programmes not in the catalogue: {unknown}", field="exclude")
    tax = _taxonomy(taxonomy)
    gap = skill_gap(profile, target, taxonomy=tax, min_score=min_score)
    met = satisfied(tax, held_skills(profile, min_score=min_score))
    index = catalogue_index(catalogue, tax, min_strength)
    limit = (
        min(w for w in (budget_weeks, constraints.max_weeks) if w is not None)
        if (budget_weeks is not None or constraints.max_weeks is not None)
        else None
    )
    built = build_instance(index, gap.missing, met, constraints, objective, weights=skill_weights, max_weeks=limit)
    request = Request(
        gap, met, constraints, index, built, tax, objective, method, time_limit, budget_weeks, skill_weights
    )
    _check_constraints(request)
    return request


def _check_constraints(request: Request) -> None:
    """Raise when the constraints alone leave nothing to learn that the catalogue teaches."""
    index = request.index
    missing = request.gap.missing
    taught = [uri for uri in missing if index.by_skill.get(uri)]
    active = request.constraints.active()
    if not taught or not [k for k in request.constraints.active() if k != "max_weeks"]:
        return
    if any(k in request.built.allowed for uri in taught for k in index.by_skill[uri]):
        return
    hints = []
    for name in active:
        if name == "max_weeks":
            continue
        looser = request.constraints.without(name)
        n = sum(1 for uri in taught if any(looser.allows(index.programmes[k]) for k in index.by_skill[uri]))
        if n:
            hints.append(f"{name}={active[name]!r} (without it, programmes teach {n} of them)")
    raise InfeasiblePathError(
        f"no programme that passes the constraints {active} teaches any of the {len(missing)} missing skills, "
        f"though the catalogue teaches {len(taught)} of them; relax "
        + ("; or ".join(hints) if hints else "the constraints"),
        relax=tuple(h.split("=", 1)[0] for h in hints),
    )


def _solve(
    request: Request,
    *,
    distinct_from: Sequence[Sequence[int]] = (),
    max_shared: float = 0.5,
    rows: Sequence[tuple[dict[int, float], float, float]] = (),
) -> Solution | None:
    inst = request.built.instance
    too_big = len(inst.items) > EXACT_LIMIT or (
        sum(len(group) for item in inst.items for group in item.needs) > EXACT_NEEDS_LIMIT
    )
    greedy = request.method == "greedy" or (request.method == "auto" and too_big)
    if greedy:
        if rows:
            return None
        if distinct_from:
            # Greedy alternatives: leave out the longest programme of each earlier path.
            drop = {max(prev, key=lambda i: inst.items[i].weeks) for prev in distinct_from if prev}
            kept = tuple(
                item if i not in drop else type(item)(frozenset(), math.inf, item.weeks, (frozenset(),))
                for i, item in enumerate(inst.items)
            )
            inst = type(inst)(inst.weights, kept, inst.exclusive, inst.max_weeks)
        return solve_greedy(inst)
    return solve_exact(
        inst, distinct_from=distinct_from, max_shared=max_shared, time_limit=request.time_limit, extra_rows=rows
    )


def _coverage(plan: Plan, request: Request) -> float:
    weights = request.built.instance.weights
    pos = {uri: s for s, uri in enumerate(request.built.gap)}
    return sum(weights[pos[uri]] for uri in plan.covered)


def _plan(request: Request) -> Plan:
    sol = _solve(request)
    assert sol is not None
    max_weeks = request.constraints.max_weeks
    if max_weeks is not None and request.budget_weeks is None:
        free = build_instance(
            request.index,
            request.gap.missing,
            request.met,
            request.constraints.without("max_weeks"),
            request.objective,
            weights=request.skill_weights,
        )
        unlimited = _solve(replace(request, built=free))
        assert unlimited is not None
        if unlimited.coverage > sol.coverage + 1e-6:
            raise InfeasiblePathError(
                f"no path within max_weeks={max_weeks:g} covers all the {len(unlimited.covered)} missing skills "
                f"that the catalogue can teach under these constraints; the best full path takes "
                f"{unlimited.weeks:g} weeks of study: raise max_weeks to {math.ceil(unlimited.weeks - 1e-9)}, or "
                f"pass budget_weeks={max_weeks:g} for the path that covers the most within {max_weeks:g} weeks",
                relax=("max_weeks",),
            )
    return to_plan(request, sol)
