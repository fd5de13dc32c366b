"""Taxonomy lookups, labels, hierarchy and fingerprint, on the toy export."""

from __future__ import annotations

from pathlib import Path

import pytest

import osaaminen as osa
from osaaminen.exceptions import UnknownConceptError, UnknownLanguageError
from tests.toy_esco import (
    G_KNOWLEDGE,
    G_MACHINERY,
    G_SKILLS,
    ISCO,
    O_FORKLIFT,
    O_WELDER,
    S_CUSTOMERS,
    S_FINNISH,
    S_FORKLIFT,
    S_WELD,
    S_WELDING_TECH,
    toy_rows,
    write_export,
)


def test_skill_record(toy: osa.Taxonomy) -> None:
    skill = toy.skill(S_WELD)
    assert isinstance(skill, osa.Skill)
    assert skill.labels == {"en": "weld metal parts", "fi": "hitsata metalliosia"}
    assert skill.alt_labels == {"en": ("welding", "metal welding"), "fi": ("hitsaus", "metallien hitsaus")}
    assert skill.type == "skill/competence"
    assert skill.reuse_level == "sector-specific"
    assert (skill.green, skill.digital, skill.transversal, skill.language) == (True, False, False, False)
    assert skill.broader == (S_WELDING_TECH,)
    assert skill.source == "esco"
    assert skill.label("fi") == "hitsata metalliosia"
    with pytest.raises(ValueError, match="frozen"):
        skill.type = "knowledge"


def test_occupation_record(toy: osa.Taxonomy) -> None:
    occupation = toy.occupation(O_WELDER)
    assert isinstance(occupation, osa.Occupation)
    assert occupation.labels["fi"] == "hitsaaja"
    assert occupation.isco_group == "7212"
    assert occupation.code == "7212.1"
    assert occupation.broader == (ISCO["7212"],)
    assert occupation.descriptions == {"en": "welder description", "fi": "hitsaaja description"}


def test_unknown_uri_is_a_key_error_naming_it(toy: osa.Taxonomy) -> None:
    missing = "http://data.europa.eu/esco/skill/missing"
    with pytest.raises(KeyError) as info:
        toy.skill(missing)
    assert isinstance(info.value, UnknownConceptError)
    assert isinstance(info.value, osa.OsaaminenError)
    assert missing in str(info.value)
    assert str(info.value).startswith("unknown skill URI")
    with pytest.raises(UnknownConceptError, match="unknown occupation URI"):
        toy.occupation(missing)
    with pytest.raises(UnknownConceptError, match="unknown concept URI"):
        toy.label(missing)
    with pytest.raises(UnknownConceptError):
        toy.ancestors(missing)
    with pytest.raises(UnknownConceptError):
        toy.essential_skills(missing)


def test_uri_of_the_wrong_kind_says_what_it_is(toy: osa.Taxonomy) -> None:
    with pytest.raises(UnknownConceptError, match="it is a skill, not an occupation"):
        toy.occupation(S_WELD)
    with pytest.raises(UnknownConceptError, match="it is an occupation, not a skill"):
        toy.skill(O_WELDER)
    with pytest.raises(UnknownConceptError, match="it is an isco group"):
        toy.essential_skills(ISCO["72"])


def test_kind_and_contains(toy: osa.Taxonomy) -> None:
    assert toy.kind(S_WELD) == "skill"
    assert toy.kind(O_WELDER) == "occupation"
    assert toy.kind(ISCO["72"]) == "isco_group"
    assert toy.kind(G_MACHINERY) == "skill_group"
    assert S_WELD in toy
    assert "http://nope" not in toy
    assert 42 not in toy


def test_essential_and_optional_skills(toy: osa.Taxonomy) -> None:
    assert toy.essential_skills(O_WELDER) == [S_WELD, S_WELDING_TECH]
    assert toy.optional_skills(O_WELDER) == [S_CUSTOMERS]
    assert toy.essential_skills(O_FORKLIFT) == [S_FORKLIFT]
    assert toy.optional_skills(O_FORKLIFT) == [S_FINNISH]
    # Callers get their own lists.
    toy.essential_skills(O_WELDER).clear()
    assert toy.essential_skills(O_WELDER) == [S_WELD, S_WELDING_TECH]


def test_label_fallback_order(toy_export: Path) -> None:
    tax = osa.Taxonomy.from_esco_csv(toy_export, languages=("fi", "en"), cache=False)
    assert tax.label(S_WELD, "fi") == "hitsata metalliosia"
    assert tax.label(S_WELD, "en") == "weld metal parts"
    assert tax.label(S_FINNISH, "fi") == "speak Finnish"  # no Finnish label: English
    assert tax.label(ISCO["72"], "fi") == "Metal, machinery and related trades workers"
    assert tax.label(ISCO["7212"], "fi") == "Hitsaajat ja kaasuleikkaajat"
    assert tax.label(S_WELD) == "hitsata metalliosia"  # the default language is Finnish
    with osa.config_context(default_language="en"):
        assert tax.label(S_WELD) == "weld metal parts"
    with pytest.raises(UnknownLanguageError, match="'sv' is not loaded"):
        tax.label(S_WELD, "sv")


def test_ancestors_nearest_first(toy: osa.Taxonomy) -> None:
    assert toy.ancestors(S_WELD) == [S_WELDING_TECH, G_KNOWLEDGE]
    assert toy.ancestors(S_FORKLIFT) == [G_MACHINERY, G_SKILLS]
    assert toy.ancestors(O_WELDER) == [ISCO["7212"], ISCO["721"], ISCO["72"], ISCO["7"]]
    assert toy.ancestors(G_SKILLS) == []


def test_descendants_nearest_first(toy: osa.Taxonomy) -> None:
    assert toy.descendants(G_SKILLS) == [S_CUSTOMERS, G_MACHINERY, S_FORKLIFT]  # by distance, then URI
    assert toy.descendants(ISCO["8"]) == [ISCO["83"], ISCO["834"], ISCO["8344"], O_FORKLIFT]
    assert toy.descendants(S_WELD) == []


def test_graph_nodes_carry_kind_and_label(toy: osa.Taxonomy) -> None:
    graph = toy.graph
    assert graph.nodes[S_WELD] == {"kind": "skill", "label": "weld metal parts"}
    assert graph.nodes[ISCO["7"]]["kind"] == "isco_group"
    assert graph.has_edge(O_WELDER, ISCO["7212"])
    assert graph.number_of_nodes() == 5 + 2 + 8 + 4


def test_fingerprint_is_stable_and_tracks_content_and_languages(tmp_path: Path) -> None:
    first = osa.Taxonomy.from_esco_csv(write_export(tmp_path / "a"), cache=False)
    again = osa.Taxonomy.from_esco_csv(write_export(tmp_path / "b"), cache=False)
    assert first.fingerprint == again.fingerprint  # same content elsewhere on disk
    assert len(first.fingerprint) == 32
    only_fi = osa.Taxonomy.from_esco_csv(write_export(tmp_path / "c"), languages=("fi",), cache=False)
    assert only_fi.fingerprint != first.fingerprint
    rows = toy_rows()
    rows["skills_en.csv"][0]["preferredLabel"] = "weld metal"
    changed = osa.Taxonomy.from_esco_csv(write_export(tmp_path / "d", rows), cache=False)
    assert changed.fingerprint != first.fingerprint


def test_export_without_english(tmp_path: Path) -> None:
    rows = {name: value for name, value in toy_rows().items() if not name.endswith("_en.csv")}
    rows["skills_fi.csv"].append(
        {"conceptUri": S_FINNISH, "preferredLabel": "puhua suomea", "skillType": "skill/competence"}
    )
    rows["occupations_fi.csv"] = toy_rows()["occupations_fi.csv"]
    tax = osa.Taxonomy.from_esco_csv(write_export(tmp_path, rows), cache=False, unknown_references="record")
    assert tax.languages == ("fi",)
    assert tax.label(S_FINNISH) == "puhua suomea"
    # The skill groups and ISCO groups only came in English: the relations to them are dropped, and say so.
    assert (tax.dropped["uri"] == G_MACHINERY).any()
    assert tax.skills["green"].isna().all()


def test_repr_and_summary(toy: osa.Taxonomy) -> None:
    assert repr(toy) == "<Taxonomy ESCO v1.1.1 [en, fi]: 5 skills, 2 occupations, 4 skill groups, 8 ISCO groups>"
    summary = toy.summary()
    assert summary["skills"] == 5
    assert summary["knowledge"] == 1
    assert summary["essential relations"] == 3
    assert summary["skills with fi label"] == 4
    assert summary["green skills"] == 1
    assert summary["fingerprint"] == toy.fingerprint
