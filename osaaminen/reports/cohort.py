"""The cohort report: one self-contained HTML page for an education planner.

Built from the same blocks as the coach report (:mod:`osaaminen.reports.html` for the page shell, CSS and
escaping, :mod:`osaaminen.reports.charts` for inline SVG bars): no script, nothing loaded, A4 print rules,
every text escaped. It shows only what :class:`~osaaminen.cohort.Cohort` shows (aggregated tables with small
groups suppressed, course designs, programme demand) and never a work-history text; ids of the people a
course would unlock appear only when ``show_ids=True``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osaaminen.reports.charts import PALETTE, Segment, figure, stacked_bars
from osaaminen.reports.html import Html, esc, fragment, page, paragraph, section, table

if TYPE_CHECKING:
    import pandas as pd

    from osaaminen.cohort import Cohort, CourseDesigns

__all__ = ["CohortReport"]

_TEXT = {
    "fi": {
        "title": "Ryhmäraportti: osaaminen ja räätälöidyt koulutukset",
        "people": "henkilöä",
        "intro": "Ryhmässä on {n} henkilöä. Tavoiteammatit: {t}.",
        "privacy": (
            "Tietosuoja: alle {m} hengen ryhmiä ei näytetä (merkitty ”<{m}”). Työhistorioiden tekstejä ei näytetä."
        ),
        "prevalence": "Yleisimmät osaamiset",
        "targets": "Lähimmät tavoiteammatit",
        "gaps": "Yleisimmät puutteet tavoiteammateittain",
        "clusters": "Samankaltaisten profiilien ryhmät",
        "courses": "Ehdotetut räätälöidyt koulutukset",
        "demand": "Koulutusten kysyntä suositelluissa poluissa",
        "skill": "Osaaminen",
        "target": "Tavoiteammatti",
        "share": "Osuus",
        "group": "Ryhmä",
        "lift": "Tyypilliset osaamiset (yleisyys ryhmässä / koko joukossa)",
        "weeks": "Arvioitu kesto (vk)",
        "weeks_short": "vk",
        "unlocks": "Avaa työllistymisen",
        "programmes": "Olemassa olevat koulutukset, jotka opettavat osia",
        "programme": "Koulutus",
        "method": "Menetelmä",
        "none": "Ei näytettävää.",
        "ids": "Tunnisteet",
    },
    "en": {
        "title": "Cohort report: skills and tailored courses",
        "people": "people",
        "intro": "The cohort has {n} people. Target occupations: {t}.",
        "privacy": (
            "Privacy: groups of fewer than {m} people are not shown (marked “<{m}”). No work-history text is shown."
        ),
        "prevalence": "Most common skills",
        "targets": "Nearest target occupations",
        "gaps": "Most common gaps per target occupation",
        "clusters": "Groups of similar profiles",
        "courses": "Proposed tailored courses",
        "demand": "Programme demand in the recommended paths",
        "skill": "Skill",
        "target": "Target occupation",
        "share": "Share",
        "group": "Group",
        "lift": "Characteristic skills (share in group / in the cohort)",
        "weeks": "Estimated length (weeks)",
        "weeks_short": "wk",
        "unlocks": "Unlocks",
        "programmes": "Existing programmes that teach parts",
        "programme": "Programme",
        "method": "Method",
        "none": "Nothing to show.",
        "ids": "Ids",
    },
}


def _e(value: object) -> Html:
    return esc("" if value is None else value)


def _count(value: Any, minimum: int) -> str:
    """A people count, or ``<minimum`` where it is suppressed."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "<NA>":
        return f"<{minimum}"
    return str(int(value))


def _pct(value: Any) -> str:
    try:
        share = float(value)
    except (TypeError, ValueError):
        return ""
    return "" if math.isnan(share) else f"{share:.0%}"


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str, unit: str = "people") -> Html:
    """Horizontal bars of people counts as inline SVG (labels escaped), in the coach report's style.

    Examples:
        >>> svg = bar_chart(["<a>", "b"], [3, 1], title="t")
        >>> svg.startswith("<svg") and "&lt;a&gt;" in svg and "<a>" not in svg
        True
    """
    rows = [(label, (float(value),)) for label, value in zip(labels, values, strict=True)]
    return stacked_bars(rows, (Segment(unit, PALETTE["held"]),), title=title, label_width=260)


class CohortReport:
    """An HTML report of a cohort for planners.

    Args:
        cohort: The cohort.
        designs: Course designs to show (default: ``cohort.design_courses()`` with its defaults).
        lang: ``"fi"`` or ``"en"``.
        top: Rows per table.
        demand: Include programme demand (one path per person: slower on large cohorts).
        show_ids: List the ids of the people each course unlocks (groups under the minimum never).
        note: A line shown under the title (e.g. "synthetic data").

    Examples:
        >>> import osaaminen as osa
        >>> from osaaminen.programmes import Catalogue
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> cook = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
        >>> cohort = osa.Cohort([osa.required_skills(tax, cook)[:5]] * 6, taxonomy=tax, targets=[cook],
        ...                     catalogue=Catalogue.from_records([]))
        >>> page = osa.CohortReport(cohort, demand=False).to_html()
        >>> page.startswith("<!DOCTYPE html>") and "<script" not in page and "<svg" in page
        True
    """

    def __init__(
        self,
        cohort: Cohort,
        *,
        designs: CourseDesigns | None = None,
        lang: str = "fi",
        top: int = 15,
        demand: bool = True,
        show_ids: bool = False,
        note: str | None = None,
    ) -> None:
        if lang not in _TEXT:
            raise ValueError(f"the cohort report is written in Finnish ('fi') or English ('en'), not {lang!r}")
        self.cohort = cohort
        self.designs = designs
        self.lang = lang
        self.top = top
        self.demand = demand
        self.show_ids = show_ids
        self.note = note

    def to_html(self) -> str:
        """The whole page as a string."""
        t = _TEXT[self.lang]
        return str(page(t["title"], self._body(t), language=self.lang, subtitle=self._subtitle(t)))

    def save(self, path: str | Path) -> Path:
        """Write the page (UTF-8) and return its path."""
        target = Path(path)
        target.write_text(self.to_html(), encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        t = _TEXT[self.lang]
        return str(fragment(t["title"], self._body(t), language=self.lang, subtitle=self._subtitle(t)))

    # -- sections -------------------------------------------------------------------------------------

    def _subtitle(self, t: dict[str, str]) -> str:
        c = self.cohort
        targets = ", ".join(c.label(u, self.lang) for u in c.targets[:8]) + (" …" if len(c.targets) > 8 else "")
        intro = t["intro"].format(n=len(c), t=targets)
        return f"{self.note} · {intro}" if self.note else intro

    def _body(self, t: dict[str, str]) -> Html:
        parts = [
            paragraph(t["privacy"].format(m=self.cohort.min_group_size), css_class="note"),
            self._prevalence(t),
            self._targets(t),
            self._gaps(t),
            self._clusters(t),
            self._courses(t),
            self._demand(t) if self.demand else Html(""),
        ]
        return Html("\n".join(parts))

    def _section(self, title: str, content: Html | None, frame: pd.DataFrame | None = None) -> Html:
        note = frame.attrs.get("note") if frame is not None else None
        body = content if content else paragraph(_TEXT[self.lang]["none"])
        return section(title, body, paragraph(note, css_class="note") if note else Html(""))

    def _bars(self, frame: pd.DataFrame, label: str, title: str) -> Html | None:
        shown = frame[~frame["suppressed"]]
        if not len(shown):
            return None
        labels, values = [str(v) for v in shown[label]], [float(v) for v in shown["people"]]
        return figure(bar_chart(labels, values, title=title, unit=_TEXT[self.lang]["people"]))

    def _prevalence(self, t: dict[str, str]) -> Html:
        frame = self.cohort.skill_prevalence(top=self.top, lang=self.lang)
        return self._section(t["prevalence"], self._bars(frame, "label", t["prevalence"]), frame)

    def _targets(self, t: dict[str, str]) -> Html:
        frame = self.cohort.people_per_target(lang=self.lang).head(self.top)
        return self._section(t["targets"], self._bars(frame, "label", t["targets"]), frame)

    def _gaps(self, t: dict[str, str]) -> Html:
        frame = self.cohort.common_gaps(top=5, lang=self.lang)
        m = self.cohort.min_group_size
        rows = [[r.target_label, r.label, _count(r.people, m), _pct(r.share)] for r in frame.itertuples()]
        headers = [t["target"], t["skill"], t["people"], t["share"]]
        return self._section(t["gaps"], table(headers, rows, numeric=[2, 3]) if rows else None, frame)

    def _clusters(self, t: dict[str, str]) -> Html:
        frame = self.cohort.clusters(lang=self.lang)
        rows = [[r.cluster, r.people, r.skills, r.nearest_target or ""] for r in frame.itertuples()]
        headers = [t["group"], t["people"], t["lift"], t["target"]]
        return self._section(t["clusters"], table(headers, rows, numeric=[1]) if rows else None, frame)

    def _courses(self, t: dict[str, str]) -> Html:
        designs = self.designs if self.designs is not None else self.cohort.design_courses()
        m = self.cohort.min_group_size
        blocks: list[Html] = [paragraph(f"{t['method']}: {designs.guarantee}", css_class="note")]
        if designs.courses:
            labels = [f"#{c.rank} ({c.estimated_weeks:g} {t['weeks_short']})" for c in designs]
            values = [float(c.unlocks or 0) for c in designs]
            blocks.append(figure(bar_chart(labels, values, title=t["courses"], unit=t["people"])))
        for course in designs:
            progs = ", ".join(f"{p.name} ({p.weeks:g} {t['weeks_short']})" for p in course.programmes) or "-"
            targets = ", ".join(f"{k}: {v}" for k, v in course.targets.items())
            head = (
                f"#{course.rank} · {t['weeks']}: {course.estimated_weeks:g} · {t['unlocks']}: "
                f"{_count(course.unlocks, m)} {t['people']}" + (f" ({targets})" if targets else "")
            )
            lines = [
                Html(f"<strong>{_e(head)}</strong>"),
                paragraph(", ".join(course.skill_labels)),
                paragraph(f"{t['programmes']}: {progs}", css_class="note"),
                paragraph(course.weeks_basis, css_class="note"),
            ]
            if self.show_ids and course.unlocked_ids:
                lines.append(paragraph(f"{t['ids']}: {', '.join(course.unlocked_ids)}", css_class="note"))
            blocks.append(Html('<div class="card">' + "".join(lines) + "</div>"))
        blocks.append(paragraph(designs.note, css_class="note"))
        return section(t["courses"], *blocks)

    def _demand(self, t: dict[str, str]) -> Html:
        frame = self.cohort.programme_demand(lang=self.lang).head(self.top)
        return self._section(t["demand"], self._bars(frame, "name", t["demand"]), frame)
