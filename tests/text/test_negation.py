"""Tests of osaaminen.text.negation: cue-and-scope negation in Finnish, English and Swedish."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osaaminen.text.negation import is_negated, negated_spans


def negated(text: str, phrase: str, lang: str) -> bool:
    start = text.index(phrase)
    return is_negated(text, start, start + len(phrase), lang)


@pytest.mark.parametrize(
    ("lang", "text", "phrase"),
    [
        ("fi", "Ei kokemusta trukin ajosta", "trukin ajosta"),
        ("fi", "En osaa SAPia mutta Excel sujuu", "SAPia"),
        ("fi", "Minulla ei ole ajokorttia", "ajokorttia"),
        ("fi", "minulla ei oo hygieniapassia", "hygieniapassia"),
        ("fi", "Ajokorttia minulla ei ole", "Ajokorttia"),
        ("fi", "SAP-kokemus puuttuu", "SAP-kokemus"),
        ("fi", "Minulta puuttuu trukkikortti", "trukkikortti"),
        ("fi", "Olen vailla ammattitutkintoa", "ammattitutkintoa"),
        ("fi", "Työskentelin ilman ajokorttia", "ajokorttia"),
        ("fi", "En ole koskaan ajanut trukkia enkä kaivinkonetta", "kaivinkonetta"),
        ("fi", "Tulityökortti: ei", "Tulityökortti"),
        ("en", "No experience with forklifts", "forklifts"),
        ("en", "I have not worked with SAP, but I know Excel.", "SAP"),
        ("en", "I don't have a driving licence", "driving licence"),
        ("en", "I’ve never used Photoshop", "Photoshop"),
        ("en", "Lack of formal training in welding", "welding"),
        ("en", "Driving licence missing", "Driving licence"),
        ("en", "No hygiene passport", "hygiene passport"),
        ("sv", "Ingen erfarenhet av truckkörning", "truckkörning"),
        ("sv", "Jag kan inte SAP utan Excel", "SAP"),
        ("sv", "Jag har aldrig svetsat", "svetsat"),
        ("sv", "Körkort saknas", "Körkort"),
        ("xx", "Körkort saknas", "Körkort"),
    ],
)
def test_negated(lang: str, text: str, phrase: str) -> None:
    assert negated(text, phrase, lang)


@pytest.mark.parametrize(
    ("lang", "text", "phrase"),
    [
        ("fi", "En osaa SAPia mutta Excel sujuu", "Excel"),
        ("fi", "Hitsaan itsenäisesti ilman valvontaa", "Hitsaan"),
        ("fi", "Teen siivousta ilman valvontaa", "siivousta"),
        ("fi", "Ei ajokorttia, mutta trukkikortti on", "trukkikortti"),
        ("fi", "En enää työskentele hitsaajana", "hitsaajana"),
        ("fi", "Ei ongelmia Excelin kanssa", "Excelin"),
        ("fi", "Minulla on B-ajokortti ja trukkikortti", "trukkikortti"),
        ("fi", "Osaan hitsata; en osaa koneistaa", "hitsata"),
        ("fi", "Olen tehnyt kassatöitä 5 vuotta. Ei kokemusta SAPista", "kassatöitä"),
        ("en", "I have not worked with SAP, but I know Excel.", "Excel"),
        ("en", "not only welding but also machining", "welding"),
        ("en", "No problems with Excel", "Excel"),
        ("en", "I worked without supervision as a welder", "I worked"),
        ("en", "Experienced welder, no driving licence", "welder"),
        ("sv", "Jag kan inte SAP utan Excel", "Excel"),
        ("sv", "Arbetade utan handledning som svetsare", "Arbetade"),
        ("sv", "Jag har körkort", "körkort"),
    ],
)
def test_not_negated(lang: str, text: str, phrase: str) -> None:
    assert not negated(text, phrase, lang)


def test_negated_spans_exclude_the_cue_and_end_at_the_clause() -> None:
    text = "En osaa SAPia, Excel sujuu"
    assert [text[s:e] for s, e in negated_spans(text, "fi")] == ["osaa SAPia"]
    text = "Ei kokemusta trukeista eikä kaivinkoneista; hitsaus sujuu"
    assert [text[s:e] for s, e in negated_spans(text, "fi")] == ["kokemusta trukeista eikä kaivinkoneista"]


def test_decimal_comma_does_not_end_a_clause() -> None:
    text = "Ei 2,5 vuoden kokemusta hitsauksesta"
    assert negated(text, "hitsauksesta", "fi")


def test_finnish_cue_en_is_not_a_cue_in_swedish() -> None:
    assert negated_spans("Jag har en truck", "sv") == []
    assert negated_spans("Jag har en truck", "und") == []


def test_empty_span_inside_a_scope() -> None:
    text = "Ei ajokorttia"
    assert is_negated(text, 5, 5, "fi")
    assert not is_negated(text, 0, 0, "fi")


def test_span_outside_the_segment_raises() -> None:
    with pytest.raises(ValueError, match="not inside"):
        is_negated("Ei ajokorttia", 3, 40, "fi")
    with pytest.raises(ValueError, match="not inside"):
        is_negated("Ei ajokorttia", 5, 2, "fi")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["ei", "no", "inte", "ilman", "SAP", "mutta", ",", ".", " ", "puuttuu", "x"])).map(
        " ".join
    )
)
def test_scopes_are_sorted_disjoint_and_inside(text: str) -> None:
    for lang in ("fi", "en", "sv", "de"):
        spans = negated_spans(text, lang)
        assert all(0 <= s < e <= len(text) for s, e in spans)
        assert all(spans[i][1] < spans[i + 1][0] for i in range(len(spans) - 1))
