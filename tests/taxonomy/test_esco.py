"""Loading official-format ESCO CSV exports: layouts, versions, languages and every bad-file case."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pandas as pd
import pytest

import osaaminen as osa
from osaaminen.exceptions import TaxonomyError, TaxonomyWarning, UnknownLanguageError
from tests.toy_esco import (
    ISCO,
    O_FORKLIFT,
    O_WELDER,
    S_CUSTOMERS,
    S_FINNISH,
    S_FORKLIFT,
    S_WELD,
    S_WELDING_TECH,
    csv_text,
    file_path,
    toy_rows,
    write_export,
)


def load(path: Path, **kwargs: object) -> osa.Taxonomy:
    return osa.Taxonomy.from_esco_csv(path, cache=False, **kwargs)  # type: ignore[arg-type]


def test_toy_export_loads_every_table(toy: osa.Taxonomy) -> None:
    assert toy.version == "1.1.1"
    assert toy.languages == ("en", "fi")
    assert list(toy.skills["uri"]) == [S_WELD, S_WELDING_TECH, S_FORKLIFT, S_CUSTOMERS, S_FINNISH]
    assert len(toy.occupations) == 2
    assert len(toy.isco_groups) == 8
    assert len(toy.skill_groups) == 4
    assert len(toy.occupation_skills) == 5
    assert set(toy.occupation_skills["relation"]) == {"essential", "optional"}
    assert toy.skill_relations.to_dict("records") == [
        {"skill_uri": S_WELD, "related_skill_uri": S_WELDING_TECH, "relation": "essential"}
    ]
    assert len(toy.broader) == 14
    assert toy.dropped.empty


def test_skill_columns_and_values(toy: osa.Taxonomy) -> None:
    weld = toy.skills.set_index("uri").loc[S_WELD]
    assert weld["type"] == "skill/competence"
    assert weld["reuse_level"] == "sector-specific"
    assert weld["label_en"] == "weld metal parts"
    assert weld["label_fi"] == "hitsata metalliosia"
    # ESCO repeats the preferred label among the alt labels; it is kept once, as the preferred label.
    assert weld["alt_labels_en"] == ("welding", "metal welding")
    assert weld["alt_labels_fi"] == ("hitsaus", "metallien hitsaus")
    assert pd.isna(weld["description_en"])
    assert toy.skills.set_index("uri").at[S_WELDING_TECH, "description_en"] == "Ways to weld."
    assert weld["source"] == "esco"
    assert not weld["certificate"]


def test_collection_flags(toy: osa.Taxonomy) -> None:
    flags = toy.skills.set_index("uri")[["green", "digital", "transversal", "language"]]
    assert flags.loc[S_WELD].tolist() == [True, False, False, False]
    assert flags.loc[S_CUSTOMERS].tolist() == [False, False, True, False]
    assert flags.loc[S_FINNISH].tolist() == [False, False, False, True]
    assert str(flags["green"].dtype) == "boolean"


def test_missing_collection_is_unknown_not_false(tmp_path: Path) -> None:
    rows = toy_rows()
    del rows["greenSkillsCollection_en.csv"]
    tax = load(write_export(tmp_path, rows))
    assert tax.skills["green"].isna().all()
    assert tax.skills["transversal"].sum() == 1


def test_occupation_columns(toy: osa.Taxonomy) -> None:
    welder = toy.occupations.set_index("uri").loc[O_WELDER]
    assert welder["isco_group"] == "7212"
    assert welder["code"] == "7212.1"
    assert welder["label_fi"] == "hitsaaja"
    assert welder["alt_labels_fi"] == ("hitsari",)
    assert welder["alt_labels_en"] == ("welding operative",)
    assert welder["description_en"] == "welder description"


def test_languages_subset_and_order(toy_export: Path) -> None:
    tax = load(toy_export, languages=("fi",))
    assert tax.languages == ("fi",)
    assert "label_en" not in tax.skills.columns
    assert tax.label(S_WELD) == "hitsata metalliosia"
    # Structure (types) comes from the English files even when English is not loaded.
    assert tax.skills.set_index("uri").at[S_WELDING_TECH, "type"] == "knowledge"
    # A concept without a Finnish label and no other language loaded: the URI stands in.
    assert tax.label(S_FINNISH, "fi") == S_FINNISH


def test_unknown_language(toy_export: Path) -> None:
    with pytest.raises(UnknownLanguageError, match=r"\['sv'\].*\['en', 'fi'\]"):
        load(toy_export, languages=("fi", "sv"))
    with pytest.raises(UnknownLanguageError, match="empty"):
        load(toy_export, languages=())


def test_zipped_export_per_language(tmp_path: Path) -> None:
    tax = load(write_export(tmp_path, zipped=True))
    assert tax.languages == ("en", "fi")
    assert tax.label(O_FORKLIFT, "fi") == "trukinkuljettaja"


def test_gzipped_files_load(tmp_path: Path) -> None:
    export = write_export(tmp_path)
    for path in list(export.rglob("*.csv")):
        path.with_suffix(".csv.gz").write_bytes(gzip.compress(path.read_bytes()))
        path.unlink()
    assert len(load(export).skills) == 5


def test_version_from_folder_name_or_argument(tmp_path: Path) -> None:
    assert load(write_export(tmp_path / "a", version="v1.2.0")).version == "1.2.0"
    assert load(write_export(tmp_path / "b"), version="1.1.1-local").version == "1.1.1-local"


def test_v12_style_relation_files_with_language_suffix_and_label_columns(tmp_path: Path) -> None:
    rows = toy_rows()
    relations = rows.pop("occupationSkillRelations.csv")
    for row in relations:
        row["occupationLabel"] = "x"
        row["skillLabel"] = "y"
    rows["occupationSkillRelations_en.csv"] = relations
    rows["broaderRelationsSkillPillar_en.csv"] = rows.pop("broaderRelationsSkillPillar.csv")
    tax = load(write_export(tmp_path, rows))
    assert tax.essential_skills(O_WELDER) == [S_WELD, S_WELDING_TECH]
    assert S_WELDING_TECH in tax.ancestors(S_WELD)


def test_column_names_match_case_insensitively(tmp_path: Path) -> None:
    export = write_export(tmp_path)
    path = file_path(export, "skills_en.csv")
    path.write_text(path.read_text(encoding="utf-8").replace('"conceptUri"', '"ConceptURI"', 1), encoding="utf-8")
    assert len(load(export).skills) == 5


# -- bad files ------------------------------------------------------------------------------------


def test_missing_column(tmp_path: Path) -> None:
    rows = toy_rows()
    for row in rows["occupations_en.csv"]:
        del row["preferredLabel"]
    with pytest.raises(TaxonomyError) as info:
        load(write_export(tmp_path, rows))
    assert info.value.file is not None and info.value.file.endswith("occupations_en.csv")
    assert info.value.column == "preferredLabel"
    assert "conceptUri" in str(info.value)  # the message lists the columns found


def test_renamed_relation_column(tmp_path: Path) -> None:
    rows = toy_rows()
    for row in rows["occupationSkillRelations.csv"]:
        row["skillURI_renamed"] = row.pop("skillUri")
    with pytest.raises(TaxonomyError) as info:
        load(write_export(tmp_path, rows))
    assert info.value.column == "skillUri"
    assert "skillURI_renamed" in str(info.value)


def test_duplicate_uri(tmp_path: Path) -> None:
    rows = toy_rows()
    rows["skills_en.csv"].append(dict(rows["skills_en.csv"][1]))
    with pytest.raises(TaxonomyError, match="duplicate URI") as info:
        load(write_export(tmp_path, rows))
    assert info.value.file is not None and info.value.file.endswith("skills_en.csv")
    assert info.value.row == 7  # header is row 1; the copy of data row 2 is the 6th data row
    assert "[3, 7]" in str(info.value)


def test_empty_uri(tmp_path: Path) -> None:
    rows = toy_rows()
    rows["occupations_en.csv"][1]["conceptUri"] = "  "
    with pytest.raises(TaxonomyError, match="empty value") as info:
        load(write_export(tmp_path, rows))
    assert (info.value.row, info.value.column) == (3, "conceptUri")


def test_relation_to_unknown_concept_raises_by_default(tmp_path: Path) -> None:
    rows = toy_rows()
    rows["occupationSkillRelations.csv"][3]["skillUri"] = "http://data.europa.eu/esco/skill/nope"
    export = write_export(tmp_path, rows)
    with pytest.raises(TaxonomyError, match="unknown concept") as info:
        load(export)
    assert info.value.file is not None and info.value.file.endswith("occupationSkillRelations.csv")
    assert (info.value.row, info.value.column) == (5, "skillUri")
    assert "http://data.europa.eu/esco/skill/nope" in str(info.value)


def test_unknown_references_warn_and_record(tmp_path: Path) -> None:
    rows = toy_rows()
    rows["occupationSkillRelations.csv"][3]["skillUri"] = "http://data.europa.eu/esco/skill/nope"
    rows["broaderRelationsOccPillar.csv"][0]["broaderUri"] = "http://data.europa.eu/esco/isco/C9999"
    export = write_export(tmp_path, rows)
    with pytest.warns(TaxonomyWarning, match="dropped 1 row"):
        tax = load(export, unknown_references="warn")
    assert tax.essential_skills(O_FORKLIFT) == []
    assert sorted(tax.dropped["uri"]) == [
        "http://data.europa.eu/esco/isco/C9999",
        "http://data.europa.eu/esco/skill/nope",
    ]
    assert set(tax.dropped.columns) == {"file", "row", "column", "uri", "reason"}
    quiet = load(export, unknown_references="record")  # no warning: the suite turns warnings into errors
    assert len(quiet.dropped) == 2
    assert ISCO["7212"] not in quiet.ancestors(O_WELDER)


def test_label_file_for_unknown_concept(tmp_path: Path) -> None:
    rows = toy_rows()
    extra = dict(rows["skills_fi.csv"][0])
    extra["conceptUri"] = "http://data.europa.eu/esco/skill/only-in-finnish"
    rows["skills_fi.csv"].append(extra)
    with pytest.raises(TaxonomyError, match="not in the skills table") as info:
        load(write_export(tmp_path, rows))
    assert info.value.row == 6


def test_bad_relation_type(tmp_path: Path) -> None:
    rows = toy_rows()
    rows["occupationSkillRelations.csv"][2]["relationType"] = "mandatory"
    with pytest.raises(TaxonomyError, match="'mandatory'") as info:
        load(write_export(tmp_path, rows))
    assert (info.value.row, info.value.column) == (4, "relationType")


def test_wrong_encoding(tmp_path: Path) -> None:
    export = write_export(tmp_path)
    path = file_path(export, "skills_fi.csv")
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    with pytest.raises(TaxonomyError, match="UTF-8") as info:
        load(export)
    assert info.value.file is not None and info.value.file.endswith("skills_fi.csv")
    # The first non-ASCII character is the ä of "käyttää trukkia", the third data row.
    assert (info.value.row, info.value.column) == (4, "preferredLabel")


def test_missing_required_file(tmp_path: Path) -> None:
    rows = toy_rows()
    del rows["occupationSkillRelations.csv"]
    with pytest.raises(TaxonomyError, match="occupationSkillRelations"):
        load(write_export(tmp_path, rows))
    rows = toy_rows()
    del rows["occupations_en.csv"]
    with pytest.raises(TaxonomyError, match="occupations_en"):
        load(write_export(tmp_path / "b", rows))


def test_not_an_export(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="does not look like an ESCO CSV export"):
        load(tmp_path)
    with pytest.raises(TaxonomyError, match="no such file or folder"):
        load(tmp_path / "missing")


def test_two_files_for_the_same_language(tmp_path: Path) -> None:
    export = write_export(tmp_path)
    source = file_path(export, "skills_fi.csv")
    shutil.copy(source, export / "skills_fi.csv")
    with pytest.raises(TaxonomyError, match="two files for skills_fi"):
        load(export)


def test_malformed_csv(tmp_path: Path) -> None:
    export = write_export(tmp_path)
    path = file_path(export, "skillGroups_en.csv")
    path.write_text(csv_text(toy_rows()["skillGroups_en.csv"]) + '"unterminated,"x\n', encoding="utf-8")
    with pytest.raises(TaxonomyError) as info:
        load(export)
    assert info.value.file is not None and info.value.file.endswith("skillGroups_en.csv")
