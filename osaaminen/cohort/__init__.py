"""Cohort planning: skill prevalence, gaps and clusters of a group, course designs, employer matches.

:class:`Cohort` takes many skill profiles (or a table of texts and a recogniser) and answers an
educational institution's or employment office's questions: what these people know, which growth-sector
jobs are close, which tailored course would move the most of them into work
(:meth:`Cohort.design_courses`, a maximum-coverage problem), which programmes their paths use
(:meth:`Cohort.programme_demand`) and who is closest to an employer's need (:meth:`Cohort.candidates_for`).
Aggregated outputs never show a group smaller than ``min_group_size``; texts never appear in any output.
:func:`recognise_dask` runs batch recognition on a Dask cluster for cohorts beyond one machine.
"""

from __future__ import annotations

from osaaminen.cohort.cohort import Cohort, CohortError
from osaaminen.cohort.models import CourseDesign, CourseDesigns, ProgrammeOverlap
from osaaminen.cohort.privacy import DEFAULT_MIN_GROUP_SIZE
from osaaminen.cohort.scale import MissingDependencyError, recognise_dask

__all__ = [
    "DEFAULT_MIN_GROUP_SIZE",
    "Cohort",
    "CohortError",
    "CourseDesign",
    "CourseDesigns",
    "MissingDependencyError",
    "ProgrammeOverlap",
    "recognise_dask",
]
