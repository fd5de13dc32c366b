"""Voting by labelled example sentences: a text unit inherits the skills of the sentences most like it.

Short concept labels ("perform data analysis") and long job-ad or work-history sentences sit far apart
in embedding space, while two sentences that say the same thing sit close, across languages too. So
besides comparing a unit with labels, the recogniser compares it with labelled example sentences and
lets the ``k`` nearest vote for their skills, each vote weighted by a softmax of its similarity. The
bundled examples are the SkillSkape *train* split (synthetic English job-ad sentences labelled with
ESCO skills, MIT; see ``taxonomies/ATTRIBUTION.md``), its Finnish and Swedish translations
(``skillskape_train_fi.csv.gz``, ``skillskape_train_sv.csv.gz``), and synthetic Finnish work-history,
spoken and job-ad sentences written for osaaminen (``fi_work_sentences.csv.gz``) with their Swedish
translation (``sv_work_sentences.csv.gz``): a Finnish paraphrase ("jaoin lääkkeet
dosettiin") lies nearer a Finnish sentence that says the same than any label or English sentence does,
and a translated Finnish job ad nearer a Finnish job-ad sentence than its English original.

Measured on the dev sets (default encoder, weight tuned per language): TECH RP@5 0.72 -> 0.78 and
HOUSE 0.58 -> 0.66 with SkillSkape's sentences; the Finnish and Swedish sentences take Finnish
sentences RP@5 from 0.43 to 0.51, Finnish histories RP@10 from 0.45 to 0.55, Swedish sentences from
0.52 to 0.59 and Swedish histories from 0.41 to 0.46. The votes only cover the skills the examples
carry (about 500 in SkillSkape and 3,100 in the work sentences), so they add to the other channels
and never replace them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from osaaminen.encoders import Encoder
from osaaminen.exceptions import TaxonomyError
from osaaminen.recognition.vectors import form_vectors, load_precomputed

__all__ = ["ExampleVoter", "LabelledExamples", "bundled_examples", "build_voter"]

logger = logging.getLogger(__name__)

NEIGHBOURS = 20
TEMPERATURE = 0.02  # e5 cosines are compressed (0.8-0.95): a low temperature makes the nearest count most
RECIPE = "examples-v1:skillskape-train"
EXAMPLE_FILES = {
    "skillskape_train.csv.gz": "en",
    "fi_work_sentences.csv.gz": "fi",
    "skillskape_train_fi.csv.gz": "fi",
    "skillskape_train_sv.csv.gz": "sv",
    "sv_work_sentences.csv.gz": "sv",
}
"""The bundled example files, in ``taxonomies/esco/<version>/examples/``, in reading order, with their language."""


@dataclass(frozen=True)
class LabelledExamples:
    """Example sentences with the concept URIs each expresses.

    Attributes:
        texts: The sentences.
        uris: For each sentence, its concepts' URIs.
        name: Where they come from (part of the cache key of their vectors).
        languages: For each sentence, its language (ISO 639-1); ``None``: every unit may use every example.
    """

    texts: tuple[str, ...]
    uris: tuple[tuple[str, ...], ...]
    name: str
    languages: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if len(self.texts) != len(self.uris):
            raise ValueError(f"{len(self.texts)} example texts but {len(self.uris)} label lists")
        if self.languages is not None and len(self.languages) != len(self.texts):
            raise ValueError(f"{len(self.texts)} example texts but {len(self.languages)} languages")


def _examples_folder(version: str) -> Path:
    from osaaminen.taxonomy import bundled_data_dir

    return bundled_data_dir() / "esco" / f"v{version}" / "examples"


def _read_examples(path: Path) -> tuple[list[str], list[tuple[str, ...]]]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("text", "skill_uris"):
        if column not in frame.columns:
            raise TaxonomyError(f"missing column {column!r}", file=str(path), column=column)
    texts: list[str] = frame["text"].tolist()
    uris: list[tuple[str, ...]] = [tuple(u.split()) for u in frame["skill_uris"].tolist()]
    for row, (text, labels) in enumerate(zip(texts, uris, strict=True)):
        if not labels or not text.strip():
            column = "text" if not text.strip() else "skill_uris"
            raise TaxonomyError("empty value", file=str(path), row=row + 2, column=column)
    return texts, uris


@cache
def bundled_examples(version: str = "1.1.1", files: tuple[str, ...] | None = None) -> LabelledExamples | None:
    """The bundled labelled sentences for ESCO ``version`` (``None`` when none are shipped for it).

    Args:
        version: The ESCO version.
        files: Which of the bundled example files to read (default all of :data:`EXAMPLE_FILES`; a file
            not shipped for ``version`` is skipped). A file that is not in :data:`EXAMPLE_FILES` is
            taken to be English.

    Raises:
        TaxonomyError: A shipped file lacks the ``text`` or ``skill_uris`` column or has an empty row.

    Examples:
        >>> examples = bundled_examples()
        >>> len(examples.texts) > 5000, examples.uris[0][0].startswith("http://data.europa.eu/esco/skill/")
        (True, True)
    """
    folder = _examples_folder(version)
    texts: list[str] = []
    uris: list[tuple[str, ...]] = []
    languages: list[str] = []
    names = []
    for name in EXAMPLE_FILES if files is None else files:
        path = folder / name
        if path.is_file():
            more_texts, more_uris = _read_examples(path)
            texts += more_texts
            uris += more_uris
            languages += [EXAMPLE_FILES.get(name, "en")] * len(more_texts)
            names.append(name.split(".")[0].replace("_", "-"))
    if not names:
        return None
    return LabelledExamples(tuple(texts), tuple(uris), f"{'+'.join(names)}@{version}", tuple(languages))


class ExampleVoter:
    """Scores units by the labels of their nearest example sentences.

    A unit votes with the examples in its own language and in English (ESCO's master language), not with
    those in a third language: Finnish sentences among the neighbours of an English one only add noise
    (measured: HOUSE RP@5 0.700 with English examples only, 0.684 with the Finnish ones mixed in). A
    unit in a language without examples of its own (any but English, Finnish and Swedish today) votes
    with all of them (measured for Swedish before it had its own: histories RP@10 0.429 with the Finnish
    examples, 0.371 with the English ones only).

    Args:
        vectors: L2-normalised query vectors of the examples, one row per example.
        labels: ``(n_examples, n_concepts)`` 0/1 matrix of which concepts each example expresses.
        neighbours: How many nearest examples vote.
        temperature: Softmax temperature over the neighbours' cosine similarities.
        languages: The language of each example (``None``: every unit votes with every example).

    Examples:
        >>> vectors = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
        >>> voter = ExampleVoter(vectors, csr_matrix(np.array([[1, 0, 0], [0, 1, 1]], dtype=np.float32)), neighbours=1)
        >>> voter.scores(np.array([[0.9, 0.1]], dtype=np.float32)).tolist()
        [[1.0, 0.0, 0.0]]
    """

    def __init__(
        self,
        vectors: np.ndarray,
        labels: csr_matrix,
        *,
        neighbours: int = NEIGHBOURS,
        temperature: float = TEMPERATURE,
        languages: Sequence[str] | None = None,
    ) -> None:
        if vectors.shape[0] != labels.shape[0]:
            raise ValueError(f"{vectors.shape[0]} example vectors but {labels.shape[0]} label rows")
        if languages is not None and len(languages) != len(vectors):
            raise ValueError(f"{len(vectors)} example vectors but {len(languages)} languages")
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.labels = labels
        self.neighbours = max(1, min(neighbours, len(vectors)))
        self.temperature = temperature
        self.languages = None if languages is None else np.asarray(languages, dtype=object)
        self._allowed: dict[str, np.ndarray] = {}
        self._runs: dict[str, tuple[list[tuple[int, int]], np.ndarray]] = {}

    @property
    def n_concepts(self) -> int:
        """Number of concepts (columns of every score matrix)."""
        return int(self.labels.shape[1])

    def scores(self, queries: np.ndarray, languages: Sequence[str] | None = None) -> np.ndarray:
        """``(n_units, n_concepts)`` votes in 0..1: the softmax-weighted share of neighbours carrying each concept.

        Args:
            queries: L2-normalised query vectors of the units.
            languages: The units' languages (``None``: every example may vote for every unit).
        """
        if len(queries) == 0 or len(self.vectors) == 0:
            return np.zeros((len(queries), self.n_concepts), dtype=np.float32)
        if languages is None or self.languages is None:
            groups = {"": np.arange(len(queries))}
        else:
            codes = np.asarray(languages, dtype=object)
            groups = {str(lang): np.flatnonzero(codes == lang) for lang in dict.fromkeys(languages)}
        # A group with fewer allowed examples than neighbours leaves zero weights at the end of its rows.
        picked = np.zeros((len(queries), self.neighbours), dtype=np.int64)
        weights = np.zeros((len(queries), self.neighbours), dtype=np.float32)
        for lang, rows in groups.items():
            runs, columns = self._runs_for(lang)
            # The allowed examples lie in a few contiguous runs (the bundled files are read language by
            # language): multiplying by those slices reads a fraction of the matrix and copies none of it.
            sims = np.hstack([queries[rows] @ self.vectors[start:stop].T for start, stop in runs])
            k = min(self.neighbours, sims.shape[1])
            nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            top = np.take_along_axis(sims, nearest, axis=1)
            votes = np.exp((top - top.max(axis=1, keepdims=True)) / self.temperature)
            votes /= votes.sum(axis=1, keepdims=True)
            picked[rows, :k] = columns[nearest]
            weights[rows, :k] = votes
        unit_rows = np.repeat(np.arange(len(queries)), picked.shape[1])
        sparse = csr_matrix((weights.ravel(), (unit_rows, picked.ravel())), shape=(len(queries), len(self.vectors)))
        result: np.ndarray = np.asarray((sparse @ self.labels).todense(), dtype=np.float32)
        return result

    def _runs_for(self, lang: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """The contiguous runs of examples that may vote for ``lang`` ("": all), and their row numbers."""
        cached = self._runs.get(lang)
        if cached is None:
            allowed = np.ones(len(self.vectors), dtype=bool) if lang == "" else self._allowed_for(lang)
            edges = np.flatnonzero(np.diff(np.concatenate(([0], allowed.astype(np.int8), [0]))))
            runs = [(int(start), int(stop)) for start, stop in zip(edges[::2], edges[1::2], strict=True)]
            cached = (runs, np.flatnonzero(allowed))
            self._runs[lang] = cached
        return cached

    def _allowed_for(self, lang: str) -> np.ndarray:
        """Which examples may vote for a unit in ``lang`` (computed once per language)."""
        mask = self._allowed.get(lang)
        if mask is None:
            assert self.languages is not None
            own = self.languages == lang
            # A language with examples of its own uses them and the English ones; one without any
            # (any but en, fi and sv today) borrows from every language.
            mask = own | (self.languages == "en") if own.any() else np.ones(len(self.languages), dtype=bool)
            self._allowed[lang] = mask
        return mask


def build_voter(
    examples: LabelledExamples, uris: np.ndarray, encoder: Encoder, *, taxonomy_version: str | None = None
) -> ExampleVoter | None:
    """An :class:`ExampleVoter` over the concepts ``uris`` (``None`` when no example names one of them).

    Labels naming a concept that is not in ``uris`` (a user's own taxonomy) are left out, and so are the
    examples left with none; the count is logged, never the texts.
    """
    column = {str(uri): i for i, uri in enumerate(uris)}
    keep = [i for i, labels in enumerate(examples.uris) if any(u in column for u in labels)]
    if not keep:
        return None
    if len(keep) < len(examples.texts):
        logger.info("%d of %d examples name no concept of this taxonomy", len(examples.texts) - len(keep), len(keep))
    texts = [examples.texts[i] for i in keep]
    rows, cols = [], []
    for row, i in enumerate(keep):
        for uri in examples.uris[i]:
            if uri in column:
                rows.append(row)
                cols.append(column[uri])
    labels = csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(texts), len(uris)), dtype=np.float32
    )
    precomputed = None if taxonomy_version is None else load_precomputed(taxonomy_version, encoder.id, "examples")
    vectors = form_vectors(encoder, texts, key=f"{examples.name}:{RECIPE}", precomputed=precomputed, kind="query")
    languages = None if examples.languages is None else [examples.languages[i] for i in keep]
    return ExampleVoter(vectors, labels, languages=languages)
