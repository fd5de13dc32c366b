"""The bundled ESCO v1.1.1 data: completeness, known facts, languages, cache."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import osaaminen as osa
from osaaminen.exceptions import TaxonomyError, UnknownLanguageError
from osaaminen.taxonomy import bundled_data_dir

ESCO = "http://data.europa.eu/esco"
WELDER = f"{ESCO}/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b"
HEALTHCARE_ASSISTANT = f"{ESCO}/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"
FORKLIFT_OPERATOR = f"{ESCO}/occupation/eeac6251-1974-42f5-91ed-513c6c883755"
WELDING_TECHNIQUES = f"{ESCO}/skill/530cb489-d900-46ab-9350-4d50ccd49eea"
OPERATE_FORKLIFT = f"{ESCO}/skill/28cb374e-6261-4133-8371-f9a5470145da"
PYTHON = f"{ESCO}/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"


def test_counts_match_the_official_export(bundled: osa.Taxonomy) -> None:
    esco_skills = bundled.skills[bundled.skills["source"] == "esco"]
    assert len(esco_skills) == 13_896
    assert len(bundled.occupations) == 3_007
    assert len(bundled.isco_groups) == 619
    assert len(bundled.skill_groups) == 640
    assert (esco_skills["type"] == "knowledge").sum() == 3_059
    assert (esco_skills["type"] == "skill/competence").sum() == 10_831
    # 123,855 relations in the export, 67 of them to an occupation it does not contain.
    assert len(bundled.occupation_skills) == 123_855 - 67
    assert bundled.version == "1.1.1"
    assert bundled.languages == ("fi", "sv", "en")


def test_every_esco_skill_and_occupation_has_fi_sv_en_labels(bundled: osa.Taxonomy) -> None:
    for table in (bundled.skills[bundled.skills["source"] == "esco"], bundled.occupations, bundled.isco_groups):
        for lang in ("fi", "sv", "en"):
            labels = table[f"label_{lang}"]
            assert labels.notna().all(), lang
            assert (labels.str.len() > 0).all(), lang


def test_finnish_occupation_alt_labels_and_descriptions(bundled: osa.Taxonomy) -> None:
    occupations = bundled.occupations
    assert occupations["description_fi"].notna().sum() == 3_007
    assert occupations["alt_labels_fi"].map(bool).sum() > 2_000
    forklift = bundled.occupation(FORKLIFT_OPERATOR)
    assert forklift.labels == {"fi": "trukinkuljettaja", "sv": "truckförare", "en": "forklift operator"}
    assert "trukinkuljettaja" not in forklift.alt_labels.get("fi", ())  # never repeats the preferred label
    assert "Trukinkuljettajat" in forklift.descriptions["fi"] or len(forklift.descriptions["fi"]) > 50


def test_known_essential_skills(bundled: osa.Taxonomy) -> None:
    welder = bundled.essential_skills(WELDER)
    assert len(welder) == 36
    assert WELDING_TECHNIQUES in welder
    assert bundled.label(WELDING_TECHNIQUES, "fi") == "hitsaustekniikat"
    assert OPERATE_FORKLIFT in bundled.essential_skills(FORKLIFT_OPERATOR)
    assert len(bundled.essential_skills(HEALTHCARE_ASSISTANT)) == 32
    assert bundled.label(HEALTHCARE_ASSISTANT, "fi") == "lähihoitaja"
    assert len(bundled.optional_skills(WELDER)) == 50
    assert not set(bundled.essential_skills(WELDER)) & set(bundled.optional_skills(WELDER))


def test_collections(bundled: osa.Taxonomy) -> None:
    skills = bundled.skills
    assert skills["green"].sum() == 570
    assert skills["digital"].sum() == 1_201
    assert skills["transversal"].sum() == 96
    assert skills["language"].sum() == 346
    assert bundled.skill(PYTHON).digital is True


def test_hierarchy_reaches_the_pillars(bundled: osa.Taxonomy) -> None:
    ancestors = bundled.ancestors(WELDING_TECHNIQUES)
    assert [bundled.label(uri, "en") for uri in ancestors] == [
        "mechanics and metal trades",
        "engineering and engineering trades",
        "engineering, manufacturing and construction",
        "knowledge",
    ]
    assert bundled.ancestors(WELDER) == [f"{ESCO}/isco/C{code}" for code in ("7212", "721", "72", "7")]
    assert WELDER in bundled.descendants(f"{ESCO}/isco/C72")
    skills_group = bundled.ancestors(OPERATE_FORKLIFT)[-1]
    assert bundled.label(skills_group, "en") == "skills"
    assert len(bundled.descendants(skills_group)) > 5_000
    # Every ESCO skill has a broader concept.
    esco = bundled.skills.loc[bundled.skills["source"] == "esco", "uri"]
    assert esco.isin(bundled.broader["uri"]).all()


def test_skill_groups_fall_back_to_english(bundled: osa.Taxonomy) -> None:
    group = bundled.ancestors(WELDING_TECHNIQUES)[0]
    assert bundled.label(group, "fi") == "mechanics and metal trades"


def test_dropped_rows_are_listed(bundled: osa.Taxonomy) -> None:
    dropped = bundled.dropped
    assert len(dropped) == 76
    by_file = dropped.groupby(dropped["file"].map(lambda name: Path(name).name)).size().to_dict()
    assert by_file == {
        "occupationSkillRelations.csv.gz": 67,
        "broaderRelationsSkillPillar.csv.gz": 7,
        "broaderRelationsOccPillar.csv.gz": 1,
        "occupations_fi_v1.1.0.csv.gz": 1,
    }


def test_language_subset() -> None:
    tax = osa.load_esco(languages=["EN", "fi"])
    assert tax.languages == ("en", "fi")
    assert [c for c in tax.skills.columns if c.startswith("label_")] == ["label_en", "label_fi"]
    assert tax.label(WELDER) == "hitsaaja"
    sv_only = osa.load_esco(languages="sv")
    assert sv_only.label(WELDER) == "svetsare, manuell"
    assert sv_only.fingerprint != tax.fingerprint


def test_bad_language_and_version() -> None:
    with pytest.raises(UnknownLanguageError, match=r"\['de'\] are not bundled"):
        osa.load_esco(languages=("fi", "de"))
    with pytest.raises(UnknownLanguageError, match="empty"):
        osa.load_esco(languages=())
    with pytest.raises(TaxonomyError, match=r"'1\.2\.0' is not bundled"):
        osa.load_esco(version="1.2.0")


def test_without_extensions() -> None:
    tax = osa.load_esco(extensions=None)
    assert len(tax.skills) == 13_896
    assert (tax.skills["source"] == "esco").all()


def test_cache_gives_identical_tables(tmp_path: Path) -> None:
    with osa.config_context(cache_dir=tmp_path):
        parsed = osa.load_esco(cache=False)
        first = osa.load_esco()  # builds and writes the entry
        entries = list((tmp_path / "taxonomy").iterdir())
        assert len(entries) == 1
        cached = osa.load_esco()  # reads it back
    for name in ("skills", "occupations", "isco_groups", "skill_groups", "occupation_skills", "broader", "dropped"):
        pd.testing.assert_frame_equal(getattr(cached, name), getattr(parsed, name), check_dtype=False)
        pd.testing.assert_frame_equal(getattr(first, name), getattr(parsed, name))
    assert cached.fingerprint == parsed.fingerprint
    assert cached.skill(PYTHON) == parsed.skill(PYTHON)


def test_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    with osa.config_context(cache_dir=tmp_path):
        osa.load_esco(languages=("fi",))
        (entry,) = (tmp_path / "taxonomy").iterdir()
        (entry / "skills.parquet").write_bytes(b"not parquet")
        tax = osa.load_esco(languages=("fi",))
        assert len(tax.skills) == 13_915
        # The damaged entry was replaced by a good one.
        assert (entry / "skills.parquet").read_bytes()[:4] == b"PAR1"


def test_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with osa.config_context(cache_dir=blocker / "cache"):
        assert len(osa.load_esco(languages=("en",)).occupations) == 3_007


def test_data_dir_can_be_configured(tmp_path: Path) -> None:
    assert (bundled_data_dir() / "esco" / "v1.1.1" / "en" / "skills_en.csv.gz").is_file()
    with osa.config_context(data_dir=tmp_path), pytest.raises(osa.OsaaminenError, match="OSAAMINEN_DATA_DIR"):
        osa.load_esco()
