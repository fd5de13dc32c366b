"""What a target occupation requires, what a person holds, and the gap between them.

**Required skills.** A target occupation requires its ESCO *essential* skills. A local extension concept
(a Finnish work card, ``urn:osaaminen:...``) joins them when it is the *only* extension concept linked to
an essential skill, as the skill it specialises (its ``broader``) or one it is evidence of (its
``related``): ``hygieniapassi`` becomes a requirement of a cook and a waiter, ``trukkikortti`` one of a
forklift operator, the driver CPC one of a cargo vehicle driver. Where several cards are linked to the
same skill (EA 1, EA 2 and hätäensiapu to first aid), none is added: any card that specialises the skill
meets it through the rule below. Optional skills add value but are never required.

**Broader and narrower skills.** A *narrower* skill meets a *broader* requirement, at any depth: holding
(or being taught) a skill counts for that skill and for every skill above it in ESCO's skill hierarchy,
extension cards included (a card meets the ESCO skill it specialises). A broader skill never meets a
narrower requirement: knowing "food hygiene rules" is not holding a hygiene passport.

**Held skills.** From a :class:`~osaaminen.models.SkillProfile`, the skills recognised with a score of at
least ``min_score``; from a list of URIs, all of them.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from osaaminen.exceptions import EmptyTargetError, UnknownConceptError, UnknownTargetError
from osaaminen.models import SkillProfile

if TYPE_CHECKING:
    from osaaminen.taxonomy import Taxonomy

__all__ = ["SkillGap", "held_skills", "required_skills", "satisfied", "skill_gap"]

ProfileLike = SkillProfile | Iterable[str]


@dataclass(frozen=True)
class SkillGap:
    """The required skills of a target and which of them a person holds.

    Attributes:
        target: The occupation URI.
        required: Required skill URIs, in ESCO's order (extension cards last).
        held: Required skills the person already meets (directly or through a narrower skill).
        missing: Required skills the person lacks: the gap.
    """

    target: str
    required: tuple[str, ...]
    held: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def held_share(self) -> float:
        """Share of the required skills already held (0..1)."""
        return len(self.held) / len(self.required) if self.required else 1.0


class _Hierarchy:
    """Per-taxonomy caches: skills with everything above them, extension cards by the skill they specialise."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._up: dict[str, frozenset[str]] = {}
        skills = taxonomy.skills
        self.skill_uris = frozenset(skills["uri"].to_numpy(dtype=object))
        extension = set(skills.loc[skills["source"].astype(str) != "esco", "uri"].to_numpy(dtype=object))
        links: dict[str, dict[str, None]] = {}
        broader, related = taxonomy.broader, taxonomy.skill_relations
        for table, left, right in ((broader, "uri", "broader_uri"), (related, "skill_uri", "related_skill_uri")):
            for uri, skill in zip(table[left].to_numpy(dtype=object), table[right].to_numpy(dtype=object), strict=True):
                if uri in extension:
                    links.setdefault(skill, {})[uri] = None
        self.cards_linked: dict[str, list[str]] = {skill: list(cards) for skill, cards in links.items()}

    def up(self, uri: str) -> frozenset[str]:
        """``uri`` and every broader concept (what holding ``uri`` meets)."""
        cached = self._up.get(uri)
        if cached is None:
            try:
                cached = frozenset((uri, *self.taxonomy.ancestors(uri)))
            except UnknownConceptError:
                cached = frozenset((uri,))
            self._up[uri] = cached
        return cached

    def closure(self, uris: Iterable[str]) -> frozenset[str]:
        """Every skill that ``uris`` meet under the narrower-meets-broader rule."""
        out: set[str] = set()
        for uri in uris:
            out |= self.up(uri)
        return frozenset(out)


_HIERARCHIES: weakref.WeakKeyDictionary[Taxonomy, _Hierarchy] = weakref.WeakKeyDictionary()


def hierarchy(taxonomy: Taxonomy) -> _Hierarchy:
    """The cached hierarchy helper of a taxonomy (internal)."""
    found = _HIERARCHIES.get(taxonomy)
    if found is None:
        found = _HIERARCHIES[taxonomy] = _Hierarchy(taxonomy)
    return found


def required_skills(taxonomy: Taxonomy, target: str) -> list[str]:
    """The skills a target occupation requires (see the module description for the rule).

    Args:
        taxonomy: The taxonomy that defines the occupation.
        target: An occupation URI.

    Raises:
        UnknownTargetError: ``target`` is not an occupation of the taxonomy.

    Examples:
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> cook = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
        >>> "urn:osaaminen:fi-card:hygieniapassi" in required_skills(tax, cook)
        True
    """
    try:
        essential = taxonomy.essential_skills(target)
    except UnknownConceptError as err:
        raise UnknownTargetError(target, hint=err.message.split(": ", 1)[-1]) from None
    helper = hierarchy(taxonomy)
    cards = [card for uri in essential if len(found := helper.cards_linked.get(uri, [])) == 1 for card in found]
    return list(dict.fromkeys([*essential, *cards]))


def held_skills(profile: ProfileLike, *, min_score: float = 0.0) -> list[str]:
    """The skill URIs a person holds: in the profile with ``score >= min_score``, or every URI given.

    Examples:
        >>> held_skills(["http://data.europa.eu/esco/skill/a", "http://data.europa.eu/esco/skill/a"])
        ['http://data.europa.eu/esco/skill/a']
    """
    if isinstance(profile, SkillProfile):
        return list(dict.fromkeys(m.uri for m in profile.skills if m.score >= min_score))
    if isinstance(profile, str):
        return [profile]
    return list(dict.fromkeys(profile))


def satisfied(taxonomy: Taxonomy, held: Iterable[str]) -> frozenset[str]:
    """Every skill the ``held`` skills meet: themselves and every broader skill (narrower meets broader).

    Examples:
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("en",))
        >>> food_hygiene = "http://data.europa.eu/esco/skill/791fa659-3382-49f8-a8dd-505226d0da48"
        >>> food_hygiene in satisfied(tax, ["urn:osaaminen:fi-card:hygieniapassi"])
        True
        >>> "urn:osaaminen:fi-card:hygieniapassi" in satisfied(tax, [food_hygiene])
        False
    """
    return hierarchy(taxonomy).closure(held)


def skill_gap(
    profile: ProfileLike,
    target: str,
    *,
    taxonomy: Taxonomy,
    min_score: float = 0.0,
) -> SkillGap:
    """The required skills of ``target`` split into held and missing.

    Raises:
        UnknownTargetError: ``target`` is not an occupation of the taxonomy.
        EmptyTargetError: The occupation has no required skills.

    Examples:
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> cook = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
        >>> gap = skill_gap(["urn:osaaminen:fi-card:hygieniapassi"], cook, taxonomy=tax)
        >>> "urn:osaaminen:fi-card:hygieniapassi" in gap.held and len(gap.missing) > 5
        True
    """
    required = required_skills(taxonomy, target)
    if not required:
        raise EmptyTargetError(
            f"occupation {target!r} ({taxonomy.label(target)}) has no essential skills in this taxonomy, so "
            "there is nothing to plan towards; choose a more specific occupation, or load a taxonomy version "
            "that lists its skills"
        )
    met = satisfied(taxonomy, held_skills(profile, min_score=min_score))
    held = tuple(uri for uri in required if uri in met)
    missing = tuple(uri for uri in required if uri not in met)
    return SkillGap(target=target, required=tuple(required), held=held, missing=missing)
