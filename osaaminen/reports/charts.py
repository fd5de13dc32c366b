"""Inline SVG charts for the reports: stacked horizontal bars and a timeline, with legends.

The charts are plain SVG strings (no plotting library, no script) that scale to the page width and print
sharply. All text in them is escaped; long labels are shortened with the full text in a ``<title>``
tooltip. Colours are given as fill attributes, so a chart also stands on its own outside the page.

Examples:
    >>> svg = stacked_bars([("hitsaaja", (3, 2, 1))], PLAN_SEGMENTS, title="Vaje")
    >>> svg.startswith("<svg") and svg.count("<rect") >= 3
    True
    >>> svg = timeline([TimelineItem("Trukkikortti", 0, 1, KIND_COLOURS["short_course"])], title="Polku")
    >>> "Trukkikortti" in svg
    True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from osaaminen.reports.html import Html, esc, render

__all__ = [
    "KIND_COLOURS",
    "PALETTE",
    "PLAN_SEGMENTS",
    "Segment",
    "TimelineItem",
    "figure",
    "legend",
    "nice_ticks",
    "stacked_bars",
    "timeline",
]

PALETTE = {
    "held": "#2e7d4f",
    "covered": "#e0a400",
    "uncovered": "#c0392b",
    "ink": "#1d2430",
    "muted": "#5b6472",
    "line": "#d8dde5",
    "tint": "#f3f5f8",
}
"""Colours of the charts (the same as the page's CSS variables)."""

KIND_COLOURS = {
    "full_qualification": "#1f5fa8",
    "partial_qualification": "#4a8fd6",
    "qualification_unit": "#7fb3e6",
    "apprenticeship": "#2e7d4f",
    "short_course": "#e0a400",
    "trial": "#8e5bb5",
}
"""A colour per programme kind for timelines (courses, units, apprenticeships ...)."""

_FONT = 'font-family="Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif"'


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar, and its legend entry.

    Attributes:
        name: The legend text (already in the report's language).
        colour: A CSS colour.
    """

    name: str
    colour: str


PLAN_SEGMENTS = (
    Segment("held", PALETTE["held"]),
    Segment("covered", PALETTE["covered"]),
    Segment("uncovered", PALETTE["uncovered"]),
)
"""Held, learned on the path, not on the path: rename with :func:`dataclasses.replace` per language."""


@dataclass(frozen=True)
class TimelineItem:
    """A bar on a timeline: one programme of a path.

    Attributes:
        label: The text on the bar's row (a programme name).
        start: Start (weeks from 0).
        end: End (weeks).
        colour: A CSS colour (see :data:`KIND_COLOURS`).
        detail: A second, muted line (kind, provider, place).
        lane: The row; items without a lane get a row each, in order.
    """

    label: str
    start: float
    end: float
    colour: str
    detail: str = ""
    lane: int | None = None


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "\u2026"


def _text(x: float, y: float, content: str, *, size: float = 11, anchor: str = "start", colour: str = "") -> str:
    fill = colour or PALETTE["ink"]
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" fill="{fill}">{esc(content)}</text>'
    )


def _svg(width: float, height: float, title: str, content: list[str]) -> Html:
    return Html(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" {_FONT}>'
        f"<title>{esc(title)}</title>{''.join(content)}</svg>"
    )


def nice_ticks(maximum: float, *, most: int = 10) -> list[float]:
    """Round tick positions from 0 to at least ``maximum``, at most ``most`` + 1 of them.

    Examples:
        >>> nice_ticks(23.3)
        [0, 5, 10, 15, 20, 25]
        >>> nice_ticks(0)
        [0, 1]
    """
    if maximum <= 0:
        return [0, 1]
    raw = maximum / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    count = math.ceil(maximum / step - 1e-9)
    return [round(i * step, 6) if step < 1 else round(i * step) for i in range(count + 1)]


def legend(segments: Sequence[Segment], *, x: float = 0, y: float = 0) -> str:
    """SVG markup of a one-line legend (coloured squares with names) starting at ``(x, y)``."""
    parts: list[str] = []
    position = x
    for segment in segments:
        parts.append(f'<rect x="{position:.1f}" y="{y:.1f}" width="10" height="10" fill="{esc(segment.colour)}"/>')
        parts.append(_text(position + 14, y + 9, segment.name, size=10, colour=PALETTE["muted"]))
        position += 24 + 6.2 * len(segment.name)
    return "".join(parts)


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[float]]],
    segments: Sequence[Segment],
    *,
    title: str,
    width: float = 680,
    label_width: float = 220,
    normalise: bool = False,
    show_values: bool = True,
) -> Html:
    """Horizontal stacked bars, one row per label, with a legend on top.

    Args:
        rows: ``(label, values)`` pairs; ``values`` has one number per segment.
        segments: Names and colours of the parts, in drawing order.
        title: The accessible title of the chart.
        width: Width in SVG units (the chart scales to the page).
        label_width: Room for the labels on the left.
        normalise: Every bar fills the width (shares); otherwise bars are scaled to the largest total.
        show_values: Write each part's value inside it when it fits.

    Raises:
        ValueError: A row has not one value per segment, or a value is negative.
    """
    for label, values in rows:
        if len(values) != len(segments) or any(v < 0 for v in values):
            raise ValueError(f"row {label!r} needs {len(segments)} non-negative values, got {list(values)}")
    bar_height, gap, top = 16.0, 7.0, 24.0
    height = top + len(rows) * (bar_height + gap) + 4
    span = width - label_width - 8
    largest = max((sum(values) for _, values in rows), default=0) or 1
    content = [legend(segments, x=label_width, y=2)]
    for row, (label, values) in enumerate(rows):
        y = top + row * (bar_height + gap)
        total = sum(values) or 1
        scale = span / (total if normalise else largest)
        content.append(f"<g><title>{esc(label)}: {esc(' / '.join(f'{v:g}' for v in values))}</title>")
        content.append(_text(label_width - 6, y + bar_height - 4, _short(label, int(label_width / 6.3)), anchor="end"))
        x = label_width
        for value, segment in zip(values, segments, strict=True):
            w = value * scale
            if w <= 0:
                continue
            content.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_height:g}" fill="{esc(segment.colour)}"/>'
            )
            if show_values and w >= 18:
                content.append(
                    _text(x + w / 2, y + bar_height - 4, f"{value:g}", size=10, anchor="middle", colour="#fff")
                )
            x += w
        content.append("</g>")
    return _svg(width, height, title, content)


def timeline(
    items: Sequence[TimelineItem],
    *,
    title: str,
    axis_label: str = "week",
    width: float = 680,
    label_width: float = 250,
    legend_items: Sequence[Segment] = (),
) -> Html:
    """A Gantt-style timeline: one row per lane, bars from start to end week, a week axis below.

    Args:
        items: The bars.
        title: The accessible title of the chart.
        axis_label: The unit under the axis (``"viikko"``).
        width: Width in SVG units.
        label_width: Room for the labels on the left.
        legend_items: A legend drawn above the bars (the programme kinds shown).

    Raises:
        ValueError: An item ends before it starts.
    """
    for item in items:
        if item.end < item.start:
            raise ValueError(f"timeline item {item.label!r} ends ({item.end}) before it starts ({item.start})")
    lanes = [item.lane if item.lane is not None else i for i, item in enumerate(items)]
    lane_rows = {lane: row for row, lane in enumerate(sorted(set(lanes)))}
    row_height, top = 30.0, 26.0 if legend_items else 6.0
    plot_height = len(lane_rows) * row_height
    height = top + plot_height + 34
    span = width - label_width - 12
    ticks = nice_ticks(max((item.end for item in items), default=0))
    scale = span / ticks[-1]
    content: list[str] = [legend(legend_items, x=label_width, y=2)] if legend_items else []
    for tick in ticks:
        x = label_width + tick * scale
        content.append(
            f'<line x1="{x:.1f}" y1="{top:g}" x2="{x:.1f}" y2="{top + plot_height:.1f}" stroke="{PALETTE["line"]}"/>'
        )
        content.append(_text(x, top + plot_height + 14, f"{tick:g}", size=10, anchor="middle", colour=PALETTE["muted"]))
    content.append(
        _text(
            label_width + span / 2,
            top + plot_height + 28,
            axis_label,
            size=10,
            anchor="middle",
            colour=PALETTE["muted"],
        )
    )
    for item, lane in zip(items, lanes, strict=True):
        y = top + lane_rows[lane] * row_height
        x = label_width + item.start * scale
        w = max(2.0, (item.end - item.start) * scale)
        tip = f"{item.label} \u2013 {item.detail}" if item.detail else item.label
        content.append(f"<g><title>{esc(tip)}</title>")
        content.append(_text(label_width - 6, y + 13, _short(item.label, int(label_width / 6.3)), anchor="end"))
        if item.detail:
            content.append(
                _text(
                    label_width - 6,
                    y + 25,
                    _short(item.detail, int(label_width / 5.6)),
                    size=9,
                    anchor="end",
                    colour=PALETTE["muted"],
                )
            )
        content.append(
            f'<rect x="{x:.1f}" y="{y + 5:.1f}" width="{w:.1f}" height="18" rx="3" fill="{esc(item.colour)}"/>'
        )
        content.append("</g>")
    return _svg(width, height, title, content)


def figure(chart: Html, caption: object = None) -> Html:
    """Wrap a chart in ``<figure class="chart">`` with an optional caption (escaped unless :class:`Html`)."""
    cap = f"<figcaption>{render(caption)}</figcaption>" if caption is not None else ""
    return Html(f'<figure class="chart">{chart}{cap}</figure>')
