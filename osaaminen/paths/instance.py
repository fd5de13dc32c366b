"""From a programme catalogue, a person and a target to a solver :class:`~osaaminen.paths.solver.Instance`.

**Coverage.** A programme covers a missing skill when it teaches that skill or a narrower one (see
:mod:`osaaminen.paths.requirements`), with a link strength of at least ``min_strength``.

**Prerequisites.** A required skill is met by the person (held, or a narrower skill held) or by an earlier
programme that teaches it. A required programme is met by an earlier step that is that programme, one
that contains it, or its apprenticeship variant; or by the person when they already hold every skill it
teaches.

**Containment and variants (exclusive pairs).** Never two programmes of which one contains the other,
at any depth (a unit and its partial or full qualification). An apprenticeship and a school programme
with the same source (the same ePerusteet id, else Opintopolku oid, else diaarinumero) are the same content
learned in two places: they exclude each other and everything the other contains or belongs to.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from osaaminen.paths.requirements import hierarchy
from osaaminen.paths.solver import Instance, Item

if TYPE_CHECKING:
    from osaaminen.programmes import Catalogue, Programme
    from osaaminen.taxonomy import Taxonomy

__all__ = ["CONSTRAINTS", "CatalogueIndex", "Constraints", "Objective", "build_instance", "catalogue_index"]

Objective = str | Mapping[str, float]
CONSTRAINTS = ("language", "municipality", "mode", "kinds", "exclude", "max_weeks")

_WORKPLACE_KINDS = ("apprenticeship", "trial")


@dataclass(frozen=True)
class Constraints:
    """Which programmes a path may use.

    Attributes:
        language: Languages of instruction accepted (any of them).
        municipality: Municipalities accepted; programmes tied to no municipality (online) always pass.
        mode: Modes accepted.
        kinds: Programme kinds accepted (``("apprenticeship",)`` for an apprenticeship-only path).
        exclude: Programme ids not to use.
        max_weeks: Most weeks of study in all.
    """

    language: frozenset[str] | None = None
    municipality: frozenset[str] | None = None
    mode: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    exclude: frozenset[str] = frozenset()
    max_weeks: float | None = None

    @classmethod
    def from_kwargs(cls, kwargs: Mapping[str, Any]) -> Constraints:
        """Constraints from keyword arguments; an unknown name is a :class:`TypeError` listing the valid ones."""
        unknown = sorted(set(kwargs) - set(CONSTRAINTS))
        if unknown:
            raise TypeError(f"unknown constraint(s) {unknown}; valid constraints: {list(CONSTRAINTS)}")

        def as_set(value: Any) -> frozenset[str] | None:
            if value is None:
                return None
            return frozenset((value,) if isinstance(value, str) else value)

        max_weeks = kwargs.get("max_weeks")
        return cls(
            language=as_set(kwargs.get("language")),
            municipality=as_set(kwargs.get("municipality")),
            mode=as_set(kwargs.get("mode")),
            kinds=as_set(kwargs.get("kinds")),
            exclude=as_set(kwargs.get("exclude")) or frozenset(),
            max_weeks=float(max_weeks) if max_weeks is not None else None,
        )

    def allows(self, programme: Programme) -> bool:
        """Whether a programme passes every constraint except ``max_weeks``."""
        return (
            programme.id not in self.exclude
            and (self.language is None or not self.language.isdisjoint(programme.languages))
            and (
                self.municipality is None
                or programme.municipality is None
                or programme.municipality in self.municipality
            )
            and (self.mode is None or programme.mode in self.mode)
            and (self.kinds is None or programme.kind in self.kinds)
        )

    def active(self) -> dict[str, Any]:
        """The constraints that are set, as plain data."""
        out: dict[str, Any] = {}
        for name in CONSTRAINTS:
            value = getattr(self, name)
            if value is None or value == frozenset():
                continue
            out[name] = sorted(value) if isinstance(value, frozenset) else value
        return out

    def without(self, name: str) -> Constraints:
        """These constraints with ``name`` lifted."""
        values = {n: getattr(self, n) for n in CONSTRAINTS}
        values[name] = frozenset() if name == "exclude" else None
        return Constraints(**values)


@dataclass
class CatalogueIndex:
    """What the planner needs from a catalogue, computed once per (catalogue, taxonomy, min_strength).

    Attributes:
        programmes: The programmes in catalogue order.
        position: Programme id -> position.
        meets: Per programme, every skill its teaching meets (taught skills and everything broader).
        by_skill: Skill URI -> positions of the programmes that meet it.
        exclusive: Position -> positions it may not be combined with.
        stands_for: Position -> positions that count as having done it (itself, its containers, variants).
    """

    programmes: list[Programme]
    position: dict[str, int]
    meets: list[frozenset[str]]
    by_skill: dict[str, list[int]]
    exclusive: dict[int, set[int]] = field(default_factory=dict)
    stands_for: dict[int, set[int]] = field(default_factory=dict)


_INDEXES: weakref.WeakKeyDictionary[Catalogue, dict[tuple[str, float], CatalogueIndex]] = weakref.WeakKeyDictionary()


def catalogue_index(catalogue: Catalogue, taxonomy: Taxonomy, min_strength: float) -> CatalogueIndex:
    """The cached :class:`CatalogueIndex` of a catalogue."""
    per_catalogue = _INDEXES.setdefault(catalogue, {})
    key = (taxonomy.fingerprint, float(min_strength))
    if key not in per_catalogue:
        per_catalogue[key] = _build_index(list(catalogue), taxonomy, min_strength)
    return per_catalogue[key]


def _build_index(programmes: list[Programme], taxonomy: Taxonomy, min_strength: float) -> CatalogueIndex:
    helper = hierarchy(taxonomy)
    position = {p.id: k for k, p in enumerate(programmes)}
    meets = [helper.closure(link.uri for link in p.teaches if link.strength >= min_strength) for p in programmes]
    by_skill: dict[str, list[int]] = {}
    for k, skills in enumerate(meets):
        for uri in skills:
            by_skill.setdefault(uri, []).append(k)
    # Containment, both directions, closed transitively.
    down: dict[int, set[int]] = {k: set() for k in range(len(programmes))}
    for k, p in enumerate(programmes):
        for child in p.contains:
            if child in position:
                down[k].add(position[child])
        for parent in p.part_of:
            if parent in position:
                down[position[parent]].add(k)
    closed: dict[int, set[int]] = {}

    def below(k: int, seen: frozenset[int] = frozenset()) -> set[int]:
        if k not in closed:
            out: set[int] = set()
            for child in down[k]:
                if child not in seen:
                    out |= {child, *below(child, seen | {k})}
            closed[k] = out
        return closed[k]

    related: dict[int, set[int]] = {k: set(below(k)) for k in down}
    for k in down:
        for member in below(k):
            related[member].add(k)
    # Apprenticeship variants: same source as a school programme.
    by_source: dict[tuple[str, str], list[int]] = {}
    for k, p in enumerate(programmes):
        # The most specific identifier names the content: a unit has its own ePerusteet id, while its
        # qualification's diaarinumero is shared by every unit.
        for name in ("eperusteet_id", "opintopolku_oid", "diaarinumero"):
            value = getattr(p.source, name, None)
            if value:
                by_source.setdefault((name, value), []).append(k)
                break
    variants: dict[int, set[int]] = {k: set() for k in down}
    for members in by_source.values():
        for a in members:
            for b in members:
                if a != b and (programmes[a].kind == "apprenticeship") != (programmes[b].kind == "apprenticeship"):
                    variants[a].add(b)
    exclusive: dict[int, set[int]] = {}
    for k in down:
        group = set(related[k])
        for v in variants[k]:
            group |= {v, *related[v]}
        group.discard(k)
        if group:
            exclusive[k] = group
            for other in group:
                exclusive.setdefault(other, set()).add(k)
    stands_for = {k: {k, *(j for j in related[k] if k in below(j)), *variants[k]} for k in down}
    return CatalogueIndex(programmes, position, meets, by_skill, exclusive, stands_for)


@dataclass
class Built:
    """A solver instance with the maps back to programmes and skills."""

    instance: Instance
    items: list[int]  # instance item -> catalogue position
    gap: list[str]  # instance skill -> URI
    allowed: set[int]  # catalogue positions that pass the constraints


def objective_costs(objective: Objective) -> tuple[float, float, float]:
    """Weights of (weeks, euros, steps) in the objective, with small tie-breakers.

    ``"weeks"`` minimises weeks of study (ties: fewer steps, then less cost); ``"cost"`` euros (ties: fewer
    weeks, then steps); ``"steps"`` the number of programmes (ties: fewer weeks); a mapping such as
    ``{"weeks": 1, "cost": 0.01, "steps": 2}`` a weighted sum.

    Raises:
        ValueError: An unknown objective.

    Examples:
        >>> objective_costs({"weeks": 1.0, "steps": 4.0})
        (1.0, 0.0, 4.0)
    """
    if isinstance(objective, str):
        table = {"weeks": (1.0, 1e-6, 1e-3), "cost": (1e-3, 1.0, 1e-4), "steps": (1e-3, 1e-6, 1.0)}
        if objective not in table:
            raise ValueError(f"unknown objective {objective!r}; use 'weeks', 'cost', 'steps' or a mapping of them")
        return table[objective]
    unknown = sorted(set(objective) - {"weeks", "cost", "steps"})
    if unknown or not objective:
        raise ValueError(f"objective weights must name 'weeks', 'cost' and/or 'steps', not {unknown or '{}'}")
    weights = (
        float(objective.get("weeks", 0.0)),
        float(objective.get("cost", 0.0)),
        float(objective.get("steps", 0.0)),
    )
    if any(w < 0 for w in weights) or not any(weights):
        raise ValueError(f"objective weights must be >= 0 and not all 0, got {dict(objective)}")
    return weights


def build_instance(
    index: CatalogueIndex,
    gap: Sequence[str],
    met: Collection[str],
    constraints: Constraints,
    objective: Objective,
    *,
    weights: Mapping[str, float] | None = None,
    max_weeks: float | None = None,
) -> Built:
    """The solver instance for covering ``gap`` given the skills ``met`` and the constraints."""
    programmes = index.programmes
    met = frozenset(met)
    allowed = {k for k, p in enumerate(programmes) if constraints.allows(p)}
    gap_pos = {uri: s for s, uri in enumerate(gap)}
    gap_set = frozenset(gap)

    def needs_of(k: int) -> list[set[int]]:
        p = programmes[k]
        groups = [
            {j for j in index.by_skill.get(uri, ()) if j in allowed and j != k}
            for uri in p.requires_skills
            if uri not in met
        ]
        for ref in p.requires_programmes:
            j = index.position.get(ref)
            if j is not None and index.meets[j] and index.meets[j] <= met:
                continue
            groups.append(
                {m for m in index.stands_for.get(j, set()) if m in allowed and m != k} if j is not None else set()
            )
        return groups

    relevant: dict[int, list[set[int]]] = {}
    stack = sorted({k for uri in gap for k in index.by_skill.get(uri, ()) if k in allowed})
    while stack:
        k = stack.pop()
        if k in relevant:
            continue
        relevant[k] = needs_of(k)
        stack.extend(j for group in relevant[k] for j in group if j not in relevant)
    order = sorted(relevant)
    item_of = {k: i for i, k in enumerate(order)}
    w_weeks, w_cost, w_steps = objective_costs(objective)
    items = []
    for k in order:
        p = programmes[k]
        covers = frozenset(gap_pos[uri] for uri in gap_set.intersection(index.meets[k]))
        needs = tuple(frozenset(item_of[j] for j in group) for group in relevant[k])
        cost = w_weeks * p.duration_weeks + w_cost * p.cost_eur + w_steps
        items.append(Item(covers=covers, cost=cost, weeks=p.duration_weeks, needs=needs))
    exclusive = frozenset(
        (item_of[a], item_of[b]) for a in order for b in index.exclusive.get(a, ()) if b in item_of and a < b
    )
    skill_weights = tuple(float((weights or {}).get(uri, 1.0)) for uri in gap)
    instance = Instance(weights=skill_weights, items=tuple(items), exclusive=exclusive, max_weeks=max_weeks)
    return Built(instance=instance, items=order, gap=list(gap), allowed=allowed)


def workplace_weeks(programmes: Iterable[Programme]) -> tuple[float, float]:
    """(weeks at a workplace, weeks in all) of some programmes: apprenticeships, trials and workplace mode."""
    workplace = total = 0.0
    for p in programmes:
        total += p.duration_weeks
        if p.kind in _WORKPLACE_KINDS or p.mode == "workplace":
            workplace += p.duration_weeks
    return workplace, total
