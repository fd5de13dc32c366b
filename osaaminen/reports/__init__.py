"""Reports for people: the coach report for one job seeker (and the cohort report for planners).

:class:`CoachReport` turns a recognised profile, its training paths and the ranked targets into one
self-contained HTML page (``.save()``), a notebook display and plain data (``.to_dict()``). The building
blocks are shared by every report: :mod:`osaaminen.reports.html` (page shell, CSS, escaping),
:mod:`osaaminen.reports.charts` (inline SVG charts) and :mod:`osaaminen.reports.i18n` (Finnish and
English interface text).
"""

from __future__ import annotations

from osaaminen.reports.coach import CoachReport

__all__ = ["CoachReport"]
