"""plan_path, plan_alternatives and rank_targets on small catalogues built in the tests."""

from __future__ import annotations

import pytest

import osaaminen as osa
from osaaminen.exceptions import CatalogueError, EmptyTargetError, InfeasiblePathError, UnknownTargetError
from osaaminen.models import SkillMatch, SkillMatches, SkillProfile
from osaaminen.paths import plan_alternatives, plan_path, rank_targets, skill_gap
from osaaminen.programmes import Source
from tests.paths.conftest import catalogue, prog

HYGIENE = "urn:osaaminen:fi-card:hygieniapassi"
FOOD_HYGIENE_RULES = "http://data.europa.eu/esco/skill/791fa659-3382-49f8-a8dd-505226d0da48"


def test_plan_covers_what_is_taught_and_reports_the_rest(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    cat = catalogue(prog("hyg", [HYGIENE], 1), prog("kokki", cook_skills[:5], 30, kind="full_qualification"))
    plan = plan_path([], cook, catalogue=cat, taxonomy=tax)
    assert plan.optimal and plan.method == "milp"
    assert set(plan.programmes) == {"hyg", "kokki"}
    assert set(plan.covered) == {*cook_skills[:5], HYGIENE}
    assert set(plan.covered) | set(plan.uncovered) == set(plan.required)
    assert all(plan.uncovered_reasons[uri] == "not_offered" for uri in plan.uncovered)
    assert plan.total_weeks == 31 and plan.calendar_weeks == 30  # both start in week 0
    assert {step.step for step in plan.steps} == {1}
    assert "learned on the job" in plan.explain("en")
    assert "opitaan työssä" in plan.explain("fi")
    assert "kokki fi" in plan.explain("fi") and "kokki en" in plan.explain("en")
    with pytest.raises(ValueError, match="Finnish"):
        plan.explain("de")


def test_held_skills_are_not_taught_again(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    cat = catalogue(prog("a", cook_skills[:2], 2), prog("b", cook_skills[2:4], 3))
    plan = plan_path(cook_skills[:2], cook, catalogue=cat, taxonomy=tax)
    assert plan.programmes == ("b",)
    assert set(plan.held) == set(cook_skills[:2])


def test_narrower_skill_meets_broader_requirement(tax: osa.Taxonomy) -> None:
    # A person with a hygiene passport holds "food hygiene rules", not the other way round.
    target = next(uri for uri in tax.occupations["uri"] if FOOD_HYGIENE_RULES in tax.essential_skills(uri))
    assert FOOD_HYGIENE_RULES in skill_gap([HYGIENE], target, taxonomy=tax).held
    assert FOOD_HYGIENE_RULES in skill_gap([], target, taxonomy=tax).missing
    # A programme teaching the narrower card covers the broader requirement too.
    plan = plan_path([], target, catalogue=catalogue(prog("hyg", [HYGIENE], 1)), taxonomy=tax)
    assert FOOD_HYGIENE_RULES in plan.covered


def test_prerequisites_come_first(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    base = prog("base", [cook_skills[0]], 4)
    advanced = prog("adv", cook_skills[1:6], 10, requires_skills=(cook_skills[0],))
    after_unit = prog("after", [cook_skills[6]], 2, requires_programmes=("adv",))
    plan = plan_path([], cook, catalogue=catalogue(base, advanced, after_unit), taxonomy=tax)
    steps = {s.programme: s for s in plan.steps}
    assert steps["adv"].start_week >= steps["base"].end_week
    assert steps["after"].start_week >= steps["adv"].end_week
    assert [s.step for s in plan.steps] == [1, 2, 3]
    assert "adv" in steps["base"].enables and "after" in steps["adv"].enables
    # A person who already has the prerequisite skill starts the advanced course at once.
    plan2 = plan_path([cook_skills[0]], cook, catalogue=catalogue(base, advanced, after_unit), taxonomy=tax)
    assert plan2.programmes[0] == "adv" and plan2.steps[0].start_week == 0


def test_unmeetable_prerequisites_are_reported(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    locked = prog("locked", cook_skills[:3], 5, requires_skills=("http://data.europa.eu/esco/skill/nothing",))
    plan = plan_path([], cook, catalogue=catalogue(locked), taxonomy=tax)
    assert plan.steps == ()
    assert {plan.uncovered_reasons[uri] for uri in cook_skills[:3]} == {"prerequisites"}


def test_containment_never_unit_and_qualification(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    qual = prog("qual", cook_skills[:6], 40, kind="full_qualification", contains=("u1", "u2"))
    u1 = prog("u1", cook_skills[:3], 10, kind="qualification_unit", part_of=("qual",))
    u2 = prog("u2", cook_skills[3:5], 10, kind="qualification_unit", part_of=("qual",))
    extra = prog("extra", [cook_skills[5]], 30)
    # Units + extra = 50 weeks > qualification 40: take the qualification alone.
    plan = plan_path([], cook, catalogue=catalogue(qual, u1, u2, extra), taxonomy=tax)
    assert plan.programmes == ("qual",)
    # A cheap extra course makes units + course best, still never a unit with its qualification.
    cheap = prog("extra", [cook_skills[5]], 1)
    plan = plan_path([], cook, catalogue=catalogue(qual, u1, u2, cheap), taxonomy=tax)
    assert set(plan.programmes) == {"u1", "u2", "extra"}


def test_apprenticeship_variant_excludes_the_school_route(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    source = Source(eperusteet_id="123")
    school = prog("school", cook_skills[:6], 40, kind="full_qualification", source=source)
    work = prog("work", cook_skills[:6], 45, kind="apprenticeship", mode="workplace", source=source)
    other = prog("other", cook_skills[3:6], 5)
    cat = catalogue(school, work, other)
    plans = plan_alternatives([], cook, catalogue=cat, taxonomy=tax, k=3)
    assert plans[0].programmes == ("school",) and plans[0].route == "school"
    assert plans[1].programmes == ("work",) and plans[1].route == "apprenticeship"
    for plan in plans:
        assert not {"school", "work"} <= set(plan.programmes)
    assert len({p.programmes for p in plans}) == len(plans)


def test_alternatives_differ_in_substance(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    big = prog("big", cook_skills[:6], 30, kind="partial_qualification")
    hyg1 = prog("hyg1", [HYGIENE], 1)
    hyg2 = prog("hyg2", [HYGIENE], 1.5)
    small = [prog(f"s{i}", [uri], 8) for i, uri in enumerate(cook_skills[:6])]
    plans = plan_alternatives([], cook, catalogue=catalogue(big, hyg1, hyg2, *small), taxonomy=tax, k=3)
    assert plans[0].programmes == ("big", "hyg1") or set(plans[0].programmes) == {"big", "hyg1"}
    # No alternative swaps only the hygiene course: the big programme's weeks may not be reused.
    assert all("big" not in p.programmes for p in plans[1:])
    assert len(plans) >= 2


def test_objectives(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    fast = prog("fast", cook_skills[:4], 5, cost_eur=900)
    cheap = prog("cheap", cook_skills[:4], 20, cost_eur=0)
    a, b = prog("a", cook_skills[:2], 4), prog("b", cook_skills[2:4], 4)
    cat = catalogue(fast, cheap, a, b)
    assert plan_path([], cook, catalogue=cat, taxonomy=tax).programmes == ("fast",)
    assert plan_path([], cook, catalogue=cat, taxonomy=tax, objective="cost").programmes in {("a", "b"), ("b", "a")}
    assert plan_path([], cook, catalogue=cat, taxonomy=tax, objective="steps").programmes == ("fast",)
    mix = plan_path([], cook, catalogue=cat, taxonomy=tax, objective={"weeks": 1, "cost": 1})
    assert set(mix.programmes) == {"a", "b"}
    with pytest.raises(ValueError, match="unknown objective"):
        plan_path([], cook, catalogue=cat, taxonomy=tax, objective="fun")


def test_constraints_filter_programmes(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    fi = prog("fi", cook_skills[:3], 4)
    sv = prog("sv", cook_skills[:3], 6, languages=("sv",), municipality="Orimattila", mode="online")
    cat = catalogue(fi, sv)
    assert plan_path([], cook, catalogue=cat, taxonomy=tax).programmes == ("fi",)
    assert plan_path([], cook, catalogue=cat, taxonomy=tax, language="sv").programmes == ("sv",)
    assert plan_path([], cook, catalogue=cat, taxonomy=tax, exclude=["fi"]).programmes == ("sv",)
    assert plan_path([], cook, catalogue=cat, taxonomy=tax, mode=["online"]).programmes == ("sv",)
    only_short = plan_path([], cook, catalogue=cat, taxonomy=tax, kinds="short_course", municipality="Orimattila")
    assert only_short.programmes == ("sv",)
    assert only_short.constraints["municipality"] == ["Orimattila"]
    # Partly lost to a constraint: the skill is reported, with the reason.
    cat2 = catalogue(fi, prog("sv2", [cook_skills[4]], 2, languages=("sv",)))
    plan = plan_path([], cook, catalogue=cat2, taxonomy=tax, language="fi")
    assert plan.uncovered_reasons[cook_skills[4]] == "constraints"


def test_infeasible_constraints_say_what_to_relax(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    cat = catalogue(prog("fi", cook_skills[:3], 4))
    with pytest.raises(InfeasiblePathError, match="language") as err:
        plan_path([], cook, catalogue=cat, taxonomy=tax, language="sv")
    assert err.value.relax == ("language",)
    assert isinstance(err.value, LookupError)
    with pytest.raises(InfeasiblePathError, match=r"max_weeks to 4\b.*budget_weeks=2"):
        plan_path([], cook, catalogue=cat, taxonomy=tax, max_weeks=2)
    assert plan_path([], cook, catalogue=cat, taxonomy=tax, max_weeks=4).programmes == ("fi",)


def test_budget_mode_covers_most_within_budget(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    cat = catalogue(prog("big", cook_skills[:6], 20), prog("a", cook_skills[:3], 6), prog("b", cook_skills[3:5], 5))
    plan = plan_path([], cook, catalogue=cat, taxonomy=tax, budget_weeks=12)
    assert set(plan.programmes) == {"a", "b"} and plan.total_weeks <= 12
    assert plan.uncovered_reasons[cook_skills[5]] == "budget"
    weighted = plan_path([], cook, catalogue=cat, taxonomy=tax, budget_weeks=6, skill_weights={cook_skills[3]: 10.0})
    assert weighted.programmes == ("b",)


def test_errors(tax: osa.Taxonomy, cook: str) -> None:
    cat = catalogue(prog("x", [HYGIENE], 1))
    with pytest.raises(UnknownTargetError) as err:
        plan_path([], "http://data.europa.eu/esco/occupation/nope", catalogue=cat, taxonomy=tax)
    assert isinstance(err.value, KeyError) and isinstance(err.value, osa.OsaaminenError)
    with pytest.raises(UnknownTargetError, match="skill"):
        plan_path([], HYGIENE, catalogue=cat, taxonomy=tax)
    empty = next(uri for uri in tax.occupations["uri"] if not tax.essential_skills(uri))
    with pytest.raises(EmptyTargetError, match="no essential skills"):
        plan_path([], empty, catalogue=cat, taxonomy=tax)
    with pytest.raises(TypeError, match="valid constraints"):
        plan_path([], cook, catalogue=cat, taxonomy=tax, colour="red")
    with pytest.raises(CatalogueError, match="nope"):
        plan_path([], cook, catalogue=cat, taxonomy=tax, exclude=["nope"])
    with pytest.raises(ValueError, match="method"):
        plan_path([], cook, catalogue=cat, taxonomy=tax, method="magic")  # type: ignore[arg-type]


def test_nothing_missing_gives_an_empty_optimal_plan(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    plan = plan_path(cook_skills, cook, catalogue=catalogue(prog("x", [HYGIENE], 1)), taxonomy=tax)
    assert plan.steps == () and plan.optimal and plan.uncovered == ()
    assert "tyhjä" in plan.explain("fi")


def test_profile_scores_threshold(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    matches = [
        SkillMatch(uri=cook_skills[0], label="a", score=0.9),
        SkillMatch(uri=cook_skills[1], label="b", score=0.2),
    ]
    profile = SkillProfile(language="fi", skills=SkillMatches(tuple(matches)))
    # By default every skill the profile reports counts (the recogniser's threshold already applied).
    assert {cook_skills[0], cook_skills[1]} <= set(skill_gap(profile, cook, taxonomy=tax).held)
    strict = skill_gap(profile, cook, taxonomy=tax, min_score=0.5)
    assert cook_skills[0] in strict.held and cook_skills[1] in strict.missing


def test_greedy_never_claims_optimality(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    cat = catalogue(prog("a", cook_skills[:3], 3), prog("b", cook_skills[3:6], 3), prog("c", cook_skills[:6], 9))
    plan = plan_path([], cook, catalogue=cat, taxonomy=tax, method="greedy")
    assert not plan.optimal and plan.method == "greedy"
    assert set(plan.programmes) == {"a", "b"}
    assert "arvio" in plan.explain("fi")


def test_rank_targets(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    waiter = tax.occupations.loc[tax.occupations.label_en == "waiter/waitress", "uri"].item()
    cat = catalogue(prog("kokki", cook_skills, 30, kind="full_qualification"))
    table = rank_targets(cook_skills[:8], catalogue=cat, targets=[waiter, cook], taxonomy=tax)
    assert list(table["target"]) == [cook, waiter]  # the cook has more of their skills already
    row = table.iloc[0]
    assert row["steps"] == 1 and row["weeks"] == 30 and row["ready_share"] == 1.0
    assert table["held_share"].is_monotonic_decreasing


def test_rank_targets_keeps_infeasible_and_empty_targets(tax: osa.Taxonomy, cook: str, cook_skills: list[str]) -> None:
    empty = next(uri for uri in tax.occupations["uri"] if not tax.essential_skills(uri))
    cat = catalogue(prog("kokki", cook_skills, 30))
    table = rank_targets([], catalogue=cat, targets=[empty, cook], taxonomy=tax, language="sv")
    assert dict(zip(table["target"], table["status"], strict=True)) == {cook: "infeasible", empty: "no_skills"}
    assert table["weeks"].isna().all()
