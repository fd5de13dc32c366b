"""Tests of osaaminen.taxonomy.label_files: other names for concepts already in the taxonomy."""

from __future__ import annotations

from pathlib import Path

import pytest

import osaaminen as osa
from osaaminen.exceptions import TaxonomyError
from tests.taxonomy.test_extensions import PERMIT, assert_error, ext_row, merged, write_extension
from tests.toy_esco import O_WELDER, S_FORKLIFT, S_WELD

FI_TERMS = Path(__file__).resolve().parents[2] / "taxonomies" / "extensions" / "fi-work-terms.csv"


def terms(tmp_path: Path, rows: list[dict[str, str]], name: str = "terms.csv") -> Path:
    return write_extension(tmp_path / name, rows)


def test_names_join_the_alt_labels_of_skills_and_occupations(toy_export: Path, tmp_path: Path) -> None:
    path = terms(
        tmp_path,
        [
            {"uri": S_FORKLIFT, "alt_labels_fi": "trukkityöt | trukilla ajo", "source": "test", "comment": "x"},
            {"uri": S_WELD, "alt_labels_fi": "hitsaustyöt", "source": "test", "comment": ""},
            {"uri": O_WELDER, "alt_labels_fi": "hitsarimies", "source": "test", "comment": ""},
        ],
    )
    tax = merged(toy_export, path)
    skills = tax.skills.set_index("uri")
    assert skills.at[S_FORKLIFT, "alt_labels_fi"] == ("trukkityöt", "trukilla ajo")
    assert skills.at[S_WELD, "alt_labels_fi"] == ("hitsaus", "metallien hitsaus", "hitsaustyöt")  # ESCO's first
    assert "hitsarimies" in tax.occupations.set_index("uri").at[O_WELDER, "alt_labels_fi"]
    assert len(tax.skills) == len(merged(toy_export).skills)  # no concept added
    assert tax.fingerprint != merged(toy_export).fingerprint


def test_a_label_file_may_name_an_extension_concept_merged_before_it(toy_export: Path, tmp_path: Path) -> None:
    cards = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT)])
    path = terms(tmp_path, [{"uri": PERMIT, "alt_labels_fi": "hitsauslupa", "source": "test"}])
    tax = merged(toy_export, cards, path)
    assert tax.skills.set_index("uri").at[PERMIT, "alt_labels_fi"] == ("hitsauslupa",)
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, path, cards)
    assert_error(info, path, 2, "uri")


def test_names_in_languages_not_loaded_are_not_used(toy_export: Path, tmp_path: Path) -> None:
    row = {"uri": S_WELD, "alt_labels_fi": "hitsaustyöt", "alt_labels_sv": "svetsning", "source": "t"}
    path = terms(tmp_path, [row])
    tax = merged(toy_export, path, languages=["en"])
    assert "hitsaustyöt" not in str(tax.skills.to_dict())


@pytest.mark.parametrize(
    ("row", "column", "problem"),
    [
        ({"uri": "http://data.europa.eu/esco/skill/nope", "alt_labels_fi": "x", "source": "t"}, "uri", "not a skill"),
        ({"uri": S_WELD, "alt_labels_fi": "Hitsaus", "source": "t"}, "alt_labels_fi", "already a label"),
        ({"uri": S_WELD, "alt_labels_fi": "hitsata metalliosia", "source": "t"}, "alt_labels_fi", "already a label"),
        ({"uri": S_WELD, "alt_labels_fi": "a | A", "source": "t"}, "alt_labels_fi", "twice"),
        ({"uri": S_WELD, "alt_labels_fi": " | ", "source": "t"}, "alt_labels_fi", "no name"),
        ({"uri": S_WELD, "alt_labels_fi": "x", "source": ""}, "source", "empty"),
        ({"uri": S_WELD, "alt_labels_fi": "x", "source": "t", "colour": "red"}, "colour", "unknown column"),
    ],
)
def test_bad_rows_are_named(toy_export: Path, tmp_path: Path, row: dict[str, str], column: str, problem: str) -> None:
    path = terms(tmp_path, [row])
    with pytest.raises(TaxonomyError, match=problem) as info:
        merged(toy_export, path)
    assert info.value.file is not None and info.value.file.endswith("terms.csv")
    assert info.value.column == column
    assert info.value.row in (2, None)


def test_a_uri_twice_is_an_error(toy_export: Path, tmp_path: Path) -> None:
    row = {"uri": S_WELD, "alt_labels_fi": "x", "source": "t"}
    path = terms(tmp_path, [row, {**row, "alt_labels_fi": "y"}])
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, path)
    assert_error(info, path, 3, "uri")


def test_the_bundled_finnish_work_terms_load_with_the_default_taxonomy(bundled: osa.Taxonomy) -> None:
    assert FI_TERMS.is_file()
    skills = bundled.skills
    esco = skills[skills["source"] == "esco"]
    named = esco[esco["alt_labels_fi"].map(len) > 0]
    assert len(named) >= 200  # ESCO itself has no Finnish alt labels for skills offline
    assert any(FI_TERMS.name in name for name, _ in bundled._tables.sources)


@pytest.mark.parametrize(
    ("name", "column", "kind"),
    [
        ("fi-work-terms.csv", "alt_labels_fi", "skill"),
        ("sv-work-terms.csv", "alt_labels_sv", "skill"),
        ("sv-job-titles.csv", "alt_labels_sv", "occupation"),
    ],
)
def test_the_bundled_label_files_are_unambiguous(name: str, column: str, kind: str) -> None:
    import csv

    with FI_TERMS.with_name(name).open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    terms = [t.strip().casefold() for row in rows for t in row[column].split("|")]
    assert len(terms) == len(set(terms)), "a term names one concept only"
    assert min(len(t) for t in terms) >= 4  # shorter ones ("CRM") match inside unrelated words
    assert all(row["uri"].startswith(f"http://data.europa.eu/esco/{kind}/") for row in rows)


def test_the_swedish_label_files_load_with_the_default_taxonomy(bundled: osa.Taxonomy) -> None:
    for table, name in (("skills", "sv-work-terms.csv"), ("occupations", "sv-job-titles.csv")):
        frame = getattr(bundled, table)
        assert (frame.loc[frame["source"] == "esco", "alt_labels_sv"].map(len) > 0).sum() >= 200
        assert any(name in source for source, _ in bundled._tables.sources)


def test_load_esco_caches_each_list_of_extension_files_apart(bundled: osa.Taxonomy, tmp_path: Path) -> None:
    cards = FI_TERMS.with_name("fi-cards.csv")
    plain = osa.load_esco(extensions=[cards])
    assert plain.fingerprint != bundled.fingerprint
    assert plain.skills.loc[plain.skills["source"] == "esco", "alt_labels_fi"].map(len).sum() == 0
    swedish = [FI_TERMS.with_name("sv-work-terms.csv"), FI_TERMS.with_name("sv-job-titles.csv")]
    assert osa.load_esco(extensions=[cards, FI_TERMS, *swedish]).fingerprint == bundled.fingerprint
    assert osa.load_esco(extensions=[cards, FI_TERMS]).fingerprint != bundled.fingerprint
    with pytest.raises(TaxonomyError) as info:  # a missing file is still named, cache or not
        osa.load_esco(extensions=[cards, tmp_path / "missing.csv"])
    assert "missing.csv" in str(info.value)
