"""A word bridge into English: Finnish (or Swedish) words rewritten as the English words they translate to.

ESCO gives every skill and occupation a preferred label in each language, so its ~17,000 label pairs
are a small parallel corpus of exactly the vocabulary of work. The bridge learns from it which English
word each source word stands for (Dice association over the pairs: "hitsata metalliosia" / "weld metal
parts", "trukki" / "forklift"), and rewrites a unit word by word, so that it can be matched with the
English labels *and alt labels* (ESCO has alt labels offline only in English for skills). Source words
are keyed by their first five letters: a cheap stem that survives Finnish inflection ("trukkia",
"trukilla") and conjugation ("hitsasin", "hitsata"), while compound heads stay distinct.

Measured on the Finnish dev sets (the word channel of the bridged text, weight tuned): translated
sentences RP@5 0.382 -> 0.419, work histories RP@10 0.259 -> 0.269.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from osaaminen.text.normalise import fold

__all__ = ["WordBridge"]

_WORD = re.compile(r"[^\W\d_]+")
_STEM = 5
_MIN_LETTERS = 3
_MIN_PAIRS = 2  # an association seen once is as likely chance as translation
_MIN_DICE = 0.1
_ENGLISH_STOPWORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "its", "of", "on", "or", "other", "the", "to"}
)


def _key(word: str) -> str:
    return word[:_STEM]


class WordBridge:
    """Rewrites text word by word into the English words its words translate to, learned from label pairs.

    Examples:
        >>> bridge = WordBridge().fit([("hitsata metalliosia", "weld metal parts"), ("hitsata putkia", "weld pipes"),
        ...                            ("käyttää trukkia", "operate forklift"), ("ajaa trukkia", "drive forklift")])
        >>> bridge.translate("Hitsasin ja ajoin trukkia")
        'weld forklift'
    """

    def __init__(self) -> None:
        self.lexicon_: dict[str, str] = {}

    def fit(self, pairs: Iterable[tuple[str, str]]) -> WordBridge:
        """Learn the best English word for each source stem from ``(source label, English label)`` pairs."""
        source_counts: Counter[str] = Counter()
        english_counts: Counter[str] = Counter()
        joint: Counter[tuple[str, str]] = Counter()
        for source, english in pairs:
            keys = {_key(w) for w in _WORD.findall(fold(source)) if len(w) >= _MIN_LETTERS}
            words = {w for w in _WORD.findall(english.lower()) if w not in _ENGLISH_STOPWORDS and len(w) > 1}
            source_counts.update(keys)
            english_counts.update(words)
            joint.update((k, w) for k in keys for w in words)
        best: dict[str, tuple[float, str]] = {}
        for (key, word), count in joint.items():
            if count < _MIN_PAIRS:
                continue
            dice = 2 * count / (source_counts[key] + english_counts[word])
            if dice >= _MIN_DICE and (dice, word) > best.get(key, (0.0, "")):
                best[key] = (dice, word)
        self.lexicon_ = {key: word for key, (_, word) in best.items()}
        return self

    def translate(self, text: str) -> str:
        """The English words of ``text``'s words that the bridge knows, in order (others are left out)."""
        words = (self.lexicon_.get(_key(w)) for w in _WORD.findall(fold(text)) if len(w) >= _MIN_LETTERS)
        return " ".join(w for w in words if w)
