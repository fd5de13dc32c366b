"""The cohort report: one self-contained HTML page for an education planner.

The page has no script and loads nothing: the CSS is inline and the charts are inline SVG bars. Every
text is escaped. It shows only what :class:`~osaaminen.cohort.Cohort` shows (aggregated tables with small
groups suppressed, course designs, programme demand) and never a work-history text; ids of the people a
course would unlock appear only when ``show_ids=True``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
        "unlocks": "Unlocks",
        "programmes": "Existing programmes that teach parts",
        "programme": "Programme",
        "method": "Method",
        "none": "Nothing to show.",
        "ids": "Ids",
    },
}

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1b1f24;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border-bottom:1px solid #e5e7eb;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.note{color:#57606a;font-size:.88rem}.card{border:1px solid #d0d7de;border-radius:6px;
padding:.6rem .9rem;margin:.7rem 0}.muted{color:#8c959f}svg text{font-family:inherit}
@media print{.card,tr,svg{break-inside:avoid}}@page{size:A4;margin:15mm}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _count(value: Any, minimum: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) == "<NA>":
        return f"&lt;{minimum}"
    return _e(int(value))


def _pct(value: Any) -> str:
    try:
        share = float(value)
    except (TypeError, ValueError):
        return ""
    return "" if math.isnan(share) else _e(f"{share:.0%}")


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str, unit: str = "") -> str:
    """A horizontal bar chart as inline SVG (labels escaped).

    Examples:
        >>> svg = bar_chart(["<a>", "b"], [3, 1], title="t")
        >>> svg.startswith("<svg") and "&lt;a&gt;" in svg and "<a>" not in svg
        True
    """
    row, label_w, bar_w = 22, 260, 360
    top = max(values, default=0.0) or 1.0
    height = row * len(values) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 60}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 60} {height}"><title>{_e(title)}</title>'
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 5 + i * row
        short = label if len(label) <= 40 else label[:39] + "…"
        width = max(1.0, bar_w * float(value) / top)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end">{_e(short)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{width:.1f}" height="{row - 7}" fill="#2f6f9f"/>'
            f'<text x="{label_w + width + 4:.1f}" y="{y + 15}" font-size="12">{_e(f"{value:g}{unit}")}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


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
        c = self.cohort
        m = c.min_group_size
        targets = ", ".join(c.label(u, self.lang) for u in c.targets[:8]) + (" …" if len(c.targets) > 8 else "")
        parts = [
            f"<h1>{_e(t['title'])}</h1>",
            f'<p class="note">{_e(self.note)}</p>' if self.note else "",
            f"<p>{_e(t['intro'].format(n=len(c), t=targets))}</p>",
            f'<p class="note">{_e(t["privacy"].format(m=m))}</p>',
            self._prevalence(t),
            self._targets(t),
            self._gaps(t),
            self._clusters(t),
            self._courses(t),
            self._demand(t) if self.demand else "",
        ]
        body = "\n".join(p for p in parts if p)
        return (
            f'<!DOCTYPE html><html lang="{_e(self.lang)}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{_e(t["title"])}</title>'
            f"<style>{_CSS}</style></head><body>{body}</body></html>"
        )

    def save(self, path: str | Path) -> Path:
        """Write the page (UTF-8) and return its path."""
        target = Path(path)
        target.write_text(self.to_html(), encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        return self.to_html()

    # -- sections -------------------------------------------------------------------------------------

    def _section(self, title: str, content: str, frame: pd.DataFrame | None = None) -> str:
        note = frame.attrs.get("note") if frame is not None else None
        extra = f'<p class="note">{_e(note)}</p>' if note else ""
        return f"<section><h2>{_e(title)}</h2>{content or _e(_TEXT[self.lang]['none'])}{extra}</section>"

    def _prevalence(self, t: dict[str, str]) -> str:
        frame = self.cohort.skill_prevalence(top=self.top, lang=self.lang)
        shown = frame[~frame["suppressed"]]
        chart = bar_chart(list(shown["label"]), [float(v) for v in shown["people"]], title=t["prevalence"])
        return self._section(t["prevalence"], chart if len(shown) else "", frame)

    def _targets(self, t: dict[str, str]) -> str:
        frame = self.cohort.people_per_target(lang=self.lang).head(self.top)
        shown = frame[~frame["suppressed"]]
        chart = bar_chart(list(shown["label"]), [float(v) for v in shown["people"]], title=t["targets"])
        return self._section(t["targets"], chart if len(shown) else "", frame)

    def _gaps(self, t: dict[str, str]) -> str:
        frame = self.cohort.common_gaps(top=5, lang=self.lang)
        m = self.cohort.min_group_size
        rows = [[_e(r.target_label), _e(r.label), _count(r.people, m), _pct(r.share)] for r in frame.itertuples()]
        return self._section(t["gaps"], _table([t["target"], t["skill"], t["people"], t["share"]], rows), frame)

    def _clusters(self, t: dict[str, str]) -> str:
        frame = self.cohort.clusters(lang=self.lang)
        rows = [[_e(r.cluster), _e(r.people), _e(r.skills), _e(r.nearest_target or "")] for r in frame.itertuples()]
        return self._section(t["clusters"], _table([t["group"], t["people"], t["lift"], t["target"]], rows), frame)

    def _courses(self, t: dict[str, str]) -> str:
        designs = self.designs if self.designs is not None else self.cohort.design_courses()
        m = self.cohort.min_group_size
        cards = [f'<p class="note">{_e(t["method"])}: {_e(designs.guarantee)}</p>']
        for course in designs:
            progs = ", ".join(f"{p.name} ({p.weeks:g} vk)" for p in course.programmes) or "-"
            unlocks = _count(course.unlocks, m)
            targets = ", ".join(f"{k}: {v}" for k, v in course.targets.items())
            ids = (
                f"<p class='note'>{_e(t['ids'])}: {_e(', '.join(course.unlocked_ids))}</p>"
                if self.show_ids and course.unlocked_ids
                else ""
            )
            cards.append(
                f'<div class="card"><strong>#{course.rank}</strong> · {_e(t["weeks"])}: '
                f"{_e(f'{course.estimated_weeks:g}')} · {_e(t['unlocks'])}: {unlocks} {_e(t['people'])}"
                f"{(' (' + _e(targets) + ')') if targets else ''}"
                f"<p>{_e(', '.join(course.skill_labels))}</p>"
                f'<p class="note">{_e(t["programmes"])}: {_e(progs)}</p>'
                f'<p class="note">{_e(course.weeks_basis)}</p>{ids}</div>'
            )
        if designs.courses:
            values = [float(c.unlocks or 0) for c in designs]
            cards.insert(1, bar_chart([f"#{c.rank}" for c in designs], values, title=t["courses"]))
        content = "".join(cards)
        return f"<section><h2>{_e(t['courses'])}</h2>{content}<p class='note'>{_e(designs.note)}</p></section>"

    def _demand(self, t: dict[str, str]) -> str:
        frame = self.cohort.programme_demand(lang=self.lang).head(self.top)
        shown = frame[~frame["suppressed"]]
        chart = bar_chart(list(shown["name"]), [float(v) for v in shown["people"]], title=t["demand"])
        return self._section(t["demand"], chart if len(shown) else "", frame)
