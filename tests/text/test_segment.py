"""Tests of osaaminen.text.segment: lines, bullets, sentences and enumeration items with offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osaaminen.text.segment import Segment, segment

FORMAL_CV = """Työkokemus
2015–2020 Hitsaaja, Telakka Oy, Turku
- MIG/MAG-hitsaus, puikkohitsaus ja TIG-hitsaus
- Teräsrakenteiden kokoonpano piirustusten mukaan.
• Vastasin tilausten ja laskujen käsittelystä.

Osaaminen: trukkikortti, tulityökortti, B-ajokortti
Kielitaito: suomi (äidinkieli), englanti (hyvä)"""

CASUAL_FI = "mä oon tehny kassahommia ja siivousta. sit oon ollu kesätöissä varastolla"

LEARNER_FI = (
    "Minä olen työskennelly siivooja 3 vuotta. Minä osaan siivous , tiskaus ja ruoka laitto.\nMinulla on hygieniapassi"
)

MIXED = "Olen tehnyt customer service -töitä Lontoossa. I also worked as a barista.\nOsaan Excel, SAP ja Power BI."

SWEDISH = "Arbetsuppgifter: montering, svetsning och kvalitetskontroll.\nJag har jobbat som undersköterska sedan 2015."

ENGLISH = (
    "* Responsible for order processing, invoicing and customer contacts\n"
    "* Operated forklifts and reach trucks (e.g. Linde, Toyota) in a cold warehouse.\n"
    "1. Welding, machining and assembly"
)

ALL_TEXTS = [FORMAL_CV, CASUAL_FI, LEARNER_FI, MIXED, SWEDISH, ENGLISH, "", " \n ", "-", "***\n---"]
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def texts(segments: list[Segment], kind: str | None = None) -> list[str]:
    return [s.text for s in segments if kind is None or s.kind == kind]


def check_invariants(text: str, segments: list[Segment]) -> None:
    spans = [(s.start, s.end) for s in segments]
    assert len(set(spans)) == len(spans), "two segments share a span"
    assert spans == sorted(spans, key=lambda span: (span[0], span[0] - span[1]))
    for s in segments:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert any(c.isalnum() for c in s.text)
        assert s.kind in ("line", "bullet", "sentence", "item")
        assert s.line == len(_LINE_BREAK.findall(text, 0, s.start))
        assert not s.text.endswith((".", ",", ";", ":"))


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_offsets_and_invariants_hold_on_every_test_text(text: str) -> None:
    check_invariants(text, segment(text))
    check_invariants(text, segment(text, split_items=False))


def test_formal_cv_lines_bullets_and_items() -> None:
    segments = segment(FORMAL_CV)
    assert texts(segments, "line")[:2] == ["Työkokemus", "2015–2020 Hitsaaja, Telakka Oy, Turku"]
    assert texts(segments, "bullet") == [
        "MIG/MAG-hitsaus, puikkohitsaus ja TIG-hitsaus",
        "Teräsrakenteiden kokoonpano piirustusten mukaan",
        "Vastasin tilausten ja laskujen käsittelystä",
    ]
    items = texts(segments, "item")
    assert {"MIG", "MAG-hitsaus", "puikkohitsaus", "TIG-hitsaus"} <= set(items)
    assert {"trukkikortti", "tulityökortti", "B-ajokortti"} <= set(items)
    # Attribute coordination is not a list: "tilausten" alone would be a useless fragment.
    assert "tilausten" not in items
    assert [s.line for s in segments if s.text == "B-ajokortti"] == [6]


def test_blank_line_keeps_line_numbers() -> None:
    segments = segment("kokki\n\n\r\nsiivooja")
    assert [(s.text, s.line) for s in segments] == [("kokki", 0), ("siivooja", 3)]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("hitsaus, koneistus ja kokoonpano", ["hitsaus", "koneistus", "kokoonpano"]),
        ("welding, machining and assembly", ["welding", "machining", "assembly"]),
        ("welding, machining, and assembly", ["welding", "machining", "assembly"]),
        ("Osaaminen: hitsaus, koneistus, kokoonpano", ["hitsaus", "koneistus", "kokoonpano"]),
        ("Työtehtävät: kassatyöt, hyllytys ja asiakaspalvelu.", ["kassatyöt", "hyllytys", "asiakaspalvelu"]),
        ("Työtehtävät: asiakaspalvelu", ["asiakaspalvelu"]),
        ("Olen tehnyt hitsausta, koneistusta ja kokoonpanoa", ["hitsausta", "koneistusta", "kokoonpanoa"]),
        ("mä oon tehny kassahommia ja siivousta", ["kassahommia", "siivousta"]),
        ("Osaan monia asioita, kuten hitsaus, koneistus ja kokoonpano", ["hitsaus", "koneistus", "kokoonpano"]),
        ("I have experience in welding, machining and assembly.", ["welding", "machining", "assembly"]),
        (
            "Arbetsuppgifter: montering, svetsning och kvalitetskontroll",
            ["montering", "svetsning", "kvalitetskontroll"],
        ),
        ("Kassatyöt, hyllytys, jne.", ["Kassatyöt", "hyllytys"]),
        ("siivous ja/tai keittiötyöt", ["siivous", "keittiötyöt"]),
        ("hitsaus (MIG, TIG) ja koneistus", ["hitsaus (MIG, TIG)", "koneistus"]),
        ("tilausten käsittely, laskutus ja asiakaspalvelu", ["tilausten käsittely", "laskutus", "asiakaspalvelu"]),
        ("Excel/Word", ["Excel", "Word"]),
        # A word of degree before an item is not a word of its own, and "puhun" frames a list of languages.
        ("Osaan venäjää ja vähän englantia", ["venäjää", "vähän englantia"]),
        ("Puhun arabiaa, somalia ja hieman suomea", ["arabiaa", "somalia", "hieman suomea"]),
        ("I speak Arabic and some English", ["Arabic", "some English"]),
    ],
)
def test_enumerations_give_items(text: str, items: list[str]) -> None:
    segments = segment(text)
    assert texts(segments, "item") == items
    # The sentence itself is kept for context, before its items.
    assert segments[0].kind == "line"
    assert segments[0].text == text.rstrip(".")


@pytest.mark.parametrize(
    "text",
    [
        "Hitsasin ja koneistin putkia",
        "Vastasin tilausten ja laskujen käsittelystä",
        "Tein töitä Lahdessa, sitten muutin Helsinkiin",
        "Ajoin trukkia 24/7 nopeudella 10 km/h, 2,5 vuotta",
        "Asun Lahdessa, olen 35-vuotias",
        "I welded and machined pipes",
        "Responsible for order and invoice processing",
        "Jag svetsade och bearbetade rör på varvet",
        "Palkka 2,5 tuhatta euroa",
        "Teen hyvin ja nopeasti töitä",
    ],
)
def test_clauses_and_attributes_are_not_split_into_items(text: str) -> None:
    assert texts(segment(text), "item") == []


def test_split_items_false_gives_no_items() -> None:
    assert texts(segment("hitsaus, koneistus ja kokoonpano", split_items=False), "item") == []


def test_bullet_markers_are_left_out_of_the_span() -> None:
    text = "- hitsaus\n* koneistus\n• kokoonpano\n– maalaus\n· siivous\n1. trukki\n2) kassa\na) kokki\n-tiskaus"
    segments = segment(text)
    assert [(s.kind, s.text) for s in segments] == [
        ("bullet", "hitsaus"),
        ("bullet", "koneistus"),
        ("bullet", "kokoonpano"),
        ("bullet", "maalaus"),
        ("bullet", "siivous"),
        ("bullet", "trukki"),
        ("bullet", "kassa"),
        ("bullet", "kokki"),
        ("bullet", "tiskaus"),
    ]


@pytest.mark.parametrize(
    "text",
    ["2.5 vuotta varastolla", "1.3.2020 alkaen kokkina", "B-ajokortti", "2019 hitsaaja", "-5 asteen pakkasvarasto"],
)
def test_numbers_and_hyphens_at_line_start_are_not_bullets(text: str) -> None:
    segments = segment(text)
    assert segments[0].kind == "line"
    assert segments[0].start == 0 or text.startswith("-")


def test_sentences_split_on_full_stops_but_not_on_abbreviations_numbers_dates_or_initials() -> None:
    text = (
        "Tein esim. kassatöitä ja mm. hyllytystä n. 2.5 vuotta 1.3.2020 alkaen. "
        "Esimieheni oli M. Virtanen. Sen jälkeen työskentelin Rakennus Oy. "
        "I used tools e.g. drills, i.e. power tools etc. and more! Vad gör du? Jag städar t.ex. kontor."
    )
    assert texts(segment(text, split_items=False), "sentence") == [
        "Tein esim. kassatöitä ja mm. hyllytystä n. 2.5 vuotta 1.3.2020 alkaen",
        "Esimieheni oli M. Virtanen",
        "Sen jälkeen työskentelin Rakennus Oy. I used tools e.g. drills, i.e. power tools etc. and more",
        "Vad gör du",
        "Jag städar t.ex. kontor",
    ]


def test_chat_style_sentences_without_capitals_are_split() -> None:
    assert texts(segment(CASUAL_FI, split_items=False), "sentence") == [
        "mä oon tehny kassahommia ja siivousta",
        "sit oon ollu kesätöissä varastolla",
    ]


def test_semicolons_separate_sentences() -> None:
    assert texts(segment("kassatyöt; hyllytys; siivous"), "sentence") == ["kassatyöt", "hyllytys", "siivous"]


def test_learner_finnish_with_typos_and_stray_spaces() -> None:
    segments = segment(LEARNER_FI)
    check_invariants(LEARNER_FI, segments)
    assert "Minä osaan siivous , tiskaus ja ruoka laitto" in texts(segments, "sentence")
    assert texts(segments, "item") == ["siivous", "tiskaus", "ruoka laitto"]


def test_mixed_language_text() -> None:
    segments = segment(MIXED)
    assert texts(segments, "sentence") == [
        "Olen tehnyt customer service -töitä Lontoossa",
        "I also worked as a barista",
    ]
    assert texts(segments, "item") == ["Excel", "SAP", "Power BI"]


def test_english_bullets_with_abbreviation_in_brackets() -> None:
    segments = segment(ENGLISH)
    assert texts(segments, "bullet") == [
        "Responsible for order processing, invoicing and customer contacts",
        "Operated forklifts and reach trucks (e.g. Linde, Toyota) in a cold warehouse",
        "Welding, machining and assembly",
    ]
    assert texts(segments, "item") == [
        "order processing",
        "invoicing",
        "customer contacts",
        "Welding",
        "machining",
        "assembly",
    ]


def test_hyphenated_first_part_of_a_shared_compound_is_not_an_item() -> None:
    # "muovi- ja metallituotteiden" = "muovituotteiden ja metallituotteiden": one phrase, not "muovi-" + ...
    segments = segment("Laaduntarkastaja, muovi- ja metallituotteiden valmistaja, Lahti")
    assert texts(segments, "item") == ["Laaduntarkastaja", "muovi- ja metallituotteiden valmistaja", "Lahti"]
    assert texts(segment("Osaan puu-, metalli- ja muovitöitä"), "item") == []
    assert texts(segment("Hitsaus-, koneistus- ja kokoonpanotyöt, maalaus"), "item") == [
        "Hitsaus-, koneistus- ja kokoonpanotyöt",
        "maalaus",
    ]


def test_swedish_text() -> None:
    segments = segment(SWEDISH)
    assert texts(segments, "item") == ["montering", "svetsning", "kvalitetskontroll"]
    assert texts(segments, "line")[1] == "Jag har jobbat som undersköterska sedan 2015"


def test_windows_and_old_mac_line_breaks_keep_offsets() -> None:
    text = "kokki\r\ntarjoilija\rsiivooja\u2028vahtimestari"
    segments = segment(text)
    assert [(s.text, s.line) for s in segments] == [
        ("kokki", 0),
        ("tarjoilija", 1),
        ("siivooja", 2),
        ("vahtimestari", 3),
    ]


def test_order_is_by_start_then_longer_first() -> None:
    segments = segment("Osaaminen: hitsaus, koneistus. Kokemusta 5 vuotta")
    assert [(s.kind, s.text) for s in segments] == [
        ("line", "Osaaminen: hitsaus, koneistus. Kokemusta 5 vuotta"),
        ("sentence", "Osaaminen: hitsaus, koneistus"),
        ("item", "hitsaus"),
        ("item", "koneistus"),
        ("sentence", "Kokemusta 5 vuotta"),
    ]


def test_non_str_raises_type_error() -> None:
    with pytest.raises(TypeError, match="bytes"):
        segment(b"kokki")  # type: ignore[arg-type]


_PIECES = st.sampled_from(
    [
        "hitsaus", "Kokki", "ja", "and", "och", "sekä", "tai", "/", ",", ", ", ".", ". ", ";", ":", ": ", "-", "- ",
        "• ", "1. ", "a) ", "(", ")", "esim.", "e.g.", "2.5", "1.3.2020", "M.", "\n", "\r\n", "\r", "\t", " ",
        "  ", "\u200b", "\ufeff", "…", "!", "?", "ä", "C++", "kuten", "Oy.", "jne.", "2,5", "km/h",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), st.lists(_PIECES, max_size=40).map("".join)))
def test_segment_never_crashes_and_keeps_offsets(text: str) -> None:
    check_invariants(text, segment(text))
