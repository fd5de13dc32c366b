"""The coach report: one person's skills with evidence, reachable growth-sector jobs and the training path.

:class:`CoachReport` gathers a recognised :class:`~osaaminen.models.SkillProfile`, the paths from
:func:`~osaaminen.paths.plan_alternatives` (or :func:`~osaaminen.paths.plan_path`) and the ranked targets
from :func:`~osaaminen.paths.rank_targets` into plain data (:meth:`CoachReport.to_dict`), which
:mod:`osaaminen.reports.coach_html` renders as one self-contained HTML page.
"""

from __future__ import annotations

import copy
import datetime
import math
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osaaminen.reports.i18n import LANGUAGES, Translator, group_label, translator

if TYPE_CHECKING:
    import pandas as pd

    from osaaminen.models import SkillProfile
    from osaaminen.paths import Plan
    from osaaminen.programmes import Catalogue
    from osaaminen.taxonomy import Taxonomy

__all__ = ["CoachReport"]

_TOP_GROUP = re.compile(r"^[STL]\d$")
_ISCED_FIELD = re.compile(r"^http://data\.europa\.eu/esco/isced-f/(\d\d)$")


class CoachReport:
    """A report for an employment coach about one job seeker, in Finnish or English.

    The report shows the recognised skills grouped by ESCO skill group with their evidence highlighted
    in the original text, the past occupations, the growth-sector occupations ranked by reachability,
    the recommended path as a timeline, the gap chart (required skills held, learned on the path, or
    not covered), the alternative paths, and what is not offered locally.

    Building the report does no work: the content is gathered on first use (:meth:`to_dict`,
    :meth:`to_html`, :meth:`save`, or display in a notebook).

    Args:
        profile: The recognised profile of the person.
        plans: The recommended path first, then alternatives (as from :func:`~osaaminen.paths.plan_alternatives`);
            one :class:`~osaaminen.paths.Plan` or none (``[]``) also work.
        targets: Ranked target occupations from :func:`~osaaminen.paths.rank_targets`.
        language: ``"fi"`` or ``"en"``: the interface and the concept names.
        text: The text the profile was recognised from, to show with the evidence highlighted. It appears
            in the HTML (which then holds personal data) but never in :meth:`to_dict`.
        taxonomy: For skill groups and names (default: the bundled ESCO).
        catalogue: For provider names (default: provider ids are shown).
        max_targets: How many targets to show.
        title: The page title (default: a title in ``language``).

    Raises:
        ValueError: An unsupported language (at once); a ``text`` that does not match the profile's
            evidence (when the content is gathered).

    Examples:
        >>> import osaaminen as osa
        >>> from osaaminen.models import SkillProfile
        >>> report = CoachReport(SkillProfile(language="fi"), [], language="en")
        >>> report.to_dict()["plan"] is None
        True
        >>> "<svg" in report.to_html() or "Recognised skills" in report.to_html()
        True
    """

    def __init__(
        self,
        profile: SkillProfile,
        plans: Plan | Sequence[Plan] = (),
        targets: pd.DataFrame | None = None,
        language: str = "fi",
        *,
        text: str | None = None,
        taxonomy: Taxonomy | None = None,
        catalogue: Catalogue | None = None,
        max_targets: int = 8,
        title: str | None = None,
    ) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"reports are written in {list(LANGUAGES)}, not {language!r}")
        from osaaminen.paths import Plan

        self.profile = profile
        self.plans: tuple[Plan, ...] = (plans,) if isinstance(plans, Plan) else tuple(plans)
        self.targets = targets
        self.language = language
        self.text = text
        self.taxonomy = taxonomy
        self.catalogue = catalogue
        self.max_targets = max_targets
        self.title = title

    def __repr__(self) -> str:
        return (
            f"<CoachReport ({self.language}): {len(self.profile.skills)} skills, "
            f"{len(self.profile.occupations)} occupations, {len(self.plans)} plans>"
        )

    # -- outputs ------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The report's content as JSON-serialisable plain data (no original text, only evidence spans).

        Keys: ``language``, ``title``, ``generated`` (ISO date), ``version``, ``summary``, ``skill_groups``
        (``group``, ``label``, ``skills``), ``inferred_skills``, ``occupations``, ``targets``, ``plan``
        and ``alternatives`` (:meth:`~osaaminen.paths.Plan.to_dict`), ``gap`` (``target``, ``held``,
        ``covered``, ``uncovered``: lists of ``{uri, label}``) and ``not_offered_locally``. A fresh copy
        each time: changing it changes nothing in the report.
        """
        return copy.deepcopy(self._content)

    def to_html(self, *, standalone: bool = True) -> str:
        """The whole report as one self-contained HTML document (inline CSS and SVG, no scripts).

        Args:
            standalone: ``False`` gives one ``<div>`` with scoped styles, to embed in another page.
        """
        from osaaminen.reports.coach_html import render_coach

        return str(
            render_coach(
                self._content,
                self.plans,
                self._t,
                text=self.text,
                providers=self._provider_names,
                standalone=standalone,
            )
        )

    def save(self, path: str | Path) -> Path:
        """Write the HTML report to ``path`` (UTF-8); returns the path.

        Raises:
            OSError: The file cannot be written.
        """
        target = Path(path)
        target.write_text(self.to_html(), encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        """The report shown inline in a Jupyter notebook (styles scoped to the report)."""
        return self.to_html(standalone=False)

    # -- content ------------------------------------------------------------------------------------

    @cached_property
    def _t(self) -> Translator:
        return translator(self.language)

    @cached_property
    def _tax(self) -> Taxonomy:
        if self.taxonomy is not None:
            return self.taxonomy
        from osaaminen.taxonomy import load_esco

        return load_esco(languages=("fi", "en"))

    @cached_property
    def _provider_names(self) -> dict[str, str]:
        if self.catalogue is None:
            return {}
        return {pid: provider.name for pid, provider in self.catalogue.providers.items()}

    def _label(self, uri: str, fallback: str) -> str:
        tax = self._tax
        if uri in tax:
            return tax.label(uri, self.language)
        return fallback

    @cached_property
    def _content(self) -> dict[str, Any]:
        from osaaminen import __version__

        self._check_text()
        t = self._t
        plan = self.plans[0] if self.plans else None
        explicit = [m for m in self.profile.skills if m.source == "explicit"]
        inferred = [m for m in self.profile.skills if m.source == "occupation"]
        target_label = self._plan_target(plan) if plan is not None else None
        summary = (
            t("summary_text", skills=len(explicit), occupations=len(self.profile.occupations), target=target_label)
            if target_label
            else t("summary_no_plan", skills=len(explicit), occupations=len(self.profile.occupations))
        )
        return {
            "language": self.language,
            "title": self.title or t("coach_title"),
            "generated": datetime.date.today().isoformat(),
            "version": __version__,
            "summary": summary,
            "skill_groups": self._groups(explicit),
            "inferred_skills": [self._match(m) for m in inferred],
            "occupations": [self._match(m) for m in self.profile.occupations],
            "targets": self._targets(),
            "plan": plan.to_dict() if plan is not None else None,
            "alternatives": [p.to_dict() for p in self.plans[1:]],
            "gap": self._gap(plan) if plan is not None else None,
            "not_offered_locally": (
                [
                    {"uri": uri, "label": plan.skill_label(uri, self.language)}
                    for uri in plan.uncovered
                    if plan.uncovered_reasons.get(uri, "not_offered") == "not_offered"
                ]
                if plan is not None
                else []
            ),
        }

    def _check_text(self) -> None:
        text = self.text
        if text is None:
            return
        length = self.profile.text_length
        if length and len(text) != length:
            raise ValueError(
                f"the text has {len(text)} characters but the profile was recognised from {length}; "
                "pass the text the profile was recognised from"
            )
        for match in (*self.profile.skills, *self.profile.occupations):
            for evidence in match.evidence:
                if text[evidence.start : evidence.end] != evidence.text:
                    raise ValueError(
                        f"the text does not match the evidence of {match.label!r} at {evidence.start}-{evidence.end}; "
                        "pass the text the profile was recognised from"
                    )

    def _match(self, match: Any) -> dict[str, Any]:
        return {
            "uri": match.uri,
            "label": self._label(match.uri, match.label),
            "score": round(float(match.score), 4),
            "years": match.years,
            "evidence": [{"text": e.text, "start": e.start, "end": e.end, "method": e.method} for e in match.evidence],
        }

    @cached_property
    def _top_groups(self) -> dict[str, tuple[str, str]]:
        """URI -> (code, English label) of ESCO's top skill groups and the ISCED-F broad fields."""
        frame = self._tax.skill_groups
        out: dict[str, tuple[str, str]] = {}
        for uri, code, label in zip(frame["uri"], frame["code"], frame["label_en"], strict=True):
            field = _ISCED_FIELD.match(str(uri))
            if field:
                out[str(uri)] = (field.group(1), str(label))
            elif isinstance(code, str) and _TOP_GROUP.match(code):
                out[str(uri)] = (code, str(label))
        return out

    def _group_of(self, uri: str) -> tuple[str, str]:
        tax, top = self._tax, self._top_groups
        if uri in tax:
            for ancestor in tax.ancestors(uri):
                if ancestor in top:
                    code, english = top[ancestor]
                    name = group_label(code, english, self.language)
                    if code.isdigit():
                        name = self._t("knowledge_group", field=name)
                    return code, name[:1].upper() + name[1:]
        return "other", self._t("other_group")

    def _groups(self, matches: Sequence[Any]) -> list[dict[str, Any]]:
        groups: dict[str, dict[str, Any]] = {}
        for match in matches:
            code, name = self._group_of(match.uri)
            groups.setdefault(code, {"group": code, "label": name, "skills": []})["skills"].append(self._match(match))
        return sorted(
            groups.values(), key=lambda g: (g["group"] == "other", -len(g["skills"]), -g["skills"][0]["score"])
        )

    def _plan_target(self, plan: Plan) -> str:
        return plan.target_name.get(self.language) or self._label(plan.target, plan.target)

    def _gap(self, plan: Plan) -> dict[str, Any]:
        def named(uris: Sequence[str]) -> list[dict[str, str]]:
            return [{"uri": uri, "label": plan.skill_label(uri, self.language)} for uri in uris]

        return {
            "target": plan.target,
            "label": self._plan_target(plan),
            "held": named(plan.held),
            "covered": named(plan.covered),
            "uncovered": named(plan.uncovered),
            "reasons": dict(plan.uncovered_reasons),
        }

    def _targets(self) -> list[dict[str, Any]]:
        frame = self.targets
        if frame is None or len(frame) == 0:
            return []
        rows = []
        for record in frame.head(self.max_targets).to_dict("records"):
            uri = str(record["target"])
            row: dict[str, Any] = {
                "target": uri,
                "label": self._label(uri, str(record.get("label", uri))),
                "status": str(record.get("status", "ok")),
            }
            for key in ("required", "held", "covered", "uncovered", "steps"):
                row[key] = _plain_int(record.get(key))
            for key in ("held_share", "ready_share", "weeks", "calendar_weeks", "cost_eur", "vacancies_per_unemployed"):
                row[key] = _plain_float(record.get(key))
            sectors = record.get("sectors")
            row["sectors"] = [str(s) for s in sectors] if isinstance(sectors, (tuple, list)) else []
            programmes = record.get("programmes")
            row["programmes"] = [str(p) for p in programmes] if isinstance(programmes, (tuple, list)) else []
            rows.append(row)
        return rows


def _plain_float(value: Any) -> float | None:
    """A float for JSON: numpy numbers become floats, missing values and NaN become ``None``."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _plain_int(value: Any) -> int | None:
    number = _plain_float(value)
    return None if number is None else int(number)
