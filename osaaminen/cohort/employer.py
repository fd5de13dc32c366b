"""Programme demand of a cohort, and the employer side: who is closest to a need.

**Recommended path.** Each person's recommended path is the best path (:func:`osaaminen.plan_path`,
fewest weeks) to their nearest target (:meth:`~osaaminen.cohort.Cohort.person_targets`); people with no
nearest target (none of any target's required skills held) have none. People with the same held skills
and nearest target share one computed path.

**Candidates.** For an employer's need (an ESCO occupation URI, or a job-ad text recognised into the
skills it asks for) people are ranked by the number of required skills they lack, then by the weeks of
study of the shortest path that teaches what the catalogue can of the rest.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal

from osaaminen.cohort.cohort import CohortError
from osaaminen.cohort.privacy import suppress
from osaaminen.exceptions import UnknownTargetError

if TYPE_CHECKING:
    import pandas as pd

    from osaaminen.cohort.cohort import Cohort
    from osaaminen.recognition import SkillRecogniser

__all__ = ["candidates_for", "programme_demand"]

logger = logging.getLogger(__name__)

Method = Literal["auto", "exact", "greedy"]


def programme_demand(
    cohort: Cohort, *, method: Method = "auto", time_limit: float | None = 5.0, lang: str = "fi"
) -> pd.DataFrame:
    """For each catalogue programme, how many people's recommended paths use it.

    Args:
        cohort: The cohort.
        method: Path solver, as in :func:`osaaminen.plan_path`.
        time_limit: Seconds per exact path.
        lang: Language of names.

    Returns:
        ``programme``, ``name``, ``kind``, ``weeks``, ``people``, ``share`` (of the cohort),
        ``suppressed``: most people first; programmes no path uses are left out.

    Examples:
        >>> import osaaminen as osa
        >>> from osaaminen.programmes import Catalogue, Programme, SkillLink
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> cook = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
        >>> card = "urn:osaaminen:fi-card:hygieniapassi"
        >>> course = Programme(id="hyg", kind="short_course", name={"fi": "Hygieniapassi"}, providers=(),
        ...                    duration_weeks=1, teaches=(SkillLink(uri=card),))
        >>> people = [osa.required_skills(tax, cook)[:1]] * 5
        >>> cohort = osa.Cohort(people, taxonomy=tax, targets=[cook], catalogue=Catalogue.from_records([course]))
        >>> programme_demand(cohort)[["programme", "people"]].values.tolist()
        [['hyg', 5]]
    """
    import pandas as pd

    from osaaminen.paths import plan_path

    nearest = cohort._matrices.nearest
    cache: dict[tuple[int, frozenset[str]], tuple[str, ...]] = {}
    counts: dict[str, int] = {}
    for p, held in enumerate(cohort.held):
        if nearest[p] < 0:  # no target within reach: no recommended path
            continue
        key = (int(nearest[p]), held)
        if key not in cache:
            plan = plan_path(
                sorted(held),
                cohort.targets[key[0]],
                catalogue=cohort.catalogue,
                taxonomy=cohort.taxonomy,
                method=method,
                time_limit=time_limit,
            )
            cache[key] = plan.programmes
        for pid in cache[key]:
            counts[pid] = counts.get(pid, 0) + 1
    logger.info("programme demand: %d paths for %d people", len(cache), len(cohort))
    catalogue = cohort.catalogue
    rows = [
        {
            "programme": pid,
            "name": catalogue[pid].label(lang),
            "kind": catalogue[pid].kind,
            "weeks": catalogue[pid].duration_weeks,
            "people": n,
            "share": n / max(1, len(cohort)),
        }
        for pid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    frame = pd.DataFrame(rows, columns=["programme", "name", "kind", "weeks", "people", "share"])
    out = suppress(frame, "people", cohort.min_group_size, derived=["share"])
    result: pd.DataFrame = out.sort_values("suppressed", kind="stable").reset_index(drop=True)
    return result


def candidates_for(
    cohort: Cohort,
    need: str,
    *,
    top: int = 20,
    recogniser: SkillRecogniser | None = None,
    method: Method = "auto",
    time_limit: float | None = 5.0,
) -> pd.DataFrame:
    """The people closest to an employer's need, by pseudonymous id.

    Args:
        cohort: The cohort.
        need: An ESCO occupation URI, or the text of a job ad (recognised into the skills it asks for).
        top: How many people.
        recogniser: Recognises a text need (default: the cohort's recogniser).
        method: Path solver, as in :func:`osaaminen.plan_path`.
        time_limit: Seconds per exact path.

    Returns:
        ``id``, ``required``, ``held``, ``missing``, ``held_share``, ``path_weeks`` (weeks of study of the
        shortest path), ``path_programmes``, ``uncovered`` (missing skills no local programme teaches),
        ``missing_skills`` (URIs): fewest missing first, then the shortest path. ``attrs["need"]`` is the
        occupation URI, or ``"text"`` for a job ad (the text itself is not kept).

    Raises:
        UnknownTargetError: ``need`` is a URI that is not an occupation of the taxonomy.
        CohortError: A text need without a recogniser, or one in which no skill is recognised.

    Examples:
        >>> import osaaminen as osa
        >>> from osaaminen.programmes import Catalogue
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> cook = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
        >>> need = osa.required_skills(tax, cook)
        >>> cohort = osa.Cohort({"a": need[:3], "b": need[:10], "c": []}, taxonomy=tax,
        ...                     catalogue=Catalogue.from_records([]))
        >>> candidates_for(cohort, cook, top=2)["id"].tolist()
        ['b', 'a']
    """
    import pandas as pd

    required = _required(cohort, need, recogniser)
    from osaaminen.paths.requirements import satisfied

    tax = cohort.taxonomy
    rows: list[dict[str, Any]] = []
    for id_, held in zip(cohort.ids, cohort.held, strict=True):
        met = satisfied(tax, held)
        missing = tuple(uri for uri in required if uri not in met)
        rows.append({"id": id_, "held_skills": held, "missing_skills": missing})
    frame = pd.DataFrame(rows)
    frame["required"] = len(required)
    frame["missing"] = frame["missing_skills"].map(len)
    frame["held"] = frame["required"] - frame["missing"]
    frame["held_share"] = frame["held"] / frame["required"]
    frame = frame.sort_values(["missing", "id"], kind="stable")
    # Paths only for the people who can still make the top: everyone within the top's largest gap.
    cutoff = frame["missing"].iloc[min(top, len(frame)) - 1] if len(frame) else 0
    shortlist = frame[frame["missing"] <= cutoff].copy()
    cache: dict[frozenset[str], tuple[float, tuple[str, ...], int]] = {}
    paths = []
    for held, missing in zip(shortlist["held_skills"], shortlist["missing_skills"], strict=True):
        if held not in cache:
            cache[held] = _path(cohort, held, list(missing), method, time_limit)
        paths.append(cache[held])
    shortlist["path_weeks"] = [w for w, _, _ in paths]
    shortlist["path_programmes"] = [p for _, p, _ in paths]
    shortlist["uncovered"] = [u for _, _, u in paths]
    shortlist = shortlist.sort_values(["missing", "path_weeks", "id"], kind="stable").head(top)
    columns = ["id", "required", "held", "missing", "held_share", "path_weeks", "path_programmes", "uncovered"]
    out: pd.DataFrame = shortlist[[*columns, "missing_skills"]].reset_index(drop=True)
    out.attrs["need"] = need if need in tax else "text"
    return out


def _required(cohort: Cohort, need: str, recogniser: SkillRecogniser | None) -> list[str]:
    from osaaminen.paths import required_skills

    tax = cohort.taxonomy
    stripped = need.strip()
    if stripped.startswith(("http://", "https://", "urn:")) and " " not in stripped:
        if stripped not in tax or tax.kind(stripped) != "occupation":
            raise UnknownTargetError(stripped, hint="give an ESCO occupation URI of the taxonomy, or a job-ad text")
        return required_skills(tax, stripped)
    rec = recogniser or cohort.recogniser
    if rec is None:
        raise CohortError(
            "a job-ad text needs a recogniser: pass recogniser=osa.SkillRecogniser(tax), or build the cohort "
            "with Cohort.from_frame, or give an occupation URI"
        )
    profile = rec.recognise(need)
    skills = [m.uri for m in profile.skills if m.score >= cohort.min_score]
    if not skills:
        raise CohortError("no skill was recognised in the job ad; write out the tasks and requirements, or give a URI")
    return list(dict.fromkeys(skills))


def _path(
    cohort: Cohort, held: frozenset[str], missing: list[str], method: Method, time_limit: float | None
) -> tuple[float, tuple[str, ...], int]:
    """Weeks, programme ids and the number of skills left uncovered, of the shortest path for ``missing``."""
    from osaaminen.paths.greedy import solve_greedy
    from osaaminen.paths.instance import Constraints, build_instance, catalogue_index
    from osaaminen.paths.planner import EXACT_LIMIT
    from osaaminen.paths.requirements import satisfied
    from osaaminen.paths.solver import solve_exact

    if not missing:
        return 0.0, (), 0
    index = catalogue_index(cohort.catalogue, cohort.taxonomy, 0.0)
    built = build_instance(index, missing, satisfied(cohort.taxonomy, held), Constraints(), "weeks")
    inst = built.instance
    greedy = method == "greedy" or (method == "auto" and len(inst.items) > EXACT_LIMIT)
    sol = solve_greedy(inst) if greedy else solve_exact(inst, time_limit=time_limit)
    programmes = tuple(index.programmes[built.items[i]].id for i in sol.chosen)
    return float(sol.weeks), programmes, len(missing) - len(sol.covered)
