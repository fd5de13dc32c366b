"""Splitting a work history into evidence units: lines, bullets, sentences and list items.

A recognised skill is only as good as the evidence quoted for it, so the recogniser matches small
units rather than the whole text. Job seekers write every way there is: formal CVs with bullets, one
long line of prose, chat-style Finnish without capitals or full stops, lists after a colon. Every
:class:`Segment` keeps its character offsets into the original string (``text[s.start:s.end] ==
s.text``), so evidence can be highlighted in the caller's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from osaaminen.text._lexicon import words

__all__ = ["Segment", "SegmentKind", "segment"]

SegmentKind = Literal["line", "bullet", "sentence", "item"]

_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Symbols may touch the word ("-hitsaus" is common in pasted lists); numbers and letters need a space,
# or "2.5 vuotta" and "B-kortti" would lose their first characters.
_BULLET_SYMBOLS = "-*•\u2013\u2014·▪◦●○■□►▸‣\u2043"  # hyphen, asterisk, bullets, en and em dash
_BULLET = re.compile(
    rf"[{_BULLET_SYMBOLS}+>]+(?=\s)|[{_BULLET_SYMBOLS}](?=[^\W\d_])|\d{{1,2}}[.)](?=\s)|[a-zA-Z]\)(?=\s)"
)
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_TRAILING = frozenset(".,;:!?…")
_BOUNDARY = re.compile(r"[.!?…;]+(?=\s)")
_NUMERIC = re.compile(r"[\d.,:/-]+")
_WORD = re.compile(r"\S+")

# Tokens that end with a full stop without ending a sentence, lower-cased, without their last dot.
_ABBREVIATIONS = words(
    # Finnish
    "esim mm n ns yms ym jne tms vrt ks ko ao huom puh klo kk v vv h min t s os yo amk tekn lk nro n:o "
    "kpl ts ent lyh engl ruots suom tod til toim siht pj vpj jäs krs milj mrd tuh ma ti ke to pe la su "
    "oy oyj ab ky ry tmi "
    # English
    "e.g i.e etc approx incl vs mr mrs ms dr no nr ca jr sr st ltd inc co corp dept est fig "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    # Swedish
    "t.ex bl.a m.m osv dvs resp inkl ev f.d fr.o.m t.o.m kl tel jfr s.k p.g.a ang"
)
# Words that close a list without being an item of it ("hitsaus, koneistus jne.").
_ETC = words("jne yms ym tms mm etc osv m.m m.fl")
# Words that introduce a list after a head phrase ("Osaan monia asioita, kuten hitsaus, ...").
_LIST_CUE = re.compile(
    r"(?<![^\s,(])(?:kuten|esim\.|esimerkiksi|mm\.|muun muassa|such as|including|e\.g\.|t\.ex\.|bl\.a\.|"
    r"såsom|till exempel|bland annat)(?=\s)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"(?P<comma>\s*(?:(?<!\d),|,(?!\d))(?:\s*(?:ja|sekä|tai|and|or|och|eller|samt|&)(?=\s))?\s*)"
    r"|(?P<conj>\s+(?:ja/tai|and/or|och/eller|ja|sekä|tai|and|or|och|eller|samt|&)\s+)"
    r"|(?P<slash>(?<=[^\W\d_]{2})\s*/\s*(?=[^\W\d_]{2}))",
    re.IGNORECASE,
)
_SHARED_HEAD = re.compile(r"[^\W\d_]-[\s,]")  # "puu-, metalli- ja muovityöt": parts sharing one head word
_PRONOUNS = words("mä mää minä mie me sä sinä hän he i we she they jag vi han hon de")
_AUXILIARIES = words("olen oon olin oli on ollut ollu olemme am was were is are have has had been har hade är var")
# Leading words of a list's first piece that frame the list rather than belong to its first item.
_FRAME = (
    _PRONOUNS
    | _AUXILIARIES
    | words(
        "tehnyt tehny tein teen tehneet työskennellyt työskentelin toimin toiminut hoitanut hoidin osaan "
        "puhun puhuin kokemusta myös lisäksi did done worked work do also experience in with of as speak "
        "gjort gjorde arbetat arbetade jobbat jobbade erfarenhet av med som inom också talar"
    )
)
# A later piece that starts like a clause means the commas join clauses, not list items.
_CLAUSE_START = (
    _PRONOUNS
    | _AUXILIARIES
    | words(
        "joka jotka jossa joissa kun koska mutta että jos sitten sit vaikka mikä missä "
        "which who that where when because but then if while so "
        "som där när eftersom men sedan att om"
    )
)
_MAX_ITEM_WORDS = 5
# How well or how much, before an item ("venäjää ja vähän englantia"): not a word of the item's own.
_DEGREE = words(
    "vähän hieman hiukan jonkin verran hyvin hyvää sujuvasti kohtalaisesti tyydyttävästi välttävästi "
    "perustasolla myös little some basic fluent good lite grundläggande flytande bra också"
)


@dataclass(frozen=True)
class Segment:
    """One evidence unit of a work history.

    Attributes:
        text: The unit's text, without surrounding white space, bullet marker or final punctuation.
        start: Offset of its first character in the original text.
        end: Offset just past its last character: ``original[start:end] == text``.
        kind: ``"line"`` or ``"bullet"`` for a whole line, ``"sentence"`` for one of several sentences
            on a line, ``"item"`` for one entry of an enumeration (or the part after a head such as
            ``"Osaaminen:"``).
        line: The 0-based number of the line it is on.
    """

    text: str
    start: int
    end: int
    kind: SegmentKind
    line: int


def segment(text: str, *, split_items: bool = True) -> list[Segment]:
    """Split a work history into lines, sentences and enumeration items.

    Each line gives one segment (``"bullet"`` when it starts with a marker such as ``-``, ``•``,
    ``1.`` or ``a)``, left out of the span). A line of several sentences also gives one segment per
    sentence; full stops after abbreviations (``esim.``, ``mm.``, ``e.g.``, ``Oy.``), in numbers and
    dates (``2.5``, ``1.3.2020``) and after initials do not end a sentence. With ``split_items``, a
    sentence that reads as a list ("hitsaus, koneistus ja kokoonpano", "welding, machining and
    assembly", "Osaaminen: ...", "..., kuten A, B ja C") also gives one ``"item"`` segment per entry,
    in addition to the sentence itself, which keeps the context. Coordinated clauses ("Hitsasin ja
    koneistin putkia") are not split, nor are words sharing one compound head ("muovi- ja
    metallityöt"). Lines with no letter or digit give nothing.

    Args:
        text: The work history.
        split_items: Whether to add the items of enumerations.

    Returns:
        The segments, ordered by start offset, longer first at the same start; no two have the
        same span.

    Raises:
        TypeError: If ``text`` is not a ``str``.

    Examples:
        >>> [(s.kind, s.text) for s in segment("- Hitsaus, koneistus ja kokoonpano.")]  # doctest: +NORMALIZE_WHITESPACE
        [('bullet', 'Hitsaus, koneistus ja kokoonpano'), ('item', 'Hitsaus'), ('item', 'koneistus'),
         ('item', 'kokoonpano')]
        >>> [s.text for s in segment("Olin n. 5 v kassalla. Sitten siivosin")]
        ['Olin n. 5 v kassalla. Sitten siivosin', 'Olin n. 5 v kassalla', 'Sitten siivosin']
    """
    if not isinstance(text, str):
        raise TypeError(f"segment() takes a str, not {type(text).__name__}")
    found: dict[tuple[int, int], Segment] = {}

    def add(start: int, end: int, kind: SegmentKind, line: int) -> None:
        # The first (widest-level) segment for a span wins: a one-sentence line is a line, not also a sentence.
        if (start, end) not in found and any(c.isalnum() for c in text[start:end]):
            found[start, end] = Segment(text[start:end], start, end, kind, line)

    for line_no, (line_start, line_end) in enumerate(_lines(text)):
        start, end = _trim(text, line_start, line_end)
        kind: SegmentKind = "line"
        marker = _BULLET.match(text, start, end)
        if marker:
            start, end = _trim(text, marker.end(), end)
            kind = "bullet"
        if start >= end:
            continue
        add(start, end, kind, line_no)
        sentences = _sentences(text, start, end)
        if len(sentences) > 1:
            for sentence_start, sentence_end in sentences:
                add(sentence_start, sentence_end, "sentence", line_no)
        if split_items:
            for unit_start, unit_end in sentences:
                for item_start, item_end in _items(text, unit_start, unit_end):
                    add(item_start, item_end, "item", line_no)
    return sorted(found.values(), key=lambda s: (s.start, s.start - s.end))


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _INVISIBLE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE or text[end - 1] in _TRAILING):
        end -= 1
    return start, end


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cut = [], start
    for match in _BOUNDARY.finditer(text, start, end):
        if _ends_sentence(text, start, end, match):
            spans.append(_trim(text, cut, match.end()))
            cut = match.end()
    spans.append(_trim(text, cut, end))
    return [(s, e) for s, e in spans if s < e]


def _ends_sentence(text: str, line_start: int, line_end: int, match: re.Match[str]) -> bool:
    punctuation = match.group()
    if punctuation != ".":
        return True  # "!", "?", ";", "…" and "..." always end one
    word_start = match.start()
    while word_start > line_start and not text[word_start - 1].isspace():
        word_start -= 1
    previous = text[word_start : match.start()].lstrip("([\"'\u201c\u201d\u2018\u2019«").lower()
    following = match.end()
    while following < line_end and text[following].isspace():
        following += 1
    if not previous or following >= line_end:
        return True
    if previous in _ABBREVIATIONS or (len(previous) == 1 and previous.isalpha()):
        return False
    next_char = text[following]
    if _NUMERIC.fullmatch(previous):
        # "2019. Sitten" ends a sentence; "15. toukokuuta" and "2. vuonna" are ordinals.
        return next_char.isupper() and len(previous) >= 3
    if next_char.islower():
        # Chat-style text has no capitals; short unknown abbreviations ("yo.", "ko.") are more likely.
        return sum(c.isalpha() for c in previous) >= 3
    return True


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of the list in ``text[start:end]``, or the part after a head phrase, or nothing."""
    body_start = _after_head(text, start, end)
    body_start, body_end = _trim(text, body_start, end)
    body_end = _drop_etc(text, body_start, body_end)
    if body_start >= body_end:
        return []
    pieces, kinds = _split_pieces(text, body_start, body_end)
    if pieces and _is_enumeration(text, pieces, kinds):
        return pieces
    return [(body_start, body_end)] if body_start > start else []


def _after_head(text: str, start: int, end: int) -> int:
    body = start
    colon = text.find(":", start, end)
    if colon > start and colon + 1 < end and text[colon + 1].isspace() and len(text[start:colon].split()) <= 4:
        body = colon + 1
    depth, counted = 0, start
    for cue in _LIST_CUE.finditer(text, body, end):
        before = text[counted : cue.start()]
        depth += sum(before.count(c) for c in "([{") - sum(before.count(c) for c in ")]}")
        counted = cue.start()
        # "(e.g. Linde, Toyota)" gives examples of one thing; it does not start the sentence's list.
        if depth <= 0:
            return cue.end()
    return body


def _drop_etc(text: str, start: int, end: int) -> int:
    while True:
        word_start = end
        while word_start > start and not text[word_start - 1].isspace():
            word_start -= 1
        if word_start == start or text[word_start:end].lower().rstrip(".") not in _ETC:
            return end
        end = _trim(text, start, word_start)[1]


def _split_pieces(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[str]]:
    """Pieces between separators outside brackets, and the separators' kinds; no pieces if one is empty."""
    depth, depths = 0, []
    for char in text[start:end]:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        depths.append(depth)
    pieces, kinds, cut = [], [], start
    for match in _SEPARATOR.finditer(text, start, end):
        if depths[match.start() - start] or match.start() == match.end():
            continue
        if match.start() > start and text[match.start() - 1] == "-":
            continue  # "muovi- ja metallituotteet": the first word shares the second's head, not an item
        pieces.append(_trim(text, cut, match.start()))
        kinds.append(match.lastgroup or "comma")
        cut = match.end()
    if not kinds:
        return [], []
    pieces.append(_trim(text, cut, end))
    if any(s >= e or not any(c.isalnum() for c in text[s:e]) for s, e in pieces):
        return [], []
    return pieces, kinds


def _is_enumeration(text: str, pieces: list[tuple[int, int]], kinds: list[str]) -> bool:
    """Whether the pieces are list items; trims the first piece of its frame ("Olen tehnyt ...") in place."""
    later_words = [
        [w for w in text[s:e].split() if w.lower() not in _DEGREE] or text[s:e].split() for s, e in pieces[1:]
    ]
    if any(words[0].lower().strip(".,:;") in _CLAUSE_START for words in later_words):
        return False
    longest_later = max(len(words) for words in later_words)
    first = list(_WORD.finditer(text, *pieces[0]))
    while first and first[0].group().lower().strip(".,:;") in _FRAME:
        first.pop(0)
    if not first:
        return False
    counts = [len(first)] + [len(words) for words in later_words]
    if len(kinds) == 1 and kinds[0] != "conj":
        ok = max(counts) <= 4
    elif len(kinds) >= 2:
        ok = max(counts[1:]) <= (_MAX_ITEM_WORDS if "comma" in kinds or "slash" in kinds else 3)
    else:
        # One "ja"/"and" between longer pieces is as often coordinated verbs or attributes ("Hitsasin ja
        # koneistin putkia", "tilausten ja laskujen käsittely") as a list: split only before a single word.
        ok = counts[1] == 1
    if not ok:
        return False
    head = text[slice(*pieces[0])]
    if len(first) > longest_later + 1 and not any(c in "([{" for c in head) and not _SHARED_HEAD.search(head):
        # "Olen työskennellyt Lahdessa hitsaajana, koneistajana ja ..." lists from its last words.
        first = first[-longest_later:]
    pieces[0] = (first[0].start(), _trim(text, first[0].start(), first[-1].end())[1])
    return True
