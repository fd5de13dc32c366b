"""Pydantic records of cohort outputs: course designs and the programmes that teach parts of them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CourseDesign", "CourseDesigns", "ProgrammeOverlap"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class ProgrammeOverlap(BaseModel):
    """An existing catalogue programme that already teaches part of a designed course.

    Attributes:
        programme: The programme id.
        name: Its Finnish name.
        kind: Its kind (``qualification_unit``, ``short_course``, ...).
        weeks: Its duration.
        skills: The course's skills it teaches.
    """

    model_config = _FROZEN

    programme: str
    name: str
    kind: str
    weeks: float
    skills: tuple[str, ...]


class CourseDesign(BaseModel):
    """A tailored course: a skill bundle and the people it would unlock.

    Attributes:
        rank: 1 for the course that unlocks the most people.
        skills: Skill URIs of the course.
        skill_labels: Their Finnish labels, in the same order.
        estimated_weeks: Estimated length (see ``weeks_basis``).
        weeks_basis: How the length was estimated, in words.
        untaught: Skills that no catalogue programme teaches (their weeks are a default estimate).
        programmes: Existing programmes that teach parts of it, most skills first.
        unlocks: People it unlocks (whose gap to some target closes, or falls under the threshold);
            ``None`` when fewer than the privacy minimum.
        unlocked_ids: Their pseudonymous ids; empty when suppressed.
        targets: People unlocked per target occupation (Finnish label -> count); small cells left out.
        suppressed: Whether ``unlocks`` is hidden by the privacy minimum.
    """

    model_config = _FROZEN

    rank: int = Field(ge=1)
    skills: tuple[str, ...]
    skill_labels: tuple[str, ...]
    estimated_weeks: float = Field(ge=0.0)
    weeks_basis: str
    untaught: tuple[str, ...] = ()
    programmes: tuple[ProgrammeOverlap, ...] = ()
    unlocks: int | None = None
    unlocked_ids: tuple[str, ...] = ()
    targets: dict[str, int] = Field(default_factory=dict)
    suppressed: bool = False


class CourseDesigns(BaseModel):
    """The result of :meth:`osaaminen.cohort.Cohort.design_courses`.

    Attributes:
        courses: The designs, most people first.
        method: ``"milp"`` (exact) or ``"greedy"``.
        optimal: ``True`` only when the exact solver proved that no other ``n_courses`` bundles within the
            limits unlock more people. Greedy designs never claim it.
        guarantee: What is known about the quality, in words.
        unlocked: People unlocked by any course (``None`` when suppressed).
        eligible: People a course within the limits could unlock at all.
        already_ready: People whose gap to some target is already within the threshold.
        cohort_size: People in the cohort.
        max_weeks: The length limit.
        n_courses: Courses asked for.
        threshold: Share of a target's required skills that may still be missing.
        note: The privacy note.
    """

    model_config = _FROZEN

    courses: tuple[CourseDesign, ...]
    method: Literal["milp", "greedy"]
    optimal: bool
    guarantee: str
    unlocked: int | None
    eligible: int
    already_ready: int
    cohort_size: int
    max_weeks: float | None
    n_courses: int
    threshold: float
    note: str

    def __len__(self) -> int:
        return len(self.courses)

    def __iter__(self) -> Iterator[CourseDesign]:  # type: ignore[override]
        return iter(self.courses)

    def __getitem__(self, index: int) -> CourseDesign:
        return self.courses[index]

    def to_frame(self) -> pd.DataFrame:
        """One row per course: rank, estimated_weeks, n_skills, skills (labels), unlocks, suppressed, programmes."""
        import pandas as pd

        rows: list[dict[str, Any]] = [
            {
                "rank": c.rank,
                "estimated_weeks": c.estimated_weeks,
                "n_skills": len(c.skills),
                "skills": ", ".join(c.skill_labels),
                "unlocks": c.unlocks,
                "suppressed": c.suppressed,
                "programmes": ", ".join(p.programme for p in c.programmes),
            }
            for c in self.courses
        ]
        columns = ["rank", "estimated_weeks", "n_skills", "skills", "unlocks", "suppressed", "programmes"]
        frame: pd.DataFrame = pd.DataFrame(rows, columns=columns)
        frame["unlocks"] = frame["unlocks"].astype("Int64")
        frame.attrs["note"] = self.note
        return frame
