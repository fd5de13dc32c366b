"""Checking one work history before recognition: type, encoding and length.

The recogniser accepts texts from spreadsheets, forms and files, so a "text" can arrive as ``bytes`` in
an unknown encoding, as ``None`` or ``NaN`` from an empty cell, or as a pasted book. This module turns
what it can into ``str`` and rejects the rest with a message that says what to do. It never quotes the
text itself: work histories are personal data.
"""

from __future__ import annotations

import math
import re

from osaaminen.exceptions import InputTooLongError, TextDecodingError

__all__ = ["MAX_CHARS", "check_text", "is_blank"]

MAX_CHARS = 20_000
"""The documented limit for one work history, in characters (about eight pages of prose)."""

# White space plus the invisible characters that editors and web forms leave behind.
_BLANK = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]*")


def check_text(
    text: object,
    *,
    max_chars: int = MAX_CHARS,
    encoding: str = "utf-8",
    index: int | None = None,
) -> str:
    r"""Return one work history as ``str``, decoding bytes, or raise a helpful error.

    A ``str`` comes back unchanged (not normalised, not stripped), so that character offsets found
    in the result are offsets into the caller's own string. Bytes are decoded with ``encoding``; with
    the default UTF-8 a leading byte-order mark is dropped. Empty and blank texts pass: the recogniser
    turns them into an empty profile with an :class:`~osaaminen.exceptions.EmptyTextWarning`.

    Args:
        text: The work history: ``str``, ``bytes`` or ``bytearray``.
        max_chars: The longest text accepted, in characters.
        encoding: The encoding of ``text`` when it is bytes.
        index: The text's position in a batch, named in error messages.

    Returns:
        The text as ``str``.

    Raises:
        TypeError: If ``text`` is neither ``str`` nor bytes (``None``, a number, ``NaN``, a list).
        TextDecodingError: If bytes cannot be decoded with ``encoding``; the message gives the byte
            offset of the first bad byte.
        InputTooLongError: If the text has more than ``max_chars`` characters.

    Examples:
        >>> check_text("Hitsaaja, 5 vuotta")
        'Hitsaaja, 5 vuotta'
        >>> check_text("Kokki\r\nTarjoilija".encode())
        'Kokki\r\nTarjoilija'
        >>> check_text(None)
        Traceback (most recent call last):
        ...
        TypeError: the text is NoneType, not str or bytes; give each work history as a string (an empty string for none)
    """
    where = f"text {index}" if index is not None else "the text"
    if isinstance(text, str):
        # A str subclass (numpy.str_) becomes a plain str of the same length.
        result = str(text)
    elif isinstance(text, (bytes, bytearray)):
        result = _decode(bytes(text), encoding, where)
    else:
        kind = type(text).__name__
        if isinstance(text, float) and math.isnan(text):
            kind = "float NaN (a missing value, perhaps an empty cell of a table)"
        raise TypeError(
            f"{where} is {kind}, not str or bytes; give each work history as a string (an empty string for none)"
        )
    if len(result) > max_chars:
        raise InputTooLongError(len(result), max_chars, index=index)
    return result


def is_blank(text: str) -> bool:
    r"""Whether a text is empty or holds only white space and invisible characters.

    Examples:
        >>> is_blank(" \n\t\u200b")
        True
        >>> is_blank(" kokki ")
        False
    """
    return _BLANK.fullmatch(text) is not None


def _decode(data: bytes, encoding: str, where: str) -> str:
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        # Only the offending bytes are shown, never their surroundings: the text is personal data.
        bad = data[exc.start : min(exc.end, exc.start + 4)]
        raise TextDecodingError(
            f"{where} is not valid {encoding}: bytes {bad!r} at byte offset {exc.start} of {len(data)} "
            f"cannot be decoded ({exc.reason}); pass the right encoding, for example encoding='cp1252' "
            "or encoding='latin-1' for old Windows files, or decode the bytes yourself"
        ) from exc
