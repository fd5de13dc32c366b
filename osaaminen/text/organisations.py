"""Organisation names in work histories ("Logistiikka Oy", "Lahden Kone Oy", "Acme Ltd").

A company name is not evidence of a skill: "Logistiikka Oy" says where someone worked, not that they
can manage logistics, yet its words match skill labels as well as any sentence. Names are recognised
by their legal-form suffix (Finnish, Swedish and English ones) and the up to four capitalised words
before it (a capitalised word that starts a sentence is taken too: blanking it costs nothing). The
recogniser blanks them out of the units it scores, keeping offsets, as it does negated clauses.
"""

from __future__ import annotations

import re

__all__ = ["organisation_spans"]

_SUFFIX = r"(?:Oy|Oyj|Ab|Abp|Ky|Tmi|ry|rf|Ltd|Inc|LLC|GmbH|AS|A/S|AB|plc|Corp)"
_NAME_WORD = r"[A-ZÅÄÖ0-9][\w&'-]*"
_ORGANISATION = re.compile(rf"\b{_NAME_WORD}(?:[ -]+(?:{_NAME_WORD}|&))" + r"{0,3}" + rf"\s+{_SUFFIX}(?![\w/])")


def organisation_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each organisation name with a legal-form suffix in ``text``.

    Examples:
        >>> text = "Varastotyöntekijä, Logistiikka Oy, Lahti. Sitten Lahden Kone Oy:llä ja Acme Ltd."
        >>> [text[a:b] for a, b in organisation_spans(text)]
        ['Logistiikka Oy', 'Sitten Lahden Kone Oy', 'Acme Ltd']
        >>> organisation_spans("Olin oy:n palveluksessa")  # no name before the suffix
        []
    """
    return [(m.start(), m.end()) for m in _ORGANISATION.finditer(text)]
