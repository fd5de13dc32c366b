"""Designing tailored courses for a cohort (see :mod:`osaaminen.cohort.coverage` for the solvers).

**Who a course unlocks.** A person is unlocked by a course when, for some target occupation, the skills
still missing after the course are at most ``threshold`` of the target's required skills (0: the whole gap
closes). People already within the threshold of some target need no course and are counted apart. Only
targets of which a person already holds ``min_held`` required skills count for them (default 1).

**Length.** Each skill's length is estimated from the catalogue: for every programme that teaches it (or
a narrower skill), the programme's weeks divided by the number of skills it teaches; the skill gets the
median of these. A skill no programme teaches gets the median over all taught skills. A course's
estimated length is the sum over its skills: the time the existing programmes spend on the same content.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import numpy as np

from osaaminen.cohort.coverage import (
    CoverageInstance,
    CoverageSolution,
    Option,
    closes,
    problem_size,
    solve_exact,
    solve_greedy,
)
from osaaminen.cohort.models import CourseDesign, CourseDesigns, ProgrammeOverlap
from osaaminen.cohort.privacy import note

if TYPE_CHECKING:
    from osaaminen.cohort.cohort import Cohort
    from osaaminen.paths.instance import CatalogueIndex

__all__ = ["EXACT_LIMIT", "design_courses", "skill_weeks"]

logger = logging.getLogger(__name__)

EXACT_LIMIT = 30_000
"""``method="auto"`` solves exactly up to this many MILP variables, greedily above."""

_GUARANTEE = {
    "milp": "Exact (MILP, HiGHS): no other {k} course(s) within the limits unlock more people.",
    "milp_limit": "MILP stopped at its time limit: the best designs found, not proven optimal.",
    "greedy": (
        "Greedy: unlocks at least 1 - 1/e (about 63 %) of the people that the best choice of {k} course(s) "
        "among its candidate bundles would; not proven optimal."
    ),
}


def skill_weeks(cohort: Cohort, uris: list[str], *, default_weeks: float | None = None) -> tuple[np.ndarray, float]:
    """Estimated weeks per skill (see the module description) and the default used for untaught skills.

    Examples:
        >>> import osaaminen as osa
        >>> from osaaminen.programmes import Catalogue, Programme, SkillLink
        >>> card = "urn:osaaminen:fi-card:hygieniapassi"
        >>> course = Programme(id="h", kind="short_course", name={"fi": "Hygienia"}, providers=(),
        ...                    duration_weeks=2, teaches=(SkillLink(uri=card),))
        >>> cohort = osa.Cohort([], catalogue=Catalogue.from_records([course]))
        >>> weeks, default = skill_weeks(cohort, [card, "urn:x"])
        >>> weeks.tolist(), default
        ([2.0, 2.0], 2.0)
    """
    index = _index(cohort)
    per_programme = [p.duration_weeks / max(1, len(set(p.skill_uris))) for p in index.programmes]
    estimates: list[float | None] = []
    for uri in uris:
        positions = index.by_skill.get(uri, [])
        estimates.append(float(np.median([per_programme[k] for k in positions])) if positions else None)
    if default_weeks is None:
        every = [float(np.median([per_programme[k] for k in ks])) for ks in index.by_skill.values() if ks]
        default_weeks = float(np.median(every)) if every else 1.0
    return np.array([default_weeks if e is None else e for e in estimates], dtype=float), default_weeks


def design_courses(
    cohort: Cohort,
    *,
    max_weeks: float | None = 12.0,
    n_courses: int = 3,
    threshold: float = 0.0,
    max_skills: int | None = None,
    min_held: int = 1,
    method: Literal["auto", "exact", "greedy"] = "auto",
    time_limit: float | None = 30.0,
    default_weeks: float | None = None,
    lang: str = "fi",
) -> CourseDesigns:
    """Course designs (skill bundles) that unlock the most people: maximum coverage.

    Args:
        cohort: The cohort.
        max_weeks: Longest course in estimated weeks (``None``: no limit; then give ``max_skills``).
        n_courses: How many courses to design; each person takes at most one.
        threshold: Share of a target's required skills that may still be missing after the course.
        max_skills: Most skills in one course.
        min_held: A target counts for a person only when they already hold at least this many of its
            required skills: a tailored course builds on what people know (0: any target, from scratch).
        method: ``"exact"`` (MILP, proven optimal), ``"greedy"`` (``1 - 1/e`` guarantee among its
            candidates) or ``"auto"`` (exact up to :data:`EXACT_LIMIT` variables).
        time_limit: Seconds for the exact solver.
        default_weeks: Weeks of a skill no programme teaches (default: the catalogue median per skill).
        lang: Language of skill and target labels.

    Returns:
        The :class:`~osaaminen.cohort.models.CourseDesigns`.

    Raises:
        ValueError: ``n_courses`` below 1, ``threshold`` outside [0, 1), no limit at all, or an unknown method.

    Examples:
        >>> import osaaminen as osa
        >>> from osaaminen.programmes import Catalogue
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> cook = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
        >>> need = osa.required_skills(tax, cook)
        >>> people = {f"p{i}": need[:-2] for i in range(6)}  # six people two skills short of a cook
        >>> cohort = osa.Cohort(people, taxonomy=tax, targets=[cook], catalogue=Catalogue.from_records([]))
        >>> designs = cohort.design_courses(max_weeks=4, n_courses=1, default_weeks=1.0)
        >>> designs.method, designs.optimal, designs[0].unlocks, len(designs[0].skills)
        ('milp', True, 6, 2)
    """
    if n_courses < 1:
        raise ValueError(f"n_courses must be at least 1, got {n_courses}")
    if not 0.0 <= threshold < 1.0:
        raise ValueError(f"threshold is a share of the required skills in [0, 1), got {threshold}")
    if max_weeks is None and max_skills is None:
        raise ValueError("give max_weeks or max_skills: without a limit one course would teach everything")
    if method not in ("auto", "exact", "greedy"):
        raise ValueError(f"unknown method {method!r}; use 'auto', 'exact' or 'greedy'")
    m = cohort._matrices
    weeks, default = skill_weeks(cohort, m.skills, default_weeks=default_weeks)
    allowance = np.floor(threshold * m.required_counts + 1e-9).astype(int)
    base = CoverageInstance(tuple(weeks.tolist()), (), (), n_courses, max_weeks, max_skills)
    ready = 0
    groups: dict[tuple[Option, ...], list[int]] = {}
    for p in range(len(cohort)):
        missing_counts = m.required_counts - m.held_counts[p]
        if np.any((missing_counts <= allowance) & (m.held_counts[p] >= max(min_held, 1))):
            ready += 1
            continue
        options: list[Option] = []
        for t in range(len(cohort.targets)):
            if m.held_counts[p, t] < min_held:
                continue
            option = Option(frozenset(m.missing(p, t).tolist()), int(allowance[t]))
            if base.fits(base.cheapest(option)):
                options.append(option)
        if options:
            groups.setdefault(tuple(dict.fromkeys(options)), []).append(p)
    keys = list(groups)
    instance = CoverageInstance(
        base.skill_weeks,
        tuple(keys),
        tuple(float(len(groups[g])) for g in keys),
        n_courses,
        max_weeks,
        max_skills,
    )
    size = problem_size(instance)
    exact = method == "exact" or (method == "auto" and size <= EXACT_LIMIT)
    logger.info("course design: %d groups, %d variables, %s", len(keys), size, "exact" if exact else "greedy")
    solution = solve_exact(instance, time_limit=time_limit) if exact else solve_greedy(instance)
    if solution.method == "milp":
        guarantee = _GUARANTEE["milp" if solution.optimal else "milp_limit"].format(k=n_courses)
    else:
        guarantee = _GUARANTEE["greedy"].format(k=n_courses)
    courses, hidden = _courses(cohort, instance, solution, keys, groups, weeks, default, lang)
    people = int(solution.value)
    eligible = sum(len(v) for v in groups.values())
    small = 0 < people < cohort.min_group_size
    return CourseDesigns(
        courses=tuple(courses),
        method="milp" if solution.method == "milp" else "greedy",
        optimal=solution.optimal and solution.method == "milp",
        guarantee=guarantee,
        unlocked=None if small else people,
        eligible=eligible,
        already_ready=ready,
        cohort_size=len(cohort),
        max_weeks=max_weeks,
        n_courses=n_courses,
        threshold=threshold,
        note=note(cohort.min_group_size, hidden + int(small)),
    )


def _courses(
    cohort: Cohort,
    instance: CoverageInstance,
    solution: CoverageSolution,
    keys: list[tuple[Option, ...]],
    groups: Mapping[tuple[Option, ...], list[int]],
    weeks: np.ndarray,
    default: float,
    lang: str,
) -> tuple[list[CourseDesign], int]:
    m = cohort._matrices
    index = _index(cohort)
    taken: set[int] = set()
    courses: list[CourseDesign] = []
    hidden = 0
    for rank, bundle in enumerate(solution.bundles, start=1):
        people: list[int] = []
        per_target: dict[str, int] = {}
        for g, options in enumerate(keys):
            if g in taken:
                continue
            closing = [o for o in options if closes(bundle, o)]
            if not closing:
                continue
            taken.add(g)
            members = groups[options]
            people.extend(members)
            for p in members:
                # The target this person gets closest to with the course.
                t = min(
                    range(len(cohort.targets)),
                    key=lambda t: (
                        len(set(m.missing(p, t).tolist()) - bundle) / m.required_counts[t],
                        t,
                    ),
                )
                name = cohort.label(cohort.targets[t], lang)
                per_target[name] = per_target.get(name, 0) + 1
        order = sorted(bundle, key=lambda s: (-float(weeks[s]), m.skills[s]))
        uris = tuple(m.skills[s] for s in order)
        untaught = tuple(uri for uri in uris if not index.by_skill.get(uri))
        small = len(people) < cohort.min_group_size
        hidden += int(small) + sum(1 for n in per_target.values() if n < cohort.min_group_size)
        total = float(sum(weeks[s] for s in bundle))
        courses.append(
            CourseDesign(
                rank=rank,
                skills=uris,
                skill_labels=tuple(cohort.label(u, lang) for u in uris),
                estimated_weeks=round(total, 1),
                weeks_basis=_basis(len(uris), len(untaught), default, lang),
                untaught=untaught,
                programmes=tuple(_overlaps(cohort, uris, lang)),
                unlocks=None if small else len(people),
                unlocked_ids=() if small else tuple(sorted(cohort.ids[p] for p in people)),
                targets={
                    k: v for k, v in sorted(per_target.items(), key=lambda kv: -kv[1]) if v >= cohort.min_group_size
                }
                if not small
                else {},
                suppressed=small,
            )
        )
    return courses, hidden


def _basis(n: int, untaught: int, default: float, lang: str) -> str:
    if lang == "fi":
        text = (
            f"{n} osaamisen arvioitujen viikkojen summa: kullekin osaamiselle sitä opettavien koulutusten "
            "mediaani (koulutuksen viikot jaettuna sen opettamien osaamisten määrällä)"
        )
        if untaught:
            text += f"; {untaught} osaamista, joita mikään koulutus ei opeta, {default:.1f} viikkoa kukin"
        return text + "."
    text = (
        f"Sum of the estimated weeks of its {n} skills: for each skill, the median over the programmes that "
        "teach it of the programme's weeks divided by the number of skills it teaches"
    )
    if untaught:
        text += f"; {untaught} skills no programme teaches at {default:.1f} weeks each"
    return text + "."


def _overlaps(cohort: Cohort, uris: tuple[str, ...], lang: str, limit: int = 5) -> list[ProgrammeOverlap]:
    index = _index(cohort)
    found: dict[int, list[str]] = {}
    for uri in uris:
        for k in index.by_skill.get(uri, []):
            found.setdefault(k, []).append(uri)
    ranked = sorted(found, key=lambda k: (-len(found[k]), index.programmes[k].duration_weeks, index.programmes[k].id))
    return [
        ProgrammeOverlap(
            programme=index.programmes[k].id,
            name=index.programmes[k].label(lang),
            kind=index.programmes[k].kind,
            weeks=index.programmes[k].duration_weeks,
            skills=tuple(found[k]),
        )
        for k in ranked[:limit]
    ]


def _index(cohort: Cohort) -> CatalogueIndex:
    from osaaminen.paths.instance import catalogue_index

    return catalogue_index(cohort.catalogue, cohort.taxonomy, 0.0)
