"""The report page shell: escaping, a self-contained HTML document with inline CSS, and small building blocks.

Every report (the coach report here, the cohort report) builds its page from these helpers with plain
string templates. Text is escaped by default: a plain ``str`` passed to any helper is escaped, and only
an :class:`Html` value (built by these helpers or by :func:`esc`) is inserted as markup. So a work
history containing ``<script>`` shows as text, never runs.

The page needs no network: the CSS is inline, charts are inline SVG (:mod:`osaaminen.reports.charts`),
and a Content-Security-Policy forbids scripts and every external resource. It prints on A4
(``@page``, ``@media print``: no page break inside a table row, a chart or a card).

Examples:
    >>> body = section("Taidot", paragraph("<b>ei lihavoitu</b>"))
    >>> "&lt;b&gt;ei lihavoitu&lt;/b&gt;" in body
    True
    >>> doc = page("Raportti", body, language="fi")
    >>> doc.startswith("<!DOCTYPE html>") and "<script" not in doc
    True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = [
    "BASE_CSS",
    "CSP",
    "Html",
    "Span",
    "badge",
    "esc",
    "fragment",
    "highlight",
    "join",
    "page",
    "paragraph",
    "render",
    "section",
    "table",
]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
"""The page's Content-Security-Policy: no scripts, no network; inline styles and data: images only."""

BASE_CSS = """
.osa-report {
  --ink: #1d2430; --muted: #5b6472; --line: #d8dde5; --paper: #ffffff; --tint: #f3f5f8;
  --accent: #1f5fa8; --held: #2e7d4f; --covered: #e0a400; --uncovered: #c0392b; --mark: #fff1a8;
  box-sizing: border-box; margin: 0 auto; max-width: 210mm; padding: 12mm 14mm; background: var(--paper);
  color: var(--ink); font: 10.5pt/1.45 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; text-align: left;
}
.osa-report * { box-sizing: border-box; }
.osa-report header.report { border-bottom: 3px solid var(--accent); margin-bottom: 6mm; padding-bottom: 3mm; }
.osa-report header.report h1 { font-size: 19pt; margin: 0 0 1mm; color: var(--accent); }
.osa-report header.report p { margin: 0; color: var(--muted); font-size: 9pt; }
.osa-report h2 {
  font-size: 13.5pt; margin: 7mm 0 2mm; color: var(--accent); border-bottom: 1px solid var(--line);
}
.osa-report h3 { font-size: 11pt; margin: 4mm 0 1.5mm; }
.osa-report p { margin: 0 0 2mm; }
.osa-report p.note, .osa-report .muted { color: var(--muted); font-size: 9pt; }
.osa-report section { margin-bottom: 4mm; }
.osa-report table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; font-size: 9.5pt; }
.osa-report th, .osa-report td {
  text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 1px solid var(--line);
}
.osa-report th { background: var(--tint); font-weight: 600; }
.osa-report td.num, .osa-report th.num {
  text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums;
}
.osa-report tr { break-inside: avoid; page-break-inside: avoid; }
.osa-report mark { background: var(--mark); color: inherit; padding: 0 0.3mm; border-radius: 1mm; }
.osa-report blockquote.source {
  margin: 0 0 3mm; padding: 2.5mm 3.5mm; background: var(--tint); border-left: 3px solid var(--accent);
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: 10pt;
}
.osa-report .badge {
  display: inline-block; padding: 0 1.6mm; border-radius: 2mm; font-size: 8.5pt; background: var(--tint);
  border: 1px solid var(--line); white-space: nowrap;
}
.osa-report .card {
  border: 1px solid var(--line); border-radius: 2mm; padding: 3mm 4mm; margin: 0 0 3mm; break-inside: avoid;
}
.osa-report .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(80mm, 1fr)); gap: 3mm; }
.osa-report figure.chart { margin: 1mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
.osa-report figure.chart svg { width: 100%; height: auto; display: block; }
.osa-report figure.chart figcaption { color: var(--muted); font-size: 8.5pt; margin-top: 1mm; }
.osa-report ul.compact { margin: 0 0 2mm; padding-left: 5mm; }
.osa-report footer.report {
  margin-top: 8mm; border-top: 1px solid var(--line); padding-top: 2mm; color: var(--muted); font-size: 8.5pt;
}
@page { size: A4; margin: 12mm 12mm 14mm; }
@media print {
  body { margin: 0; }
  .osa-report { max-width: none; padding: 0; font-size: 9.5pt; }
  .osa-report h2 { break-after: avoid; page-break-after: avoid; }
  .osa-report a { color: inherit; text-decoration: none; }
}
"""
"""The shared style sheet, scoped to ``.osa-report`` (so that a report shown inside a notebook leaves the
notebook's own look alone): an A4-wide column, tables, cards, charts, evidence marks, print rules. A
report's own rules (``extra_css``) should be scoped the same way."""


class Html(str):
    """A string of trusted markup: helpers insert it as is, where a plain ``str`` is escaped.

    Build it with the helpers of this module or :func:`esc`; wrap literal markup that you wrote yourself
    (never user data) as ``Html("<br>")``.

    Examples:
        >>> render(Html("<br>")), render("<br>")
        ('<br>', '&lt;br&gt;')
    """

    __slots__ = ()

    def __html__(self) -> str:
        """The markup (the protocol that Jinja2 and MarkupSafe understand)."""
        return str(self)


def esc(value: object) -> Html:
    """Escape any value for HTML text or a quoted attribute (``html.escape`` with quotes).

    Examples:
        >>> esc('<script>alert("x")</script>')
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    return Html(html.escape(str(value), quote=True))


def render(value: object) -> Html:
    """Markup for a value: :class:`Html` as is, ``None`` as nothing, anything else escaped.

    Examples:
        >>> render(None), render(3), render("a & b")
        ('', '3', 'a &amp; b')
    """
    if isinstance(value, Html):
        return value
    if value is None:
        return Html("")
    return esc(value)


def join(parts: Iterable[object], separator: str = "") -> Html:
    """Render each part and join them with a separator (the separator is markup you wrote).

    Examples:
        >>> join(["<a>", Html("<b>x</b>")], Html(", "))
        '&lt;a&gt;, <b>x</b>'
    """
    return Html(separator.join(render(part) for part in parts))


def paragraph(text: object, *, css_class: str | None = None) -> Html:
    """A ``<p>`` with the escaped text (or the given :class:`Html`)."""
    attribute = f' class="{esc(css_class)}"' if css_class else ""
    return Html(f"<p{attribute}>{render(text)}</p>")


def badge(text: object, *, title: object = None) -> Html:
    """A small rounded label (a programme kind, a sector).

    Examples:
        >>> badge("oppisopimus")
        '<span class="badge">oppisopimus</span>'
    """
    tip = f' title="{esc(title)}"' if title is not None else ""
    return Html(f'<span class="badge"{tip}>{render(text)}</span>')


def section(title: object, *content: object, section_id: str | None = None, note: object = None) -> Html:
    """A ``<section>`` with an ``<h2>`` title, an optional note under it, and its content.

    Args:
        title: The heading.
        *content: The blocks, each rendered (escaped unless :class:`Html`).
        section_id: The ``id`` attribute (an anchor).
        note: A short muted line under the heading.
    """
    anchor = f' id="{esc(section_id)}"' if section_id else ""
    lead = paragraph(note, css_class="note") if note is not None else ""
    return Html(f"<section{anchor}>\n<h2>{render(title)}</h2>\n{lead}{join(content, chr(10))}\n</section>")


def table(
    headers: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    numeric: Sequence[int] = (),
    caption: object = None,
) -> Html:
    """A table; cells are escaped unless they are :class:`Html`.

    Args:
        headers: The column headings.
        rows: The rows, one value per column.
        numeric: Indexes of right-aligned (number) columns.
        caption: A caption above the table.

    Examples:
        >>> print(table(["a", "n"], [["<x>", 1]], numeric=[1]))
        <table>
        <thead><tr><th>a</th><th class="num">n</th></tr></thead>
        <tbody>
        <tr><td>&lt;x&gt;</td><td class="num">1</td></tr>
        </tbody>
        </table>
    """
    right = set(numeric)

    def cells(values: Sequence[object], tag: str) -> str:
        return "".join(
            f'<{tag} class="num">{render(v)}</{tag}>' if i in right else f"<{tag}>{render(v)}</{tag}>"
            for i, v in enumerate(values)
        )

    head = f"<caption>{render(caption)}</caption>\n" if caption is not None else ""
    body = "\n".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    return Html(f"<table>\n{head}<thead><tr>{cells(headers, 'th')}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")


Span = tuple[int, int, str]
"""A stretch of text to highlight: start offset, end offset, and a tooltip (e.g. the skills it supports)."""


def highlight(text: str, spans: Iterable[Span]) -> Html:
    """The text escaped, with the spans wrapped in ``<mark title="...">``; overlapping spans merge.

    Offsets outside the text are clipped; the tooltips of merged spans are joined with ``"; "``.

    Examples:
        >>> highlight("Ajoin trukkia <b>", [(6, 13, "trukin ajo")])
        'Ajoin <mark title="trukin ajo">trukkia</mark> &lt;b&gt;'
        >>> highlight("abcdef", [(0, 3, "x"), (2, 5, "y")])
        '<mark title="x; y">abcde</mark>f'
    """
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, tip in sorted((max(0, s), min(len(text), e), t) for s, e, t in spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            last = merged[-1]
            tips = last[2] if tip in last[2] else [*last[2], tip]
            merged[-1] = (last[0], max(last[1], end), tips)
        else:
            merged.append((start, end, [tip]))
    out: list[str] = []
    position = 0
    for start, end, tips in merged:
        out.append(esc(text[position:start]))
        out.append(f'<mark title="{esc("; ".join(t for t in tips if t))}">{esc(text[start:end])}</mark>')
        position = end
    out.append(esc(text[position:]))
    return Html("".join(out))


def _frame(title: object, body: object, subtitle: object, footer: object) -> str:
    sub = f"\n<p>{render(subtitle)}</p>" if subtitle is not None else ""
    foot = f'\n<footer class="report">{render(footer)}</footer>' if footer is not None else ""
    return f'<header class="report">\n<h1>{render(title)}</h1>{sub}\n</header>\n<main>\n{render(body)}\n</main>{foot}'


def page(
    title: object,
    body: object,
    *,
    language: str,
    subtitle: object = None,
    footer: object = None,
    extra_css: str = "",
) -> Html:
    """A complete, self-contained HTML document: no scripts, no network, A4 print rules.

    Args:
        title: The ``<title>`` and the heading.
        body: The content (sections), rendered (escaped unless :class:`Html`).
        language: The ``lang`` attribute (``"fi"``, ``"en"``).
        subtitle: A muted line under the heading (date, version).
        footer: The footer content (notices).
        extra_css: More CSS rules after :data:`BASE_CSS` (a report's own classes, scoped to ``.osa-report``).
    """
    return Html(
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="osaaminen">\n'
        f"<title>{render(title)}</title>\n<style>{BASE_CSS}{extra_css}</style>\n</head>\n<body>\n"
        f'<div class="osa-report">\n{_frame(title, body, subtitle, footer)}\n</div>\n'
        "</body>\n</html>\n"
    )


def fragment(
    title: object,
    body: object,
    *,
    language: str,
    subtitle: object = None,
    footer: object = None,
    extra_css: str = "",
) -> Html:
    """The same report as :func:`page`, as one ``<div>`` to embed in another page (a notebook's output).

    Its styles are scoped to the ``<div>``, so the surrounding page keeps its look. Arguments as in
    :func:`page`.

    Examples:
        >>> out = fragment("Raportti", paragraph("x"), language="fi")
        >>> out.startswith('<div class="osa-report" lang="fi">') and "<html" not in out
        True
    """
    return Html(
        f'<div class="osa-report" lang="{esc(language)}">\n<style>{BASE_CSS}{extra_css}</style>\n'
        f"{_frame(title, body, subtitle, footer)}\n</div>\n"
    )
