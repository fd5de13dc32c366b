"""The :class:`Plan` record: a training path with its steps, coverage and a plain-language explanation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Plan", "PlanStep", "UncoveredReason"]

UncoveredReason = Literal["not_offered", "constraints", "prerequisites", "exclusions", "budget"]
"""Why a missing skill is not in the path: no local programme teaches it (``not_offered``: learned on the
job), only programmes outside the constraints do (``constraints``), the programmes that teach it need
prerequisites the person cannot get (``prerequisites``), they cannot be combined with the rest of the
path (``exclusions``), or they do not fit in the time limit (``budget``)."""

_FROZEN = ConfigDict(frozen=True, extra="forbid")

_REASONS: dict[str, dict[str, str]] = {
    "fi": {
        "not_offered": "opitaan työssä \u2013 ei tarjolla paikallisesti",
        "constraints": "tarjolla paikallisesti, mutta ei valituilla rajauksilla",
        "prerequisites": "tarjolla, mutta koulutusten esitietoja ei voi täyttää",
        "exclusions": "ei yhdistettävissä polun muihin koulutuksiin",
        "budget": "ei mahdu aikarajaan",
    },
    "en": {
        "not_offered": "learned on the job \u2013 not offered locally",
        "constraints": "offered locally, but not under the chosen constraints",
        "prerequisites": "offered, but the programmes need prerequisites that cannot be met",
        "exclusions": "cannot be combined with the other programmes of the path",
        "budget": "does not fit in the time limit",
    },
}

KIND_NAMES: dict[str, dict[str, str]] = {
    "fi": {
        "full_qualification": "tutkinto",
        "partial_qualification": "osatutkinto",
        "qualification_unit": "tutkinnon osa",
        "apprenticeship": "oppisopimus",
        "short_course": "lyhytkoulutus",
        "trial": "työ- tai koulutuskokeilu",
    },
    "en": {
        "full_qualification": "full qualification",
        "partial_qualification": "partial qualification",
        "qualification_unit": "qualification unit",
        "apprenticeship": "apprenticeship",
        "short_course": "short course",
        "trial": "work or training trial",
    },
}


class PlanStep(BaseModel):
    """One programme of a path, scheduled.

    Attributes:
        step: The step number (1, 2, ...); programmes of the same step can run in parallel.
        programme: The programme id.
        name: The programme's name per language.
        kind: The programme kind (``full_qualification``, ``apprenticeship``, ...).
        providers: Provider ids.
        municipality: Where it is taught (``None``: online or anywhere).
        mode: ``contact``, ``online``, ``blended`` or ``workplace``.
        covers: Missing skills of the target that this step teaches (first teaching step only).
        enables: Ids of later programmes whose prerequisites this step provides.
        start_week: Week the step starts, counted from 0.
        end_week: Week it ends.
        weeks: Its duration.
        cost_eur: Its cost to the learner.
    """

    model_config = _FROZEN

    step: int = Field(ge=1)
    programme: str
    name: dict[str, str]
    kind: str
    providers: tuple[str, ...] = ()
    municipality: str | None = None
    mode: str = "contact"
    covers: tuple[str, ...] = ()
    enables: tuple[str, ...] = ()
    start_week: float = Field(ge=0.0)
    end_week: float = Field(ge=0.0)
    weeks: float = Field(ge=0.0)
    cost_eur: float = Field(default=0.0, ge=0.0)

    def label(self, lang: str = "fi") -> str:
        """The programme name in ``lang``, else Finnish, else English, else the id."""
        for code in (lang, "fi", "en", *self.name):
            if self.name.get(code):
                return self.name[code]
        return self.programme


class Plan(BaseModel):
    """A training path towards a target occupation.

    Attributes:
        target: The target occupation URI.
        target_name: Its name per language.
        objective: What the solver minimised (``weeks``, ``cost``, ``steps`` or a weighted mix).
        steps: The programmes in order, with start and end weeks.
        required: Every required skill of the target.
        held: Required skills the person already has.
        covered: Missing skills the path teaches.
        uncovered: Missing skills it does not (see :attr:`uncovered_reasons`): never silently dropped.
        uncovered_reasons: Why each uncovered skill is not taught (see :data:`UncoveredReason`).
        total_weeks: Weeks of study in all: the sum of the programmes' durations (what ``objective="weeks"``
            minimises and ``max_weeks`` bounds).
        calendar_weeks: Weeks from the start of the first step to the end of the last, with parallel steps.
        total_cost_eur: Cost to the learner.
        optimal: ``True`` when the solver proved the path best for the objective (exact solver);
            ``False`` for greedy paths and time-limited ones.
        method: ``"milp"`` (exact) or ``"greedy"``.
        route: ``"apprenticeship"`` when most study weeks are at a workplace (apprenticeship, trial or
            workplace mode), ``"school"`` when most are not, ``"none"`` for an empty path.
        skill_names: Names of the skills mentioned, per language.
        constraints: The constraints the path was planned under.

    Examples:
        >>> plan = Plan(target="t", target_name={"fi": "kokki", "en": "cook"}, objective="weeks",
        ...             required=("s",), uncovered=("s",), uncovered_reasons={"s": "not_offered"},
        ...             skill_names={"s": {"fi": "ruoanlaitto", "en": "cooking"}})
        >>> print(plan.explain("en"))
        Goal: cook. You already have 0 of the 1 skills it requires.
        No training is needed or available here: the path is empty.
        Not covered by the path (1):
          - cooking: learned on the job \u2013 not offered locally
    """

    model_config = _FROZEN

    target: str
    target_name: dict[str, str] = Field(default_factory=dict)
    objective: str = "weeks"
    steps: tuple[PlanStep, ...] = ()
    required: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    covered: tuple[str, ...] = ()
    uncovered: tuple[str, ...] = ()
    uncovered_reasons: dict[str, UncoveredReason] = Field(default_factory=dict)
    total_weeks: float = 0.0
    calendar_weeks: float = 0.0
    total_cost_eur: float = 0.0
    optimal: bool = True
    method: str = "milp"
    route: Literal["school", "apprenticeship", "none"] = "none"
    skill_names: dict[str, dict[str, str]] = Field(default_factory=dict)
    constraints: dict[str, Any] = Field(default_factory=dict)

    @property
    def programmes(self) -> tuple[str, ...]:
        """The programme ids in step order."""
        return tuple(step.programme for step in self.steps)

    def skill_label(self, uri: str, lang: str = "fi") -> str:
        """A skill's name in ``lang`` (else English, else any), else its URI."""
        names = self.skill_names.get(uri, {})
        for code in (lang, "en", *names):
            if names.get(code):
                return names[code]
        return uri

    def to_frame(self) -> pd.DataFrame:
        """One row per step: step, programme, name_fi, kind, start_week, end_week, weeks, cost_eur, covers."""
        import pandas as pd

        rows = [
            {
                "step": s.step,
                "programme": s.programme,
                "name_fi": s.label("fi"),
                "kind": s.kind,
                "start_week": s.start_week,
                "end_week": s.end_week,
                "weeks": s.weeks,
                "cost_eur": s.cost_eur,
                "covers": s.covers,
            }
            for s in self.steps
        ]
        columns = ["step", "programme", "name_fi", "kind", "start_week", "end_week", "weeks", "cost_eur", "covers"]
        frame: pd.DataFrame = pd.DataFrame(rows, columns=columns)
        return frame

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain data (``model_dump``)."""
        return self.model_dump(mode="json")

    def explain(self, lang: str = "fi", *, max_skills: int = 6) -> str:
        """The path in plain language that a coach can read out, in Finnish (``"fi"``) or English (``"en"``).

        Args:
            lang: ``"fi"`` or ``"en"``.
            max_skills: Skills named per step before "and N more".

        Raises:
            ValueError: Another language.
        """
        if lang not in _REASONS:
            raise ValueError(f"explanations are written in Finnish ('fi') and English ('en'), not {lang!r}")
        fi = lang == "fi"
        goal = self.target_name.get(lang) or self.target_name.get("en") or self.target
        lines = [
            f"Tavoite: {goal}. Sinulla on jo {len(self.held)}/{len(self.required)} ammatissa vaadittavasta osaamisesta."
            if fi
            else f"Goal: {goal}. You already have {len(self.held)} of the {len(self.required)} skills it requires."
        ]
        if not self.steps:
            lines.append(
                "Koulutusta ei tarvita tai sitä ei ole tarjolla: polku on tyhjä."
                if fi
                else "No training is needed or available here: the path is empty."
            )
        else:
            n = len(self.steps)
            weeks, calendar, cost = _num(self.total_weeks), _num(self.calendar_weeks), _num(self.total_cost_eur)
            quality = (
                ("Tämä on todistetusti paras polku valitulla tavoitteella." if self.optimal else "Polku on arvio.")
                if fi
                else (
                    "This path is proven best for the chosen objective." if self.optimal else "The path is an estimate."
                )
            )
            parallel = self.calendar_weeks < self.total_weeks - 1e-9
            if fi:
                span = f" (rinnakkain suoritettuna {calendar} viikkoa)" if parallel else ""
                lines.append(
                    f"Polussa on {n} koulutusta, yhteensä {weeks} opiskeluviikkoa{span}, hinta {cost} €. {quality}"
                )
            else:
                span = f" ({calendar} weeks with parallel steps)" if parallel else ""
                lines.append(
                    f"The path has {n} programmes, {weeks} weeks of study in all{span}, costing €{cost}. {quality}"
                )
            names = {s.programme: s.label(lang) for s in self.steps}
            weeks_word = "viikot" if fi else "weeks"
            for number in sorted({s.step for s in self.steps}):
                group = [s for s in self.steps if s.step == number]
                first, last = min(s.start_week for s in group), max(s.end_week for s in group)
                together = (", rinnakkain" if fi else ", in parallel") if len(group) > 1 else ""
                step_word = "Vaihe" if fi else "Step"
                lines.append(f"{step_word} {number} ({weeks_word} {_num(first)}\u2013{_num(last)}{together}):")
                lines.extend(self._step_line(s, lang, names, max_skills) for s in group)
        if self.uncovered:
            lines.append(
                f"Polku ei kata ({len(self.uncovered)}):" if fi else f"Not covered by the path ({len(self.uncovered)}):"
            )
            for uri in self.uncovered:
                reason = _REASONS[lang][self.uncovered_reasons.get(uri, "not_offered")]
                lines.append(f"  - {self.skill_label(uri, lang)}: {reason}")
        return "\n".join(lines)

    def _step_line(self, s: PlanStep, lang: str, names: dict[str, str], max_skills: int) -> str:
        fi = lang == "fi"
        kind = KIND_NAMES[lang].get(s.kind, s.kind)
        where = f", {s.municipality}" if s.municipality else ""
        weeks_word = "viikot" if fi else "weeks"
        parts = [f"  - {s.label(lang)} ({kind}{where}; {weeks_word} {_num(s.start_week)}\u2013{_num(s.end_week)})."]
        if s.covers:
            skills = self._list(s.covers, lang, max_skills)
            parts.append(f"Opit: {skills}." if fi else f"You learn: {skills}.")
        if s.enables:
            later = ", ".join(names.get(p, p) for p in s.enables)
            parts.append(f"Esitieto koulutukselle: {later}." if fi else f"Needed before: {later}.")
        return " ".join(parts)

    def _list(self, uris: tuple[str, ...], lang: str, limit: int) -> str:
        shown = [self.skill_label(uri, lang) for uri in uris[:limit]]
        more = len(uris) - len(shown)
        text = ", ".join(shown)
        if more:
            text += f" ja {more} muuta" if lang == "fi" else f" and {more} more"
        return text


def _num(value: float) -> str:
    """A week or euro figure without a needless decimal: 12, 0.4, 1 250."""
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}".replace(",", " ")
    return f"{value:,.1f}".replace(",", " ")
