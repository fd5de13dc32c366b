"""Random small catalogues: the planned path is feasible and as good as the best subset found by brute force."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import osaaminen as osa
from osaaminen.exceptions import CatalogueError
from osaaminen.paths import plan_path
from osaaminen.paths.requirements import satisfied
from osaaminen.programmes import Catalogue, Programme
from tests.paths.conftest import prog


@st.composite
def catalogues(draw: st.DrawFn, skills: list[str]) -> list[Programme]:
    n = draw(st.integers(1, 6))
    records: list[dict[str, Any]] = []
    for i in range(n):
        teaches = draw(st.lists(st.sampled_from(skills), min_size=1, max_size=3, unique=True))
        record: dict[str, Any] = {
            "pid": f"p{i}",
            "teaches": teaches,
            "weeks": float(draw(st.integers(1, 20))),
            "kind": "short_course",
            "requires_skills": tuple(draw(st.lists(st.sampled_from(skills), max_size=1))),
            "requires_programmes": (),
            "part_of": (),
            "contains": (),
        }
        if i and draw(st.booleans()):
            record["requires_programmes"] = (f"p{draw(st.integers(0, i - 1))}",)
        records.append(record)
    # Containment: some programmes become units of an earlier "qualification".
    for i in range(1, n):
        if draw(st.integers(0, 3)) == 0:
            parent = draw(st.integers(0, i - 1))
            if records[parent]["part_of"] or f"p{parent}" in records[i]["requires_programmes"]:
                continue
            records[parent]["kind"] = "full_qualification"
            records[parent]["contains"] = (*records[parent]["contains"], f"p{i}")
            records[i]["kind"] = "qualification_unit"
            records[i]["part_of"] = (f"p{parent}",)
    out = []
    for r in records:
        pid, teaches, weeks, kind = r.pop("pid"), r.pop("teaches"), r.pop("weeks"), r.pop("kind")
        out.append(prog(pid, teaches, weeks, kind=kind, **r))
    return out


def _feasible(
    order: tuple[Programme, ...], held: frozenset[str], tax: osa.Taxonomy, everything: dict[str, Programme]
) -> bool:
    """Independent check of the rules: prerequisites in order, no programme with its container.

    A required programme is met by an earlier step that is it or contains it, or by a person who holds every
    skill it teaches.
    """
    ids = {p.id for p in order}
    for p in order:
        if any(c in ids for c in p.contains) or any(c in ids for c in p.part_of):
            return False
    done: list[Programme] = []
    for p in order:
        met = held | satisfied(tax, [link.uri for q in done for link in q.teaches])
        if any(uri not in met for uri in p.requires_skills):
            return False
        for ref in p.requires_programmes:
            if satisfied(tax, everything[ref].skill_uris) <= held:
                continue
            if not any(q.id == ref or ref in q.contains for q in done):
                return False
        done.append(p)
    return True


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_plan_is_feasible_and_matches_brute_force(data: st.DataObject, tax: osa.Taxonomy, cook: str) -> None:
    skills = osa.paths.required_skills(tax, cook)[:5]
    programmes = data.draw(catalogues(skills))
    held_list = data.draw(st.lists(st.sampled_from(skills), max_size=2, unique=True))
    try:
        cat = Catalogue.from_records(programmes)
    except CatalogueError:
        cat = None
    assume(cat is not None)
    assert cat is not None
    plan = plan_path(held_list, cook, catalogue=cat, taxonomy=tax)
    held = satisfied(tax, held_list)
    gap = [uri for uri in plan.required if uri not in held]
    by_id = {p.id: p for p in programmes}
    chosen = tuple(by_id[pid] for pid in plan.programmes)
    assert _feasible(chosen, held, tax, by_id)
    for step in plan.steps:
        for pid in step.enables:
            assert next(s for s in plan.steps if s.programme == pid).start_week >= step.end_week
    # Brute force over every subset and order.
    best = (0, 0.0)
    for size in range(1, len(programmes) + 1):
        for subset in itertools.combinations(programmes, size):
            if not any(_feasible(order, held, tax, by_id) for order in itertools.permutations(subset)):
                continue
            covered = satisfied(tax, [link.uri for p in subset for link in p.teaches])
            count = sum(uri in covered for uri in gap)
            weeks = sum(p.duration_weeks for p in subset)
            if count > best[0] or (count == best[0] and weeks < best[1]):
                best = (count, weeks)
    assert len(plan.covered) == best[0]
    assert plan.total_weeks == best[1]
