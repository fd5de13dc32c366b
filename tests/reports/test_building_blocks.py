"""Page shell, charts and interface text shared by the reports."""

from __future__ import annotations

import pytest

from osaaminen.reports import charts, html, i18n


def test_every_language_has_the_same_messages() -> None:
    keys = [set(messages) for messages in i18n.MESSAGES.values()]
    assert all(k == keys[0] for k in keys)
    assert set(i18n.MESSAGES) == set(i18n.LANGUAGES)


def test_translator_errors() -> None:
    with pytest.raises(ValueError, match="not 'de'"):
        i18n.translator("de")
    with pytest.raises(KeyError, match="no report message"):
        i18n.translator("fi")("nope")
    with pytest.raises(ValueError, match="same keys"):
        i18n.Translator("fi", extra={"fi": {"a": "A"}, "en": {}})


def test_highlight_escapes_between_and_inside_marks() -> None:
    out = html.highlight("<a>x</a>", [(3, 4, '"q"'), (100, 120, "outside"), (2, 1, "backwards")])
    assert out == '&lt;a&gt;<mark title="&quot;q&quot;">x</mark>&lt;/a&gt;'


def test_page_has_no_script_and_forbids_network() -> None:
    doc = html.page("<Otsikko>", "<script>x</script>", language="fi", footer="f", subtitle="s")
    assert "<script" not in doc and "&lt;Otsikko&gt;" in doc
    assert "default-src 'none'" in doc.replace("&#x27;", "'")


def test_charts_validate_and_escape() -> None:
    with pytest.raises(ValueError, match="needs 3 non-negative values"):
        charts.stacked_bars([("a", (1, 2))], charts.PLAN_SEGMENTS, title="t")
    with pytest.raises(ValueError, match="ends"):
        charts.timeline([charts.TimelineItem("a", 3, 1, "#000")], title="t")
    svg = charts.stacked_bars([("<b>", (1, 0, 2))], charts.PLAN_SEGMENTS, title="<t>", normalise=True)
    assert "<b>" not in svg and "&lt;t&gt;" in svg
    long = charts.timeline([charts.TimelineItem("x" * 200, 0, 52, "#000", detail="d")], title="t")
    assert "\u2026" in long and "x" * 200 in long  # shortened on the chart, whole in the tooltip
    assert charts.nice_ticks(144) == [0, 20, 40, 60, 80, 100, 120, 140, 160]
    assert charts.nice_ticks(0.3)[-1] >= 0.3
