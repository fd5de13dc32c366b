"""Job titles mentioned inside sentences become units of their own."""

from __future__ import annotations

from osaaminen.recognition.roles import role_mentions
from osaaminen.text.segment import segment

ROLES = {"lähihoitaja", "trukinkuljettaja", "kokki", "cnc-koneistaja"}


def mentions(text: str) -> list[str]:
    found = role_mentions(text, segment(text), ROLES)
    assert all(text[s.start : s.end] == s.text for s in found)  # offsets into the original text
    return [s.text for s in found]


def test_finnish_essive_names_a_known_occupation_only() -> None:
    assert mentions("Olin viime kesänä lähihoitajana ja sen jälkeen CNC-koneistajana Nastolassa.") == [
        "lähihoitajana",
        "CNC-koneistajana",
    ]
    assert mentions("Toimin aikanaan vuonna 2019 myyjänä.") == []  # "myyjä" is not in the known set here


def test_as_a_in_english_and_swedish() -> None:
    assert mentions("I worked as a line cook for three years and as an assistant in Lahti.") == [
        "line cook",
        "assistant",
    ]
    assert mentions("Jag arbetade som lagerarbetare på ett företag.") == ["lagerarbetare"]


def test_no_duplicate_of_an_existing_unit() -> None:
    assert mentions("kokkina") == []
