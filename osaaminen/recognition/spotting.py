"""Label spotting: a concept's label (or alt label) written word for word in the text, with its span.

The strongest evidence a text can give is the concept's own name ("hygieniapassi", "forklift
operator", "Python"). Spotting looks every run of 1–6 consecutive words of a unit up in a table of
folded label forms, so it finds them in any text in time linear in its length, and returns exact
character offsets for the evidence.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from osaaminen._cache import cache_entry, hash_key, write_entry
from osaaminen.recognition.forms import FormTable
from osaaminen.text.normalise import _TOKEN, fold, tokenize

__all__ = ["LabelSpotter", "Spot"]

logger = logging.getLogger(__name__)

_MAX_WORDS = 6
_MIN_CHARS = 3  # "IT", "C" and such are too ambiguous to count as a spotted label on their own
_SCHEMA = 1  # bump when the table's keys change
_JOIN = "\x1e"  # record separator: never in a label, unchanged by NFKC and lower()


@dataclass(frozen=True)
class Spot:
    """A label form found in a unit: the concept's position and the span within the unit's text."""

    concept: int
    start: int
    end: int


def _key(words: Sequence[str]) -> str:
    return " ".join(words)


class LabelSpotter:
    """Finds label forms written word for word (case and typography folded) in text.

    Args:
        forms: The label forms to look for.
        cache_key: When given, the lookup table is kept in the cache directory under this key (with
            the number of forms) and read back next time.

    Examples:
        >>> import numpy as np
        >>> from osaaminen.recognition.forms import FormTable
        >>> forms = FormTable(np.array(["u1", "u2"], dtype=object), np.array([0, 1]),
        ...                   np.array(["forklift operator", "Python"], dtype=object),
        ...                   np.array(["en", "en"], dtype=object), np.array(["label", "label"], dtype=object))
        >>> LabelSpotter(forms).spot("Worked as a Forklift Operator; some python.")
        [Spot(concept=0, start=12, end=29), Spot(concept=1, start=36, end=42)]
    """

    def __init__(self, forms: FormTable, *, cache_key: str | None = None) -> None:
        self.n_concepts = len(forms.uris)
        entry = None
        if cache_key is not None:
            entry = cache_entry("spotter", hash_key(key=cache_key, schema=_SCHEMA, forms=forms.size))
            cached = self._read(entry)
            if cached is not None:
                self._table = cached
                return
        self._table = self._build(forms)
        if entry is not None:
            write_entry(entry, self._write)

    @staticmethod
    def _build(forms: FormTable) -> dict[str, tuple[int, ...]]:
        table: dict[str, set[int]] = {}
        texts = [str(text) for text in forms.text]
        # Fold all forms in one call (one call per form cost ~0.5 s for ESCO's 170,000), then split
        # each with the tokenizer's own pattern: the same words tokenize() and fold() give at query time.
        folded = fold(_JOIN.join(texts)).split(_JOIN)
        if len(folded) != len(texts):  # a form that folds into the separator: fold one by one
            folded = [fold(text) for text in texts]
        for concept, text in zip(forms.concept.tolist(), folded, strict=True):
            words = _TOKEN.findall(text)
            if 0 < len(words) <= _MAX_WORDS and len(" ".join(words)) >= _MIN_CHARS:
                table.setdefault(_key(words), set()).add(concept)
        return {key: tuple(sorted(concepts)) for key, concepts in table.items()}

    def _write(self, folder: Path) -> None:
        # JSON, not a pickle: reading it back takes a fraction of the ~0.4 s building one table takes.
        payload = {"keys": list(self._table), "concepts": list(self._table.values())}
        (folder / "table.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")

    @staticmethod
    def _read(entry: Path) -> dict[str, tuple[int, ...]] | None:
        path = entry / "table.json"
        if not path.is_file():
            return None
        try:
            payload = json.loads(path.read_text("utf-8"))
            return {key: tuple(concepts) for key, concepts in zip(payload["keys"], payload["concepts"], strict=True)}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            logger.info("label spotter cache %s unreadable (%s); rebuilding it", entry, exc)
            return None

    def spot(self, text: str) -> list[Spot]:
        """Every label form in ``text``, longest first where they overlap, then by position."""
        tokens = tokenize(text)
        words = [_TOKEN.findall(fold(token.text)) for token in tokens]
        words_joined = [" ".join(w) for w in words]
        found: list[Spot] = []
        for i in range(len(tokens)):
            for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
                concepts = self._table.get(_key(words_joined[i : i + n]))
                if concepts:
                    found.extend(Spot(c, tokens[i].start, tokens[i + n - 1].end) for c in concepts)
        return sorted(found, key=lambda s: (s.start, -(s.end - s.start), s.concept))

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), n_concepts)``: 1 where a label of the concept is spotted in the text, else 0."""
        out = np.zeros((len(texts), self.n_concepts), dtype=np.float32)
        for row, text in enumerate(texts):
            for spot in self.spot(text):
                out[row, spot.concept] = 1.0
        return out
