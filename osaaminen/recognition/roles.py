"""Job titles mentioned inside sentences: "työskentelin kokkina", "worked as a line cook", "arbetade som städare".

People rarely write a job title on a line of its own outside a CV. Finnish puts the role in the essive
case ("lähihoitajana", "trukinkuljettajana"), English and Swedish after "as a" / "som". Inside a long
sentence such a title is diluted; as a unit of its own it matches the occupation's label directly. A
Finnish essive word becomes a unit only when the word without its ending is a Finnish occupation label
or alt label, so "kesänä" or "aikana" never do.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from osaaminen.text.normalise import fold
from osaaminen.text.segment import Segment

__all__ = ["role_mentions"]

_ESSIVE = re.compile(r"(?<![\w-])([^\W\d_][\w-]{2,}?)(?:na|nä)(?![\w-])")
_AS_A = re.compile(
    r"(?<!such )\b(?:as an?|as|som(?: en| ett)?)\s+"
    r"((?:(?!(?:for|in|at|and|with|from|since|during|on|of|to|och|på|i|hos|för|med)\b)[^\W\d_][\w-]*\s?){1,3})",
    re.IGNORECASE,
)


def role_mentions(text: str, segments: Collection[Segment], finnish_roles: Collection[str]) -> list[Segment]:
    """Units for the job titles mentioned inside ``segments``, with offsets into ``text``.

    Args:
        text: The original text.
        segments: Its units so far (lines, sentences, items).
        finnish_roles: Folded Finnish occupation labels and alt labels (single words) an essive may name.

    Returns:
        New ``"item"`` segments, one per mention not already a unit of its own.

    Examples:
        >>> from osaaminen.text.segment import segment
        >>> text = "Työskentelin kesällä kokkina ja siivoojana. I also worked as a line cook in Lahti."
        >>> [s.text for s in role_mentions(text, segment(text), {"kokki", "siivooja"})]
        ['kokkina', 'line cook']

        ("siivoojana" is an enumerated item, a unit of its own already.)
    """
    known = {(s.start, s.end) for s in segments}
    found: dict[tuple[int, int], Segment] = {}
    for seg in segments:
        if seg.kind == "item" and " " not in seg.text:
            continue  # already a one-word unit
        for match in _ESSIVE.finditer(seg.text):
            if fold(match.group(1)) in finnish_roles:
                start, end = seg.start + match.start(), seg.start + match.end()
                found[(start, end)] = Segment(text=text[start:end], start=start, end=end, kind="item", line=seg.line)
        for match in _AS_A.finditer(seg.text):
            title = match.group(1).rstrip()
            start = seg.start + match.start(1)
            end = start + len(title)
            found[(start, end)] = Segment(text=text[start:end], start=start, end=end, kind="item", line=seg.line)
    return [s for key, s in sorted(found.items()) if key not in known]
