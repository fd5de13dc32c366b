"""The cohort report and the privacy promise: no input text in any cohort output."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import osaaminen as osa
from osaaminen.cohort import Cohort
from osaaminen.encoders import HashingEncoder
from osaaminen.recognition import SkillRecogniser
from osaaminen.reports.cohort import CohortReport
from tests.toy_esco import write_export

MARKERS = ["Zyxwvu Metalli Oy", "puh. 040-7654321", "Matti Meikäläinen", "<script>alert(1)</script>"]


def _texts() -> pd.DataFrame:
    base = [
        "Hitsaaja, {m} (2018-2021)\n- hitsata metalliosia\n- käyttää trukkia",
        "Käyttää trukkia varastossa, {m}.",
        "Hitsaustekniikat ja trukki. {m}",
    ]
    texts = [base[i % 3].format(m=MARKERS[i % len(MARKERS)]) for i in range(15)]
    frame: pd.DataFrame = pd.DataFrame({"id": [f"h{i}" for i in range(15)], "text": texts})
    return frame


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Cohort:
    tax = osa.Taxonomy.from_esco_csv(write_export(tmp_path_factory.mktemp("toy")), cache=False)
    rec = SkillRecogniser(tax, encoder=HashingEncoder(dim=64), threshold=0.0)
    targets = list(tax.occupations["uri"])
    from osaaminen.programmes import Catalogue

    return Cohort.from_frame(
        _texts(), rec, targets=targets, catalogue=Catalogue.from_records([]), min_score=0.0, min_group_size=3
    )


def test_no_text_in_any_output(cohort: Cohort, tmp_path: Path) -> None:
    designs = cohort.design_courses(max_weeks=None, max_skills=3, n_courses=2, default_weeks=1.0)
    outputs = [
        cohort.skill_prevalence().to_csv(),
        cohort.person_targets().to_csv(),
        cohort.people_per_target().to_csv(),
        cohort.common_gaps().to_csv(),
        cohort.clusters().to_csv(),
        cohort.cluster_members().to_csv(),
        designs.model_dump_json(),
        designs.to_frame().to_csv(),
        cohort.programme_demand().to_csv(),
        cohort.candidates_for(cohort.targets[0]).to_csv(),
        repr(cohort),
        repr(cohort.__dict__),
    ]
    page = CohortReport(cohort, designs=designs, show_ids=True, note="synthetic").save(tmp_path / "c.html")
    outputs.append(page.read_text(encoding="utf-8"))
    texts = _texts()["text"]
    fragments = [*MARKERS, "alert(1)", *texts, *(line for t in texts for line in t.splitlines() if len(line) > 12)]
    for out in outputs:
        for fragment in fragments:
            assert fragment not in out, fragment


def test_report_page(cohort: Cohort, tmp_path: Path) -> None:
    path = osa.CohortReport(cohort, lang="en", demand=True).save(tmp_path / "cohort.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert "<svg" in page and "Privacy" in page and "fewer than 3" in page
    assert "h0" not in page  # ids only with show_ids=True
    with pytest.raises(ValueError, match="Finnish"):
        CohortReport(cohort, lang="de")
    assert "<svg" in CohortReport(cohort, demand=False)._repr_html_()
