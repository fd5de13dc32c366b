"""Language skills: a language named in a history is reported as that language, not as four sub-skills.

ESCO has a knowledge concept for each language ("suomi", "Finnish") and under it four skills
("kirjoittaa suomea", "ymmärtää puhuttua suomea", ...), and a few domain variants ("käyttää
merenkulun englantia", "ilmailuenglanti") that a text naming the language matches as well. "Puhun
viroa ja venäjää" says which languages someone knows, not whether they write or read them; every
sub-skill matches such text about as well as the language itself, so without folding a two-language
sentence fills a profile with eight near-duplicates. Measured on the Finnish work histories (dev):
precision of the explicit skills 0.17 -> 0.34 at the default threshold. A sub-skill keeps its own
score where the text names it word for word ("kirjoittaa suomea", "merenkulkuenglanti").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from osaaminen.taxonomy import Taxonomy

__all__ = ["LanguageFold", "language_parents"]


def language_parents(taxonomy: Taxonomy) -> dict[str, str]:
    """Each language sub-skill's language concept: ``{"write Finnish" uri: "Finnish" uri, ...}``.

    Sub-skills are ESCO's four skills under each language and its domain variants, whose English label
    names the language ("use maritime English", "aviation English").

    Examples:
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("en",))
        >>> parents = language_parents(tax)
        >>> sorted(tax.label(u) for u, p in parents.items() if tax.label(p) == "Finnish")[:2]
        ['interact verbally in Finnish', 'understand spoken Finnish']
    """
    skills = taxonomy.skills
    if "language" not in skills.columns or "type" not in skills.columns:
        return {}
    is_language = skills["language"].fillna(False).to_numpy(dtype=bool)
    is_knowledge = (skills["type"].astype("string").fillna("") == "knowledge").to_numpy(dtype=bool)
    languages = set(skills.uri[is_language & is_knowledge])
    parents: dict[str, str] = {}
    for uri in skills.uri[is_language & ~is_knowledge]:
        broader = [b for b in taxonomy.ancestors(str(uri)) if b in languages]
        if broader:
            parents[str(uri)] = broader[0]
    names = {}
    if "label_en" in skills.columns:
        names = {
            label: str(uri)
            for uri, label in zip(skills.uri, skills.label_en, strict=True)
            if uri in languages and isinstance(label, str) and label.strip()
        }
    if names:
        # Domain variants ("use maritime English", "aviation English", "Ancient Greek") are not linked
        # to their language, but match a text that names it as well as it does.
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + r")\b"
        )
        for uri, label in zip(skills.uri, skills.label_en, strict=True):
            if uri in languages or uri in parents or not isinstance(label, str):
                continue
            if (match := pattern.search(label)) is not None:
                parents[str(uri)] = names[match.group(1)]
    return parents


@dataclass(frozen=True)
class LanguageFold:
    """Moves the scores of language sub-skills onto their language, in a ``(units, concepts)`` score matrix.

    Attributes:
        children: Columns of the sub-skills.
        parents: Column of each sub-skill's language.
    """

    children: np.ndarray
    parents: np.ndarray

    @classmethod
    def build(cls, taxonomy: Taxonomy, uris: Sequence[str] | np.ndarray) -> LanguageFold:
        """The fold for score matrices whose columns are ``uris`` (pairs not among them are skipped)."""
        column = {str(uri): i for i, uri in enumerate(uris)}
        pairs = [(column[c], column[p]) for c, p in language_parents(taxonomy).items() if c in column and p in column]
        children, parents = (np.array(side, dtype=np.intp) for side in zip(*pairs, strict=True)) if pairs else ([], [])
        return cls(np.asarray(children, dtype=np.intp), np.asarray(parents, dtype=np.intp))

    def apply(self, scores: np.ndarray, named: np.ndarray) -> np.ndarray:
        """Each language takes the best score of its sub-skills, which drop to the unit's lowest score.

        Args:
            scores: ``(units, concepts)`` fused scores.
            named: Same shape, non-zero where a unit names the concept word for word (the ``exact``
                channel): such a sub-skill keeps its score, and still lifts its language.

        Returns:
            A new matrix; ``scores`` is not changed.

        Examples:
            >>> fold = LanguageFold(children=np.array([1, 2]), parents=np.array([0, 0]))
            >>> fold.apply(np.array([[0.1, 0.7, 0.4, 0.2]]), np.zeros((1, 4))).tolist()
            [[0.7, 0.1, 0.1, 0.2]]
        """
        out = np.array(scores, copy=True)
        if not len(self.children) or not out.size:
            return out
        values = out[:, self.children]
        floor = out.min(axis=1, keepdims=True)
        np.maximum.at(out.T, self.parents, values.T)  # a view: rows of out.T are the concepts
        out[:, self.children] = np.where(named[:, self.children] != 0, values, floor)
        return out
