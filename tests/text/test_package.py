"""Tests of the osaaminen.text package: exports and a cheap import."""

from __future__ import annotations

import subprocess
import sys

import osaaminen.text as text_layer


def test_every_exported_name_resolves_and_all_is_sorted() -> None:
    # isort style, as ruff keeps it: constants, then classes, then functions.
    def style(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert text_layer.__all__ == sorted(text_layer.__all__, key=style)
    for name in text_layer.__all__:
        assert getattr(text_layer, name) is not None, name


def test_importing_loads_neither_language_model_nor_lemmatiser() -> None:
    heavy = "('py3langid', 'simplemma', 'numpy', 'pandas')"
    code = f"import sys, osaaminen.text; print(sorted(m for m in {heavy} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_layer_end_to_end_on_a_casual_finnish_text() -> None:
    raw = "mä oon tehny 2 vuotta kassahommia ja siivousta. en osaa SAPia mutta Excel sujuu".encode()
    text = text_layer.check_text(raw)
    language = text_layer.detect_language(text).language
    assert language == "fi"
    segments = text_layer.segment(text)
    items = [s for s in segments if s.kind == "item"]
    assert [s.text for s in items] == ["kassahommia", "siivousta"]
    first = [lemma for lemma, _ in text_layer.lemmas(items[0].text, language)]
    assert first == ["kassatyö"]
    sentence = next(s for s in segments if s.text.startswith("en osaa"))
    sap = sentence.text.index("SAPia")
    assert text_layer.is_negated(sentence.text, sap, sap + 5, language)
    assert [d.years for d in text_layer.extract_durations(text)] == [2.0]
