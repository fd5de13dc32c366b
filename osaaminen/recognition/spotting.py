"""Label spotting: a concept's label (or alt label) written word for word in the text, with its span.

The strongest evidence a text can give is the concept's own name ("hygieniapassi", "forklift
operator", "Python"). Spotting looks every run of 1–6 consecutive words of a unit up in a table of
folded label forms, so it finds them in any text in time linear in its length, and returns exact
character offsets for the evidence.
"""

from __future__ import annotations

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
_SCHEMA = 2  # bump when the table's keys or the cache format change
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
            if self._read(entry):
                return
        self._set(self._build(forms))
        if entry is not None:
            write_entry(entry, self._write)

    def _set(self, table: dict[str, list[int]]) -> None:
        # A key maps to a slice of one flat array: reading the cache back then builds no tuple per key.
        self._row = {key: row for row, key in enumerate(table)}
        sizes = np.fromiter((len(concepts) for concepts in table.values()), dtype=np.int64, count=len(table))
        self._offsets = np.concatenate(([0], np.cumsum(sizes)))
        self._concepts = np.fromiter(
            (c for concepts in table.values() for c in concepts), dtype=np.int32, count=int(self._offsets[-1])
        )

    @staticmethod
    def _build(forms: FormTable) -> dict[str, list[int]]:
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
        return {key: sorted(concepts) for key, concepts in table.items()}

    def _write(self, folder: Path) -> None:
        # Keys as one separated text and the concepts as arrays, not a pickle: reading them back takes a
        # fraction of the ~0.4 s building one table takes.
        (folder / "keys.txt").write_text(_JOIN.join(self._row), "utf-8")
        np.save(folder / "offsets.npy", self._offsets)
        np.save(folder / "concepts.npy", self._concepts)

    def _read(self, entry: Path) -> bool:
        if not (entry / "concepts.npy").is_file():
            return False
        try:
            text = (entry / "keys.txt").read_text("utf-8")
            keys = text.split(_JOIN) if text else []
            offsets = np.load(entry / "offsets.npy", allow_pickle=False)
            concepts = np.load(entry / "concepts.npy", allow_pickle=False)
            if len(offsets) != len(keys) + 1 or int(offsets[-1]) != len(concepts):
                raise ValueError(f"{len(keys)} keys, {len(offsets)} offsets and {len(concepts)} concepts disagree")
        except (OSError, ValueError, EOFError) as exc:  # EOFError: np.load of an empty file
            logger.info("label spotter cache %s unreadable (%s); rebuilding it", entry, exc)
            return False
        self._row = dict(zip(keys, range(len(keys)), strict=True))
        self._offsets, self._concepts = offsets, concepts
        return True

    def spot(self, text: str) -> list[Spot]:
        """Every label form in ``text``, longest first where they overlap, then by position."""
        tokens = tokenize(text)
        words = [_TOKEN.findall(fold(token.text)) for token in tokens]
        words_joined = [" ".join(w) for w in words]
        found: list[Spot] = []
        for i in range(len(tokens)):
            for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
                row = self._row.get(_key(words_joined[i : i + n]))
                if row is not None:
                    concepts = self._concepts[self._offsets[row] : self._offsets[row + 1]].tolist()
                    found.extend(Spot(c, tokens[i].start, tokens[i + n - 1].end) for c in concepts)
        return sorted(found, key=lambda s: (s.start, -(s.end - s.start), s.concept))

    def matrix(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), n_concepts)``: 1 where a label of the concept is spotted in the text, else 0."""
        out = np.zeros((len(texts), self.n_concepts), dtype=np.float32)
        for row, text in enumerate(texts):
            for spot in self.spot(text):
                out[row, spot.concept] = 1.0
        return out
