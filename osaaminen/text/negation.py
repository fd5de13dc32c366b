"""Negation and absence: which parts of a segment say that the job seeker does *not* have a skill.

"Ei kokemusta trukin ajosta" mentions forklifts but must not yield the skill. The rules are a small,
transparent cue-and-scope scheme in the spirit of NegEx: a cue word ("ei", "ilman", "never", "inte")
negates the rest of its clause, up to a comma, semicolon, full stop or a contrasting conjunction
("mutta", "but", "men"); a cue at the end of its clause ("SAP-kokemus puuttuu", "ajokorttia ei ole")
negates what precedes it instead. It errs towards keeping evidence: "not only", "no problems with",
"en enää" (no longer) do not negate.
"""

from __future__ import annotations

import bisect
import re

from osaaminen.text._lexicon import words

__all__ = ["is_negated", "negated_spans"]

_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
# A comma between digits is a decimal comma; a full stop ends a clause only before a capital or the end.
# A colon does not: in "Ajokortti: ei" the cue negates the head before it.
_PUNCTUATION = re.compile(r"[;!?()\[\]]|(?<!\d),|,(?!\d)|\.(?=\s+[A-ZÅÄÖ]|\s*$)")

_CUES = {
    "fi": words(
        "ei en et emme ette eivät eikä enkä etkä ettei jottei ilman vailla puuttuu puuttui puuttuvat puuttuivat"
    ),
    "en": words("no not never without lack lacks lacking lacked none nor neither cannot missing"),
    "sv": words("ingen inget inga inte ej aldrig utan saknar saknas saknade varken icke"),
}
_ANY_LANGUAGE_CUES = (_CUES["fi"] | _CUES["en"] | _CUES["sv"]) - {"en", "no"}
_CLAUSE_WORDS = {
    "fi": words("mutta vaan kun koska vaikka jotta"),
    "en": words("but however although though whereas"),
    "sv": words("men utan fast medan eftersom"),
}
# Words after a cue that undo it: "not only", "no longer", "no problems with".
_NOT_NEGATING_NEXT = words(
    "only longer vain pelkästään ainoastaan enää bara enbart endast längre "
    "problem problems issues ongelmia ongelmaa vaikeuksia"
)
# Words that carry no content of their own: a cue followed only by these negates what precedes it.
_FILLER = words(
    "ole ollut oo ollu vielä kokonaan lainkaan yhtään juurikaan minulla mulla minulta multa meillä "
    "yet still at all any really have has had do does did is are was were be been "
    "ännu än alls helt har hade är var jag mig"
)


def negated_spans(segment_text: str, lang: str) -> list[tuple[int, int]]:
    """The character spans of a segment that are under negation or absence.

    Args:
        segment_text: One segment (a sentence or shorter; see :func:`~osaaminen.text.segment.segment`).
        lang: The segment's language: ``"fi"``, ``"en"`` or ``"sv"``; any other code uses the cues of
            all three, except the ambiguous "en" and "no".

    Returns:
        Sorted, non-overlapping ``(start, end)`` offsets into ``segment_text``; the cue words
        themselves are outside them.

    Examples:
        >>> text = "En osaa SAPia, mutta Excel sujuu"
        >>> [text[s:e] for s, e in negated_spans(text, "fi")]
        ['osaa SAPia']
        >>> text = "Trukkikortti puuttuu"
        >>> [text[s:e] for s, e in negated_spans(text, "fi")]
        ['Trukkikortti']
    """
    cues = _CUES.get(lang, _ANY_LANGUAGE_CUES)
    clause_words = _CLAUSE_WORDS.get(lang, frozenset().union(*_CLAUSE_WORDS.values()))
    tokens = list(_WORD.finditer(segment_text))
    words = [t.group().lower().replace("\u2019", "'") for t in tokens]
    breaks = [(m.start(), m.end()) for m in _PUNCTUATION.finditer(segment_text)]
    breaks += [(t.start(), t.end()) for t, w in zip(tokens, words, strict=True) if w in clause_words]
    # Sorted positions for bisection: a long text of many cues stays linear-logarithmic.
    break_starts, break_ends = sorted(s for s, _ in breaks), sorted(e for _, e in breaks)
    token_starts, token_ends = [t.start() for t in tokens], [t.end() for t in tokens]
    spans = []
    for i, (token, word) in enumerate(zip(tokens, words, strict=True)):
        if not _is_cue(word, cues) or (i + 1 < len(words) and words[i + 1] in _NOT_NEGATING_NEXT):
            continue
        before_break = bisect.bisect_right(break_ends, token.start())
        clause_start = break_ends[before_break - 1] if before_break else 0
        after_break = bisect.bisect_left(break_starts, token.end())
        clause_end = break_starts[after_break] if after_break < len(break_starts) else len(segment_text)
        first = bisect.bisect_left(token_starts, clause_start)  # first token of the clause
        last = bisect.bisect_right(token_ends, clause_end) - 1  # last token of the clause
        if word == "utan" and any(_is_cue(words[j], cues) for j in range(first, i)):
            continue  # "inte SAP utan Excel": here "utan" means "but", not "without"
        if any(words[j] not in _FILLER for j in range(i + 1, last + 1)):
            spans.append((token_starts[i + 1], token_ends[last]))
        elif first < i:
            spans.append((token_starts[first], token_ends[i - 1]))
    return _merge(spans)


def is_negated(segment_text: str, start: int, end: int, lang: str) -> bool:
    """Whether the span ``[start, end)`` of a segment is under negation or absence.

    A span is negated when it overlaps a scope of :func:`negated_spans` (for an empty span: when its
    position lies inside one). "Ilman valvontaa" ("without supervision") negates only what follows
    "ilman", never the skill before it.

    Raises:
        ValueError: If the span is not inside the segment.

    Examples:
        >>> text = "En osaa SAPia, mutta Excel sujuu"
        >>> is_negated(text, 8, 13, "fi"), is_negated(text, 21, 26, "fi")
        (True, False)
        >>> text = "Hitsaan itsenäisesti ilman valvontaa"
        >>> is_negated(text, 0, 7, "fi")
        False
    """
    if not 0 <= start <= end <= len(segment_text):
        raise ValueError(f"span [{start}, {end}) is not inside the segment of {len(segment_text)} characters")
    for scope_start, scope_end in negated_spans(segment_text, lang):
        if (scope_start < end and start < scope_end) or scope_start <= start < scope_end:
            return True
    return False


def _is_cue(word: str, cues: frozenset[str]) -> bool:
    return word in cues or word.endswith("n't")


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
