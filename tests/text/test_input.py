"""Tests of osaaminen.text.input: type, encoding and length checks of one work history."""

from __future__ import annotations

import math

import pytest

from osaaminen.exceptions import InputTooLongError, OsaaminenError, TextDecodingError
from osaaminen.text.input import MAX_CHARS, check_text, is_blank

CV = "Työskentelin hitsaajana\r\nTelakka Oy 2015–2020\r- MIG/MAG-hitsaus"


def test_str_comes_back_unchanged_so_offsets_stay_valid() -> None:
    for text in (CV, "  välilyönnit  ", "A\u0308iti", "\ufeffalku"):  # decomposed ä and a BOM stay as given
        assert check_text(text) == text
        assert len(check_text(text)) == len(text)


def test_str_subclass_becomes_plain_str() -> None:
    class Sub(str):
        pass

    result = check_text(Sub("kokki"))
    assert type(result) is str
    assert result == "kokki"


@pytest.mark.parametrize("text", ["", " ", "\n\t", "\u200b\ufeff \u00a0"])
def test_blank_texts_pass_and_are_blank(text: str) -> None:
    assert check_text(text) == text
    assert is_blank(text)


@pytest.mark.parametrize("text", ["a", " kokki ", "5", "-"])
def test_texts_with_content_are_not_blank(text: str) -> None:
    assert not is_blank(text)


def test_bytes_are_decoded() -> None:
    assert check_text(CV.encode("utf-8")) == CV
    assert check_text(bytearray("Lähihoitaja".encode())) == "Lähihoitaja"
    assert check_text("Lähihoitaja".encode("cp1252"), encoding="cp1252") == "Lähihoitaja"
    assert check_text("Lähihoitaja".encode("utf-16"), encoding="utf-16") == "Lähihoitaja"


def test_utf8_byte_order_mark_is_dropped_from_bytes() -> None:
    assert check_text(b"\xef\xbb\xbfkokki") == "kokki"


def test_bad_bytes_name_encoding_and_offset_but_not_the_text() -> None:
    secret = "Henkilötunnus 010190-123A, Matti Meikäläinen, hitsaaja"
    data = secret.encode("latin-1")
    with pytest.raises(TextDecodingError) as info:
        check_text(data, index=3)
    message = str(info.value)
    assert "utf-8" in message
    offset = data.index("ö".encode("latin-1"))
    assert f"byte offset {offset}" in message
    assert "encoding=" in message
    assert "text 3" in message
    assert "Matti" not in message and "010190" not in message and "hitsaaja" not in message
    assert isinstance(info.value, OsaaminenError)
    assert isinstance(info.value, UnicodeError)


@pytest.mark.parametrize(
    ("value", "named"),
    [(None, "NoneType"), (5, "int"), (["kokki"], "list"), (math.nan, "NaN"), (2.5, "float")],
)
def test_other_types_raise_type_error_naming_the_type(value: object, named: str) -> None:
    with pytest.raises(TypeError, match=named):
        check_text(value)


def test_too_long_text_raises_with_length_limit_and_index() -> None:
    text = "hitsaus " * 3000
    with pytest.raises(InputTooLongError) as info:
        check_text(text, index=7)
    assert info.value.length == len(text)
    assert info.value.limit == MAX_CHARS == 20_000
    assert info.value.index == 7
    assert "hitsaus" not in str(info.value)


def test_limit_is_inclusive_and_adjustable() -> None:
    assert check_text("x" * 10, max_chars=10) == "x" * 10
    with pytest.raises(InputTooLongError):
        check_text("x" * 11, max_chars=10)
    assert len(check_text("x" * 30_000, max_chars=50_000)) == 30_000
