"""Training paths: from what a person can do to a target occupation through local programmes.

:func:`plan_path` finds the best path (exact: a mixed-integer programme over the programmes, proven
optimal), :func:`plan_alternatives` distinct good ones (a school route and an apprenticeship route),
:func:`rank_targets` ranks target occupations by reachability, :func:`growth_targets` lists the
growth-sector occupations of a region. The rules (required skills, broader and narrower skills,
prerequisites, containment) are in :mod:`osaaminen.paths.requirements` and :mod:`osaaminen.paths.instance`;
the solvers in :mod:`osaaminen.paths.solver`.
"""

from __future__ import annotations

from osaaminen.exceptions import EmptyTargetError, InfeasiblePathError, UnknownTargetError
from osaaminen.paths.growth import GROWTH_SECTORS, REGIONS, growth_targets
from osaaminen.paths.models import Plan, PlanStep, UncoveredReason
from osaaminen.paths.planner import plan_alternatives, plan_path, rank_targets
from osaaminen.paths.requirements import SkillGap, required_skills, skill_gap

__all__ = [
    "GROWTH_SECTORS",
    "REGIONS",
    "EmptyTargetError",
    "InfeasiblePathError",
    "Plan",
    "PlanStep",
    "SkillGap",
    "UncoveredReason",
    "UnknownTargetError",
    "growth_targets",
    "plan_alternatives",
    "plan_path",
    "rank_targets",
    "required_skills",
    "skill_gap",
]
