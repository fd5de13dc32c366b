"""Linking programmes to skills automatically: competence requirements or descriptions through a recogniser."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from typing import Protocol

from osaaminen.programmes.models import SkillLink

__all__ = [
    "DEFAULT_MAX_LINKS",
    "DEFAULT_NAME_WEIGHT",
    "DEFAULT_THRESHOLD",
    "DEFAULT_TOP_K",
    "Ranker",
    "map_requirements",
    "rank_texts",
]

# Settings measured with benchmarks/programme_mapping.py (precision of each unit's three best links, hand-judged;
# in brackets the relevant links found) on 45 tuning units (benchmarks/data/programme_mapping_sample.csv) and
# 20 held-out units (programme_mapping_heldout.csv), recogniser of commit 271c7ad:
#
#   rule (threshold 0.08 unless said)                       tuning       held out
#   best score per skill, top 2 per text, threshold 0.07    0.39 (40)    0.34 (16)   the former rule
#   best score per skill, top 2 per text                    0.41 (39)    0.38 (15)
#   sum over texts, top 3, name weight 1                    0.42 (43)    0.40 (19)
#   best score per skill, top 3, name weight 2              0.45 (50)    0.42 (21)
#   sum over texts, top 3, name weight 2                    0.46 (53)    0.42 (22)   chosen
#     threshold 0.12                                        0.51 (42)    0.48 (15)   fewer relevant links
#     keep links within 0.5 of the unit's best              0.48 (48)    0.42 (19)
#     drop skills in the top 3 of over 10 % of units        0.44 (48)    0.40 (20)
#     each sentence ranked as "name: sentence"              0.44 (54)    0.43 (24)   2,000 more texts to rank
#     name and requirements ranked as one text (alone)      0.41 (37)    0.34 (13)
#
# The unit's name says what the whole unit is about, so it weighs most; summing rewards a skill that several
# sentences point to. Skills found in many units (customer service, use personal protection equipment) were
# as often right as rarer ones (0.37 against 0.34 of judged links, in over 20 units or not), so document
# frequency does not help.
DEFAULT_THRESHOLD = 0.08
"""Lowest summed score a mapped link needs (the recogniser's probabilities, summed over the item's texts)."""
DEFAULT_TOP_K = 3
"""Skills considered per text (requirement sentence, name)."""
DEFAULT_NAME_WEIGHT = 2.0
"""Weight of the item's name in the sum: a unit's name says what the whole unit is about."""
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
    names: Mapping[str, str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = DEFAULT_TOP_K,
    name_weight: float = DEFAULT_NAME_WEIGHT,
    max_links: int = DEFAULT_MAX_LINKS,
    method: str = "recogniser",
    exclude: frozenset[str] = frozenset(),
) -> dict[str, tuple[SkillLink, ...]]:
    """Skill links for each item (a unit, a programme) from its texts (competence requirements, description).

    Evidence is summed over the item: each text (and the item's name, weighted ``name_weight``) is ranked
    against every skill, and a skill among a text's ``top_k`` adds that text's score to the skill's score
    for the item. A skill that several requirement sentences, or the name too, point to thus outranks one
    that a single sentence happens to match. A skill whose summed score reaches ``threshold`` becomes a
    link with provenance ``"mapped:<method>"``, the summed score, and the best-scoring supporting text as
    evidence; an item keeps its ``max_links`` best links.

    Args:
        texts_by_item: Texts per item id.
        ranker: Ranks texts not in ``rankings`` (a :class:`~osaaminen.SkillRecogniser`).
        rankings: Rankings already computed, by text (from :func:`rank_texts`).
        names: The name of each item (optional): ranked like a text, its scores weighted ``name_weight``.
        threshold: Lowest summed score kept.
        top_k: Skills considered per text.
        name_weight: Weight of the name's scores (a text's weight is 1).
        max_links: Most links per item.
        method: The name after ``mapped:`` in the provenance.
        exclude: Skill URIs never linked (too generic to be useful).

    Raises:
        ValueError: A text has no ranking and no ranker was given.

    Examples:
        >>> rankings = {"osaa hitsata": [("urn:weld", 0.2), ("urn:cut", 0.05)], "hitsaus": [("urn:weld", 0.1)]}
        >>> links = map_requirements({"unit1": ["osaa hitsata"]}, rankings=rankings, names={"unit1": "hitsaus"})
        >>> [(link.uri, link.provenance, link.score, link.evidence) for link in links["unit1"]]
        [('urn:weld', 'mapped:recogniser', 0.4, 'osaa hitsata')]
    """
    weighted: dict[str, dict[str, float]] = {}  # item -> text -> weight; a repeated text counts once
    for item, texts in texts_by_item.items():
        weights = dict.fromkeys(texts, 1.0)
        name = (names or {}).get(item)
        if name:
            weights[name] = max(weights.get(name, 0.0), name_weight)
        weighted[item] = weights
    all_texts = [text for weights in weighted.values() for text in weights]
    known: dict[str, Ranking] = dict(rankings or {})
    missing = [t for t in dict.fromkeys(all_texts) if t not in known]
    if missing:
        if ranker is None:
            raise ValueError(f"{len(missing)} text(s) have no ranking and no ranker was given")
        known.update(rank_texts(missing, ranker, top_k=top_k))
    out: dict[str, tuple[SkillLink, ...]] = {}
    for item, weights in weighted.items():
        total: dict[str, float] = {}
        evidence: dict[str, tuple[float, str]] = {}
        for text, weight in weights.items():
            for uri, score in known[text][:top_k]:
                if uri in exclude:
                    continue
                total[uri] = total.get(uri, 0.0) + weight * score
                if score > evidence.get(uri, (-1.0, ""))[0]:
                    evidence[uri] = (score, text)
        ranked = sorted(((u, s) for u, s in total.items() if s >= threshold), key=lambda kv: (-kv[1], kv[0]))
        out[item] = tuple(
            SkillLink(uri=uri, provenance=f"mapped:{method}", score=round(score, 4), evidence=evidence[uri][1])
            for uri, score in ranked[:max_links]
        )
    return out
