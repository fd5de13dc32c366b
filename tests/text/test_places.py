"""Finnish place names are found in any case form and blanked out of recognition."""

from __future__ import annotations

import pytest

from osaaminen.text.places import is_place, place_spans


def places(text: str) -> list[str]:
    return [text[a:b] for a, b in place_spans(text)]


@pytest.mark.parametrize(
    "word",
    [
        "Lahti",
        "Lahdessa",
        "Lahden",
        "Nastolassa",
        "Hollolaan",
        "Helsingissä",
        "Vantaalla",
        "Hämeenlinnassa",
        "Päijät-Hämeessä",
        "Porvoossa",
        "Tammerfors",
        "Vasa",
    ],
)
def test_municipalities_merged_ones_and_regions_in_their_case_forms(word: str) -> None:
    assert is_place(word)


@pytest.mark.parametrize("word", ["lahti", "salo", "Lahja", "Hitsaaja", "Excel", "Kemia", "Kemiska", "Python"])
def test_lower_case_words_and_lookalikes_are_not_places(word: str) -> None:
    assert not is_place(word)


def test_spans_cover_a_compound_the_place_heads() -> None:
    text = "Kuljettaja, Lahti (2019-). Ajoin Lahti–Helsinki-väliä ja asuin Nastolassa; lahden rannalla."
    assert places(text) == ["Lahti", "Lahti", "Helsinki-väliä", "Nastolassa"]
