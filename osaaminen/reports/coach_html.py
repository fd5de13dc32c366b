"""HTML of the coach report: one function per section over the plain data of :meth:`CoachReport.to_dict`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from osaaminen.reports.charts import KIND_COLOURS, PLAN_SEGMENTS, Segment, TimelineItem, figure, stacked_bars, timeline
from osaaminen.reports.html import Html, Span, badge, esc, fragment, highlight, join, page, paragraph, section, table
from osaaminen.reports.i18n import Translator, format_number, format_percent, kind_label

if TYPE_CHECKING:
    from osaaminen.paths import Plan

__all__ = ["render_coach"]

_EXTRA_CSS = """
.osa-report .facts { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 2mm 0 3mm; }
.osa-report .facts .card { margin: 0; text-align: center; }
.osa-report .facts b { display: block; font-size: 15pt; color: var(--accent); }
.osa-report .gap-lists { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; }
.osa-report .gap-lists h3 { margin-top: 0; }
.osa-report .swatch {
  display: inline-block; width: 3mm; height: 3mm; border-radius: 0.6mm; margin-right: 1.2mm;
}
.osa-report q.evidence { font-style: italic; }
.osa-report q.evidence::before, .osa-report q.evidence::after { content: ""; }
"""

_MAX_INFERRED = 15


def render_coach(
    data: Mapping[str, Any],
    plans: Sequence[Plan],
    t: Translator,
    *,
    text: str | None = None,
    providers: Mapping[str, str] | None = None,
    standalone: bool = True,
) -> Html:
    """The coach report page.

    Args:
        data: The report content (:meth:`~osaaminen.reports.CoachReport.to_dict`).
        plans: The plans behind ``data["plan"]`` and ``data["alternatives"]`` (for the timelines).
        t: The translator of the report's language.
        text: The original text, shown with the evidence highlighted.
        providers: Provider names by id (ids are shown for unknown providers).
        standalone: A whole HTML document (:func:`~osaaminen.reports.html.page`); ``False``: one ``<div>``
            to embed (:func:`~osaaminen.reports.html.fragment`).
    """
    lang = t.language
    names = dict(providers or {})
    body = [
        _summary(data, plans, t),
        _history(data, t, text),
        _skills(data, t),
        _occupations(data, t),
        _targets(data, t),
        _path(plans[0], t, names) if plans else section(t("path"), paragraph(t("no_path")), section_id="path"),
        _gap(data, t),
        _alternatives(plans[1:], t, names),
        _not_local(data, t),
    ]
    subtitle = t("generated", date=data["generated"], version=data["version"])
    footer = join([paragraph(t("footer")), paragraph(t("esco_notice"))], "\n")
    build = page if standalone else fragment
    return build(data["title"], join(body, "\n"), language=lang, subtitle=subtitle, footer=footer, extra_css=_EXTRA_CSS)


def _num(value: float | None, t: Translator) -> str:
    return "\u2013" if value is None else format_number(value, t.language)


def _summary(data: Mapping[str, Any], plans: Sequence[Plan], t: Translator) -> Html:
    skills = sum(len(g["skills"]) for g in data["skill_groups"])
    plan = plans[0] if plans else None
    facts = [
        (str(skills), t("skills")),
        (str(len(data["occupations"])), t("occupations")),
        (_num(plan.total_weeks, t) if plan else "\u2013", t("weeks")),
        (str(len(plan.steps)) if plan else "\u2013", t("steps")),
    ]
    cards = join(Html(f'<div class="card"><b>{esc(value)}</b>{esc(label)}</div>') for value, label in facts)
    return section(t("summary"), paragraph(data["summary"]), Html(f'<div class="facts">{cards}</div>'))


def _history(data: Mapping[str, Any], t: Translator, text: str | None) -> Html:
    if text is None:
        return section(t("history"), paragraph(t("no_text"), css_class="note"), section_id="history")
    spans: list[Span] = []
    for group in data["skill_groups"]:
        for skill in group["skills"]:
            spans.extend((e["start"], e["end"], skill["label"]) for e in skill["evidence"])
    for occupation in data["occupations"]:
        spans.extend((e["start"], e["end"], occupation["label"]) for e in occupation["evidence"])
    quote = Html(f'<blockquote class="source">{highlight(text, spans)}</blockquote>')
    return section(t("history"), quote, section_id="history", note=t("history_note"))


def _evidence(item: Mapping[str, Any]) -> Html:
    return join((Html(f'<q class="evidence">{esc(e["text"])}</q>') for e in item["evidence"]), Html(", "))


def _skills(data: Mapping[str, Any], t: Translator) -> Html:
    blocks: list[Html] = []
    for group in data["skill_groups"]:
        rows = [
            [
                s["label"],
                _evidence(s),
                _num(s["years"], t) if s["years"] else "",
                format_number(s["score"], t.language, decimals=2),
            ]
            for s in group["skills"]
        ]
        blocks.append(Html(f"<h3>{esc(group['label'])} ({len(group['skills'])})</h3>"))
        blocks.append(table([t("skill"), t("evidence"), t("years"), t("score")], rows, numeric=[2, 3]))
    if not blocks:
        blocks.append(paragraph(t("no_skills")))
    inferred = data["inferred_skills"]
    if inferred:
        shown = ", ".join(s["label"] for s in inferred[:_MAX_INFERRED])
        more = len(inferred) - _MAX_INFERRED
        if more > 0:
            shown += " " + t("and_more", n=more)
        blocks.append(Html(f"<h3>{esc(t('skills_inferred'))} ({len(inferred)})</h3>"))
        blocks.append(paragraph(shown, css_class="note"))
    return section(t("skills"), *blocks, section_id="skills", note=t("skills_note"))


def _occupations(data: Mapping[str, Any], t: Translator) -> Html:
    occupations = data["occupations"]
    if not occupations:
        return section(t("occupations"), paragraph(t("no_occupations")), section_id="occupations")
    rows = [
        [
            o["label"],
            _evidence(o),
            _num(o["years"], t) if o["years"] else "",
            format_number(o["score"], t.language, decimals=2),
        ]
        for o in occupations
    ]
    return section(
        t("occupations"),
        table([t("occupation"), t("evidence"), t("years"), t("score")], rows, numeric=[2, 3]),
        section_id="occupations",
    )


def _segments(t: Translator) -> list[Segment]:
    return [replace(segment, name=t(segment.name)) for segment in PLAN_SEGMENTS]


def _sector_names(sectors: Sequence[str], t: Translator) -> str:
    return ", ".join(t.get(f"sector_{sector}", sector) for sector in sectors)


def _targets(data: Mapping[str, Any], t: Translator) -> Html:
    targets = data["targets"]
    if not targets:
        return section(t("targets"), paragraph(t("no_targets"), css_class="note"), section_id="targets")
    bars = []
    for row in targets:
        held, covered, uncovered = row["held"] or 0, row["covered"] or 0, row["uncovered"] or 0
        if row["status"] != "ok":
            uncovered = max(0, (row["required"] or 0) - held)
            covered = 0
        bars.append((row["label"], (held, covered, uncovered)))
    chart = figure(stacked_bars(bars, _segments(t), title=t("targets"), normalise=True), t("targets_note"))
    has_demand = any(row["vacancies_per_unemployed"] is not None for row in targets)
    headers = [t("target"), t("sectors"), t("ready"), t("weeks"), t("steps")]
    if has_demand:
        headers.append(t("demand"))
    rows = []
    for row in targets:
        cells: list[object] = [
            row["label"],
            _sector_names(row["sectors"], t),
            format_percent(row["ready_share"], t.language) if row["ready_share"] is not None else "\u2013",
            _num(row["weeks"], t),
            "\u2013" if row["steps"] is None else str(row["steps"]),
        ]
        if has_demand:
            cells.append(_num(row["vacancies_per_unemployed"], t))
        rows.append(cells)
    numeric = [2, 3, 4, 5] if has_demand else [2, 3, 4]
    return section(t("targets"), chart, table(headers, rows, numeric=numeric), section_id="targets")


def _kind_legend(plans: Sequence[Plan], t: Translator) -> list[Segment]:
    kinds = sorted({step.kind for plan in plans for step in plan.steps}, key=list(KIND_COLOURS).index)
    return [Segment(kind_label(kind, t.language), KIND_COLOURS.get(kind, "#888888")) for kind in kinds]


def _timeline(plan: Plan, t: Translator, providers: Mapping[str, str]) -> Html:
    lang = t.language
    items = []
    for step in plan.steps:
        where = step.municipality or t("online")
        who = ", ".join(providers.get(p, p) for p in step.providers)
        detail = " \u00b7 ".join(part for part in (kind_label(step.kind, lang), who, where) if part)
        items.append(
            TimelineItem(
                step.label(lang), step.start_week, step.end_week, KIND_COLOURS.get(step.kind, "#888888"), detail
            )
        )
    chart = timeline(items, title=t("path"), axis_label=t("week_axis"), legend_items=_kind_legend([plan], t))
    return figure(chart)


def _totals(plan: Plan, t: Translator) -> str:
    lang = t.language
    totals = t(
        "plan_totals",
        steps=len(plan.steps),
        weeks=format_number(plan.total_weeks, lang),
        calendar=format_number(plan.calendar_weeks, lang),
        cost=t("cost_eur", n=format_number(plan.total_cost_eur, lang)),
    )
    return f"{totals} {t('optimal') if plan.optimal else t('estimate')}"


def _path(plan: Plan, t: Translator, providers: Mapping[str, str]) -> Html:
    lang = t.language
    goal = Html(f"<h3>{esc(t('path_goal', target=plan.target_name.get(lang) or plan.target))}</h3>")
    if not plan.steps:
        return section(t("path"), goal, paragraph(t("empty_path")), section_id="path")
    rows = []
    for step in plan.steps:
        covers = ", ".join(plan.skill_label(uri, lang) for uri in step.covers)
        rows.append(
            [
                str(step.step),
                step.label(lang),
                badge(kind_label(step.kind, lang)),
                ", ".join(providers.get(p, p) for p in step.providers),
                step.municipality or t("online"),
                f"{format_number(step.start_week, lang)}\u2013{format_number(step.end_week, lang)}",
                covers,
            ]
        )
    headers = ["#", t("programme"), t("kind"), t("providers"), t("where"), t("weeks"), t("teaches")]
    steps = table(headers, rows, numeric=[0, 5])
    return section(
        t("path"), goal, paragraph(_totals(plan, t)), _timeline(plan, t, providers), steps, section_id="path"
    )


def _gap(data: Mapping[str, Any], t: Translator) -> Html:
    gap = data["gap"]
    if gap is None:
        return Html("")
    segments = _segments(t)
    counts = (len(gap["held"]), len(gap["covered"]), len(gap["uncovered"]))
    chart = figure(stacked_bars([(gap["label"], counts)], segments, title=t("gap")))
    columns = []
    for key, segment in zip(("held", "covered", "uncovered"), segments, strict=True):
        swatch = Html(f'<span class="swatch" style="background:{esc(segment.colour)}"></span>')
        items = join((Html(f"<li>{esc(s['label'])}</li>") for s in gap[key]), "\n")
        columns.append(
            Html(
                f'<div class="card"><h3>{swatch}{esc(segment.name)} ({len(gap[key])})</h3>'
                f'<ul class="compact">{items}</ul></div>'
            )
        )
    return section(
        t("gap"), chart, Html(f'<div class="gap-lists">{join(columns)}</div>'), section_id="gap", note=t("gap_note")
    )


def _alternatives(plans: Sequence[Plan], t: Translator, providers: Mapping[str, str]) -> Html:
    if not plans:
        return section(t("alternatives"), paragraph(t("no_alternatives"), css_class="note"), section_id="alternatives")
    cards = []
    for number, plan in enumerate(plans, start=2):
        route = t(f"route_{plan.route}")
        head = Html(f"<h3>{number}. {esc(t('route'))}: {esc(route)}</h3>")
        cards.append(
            Html(f'<div class="card">{head}{paragraph(_totals(plan, t))}{_timeline(plan, t, providers)}</div>')
        )
    return section(t("alternatives"), *cards, section_id="alternatives")


def _not_local(data: Mapping[str, Any], t: Translator) -> Html:
    gap = data["gap"]
    if gap is None:
        return Html("")
    local = data["not_offered_locally"]
    blocks: list[Html] = []
    if local:
        items = join((Html(f"<li>{esc(s['label'])}</li>") for s in local), "\n")
        blocks += [paragraph(t("not_local_note"), css_class="note"), Html(f'<ul class="compact">{items}</ul>')]
    else:
        blocks.append(paragraph(t("nothing_missing")))
    others = [s for s in gap["uncovered"] if gap["reasons"].get(s["uri"], "not_offered") != "not_offered"]
    if others:
        items = join(
            (Html(f"<li>{esc(s['label'])}: {esc(t('reason_' + gap['reasons'][s['uri']]))}</li>") for s in others), "\n"
        )
        blocks += [Html(f"<h3>{esc(t('other_uncovered'))}</h3>"), Html(f'<ul class="compact">{items}</ul>')]
    return section(t("not_local"), *blocks, section_id="not-local")
