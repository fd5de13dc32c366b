"""Organisation names are found by their legal-form suffix and blanked out of recognition."""

from __future__ import annotations

from osaaminen.text.organisations import organisation_spans


def names(text: str) -> list[str]:
    return [text[a:b] for a, b in organisation_spans(text)]


def test_legal_forms_in_finnish_swedish_and_english() -> None:
    assert names("Hitsaaja, Lahden Metalli Oy (2015-2020), sitten Acme Ltd:llä") == ["Lahden Metalli Oy", "Acme Ltd"]
    assert names("Lagerarbetare på Bygg & Trä AB i Vasa") == ["Bygg & Trä AB"]
    assert names("Siivooja, Puhdas Koti Tmi") == ["Puhdas Koti Tmi"]


def test_no_name_no_match() -> None:
    assert names("kokemusta oy:stä ja ab:sta") == []
    assert names("Asiakaspalvelu ja myynti") == []
