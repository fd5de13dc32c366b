"""Tests of osaaminen.text.normalise: tokens, folding, lemmas, spoken Finnish, n-grams, compounds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osaaminen.text.normalise import (
    COLLOQUIAL_FI,
    Token,
    char_ngrams,
    fold,
    lemmas,
    lemmatise,
    split_compound_fi,
    standardise_fi,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Osaan C++, C# ja Java-ohjelmoinnin.", ["Osaan", "C++", "C#", "ja", "Java-ohjelmoinnin"]),
        ("ISO 9001 -laatujärjestelmä", ["ISO", "9001", "laatujärjestelmä"]),
        ("3D-mallinnus ja SAP", ["3D-mallinnus", "ja", "SAP"]),
        ("Käytin SAP:ia ja C#:lla", ["Käytin", "SAP:ia", "ja", "C#:lla"]),
        ("2019–2023 ja 2019-2023", ["2019", "2023", "ja", "2019", "2023"]),
        ("covid-19-rokotus, B-ajokortti", ["covid-19-rokotus", "B-ajokortti"]),
        ("McDonald’s, O'Brien", ["McDonald’s", "O'Brien"]),
        ("klo 8:00–16:00", ["klo", "8", "00", "16", "00"]),
        ("", []),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == tokens


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_token_offsets_point_into_the_text(text: str) -> None:
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.text


def test_fold_keeps_finnish_letters_and_asciifies_typography() -> None:
    assert fold("ÄÖÅ äöå") == "äöå äöå"
    assert fold("A\u0308iti") == "äiti"  # decomposed ä is composed
    assert fold("“Lähi­hoitaja” – ‘vuoro’ — ﬁlee") == "\"lähihoitaja\" - 'vuoro' - filee"
    assert fold("Työ\u00a0kokemus") == "työ kokemus"


@pytest.mark.parametrize(
    ("word", "standard"),
    [
        ("mä", "minä"),
        ("Mä", "minä"),
        ("sä", "sinä"),
        ("oon", "olen"),
        ("oli", "oli"),
        ("tehny", "tehnyt"),
        ("ollu", "ollut"),
        ("opiskellu", "opiskellut"),
        ("käyny", "käynyt"),
        ("kassahommat", "kassatyöt"),
        ("siivoushommia", "siivoustyöt"),
        ("rakennushommissa", "rakennustyöt"),
        ("hommia", "työt"),
        ("duuni", "työ"),
        ("duunissa", "työ"),
        ("kesäduuni", "kesätyö"),
        ("kokkina", "kokkina"),
        ("hitsaus", "hitsaus"),
        ("menu", "menu"),
        ("kalu", "kalu"),
    ],
)
def test_standardise_fi(word: str, standard: str) -> None:
    assert standardise_fi(word) == standard


def test_colloquial_table_is_lower_case_and_maps_to_words() -> None:
    assert all(key == key.lower() and value and " " not in value for key, value in COLLOQUIAL_FI.items())


@pytest.mark.parametrize(
    ("word", "lang", "lemma"),
    [
        ("hitsausta", "fi", "hitsaus"),
        ("Hitsasin", "fi", "hitsata"),
        ("lähihoitajana", "fi", "lähihoitaja"),
        ("asiakaspalvelussa", "fi", "asiakaspalvelu"),
        ("kassatöitä", "fi", "kassatyö"),
        ("siivoustyöt", "fi", "siivoustyö"),
        ("metalliosien", "fi", "metalliosa"),
        ("trukinkuljettajana", "fi", "trukinkuljettaja"),
        ("SAP:ssa", "fi", "sap"),
        ("2019", "fi", "2019"),
        ("C++", "en", "c++"),
        ("forklifts", "en", "forklift"),
        ("Welders", "en", "welder"),
        ("arbetade", "sv", "arbeta"),
        ("svetsare", "sv", "svetsare"),
        ("Schweißer", "xx", "schweißer"),
    ],
)
def test_lemmatise(word: str, lang: str, lemma: str) -> None:
    assert lemmatise(word, lang) == lemma


def test_lemmas_of_casual_finnish() -> None:
    text = "mä oon tehny kassahommia ja siivousta"
    result = lemmas(text, "fi")
    assert [lemma for lemma, _ in result] == ["minä", "olla", "tehdä", "kassatyö", "ja", "siivous"]
    assert all(text[t.start : t.end] == t.text for _, t in result)
    assert result[3][1] == Token("kassahommia", 13, 24)


def test_lemmas_of_formal_finnish_english_and_swedish() -> None:
    fi = [lemma for lemma, _ in lemmas("Työskentelin trukinkuljettajana logistiikkakeskuksessa", "fi")]
    assert fi == ["työskennellä", "trukinkuljettaja", "logistiikkakeskus"]
    assert [lemma for lemma, _ in lemmas("Operated forklifts in warehouses", "en")] == [
        "operate",
        "forklift",
        "in",
        "warehouse",
    ]
    assert [lemma for lemma, _ in lemmas("Jag arbetade som svetsare", "sv")] == ["jag", "arbeta", "som", "svetsare"]


def test_standardisation_is_only_for_finnish() -> None:
    assert [lemma for lemma, _ in lemmas("sit", "en")] == ["sit"]
    assert [lemma for lemma, _ in lemmas("sit", "fi")] == ["sitten"]


def test_char_ngrams_like_char_wb() -> None:
    assert char_ngrams("ab", 3, 3) == [" ab", "ab "]
    assert char_ngrams("a", 3, 5) == [" a "]
    assert char_ngrams("Työ", 3, 4) == [" ty", "työ", "yö ", " työ", "työ "]
    assert char_ngrams("") == []
    with pytest.raises(ValueError, match="n_min"):
        char_ngrams("työ", 4, 3)


def test_char_ngrams_connect_compounds_and_their_parts() -> None:
    compound = set(char_ngrams("trukinkuljettaja"))
    assert {"truk", "kulje", "ettaj"} <= compound
    assert len(compound & set(char_ngrams("kuljettaja"))) > 10
    assert compound & set(char_ngrams("trukki"))
    assert set(char_ngrams("Trukinkuljettaja")) == compound


@pytest.mark.parametrize(
    ("word", "vocabulary", "parts"),
    [
        ("trukinkuljettaja", {"trukki", "kuljettaja"}, ["trukki", "kuljettaja"]),
        ("metalliosien", {"metalli", "osa"}, ["metalli", "osa"]),
        ("kassatyöt", {"kassa", "työ"}, ["kassa", "työ"]),
        ("ihmisoikeus", {"ihminen", "oikeus"}, ["ihminen", "oikeus"]),
        ("B-ajokortti", {"ajokortti"}, ["b", "ajokortti"]),
        ("hitsaustyö", {"hitsaus", "työ", "hitsaustyö"}, ["hitsaustyö"]),
        ("hitsaaja", {"metalli"}, ["hitsaaja"]),
        ("asiakaspalvelu", {"palvelu"}, ["asiakaspalvelu"]),
        ("Rakennustyömaa", {"rakennus", "työ", "maa", "työmaa"}, ["rakennus", "työmaa"]),
    ],
)
def test_split_compound_fi(word: str, vocabulary: set[str], parts: list[str]) -> None:
    assert split_compound_fi(word, vocabulary) == parts


def test_split_compound_respects_min_part() -> None:
    assert split_compound_fi("yötyö", {"yö", "työ"}) == ["yötyö"]
    assert split_compound_fi("yötyö", {"yö", "työ"}, min_part=2) == ["yö", "työ"]
