"""Helpers shared by the text modules."""

from __future__ import annotations

__all__ = ["words"]


def words(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``: long word lists read better as one string.

    Examples:
        >>> sorted(words("ja  sekä tai"))
        ['ja', 'sekä', 'tai']
    """
    return frozenset(text.split())
