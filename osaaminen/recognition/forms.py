"""Label forms: every surface form under which a concept can appear in text, one row per form.

A *form* is a preferred, alternative or hidden label of a concept in one language. Matchers index
forms, score them against text, and take the best form per concept (``max`` over its forms), so a
concept is found under whichever of its names the text uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse

from osaaminen.taxonomy import Taxonomy

__all__ = ["FormTable", "build_forms", "max_per_concept"]

FIELDS = ("label", "alt_labels", "hidden_labels")


@dataclass(frozen=True)
class FormTable:
    """The forms of one concept table (skills or occupations).

    Attributes:
        uris: Concept URIs, in the concept table's order (concept ``i`` is ``uris[i]``).
        concept: For each form, the position of its concept in ``uris``; sorted ascending.
        text: The form's text.
        lang: The form's language.
        field: ``label``, ``alt_labels`` or ``hidden_labels``.
    """

    uris: np.ndarray
    concept: np.ndarray
    text: np.ndarray
    lang: np.ndarray
    field: np.ndarray

    @property
    def size(self) -> int:
        """Number of forms."""
        return len(self.text)

    @cached_property
    def groups(self) -> tuple[np.ndarray, np.ndarray]:
        """The concepts that have forms, and where each one's forms begin (for ``np.maximum.reduceat``)."""
        present, starts = np.unique(self.concept, return_index=True)
        return present, starts

    def select(self, mask: np.ndarray) -> FormTable:
        """The forms where ``mask`` is true (the concept list is unchanged)."""
        return FormTable(self.uris, self.concept[mask], self.text[mask], self.lang[mask], self.field[mask])


def build_forms(
    taxonomy: Taxonomy,
    table: str,
    languages: Sequence[str] | None = None,
    fields: Sequence[str] = FIELDS,
) -> FormTable:
    """Collect the distinct forms of the ``skills`` or ``occupations`` table.

    Args:
        taxonomy: The taxonomy.
        table: ``"skills"`` or ``"occupations"``.
        languages: Languages to take forms from (default: all loaded ones).
        fields: Which label fields to take.

    Examples:
        >>> import osaaminen as osa
        >>> forms = build_forms(osa.load_esco(languages=("fi",)), "occupations", fields=("label",))
        >>> forms.size, forms.text[forms.concept == 0][0]
        (3007, 'tekninen johtaja')
    """
    frame: pd.DataFrame = getattr(taxonomy, table)
    langs = tuple(languages or taxonomy.languages)
    concept: list[int] = []
    texts: list[str] = []
    form_langs: list[str] = []
    form_fields: list[str] = []
    for lang in langs:
        for field in fields:
            column = f"{field}_{lang}"
            if column not in frame.columns:
                continue
            for i, value in enumerate(frame[column].tolist()):  # a list: iterating Arrow cells is slow
                values = (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ()
                for text in values:
                    if text:
                        concept.append(i)
                        texts.append(text)
                        form_langs.append(lang)
                        form_fields.append(field)
    order = np.argsort(np.asarray(concept, dtype=np.int64), kind="stable")
    forms = pd.DataFrame(
        {
            "concept": np.asarray(concept, dtype=np.int64)[order],
            "text": np.asarray(texts, dtype=object)[order],
            "lang": np.asarray(form_langs, dtype=object)[order],
            "field": np.asarray(form_fields, dtype=object)[order],
        }
    )
    # The same text twice for one concept in one language (a hidden label repeating an alt label) is one
    # form; across languages both stay, since each language is matched on its own.
    forms = forms.drop_duplicates(["concept", "lang", "text"], ignore_index=True)
    return FormTable(
        uris=frame["uri"].to_numpy(dtype=object),
        concept=forms["concept"].to_numpy(),
        text=forms["text"].to_numpy(dtype=object),
        lang=forms["lang"].to_numpy(dtype=object),
        field=forms["field"].to_numpy(dtype=object),
    )


def max_per_concept(scores: np.ndarray | sparse.csr_matrix, forms: FormTable) -> np.ndarray:
    """Best score per concept from scores per form.

    Args:
        scores: ``(n_forms,)`` or ``(n_queries, n_forms)``; a sparse ``(n_queries, n_forms)`` matrix of
            non-negative scores (TF-IDF cosines) is reduced without making it dense, which is most of
            the time a lexical channel takes otherwise.
        forms: The forms the scores are for.

    Returns:
        ``(n_concepts,)`` or ``(n_queries, n_concepts)``; a concept with no form gets 0.

    Examples:
        >>> forms = FormTable(np.array(["a", "b", "c"], dtype=object), np.array([0, 0, 2]),
        ...                   np.array(["x", "y", "z"], dtype=object), np.array(["en"] * 3, dtype=object),
        ...                   np.array(["label"] * 3, dtype=object))
        >>> max_per_concept(np.array([0.25, 0.5, 0.75]), forms).tolist()
        [0.5, 0.0, 0.75]
        >>> max_per_concept(sparse.csr_matrix([[0.25, 0.5, 0.0]]), forms).tolist()
        [[0.5, 0.0, 0.0]]
    """
    if sparse.issparse(scores):
        return _sparse_max_per_concept(sparse.csr_matrix(scores), forms)
    matrix = np.atleast_2d(scores)
    out = np.zeros((matrix.shape[0], len(forms.uris)), dtype=np.float32)
    if forms.size:
        present, starts = forms.groups
        out[:, present] = np.maximum.reduceat(matrix, starts, axis=1)
    result: np.ndarray = out if scores.ndim == 2 else out[0]
    return result


def _sparse_max_per_concept(matrix: sparse.csr_matrix, forms: FormTable) -> np.ndarray:
    # Unstored entries are 0, as in the dense matrix, so the result is the same for non-negative scores.
    n_concepts = len(forms.uris)
    out = np.zeros((matrix.shape[0], n_concepts), dtype=np.float32)
    if matrix.nnz == 0:
        return out
    matrix.sum_duplicates()  # also sorts each row's columns, and so its concepts (forms are sorted by concept)
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    keys = rows * n_concepts + forms.concept[matrix.indices]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    out.reshape(-1)[keys[starts]] = np.maximum.reduceat(matrix.data, starts)
    return out
