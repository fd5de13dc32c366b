"""Linking programmes to skills automatically: competence requirements or descriptions through a recogniser."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from typing import Protocol

from osaaminen.programmes.models import SkillLink

__all__ = ["DEFAULT_MAX_LINKS", "DEFAULT_THRESHOLD", "DEFAULT_TOP_K", "Ranker", "map_requirements", "rank_texts"]

DEFAULT_THRESHOLD = 0.07
"""Lowest recogniser score a mapped link needs (chosen for precision on ``benchmarks/data/programme_mapping*``)."""
DEFAULT_TOP_K = 2
"""Skills kept per requirement sentence before the threshold."""
DEFAULT_MAX_LINKS = 10
"""Most links kept per programme (best scores first)."""

Ranking = list[tuple[str, float]]


class Ranker(Protocol):
    """Anything with :meth:`osaaminen.SkillRecogniser.rank_skills`'s signature."""

    def rank_skills(self, texts: str | Sequence[str], top_k: int = 10, language: str | None = None) -> list[Ranking]:
        """Rank skills for each text, best first."""
        ...


def rank_texts(
    texts: Sequence[str],
    ranker: Ranker,
    *,
    top_k: int = DEFAULT_TOP_K,
    cache: MutableMapping[str, Ranking] | None = None,
    batch_size: int = 256,
) -> dict[str, Ranking]:
    """Rank skills for each distinct text, once: texts already in ``cache`` are not ranked again.

    Args:
        texts: Texts, repeats allowed.
        ranker: A :class:`~osaaminen.SkillRecogniser` (or anything with ``rank_skills``).
        top_k: Skills kept per text.
        cache: Rankings by text, read and filled in place (a build script keeps it between runs).
        batch_size: Texts per call to the ranker.

    Examples:
        >>> class Fake:
        ...     def rank_skills(self, texts, top_k=10, language=None):
        ...         return [[("urn:x", 0.5)] for _ in texts]
        >>> rank_texts(["a", "a", "b"], Fake())
        {'a': [('urn:x', 0.5)], 'b': [('urn:x', 0.5)]}
    """
    store: MutableMapping[str, Ranking] = cache if cache is not None else {}
    distinct = [t for t in dict.fromkeys(texts) if t not in store]
    for start in range(0, len(distinct), batch_size):
        batch = distinct[start : start + batch_size]
        for text, ranking in zip(batch, ranker.rank_skills(batch, top_k=top_k), strict=True):
            store[text] = [(str(uri), float(score)) for uri, score in ranking[:top_k]]
    return {text: store[text] for text in dict.fromkeys(texts)}


def map_requirements(
    texts_by_item: Mapping[str, Sequence[str]],
    ranker: Ranker | None = None,
    *,
    rankings: Mapping[str, Ranking] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = DEFAULT_TOP_K,
    max_links: int = DEFAULT_MAX_LINKS,
    method: str = "recogniser",
    exclude: frozenset[str] = frozenset(),
) -> dict[str, tuple[SkillLink, ...]]:
    """Skill links for each item (a unit, a programme) from its texts (competence requirements, description).

    Each text is ranked against every skill; a skill among a text's ``top_k`` that scores at least
    ``threshold`` becomes a link with provenance ``"mapped:<method>"``, the score, and the text as
    evidence (the best-scoring text when several support it). An item keeps its ``max_links`` best links.

    Args:
        texts_by_item: Texts per item id.
        ranker: Ranks texts not in ``rankings`` (a :class:`~osaaminen.SkillRecogniser`).
        rankings: Rankings already computed, by text (from :func:`rank_texts`).
        threshold: Lowest score kept.
        top_k: Skills considered per text.
        max_links: Most links per item.
        method: The name after ``mapped:`` in the provenance.
        exclude: Skill URIs never linked (too generic to be useful).

    Raises:
        ValueError: A text has no ranking and no ranker was given.

    Examples:
        >>> rankings = {"osaa hitsata": [("urn:weld", 0.4), ("urn:cut", 0.05)]}
        >>> links = map_requirements({"unit1": ["osaa hitsata"]}, rankings=rankings, threshold=0.1)
        >>> [(link.uri, link.provenance, link.score, link.evidence) for link in links["unit1"]]
        [('urn:weld', 'mapped:recogniser', 0.4, 'osaa hitsata')]
    """
    all_texts = [t for texts in texts_by_item.values() for t in texts]
    known: dict[str, Ranking] = dict(rankings or {})
    missing = [t for t in dict.fromkeys(all_texts) if t not in known]
    if missing:
        if ranker is None:
            raise ValueError(f"{len(missing)} text(s) have no ranking and no ranker was given")
        known.update(rank_texts(missing, ranker, top_k=top_k))
    out: dict[str, tuple[SkillLink, ...]] = {}
    for item, texts in texts_by_item.items():
        best: dict[str, tuple[float, str]] = {}
        for text in texts:
            for uri, score in known[text][:top_k]:
                if score >= threshold and uri not in exclude and score > best.get(uri, (-1.0, ""))[0]:
                    best[uri] = (score, text)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:max_links]
        out[item] = tuple(
            SkillLink(uri=uri, provenance=f"mapped:{method}", score=round(score, 4), evidence=text)
            for uri, (score, text) in ranked
        )
    return out
