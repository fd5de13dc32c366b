from __future__ import annotations

from typing import Any

import pytest

import osaaminen as osa
from osaaminen.paths import required_skills
from osaaminen.programmes import Catalogue, Programme, SkillLink


def prog(pid: str, teaches: list[str], weeks: float = 4.0, kind: str = "short_course", **fields: Any) -> Programme:
    data: dict[str, Any] = {
        "id": pid,
        "kind": kind,
        "name": {"fi": f"{pid} fi", "en": f"{pid} en"},
        "providers": (),
        "teaches": tuple(SkillLink(uri=uri) for uri in teaches),
        "duration_weeks": weeks,
        "municipality": "Lahti",
        **fields,
    }
    return Programme(**data)


def catalogue(*programmes: Programme) -> Catalogue:
    return Catalogue.from_records(programmes)


@pytest.fixture(scope="session")
def tax(bundled: osa.Taxonomy) -> osa.Taxonomy:
    return bundled


@pytest.fixture(scope="session")
def cook(tax: osa.Taxonomy) -> str:
    uri: str = tax.occupations.loc[tax.occupations.label_en == "cook", "uri"].item()
    return uri


@pytest.fixture(scope="session")
def cook_skills(tax: osa.Taxonomy, cook: str) -> list[str]:
    return required_skills(tax, cook)
