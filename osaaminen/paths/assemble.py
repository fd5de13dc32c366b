"""Turning a solver solution into a :class:`~osaaminen.paths.models.Plan`: schedule, credits, reasons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from osaaminen.paths.instance import Built, CatalogueIndex, Constraints, Objective, workplace_weeks
from osaaminen.paths.models import Plan, PlanStep, UncoveredReason
from osaaminen.paths.requirements import SkillGap
from osaaminen.paths.solver import Solution, reachable, schedule

if TYPE_CHECKING:
    from osaaminen.taxonomy import Taxonomy

__all__ = ["Method", "Request", "label", "to_plan"]

Method = Literal["auto", "exact", "greedy"]


@dataclass(frozen=True)
class Request:
    """Everything one planning request needs, prepared once (internal)."""

    gap: SkillGap
    met: frozenset[str]
    constraints: Constraints
    index: CatalogueIndex
    built: Built
    taxonomy: Taxonomy
    objective: Objective
    method: Method
    time_limit: float | None
    budget_weeks: float | None
    skill_weights: Mapping[str, float] | None


def label(taxonomy: Taxonomy, uri: str, lang: str) -> str:
    """A concept's label in ``lang`` when the taxonomy has it loaded, else in its default language."""
    return taxonomy.label(uri, lang if lang in taxonomy.languages else None)


def to_plan(request: Request, sol: Solution) -> Plan:
    """The :class:`Plan` of a solution: scheduled steps, which step teaches which skill, why the rest is not taught.

    Each covered skill is credited to the earliest-ending step that teaches it; a step ``enables`` the
    later steps whose prerequisite it is the first to meet.
    """
    built, inst, tax = request.built, request.built.instance, request.taxonomy
    programmes = request.index.programmes
    times = schedule(inst, sol.chosen)
    order = sorted(sol.chosen, key=lambda i: (times[i][0], times[i][1], programmes[built.items[i]].id))
    starts = sorted({round(times[i][0], 9) for i in order})
    step_of = {start: n + 1 for n, start in enumerate(starts)}
    # Each covered skill is credited to the earliest-ending step that teaches it.
    credit: dict[int, list[str]] = {i: [] for i in order}
    for s, uri in enumerate(built.gap):
        teachers = [i for i in order if s in inst.items[i].covers]
        if teachers:
            credit[min(teachers, key=lambda i: (times[i][1], order.index(i)))].append(uri)
    enables: dict[int, list[str]] = {i: [] for i in order}
    for i in order:
        for group in inst.items[i].needs:
            done = [j for j in group if j in times and j != i and times[j][1] <= times[i][0] + 1e-9]
            if done:
                first = min(done, key=lambda j: (times[j][1], j))
                enables[first].append(programmes[built.items[i]].id)
    steps = []
    for i in order:
        p = programmes[built.items[i]]
        start, end = times[i]
        steps.append(
            PlanStep(
                step=step_of[round(start, 9)],
                programme=p.id,
                name=dict(p.name),
                kind=p.kind,
                providers=tuple(p.providers),
                municipality=p.municipality,
                mode=p.mode,
                covers=tuple(credit[i]),
                enables=tuple(dict.fromkeys(enables[i])),
                start_week=start,
                end_week=end,
                weeks=p.duration_weeks,
                cost_eur=p.cost_eur,
            )
        )
    covered = tuple(uri for s, uri in enumerate(built.gap) if s in sol.covered)
    uncovered = tuple(uri for s, uri in enumerate(built.gap) if s not in sol.covered)
    reasons = _reasons(request, uncovered)
    chosen = [programmes[built.items[i]] for i in order]
    at_work, total = workplace_weeks(chosen)
    langs: list[str] = [lang for lang in ("fi", "en", "sv") if lang in tax.languages]
    mentioned = (*request.gap.required,)
    skill_names = {uri: {lang: label(tax, uri, lang) for lang in langs} for uri in mentioned}
    return Plan(
        target=request.gap.target,
        target_name={lang: label(tax, request.gap.target, lang) for lang in langs},
        objective=request.objective if isinstance(request.objective, str) else str(dict(request.objective)),
        steps=tuple(steps),
        required=request.gap.required,
        held=request.gap.held,
        covered=covered,
        uncovered=uncovered,
        uncovered_reasons=reasons,
        total_weeks=float(sum(p.duration_weeks for p in chosen)),
        calendar_weeks=float(max((t[1] for t in times.values()), default=0.0)),
        total_cost_eur=float(sum(p.cost_eur for p in chosen)),
        optimal=sol.optimal,
        method=sol.method,
        route="none" if not chosen else ("apprenticeship" if at_work > total / 2 else "school"),
        skill_names=skill_names,
        constraints={
            **request.constraints.active(),
            **({"budget_weeks": request.budget_weeks} if request.budget_weeks is not None else {}),
        },
    )


def _reasons(request: Request, uncovered: Sequence[str]) -> dict[str, UncoveredReason]:
    index, built = request.index, request.built
    usable = {built.items[i] for i in reachable(replace(built.instance, max_weeks=None))}
    reasons: dict[str, UncoveredReason] = {}
    for uri in uncovered:
        teachers = index.by_skill.get(uri, [])
        if not teachers:
            reasons[uri] = "not_offered"
        elif not any(k in built.allowed for k in teachers):
            reasons[uri] = "constraints"
        elif not any(k in usable for k in teachers):
            reasons[uri] = "prerequisites"
        elif built.instance.max_weeks is not None:
            reasons[uri] = "budget"
        else:
            reasons[uri] = "exclusions"
    return reasons
