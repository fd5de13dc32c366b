from __future__ import annotations

from collections.abc import Sequence

import pytest

import osaaminen as osa
from osaaminen.models import SkillMatch, SkillMatches, SkillProfile
from osaaminen.paths import required_skills
from osaaminen.programmes import Catalogue, Programme, SkillLink

HYGIENE = "urn:osaaminen:fi-card:hygieniapassi"


def profile(uris: Sequence[str], score: float = 0.9) -> SkillProfile:
    """A hand-built profile with evidence words that must never reach a cohort output."""
    matches = tuple(
        SkillMatch(uri=uri, label=uri.rsplit("/", 1)[-1], score=score, evidence=()) for uri in dict.fromkeys(uris)
    )
    return SkillProfile(language="fi", skills=SkillMatches(matches), text_length=100)


def prog(pid: str, teaches: Sequence[str], weeks: float = 4.0, kind: str = "short_course") -> Programme:
    return Programme(
        id=pid,
        kind=kind,  # type: ignore[arg-type]
        name={"fi": f"{pid} fi", "en": f"{pid} en"},
        providers=(),
        teaches=tuple(SkillLink(uri=u) for u in teaches),
        duration_weeks=weeks,
        municipality="Lahti",
    )


def occupation(tax: osa.Taxonomy, label_en: str) -> str:
    uri: str = tax.occupations.loc[tax.occupations.label_en == label_en, "uri"].item()
    return uri


@pytest.fixture(scope="session")
def cook(bundled: osa.Taxonomy) -> str:
    return occupation(bundled, "cook")


@pytest.fixture(scope="session")
def cleaner(bundled: osa.Taxonomy) -> str:
    return occupation(bundled, "kitchen porter")


@pytest.fixture(scope="session")
def cook_skills(bundled: osa.Taxonomy, cook: str) -> list[str]:
    return required_skills(bundled, cook)


@pytest.fixture(scope="session")
def cleaner_skills(bundled: osa.Taxonomy, cleaner: str) -> list[str]:
    return required_skills(bundled, cleaner)


@pytest.fixture(scope="session")
def small_catalogue(cook_skills: list[str], cleaner_skills: list[str]) -> Catalogue:
    return Catalogue.from_records(
        [
            prog("hyg", [HYGIENE], 1),
            prog("kokki-osa", cook_skills[:8], 16, kind="qualification_unit"),
            prog("siivous", cleaner_skills[:6], 6),
        ]
    )
