"""Ranking and set metrics used to measure recognition (RP@K, MRR, Hit@K, precision / recall / F1).

Plain functions over URIs, so that a service can measure osaaminen, or its own encoder, on its own
labelled texts the way ``benchmarks/recognition.py`` does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["SetScores", "hit_at_k", "mean", "reciprocal_rank", "rp_at_k", "set_scores"]


def rp_at_k(ranked: Sequence[str], gold: Collection[str], k: int) -> float:
    """R-precision at K: ``|top-K ∩ gold| / min(K, |gold|)`` (Decorte et al.; 0 when gold is empty).

    Examples:
        >>> rp_at_k(["a", "x", "b"], {"a", "b"}, 2)
        0.5
        >>> rp_at_k(["a", "x", "b"], {"a", "b"}, 5)
        1.0
    """
    if not gold or k < 1:
        return 0.0
    hits = sum(1 for uri in ranked[:k] if uri in gold)
    return hits / min(k, len(gold))


def reciprocal_rank(ranked: Sequence[str], gold: Collection[str]) -> float:
    """1 / rank of the first gold item (0 when none is ranked).

    Examples:
        >>> reciprocal_rank(["x", "a"], {"a"})
        0.5
    """
    for rank, uri in enumerate(ranked, start=1):
        if uri in gold:
            return 1.0 / rank
    return 0.0


def hit_at_k(ranked: Sequence[str], gold: Collection[str], k: int) -> float:
    """1.0 when a gold item is in the top K, else 0.0.

    Examples:
        >>> hit_at_k(["x", "a"], {"a"}, 1), hit_at_k(["x", "a"], {"a"}, 2)
        (0.0, 1.0)
    """
    return 1.0 if any(uri in gold for uri in ranked[:k]) else 0.0


@dataclass(frozen=True)
class SetScores:
    """Precision, recall and F1 of a predicted set against a gold set."""

    precision: float
    recall: float
    f1: float


def set_scores(predicted: Collection[str], gold: Collection[str]) -> SetScores:
    """Precision, recall and F1 (precision is 1 for an empty prediction, recall 1 for an empty gold).

    Examples:
        >>> set_scores({"a", "b"}, {"a", "c", "d"})
        SetScores(precision=0.5, recall=0.3333333333333333, f1=0.4)
    """
    hits = len(set(predicted) & set(gold))
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SetScores(precision, recall, f1)


def mean(values: Iterable[float]) -> float:
    """Arithmetic mean, 0.0 for no values.

    Examples:
        >>> mean([1.0, 0.0])
        0.5
    """
    items = list(values)
    return sum(items) / len(items) if items else 0.0
