"""The coach report: content, escaping, languages, files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import osaaminen as osa
from osaaminen.models import SkillProfile
from osaaminen.paths import Plan
from osaaminen.reports import CoachReport
from tests.reports.conftest import COOK, GREET, TEXT


def _report(profile: SkillProfile, plans: list[Plan], bundled: osa.Taxonomy, **kwargs: object) -> CoachReport:
    targets = pd.DataFrame(
        [
            {
                "target": COOK,
                "label": "kokki",
                "required": 3,
                "held": 1,
                "covered": 1,
                "uncovered": 1,
                "held_share": 1 / 3,
                "ready_share": 2 / 3,
                "weeks": 4.0,
                "steps": 1,
                "cost_eur": 50.0,
                "status": "ok",
                "sectors": ("restaurant_catering",),
                "vacancies_per_unemployed": 0.3,
                "programmes": ("p-short_course",),
            },
            {
                "target": "urn:<none>",
                "label": "<tyhjä>",
                "required": 2,
                "held": 0,
                "covered": float("nan"),
                "uncovered": float("nan"),
                "held_share": 0.0,
                "ready_share": float("nan"),
                "weeks": float("nan"),
                "steps": float("nan"),
                "cost_eur": float("nan"),
                "status": "infeasible",
                "sectors": ("other",),
                "vacancies_per_unemployed": float("nan"),
                "programmes": None,
            },
        ]
    )
    return CoachReport(profile, plans, targets, text=TEXT, taxonomy=bundled, **kwargs)  # type: ignore[arg-type]


def test_user_text_is_escaped(profile: SkillProfile, plans: list[Plan], bundled: osa.Taxonomy) -> None:
    page = _report(profile, plans, bundled).to_html()
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<i>" not in page and "&lt;i&gt;short_course&lt;/i&gt;" in page
    assert "&lt;tyhjä&gt;" in page and "<x>" not in page
    assert "Content-Security-Policy" in page


def test_evidence_is_highlighted(profile: SkillProfile, plans: list[Plan], bundled: osa.Taxonomy) -> None:
    page = _report(profile, plans, bundled).to_html()
    assert '<mark title="hygieniapassi">Hygieniapassi</mark>' in page
    assert '<mark title="varastotyöntekijä">Varastotyöntekijä</mark>' in page


def test_to_dict_is_json_and_holds_no_text(profile: SkillProfile, plans: list[Plan], bundled: osa.Taxonomy) -> None:
    data = _report(profile, plans, bundled).to_dict()
    text = json.dumps(data, allow_nan=False)
    assert "alert" not in text
    assert data["plan"]["target"] == COOK and len(data["alternatives"]) == 1
    assert [s["uri"] for s in data["gap"]["covered"]] == [GREET]
    assert data["not_offered_locally"] == [{"uri": "urn:x", "label": "<x>"}]
    assert data["targets"][1]["weeks"] is None and data["targets"][1]["status"] == "infeasible"
    groups = {g["group"]: g for g in data["skill_groups"]}
    assert sum(len(g["skills"]) for g in groups.values()) == 2
    assert all(g["label"] for g in groups.values())
    assert [s["uri"] for s in data["inferred_skills"]] == [GREET]


def test_languages(profile: SkillProfile, plans: list[Plan], bundled: osa.Taxonomy) -> None:
    fi = _report(profile, plans, bundled).to_html()
    en = _report(profile, plans, bundled, language="en").to_html()
    assert "Tunnistettu osaaminen" in fi and '<html lang="fi">' in fi
    assert "Recognised skills" in en and '<html lang="en">' in en
    assert "hygiene passport" in en and "Goal: cook" in en
    assert "oppisopimus" in fi and "apprenticeship" in en
    with pytest.raises(ValueError, match="not 'sv'"):
        CoachReport(profile, plans, language="sv")


def test_save_and_notebook_display(
    profile: SkillProfile, plans: list[Plan], bundled: osa.Taxonomy, tmp_path: Path
) -> None:
    report = _report(profile, plans, bundled)
    path = report.save(tmp_path / "raportti.html")
    html = path.read_text(encoding="utf-8")
    inline = report._repr_html_()  # for notebooks: one <div>, styles scoped to it, the same content
    assert inline.startswith('<div class="osa-report" lang="fi">') and "<html" not in inline and "<body" not in inline
    assert html.split("<main>")[1] == inline.split("<main>")[1].replace("\n</div>\n", "\n</div>\n</body>\n</html>\n")
    css = inline.split("<style>")[1].split("</style>")[0]
    rules = [r.split("{")[0].strip() for r in css.split("}") if "{" in r]
    unscoped = [r for r in rules if not r.startswith((".osa-report", "@page", "@media", "body"))]
    assert unscoped == []
    assert html.count("<svg") >= 3  # targets, path timeline, gap, alternative timeline
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "@media print" in html and "size: A4" in html
    assert "ESCO" in html


def test_wrong_text_is_an_error(profile: SkillProfile, plans: list[Plan], bundled: osa.Taxonomy) -> None:
    with pytest.raises(ValueError, match="pass the text the profile was recognised from"):
        CoachReport(profile, plans, text="something else", taxonomy=bundled).to_dict()
    shifted = " " + TEXT[:-1]
    with pytest.raises(ValueError, match="does not match the evidence"):
        CoachReport(profile, plans, text=shifted, taxonomy=bundled).to_dict()


def test_minimal_report(bundled: osa.Taxonomy) -> None:
    report = CoachReport(SkillProfile(language="fi"), [], taxonomy=bundled)
    data = report.to_dict()
    assert data["plan"] is None and data["gap"] is None and data["targets"] == []
    page = report.to_html()
    assert "Osaamista ei tunnistettu." in page and "Polkua ei annettu." in page
    assert "CoachReport (fi)" in repr(report)


def test_single_plan_and_empty_path(profile: SkillProfile, plans: list[Plan], bundled: osa.Taxonomy) -> None:
    empty = plans[0].model_copy(update={"steps": (), "covered": (), "total_weeks": 0.0, "route": "none"})
    page = CoachReport(profile, empty, language="en", taxonomy=bundled).to_html()
    assert "the path is empty" in page and "No other distinct paths" in page


def test_exported_lazily() -> None:
    assert osa.CoachReport is CoachReport
