from __future__ import annotations

import pytest

from osaaminen.models import Evidence, OccupationMatch, SkillMatch, SkillMatches, SkillProfile
from osaaminen.paths import Plan, PlanStep

HYGIENE = "urn:osaaminen:fi-card:hygieniapassi"
FORKLIFT = "urn:osaaminen:fi-card:trukkikortti"
GREET = "http://data.europa.eu/esco/skill/26a6e6d2-1c9a-4d7e-8c04-5ba16d1f53da"
COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"

# An invented history with markup in it: the report must show it as text.
TEXT = "Varastotyöntekijä 2019-2022 <script>alert('x')</script>\nHygieniapassi ja trukkikortti."


def _span(word: str, method: str = "label") -> Evidence:
    start = TEXT.index(word)
    return Evidence(text=word, start=start, end=start + len(word), method=method)  # type: ignore[arg-type]


@pytest.fixture
def profile() -> SkillProfile:
    skills = SkillMatches(
        (
            SkillMatch(uri=HYGIENE, label="hygieniapassi", score=0.9, evidence=(_span("Hygieniapassi"),)),
            SkillMatch(uri=FORKLIFT, label="trukkikortti", score=0.8, evidence=(_span("trukkikortti"),)),
            SkillMatch(uri=GREET, label="<b>vastaanottaa</b> vieraat", score=0.4, source="occupation"),
        )
    )
    occupation = OccupationMatch(
        uri="http://data.europa.eu/esco/occupation/bea705fe-06ac-4147-b8e0-6e8ac1208d8f",
        label="varastotyöntekijä",
        score=0.7,
        evidence=(_span("Varastotyöntekijä", "title"),),
        years=3.0,
    )
    return SkillProfile(language="fi", skills=skills, occupations=(occupation,), text_length=len(TEXT))  # type: ignore[arg-type]


def _plan(route: str, kind: str, weeks: float) -> Plan:
    step = PlanStep(
        step=1,
        programme=f"p-{kind}",
        name={"fi": f"Koulutus <i>{kind}</i>", "en": f"Programme {kind}"},
        kind=kind,
        providers=("salpaus",),
        municipality="Lahti",
        covers=(GREET,),
        start_week=0,
        end_week=weeks,
        weeks=weeks,
        cost_eur=50,
    )
    return Plan(
        target=COOK,
        target_name={"fi": "kokki", "en": "cook"},
        steps=(step,),
        required=(HYGIENE, GREET, "urn:x"),
        held=(HYGIENE,),
        covered=(GREET,),
        uncovered=("urn:x",),
        uncovered_reasons={"urn:x": "not_offered"},
        total_weeks=weeks,
        calendar_weeks=weeks,
        total_cost_eur=50,
        route=route,  # type: ignore[arg-type]
        skill_names={GREET: {"fi": "vastaanottaa vieraat", "en": "greet guests"}, "urn:x": {"fi": "<x>", "en": "<x>"}},
    )


@pytest.fixture
def plans() -> list[Plan]:
    return [_plan("school", "short_course", 4.0), _plan("apprenticeship", "apprenticeship", 30.0)]
