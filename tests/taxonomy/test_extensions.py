"""Tests of osaaminen.taxonomy.extensions: the bundled Finnish cards and hand-written extension files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

import osaaminen as osa
from osaaminen.exceptions import TaxonomyError
from osaaminen.taxonomy.extensions import EXTENSION_URI, read_extension
from tests.toy_esco import (
    G_KNOWLEDGE,
    G_MACHINERY,
    G_SKILLS,
    O_WELDER,
    S_FORKLIFT,
    S_WELD,
    S_WELDING_TECH,
)

FI_CARDS = Path(__file__).resolve().parents[2] / "taxonomies" / "extensions" / "fi-cards.csv"

PERMIT = "urn:osaaminen:test:hitsauslupa"
LICENCE = "urn:osaaminen:test:trukkilupa"
ADVANCED = "urn:osaaminen:test:hitsauslupa-2"

Row = dict[str, str]


def ext_row(uri: str, **cells: str) -> Row:
    """A valid extension row; ``cells`` override or add columns."""
    row = {
        "uri": uri,
        "type": "skill/competence",
        "certificate": "true",
        "label_fi": f"fi {uri.rsplit(':', 1)[1]}",
        "label_en": f"en {uri.rsplit(':', 1)[1]}",
        "broader": "",
        "related": "",
        "source": "a test",
    }
    row.update(cells)
    return row


def write_extension(path: Path, rows: list[Row], columns: list[str] | None = None) -> Path:
    """Write ``rows`` as an extension CSV (UTF-8, unquoted where possible) and return the path."""
    columns = columns or list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def merged(export: Path, *paths: Path, languages: list[str] | None = None) -> osa.Taxonomy:
    return osa.Taxonomy.from_esco_csv(export, languages, extensions=list(paths), cache=False)


def assert_error(info: pytest.ExceptionInfo[TaxonomyError], path: Path, row: int | None, column: str | None) -> None:
    error = info.value
    assert error.file is not None
    assert error.file.endswith(path.name)
    assert (error.row, error.column) == (row, column)


# -- the bundled fi-cards.csv -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fi_cards() -> pd.DataFrame:
    return read_extension(FI_CARDS)


def test_fi_cards_reads_cleanly(fi_cards: pd.DataFrame) -> None:
    assert len(fi_cards) >= 15
    assert all(EXTENSION_URI.match(uri) for uri in fi_cards["uri"])
    assert fi_cards["uri"].is_unique
    assert {
        "urn:osaaminen:fi-card:hygieniapassi",
        "urn:osaaminen:fi-card:tyoturvallisuuskortti",
        "urn:osaaminen:fi-card:tulityokortti",
    } <= set(fi_cards["uri"])
    assert fi_cards["certificate"].dtype == bool
    assert set(fi_cards["type"]) <= {"knowledge", "skill/competence"}
    assert (fi_cards["label_fi"] != "").all()
    assert (fi_cards["label_en"] != "").all()
    for column in ("alt_labels_fi", "alt_labels_sv", "alt_labels_en", "related"):
        assert all(isinstance(value, tuple) for value in fi_cards[column]), column
        assert all(part == part.strip() and part and " | " not in part for v in fi_cards[column] for part in v)
    assert all(
        " | " not in broader and broader.startswith("http://data.europa.eu/esco/") for broader in fi_cards["broader"]
    )


def test_fi_cards_hygieniapassi_row(fi_cards: pd.DataFrame) -> None:
    row = fi_cards.set_index("uri").loc["urn:osaaminen:fi-card:hygieniapassi"]
    assert row["label_fi"] == "hygieniapassi"
    assert row["label_en"] == "hygiene passport"
    assert bool(row["certificate"]) is True
    assert "hygieniakortti" in row["alt_labels_fi"]
    assert row["alt_labels_sv"] == ()


@pytest.mark.slow
def test_bundled_has_every_fi_card(bundled: osa.Taxonomy, fi_cards: pd.DataFrame) -> None:
    cards = bundled.skills[bundled.skills["source"] == "extension:fi-cards"]
    assert sorted(cards["uri"]) == sorted(fi_cards["uri"])
    assert cards["certificate"].astype(bool).all()
    assert fi_cards["certificate"].all()
    assert (cards["reference"] == fi_cards.set_index("uri").loc[list(cards["uri"]), "source"].to_numpy()).all()


@pytest.mark.slow
def test_bundled_fi_card_concepts(bundled: osa.Taxonomy, fi_cards: pd.DataFrame) -> None:
    assert set(bundled.languages) == {"fi", "sv", "en"}
    for row in fi_cards.to_dict("records"):
        uri = row["uri"]
        skill = bundled.skill(uri)
        expected = {lang: row[f"label_{lang}"] for lang in ("fi", "sv", "en") if row[f"label_{lang}"]}
        assert skill.labels == expected, uri
        assert {"fi", "en"} <= set(skill.labels)
        assert skill.alt_labels == {
            lang: row[f"alt_labels_{lang}"] for lang in ("fi", "sv", "en") if row[f"alt_labels_{lang}"]
        }
        assert skill.certificate is True
        assert skill.source == "extension:fi-cards"
        assert skill.type == row["type"]
        assert skill.broader == (row["broader"],)
        assert bundled.kind(row["broader"]) in ("skill", "skill_group")
        ancestors = bundled.ancestors(uri)
        assert ancestors[0] == row["broader"]
        assert ancestors == [row["broader"], *bundled.ancestors(row["broader"])]
        assert len(ancestors) >= 2
        assert bundled.label(uri, "fi") == row["label_fi"]
        assert bundled.label(uri, "en") == row["label_en"]
        assert bundled.label(uri, "sv") == (row["label_sv"] or row["label_en"])
        assert uri in bundled.descendants(row["broader"])


@pytest.mark.slow
def test_bundled_fi_card_relations(bundled: osa.Taxonomy, fi_cards: pd.DataFrame) -> None:
    relations = bundled.skill_relations
    for row in fi_cards.to_dict("records"):
        mine = relations[relations["skill_uri"] == row["uri"]]
        assert len(row["related"]) >= 1
        assert set(mine["relation"]) == {"related"}
        assert sorted(mine["related_skill_uri"]) == sorted(row["related"])
        assert all(bundled.kind(uri) == "skill" for uri in row["related"])


# -- merging small extension files into the toy taxonomy --------------------------------------------


@pytest.fixture
def cards_file(tmp_path: Path) -> Path:
    rows = [
        ext_row(
            PERMIT,
            label_fi="hitsauslupa",
            label_en="welding permit",
            label_de="Schweisserlaubnis",
            alt_labels_en=" weld permit |  welding licence | weld permit ",
            alt_labels_de="Schweissschein",
            description_en="Allowed to weld.",
            broader=S_WELD,
            related=S_FORKLIFT,
            source="Test Agency ; https://example.org",
        ),
        ext_row(
            LICENCE,
            type="knowledge",
            certificate="FALSE",
            label_fi="",
            label_en="forklift licence",
            broader=G_MACHINERY,
            related=f"{S_FORKLIFT} | {S_WELD}",
        ),
        ext_row(ADVANCED, label_fi="", label_en="", label_de="nur Deutsch", broader=PERMIT, related=PERMIT),
    ]
    return write_extension(tmp_path / "cards.csv", rows)


def test_read_extension_values(cards_file: Path) -> None:
    frame = read_extension(cards_file)
    assert list(frame["uri"]) == [PERMIT, LICENCE, ADVANCED]
    assert frame["certificate"].dtype == bool
    assert frame["certificate"].tolist() == [True, False, True]
    assert frame["alt_labels_en"].tolist() == [("weld permit", "welding licence"), (), ()]
    assert frame["alt_labels_de"].tolist() == [("Schweissschein",), (), ()]
    assert frame["related"].tolist() == [(S_FORKLIFT,), (S_FORKLIFT, S_WELD), (PERMIT,)]
    assert frame["broader"].tolist() == [S_WELD, G_MACHINERY, PERMIT]
    assert list(frame.index) == [0, 1, 2]


def test_read_extension_strips_cells_and_ignores_case_of_certificate(tmp_path: Path) -> None:
    path = write_extension(
        tmp_path / "cards.csv",
        [
            ext_row(f"  {PERMIT} ", certificate=" True ", type=" knowledge", label_en="  permit  "),
            ext_row(LICENCE, certificate="false", alt_labels_fi="a|b |  c  |  c", related=""),
        ],
    )
    frame = read_extension(path)
    assert frame["uri"].tolist() == [PERMIT, LICENCE]
    assert frame["type"].tolist() == ["knowledge", "skill/competence"]
    assert frame["label_en"].tolist() == ["permit", f"en {LICENCE.rsplit(':', 1)[1]}"]
    assert frame["certificate"].tolist() == [True, False]
    assert frame["alt_labels_fi"].tolist() == [(), ("a", "b", "c")]  # any bar separates, spaces or not
    assert frame["related"].tolist() == [(), ()]


def test_merge_valid_extension(toy_export: Path, cards_file: Path) -> None:
    tax = merged(toy_export, cards_file)
    assert tax.languages == ("en", "fi")
    assert len(tax.skills) == 5 + 3
    assert PERMIT in tax

    permit = tax.skill(PERMIT)
    assert permit.labels == {"en": "welding permit", "fi": "hitsauslupa"}
    assert permit.alt_labels == {"en": ("weld permit", "welding licence")}
    assert permit.descriptions == {"en": "Allowed to weld."}
    assert permit.broader == (S_WELD,)
    assert permit.certificate is True
    assert permit.type == "skill/competence"
    assert permit.reuse_level is None
    assert permit.source == "extension:cards"
    assert tax.kind(PERMIT) == "skill"
    assert tax.ancestors(PERMIT) == [S_WELD, S_WELDING_TECH, G_KNOWLEDGE]
    assert PERMIT in tax.descendants(S_WELD)

    licence = tax.skill(LICENCE)
    assert licence.certificate is False
    assert licence.type == "knowledge"
    assert licence.labels == {"en": "forklift licence"}
    assert licence.broader == (G_MACHINERY,)
    assert tax.ancestors(LICENCE) == [G_MACHINERY, G_SKILLS]

    assert tax.ancestors(ADVANCED) == [PERMIT, S_WELD, S_WELDING_TECH, G_KNOWLEDGE]

    assert tax.label(PERMIT, "fi") == "hitsauslupa"
    assert tax.label(PERMIT, "en") == "welding permit"
    assert tax.label(LICENCE, "fi") == "forklift licence"  # no Finnish label: English fallback
    assert tax.label(ADVANCED, "en") == ADVANCED  # only a German label, not loaded: the URI

    row = tax.skills.set_index("uri").loc[PERMIT]
    assert row["reference"] == "Test Agency ; https://example.org"
    assert not any(c.endswith("_de") for c in tax.skills.columns)

    relations = tax.skill_relations
    extension = relations[relations["skill_uri"].isin([PERMIT, LICENCE, ADVANCED])]
    assert set(extension["relation"]) == {"related"}
    assert sorted(zip(extension["skill_uri"], extension["related_skill_uri"], strict=True)) == sorted(
        [(PERMIT, S_FORKLIFT), (LICENCE, S_FORKLIFT), (LICENCE, S_WELD), (ADVANCED, PERMIT)]
    )
    # ESCO's own relations are kept.
    assert len(relations) == 1 + 4


def test_merge_only_loaded_languages(toy_export: Path, cards_file: Path) -> None:
    tax = merged(toy_export, cards_file, languages=["en"])
    assert tax.skill(PERMIT).labels == {"en": "welding permit"}
    assert "label_fi" not in tax.skills.columns
    assert tax.label(PERMIT, "en") == "welding permit"


def test_merge_two_files_and_fingerprint(toy_export: Path, cards_file: Path, tmp_path: Path) -> None:
    more = write_extension(
        tmp_path / "more-cards.csv",
        [ext_row("urn:osaaminen:other:x", broader=LICENCE, related=PERMIT)],
    )
    plain = osa.Taxonomy.from_esco_csv(toy_export, cache=False)
    tax = merged(toy_export, cards_file, more)
    assert tax.skill("urn:osaaminen:other:x").source == "extension:more-cards"
    assert tax.ancestors("urn:osaaminen:other:x") == [LICENCE, G_MACHINERY, G_SKILLS]
    assert tax.fingerprint != plain.fingerprint
    assert tax.fingerprint == merged(toy_export, cards_file, more).fingerprint


def test_merge_with_cache_twice(toy_export: Path, cards_file: Path) -> None:
    for _ in range(2):
        tax = osa.Taxonomy.from_esco_csv(toy_export, extensions=[cards_file], cache=True)
        assert len(tax.skills) == 8
    assert len(osa.Taxonomy.from_esco_csv(toy_export, cache=True).skills) == 5


# -- bad files --------------------------------------------------------------------------------------


def test_unknown_column(tmp_path: Path) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT, colour="red")])
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, None, "colour")
    assert "unknown column(s) ['colour']" in info.value.message


def test_upper_case_language_column_is_unknown(tmp_path: Path) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT, label_FI="x")])
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, None, "label_FI")


def test_missing_required_column(tmp_path: Path) -> None:
    row = ext_row(PERMIT)
    del row["source"]
    path = write_extension(tmp_path / "cards.csv", [row])
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, None, "source")


def test_no_label_column(tmp_path: Path) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT)], columns=["uri", "type", "certificate", "source"])
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, None, None)
    assert "label_" in info.value.message


@pytest.mark.parametrize("column", ["uri", "type", "certificate", "source"])
def test_empty_required_value(tmp_path: Path, column: str) -> None:
    bad = ext_row(LICENCE)
    bad[column] = "  "
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT), bad])
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, 3, column)
    assert "empty value" in info.value.message


@pytest.mark.parametrize(
    "uri",
    ["http://example.org/x", "urn:osaaminen:UPPER:x", "urn:osaaminen:fi-card:Hygieniapassi", "urn:osaaminen:x"],
)
def test_bad_uri(tmp_path: Path, uri: str) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT), ext_row(uri), ext_row(LICENCE)])
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, 3, "uri")
    assert repr(uri) in info.value.message


def test_duplicate_uri(tmp_path: Path) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT), ext_row(PERMIT, label_en="again")])
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, 3, "uri")
    assert "[2, 3]" in info.value.message


def test_esco_uri_is_rejected(toy_export: Path, tmp_path: Path) -> None:
    # An ESCO URI never matches the extension namespace, so it fails as a bad URI before the clash check.
    path = write_extension(tmp_path / "cards.csv", [ext_row(LICENCE), ext_row(S_WELD)])
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, path)
    assert_error(info, path, 3, "uri")
    assert repr(S_WELD) in info.value.message


def test_same_uri_in_two_files(toy_export: Path, tmp_path: Path) -> None:
    first = write_extension(tmp_path / "first.csv", [ext_row(PERMIT, broader=S_WELD)])
    second = write_extension(tmp_path / "second.csv", [ext_row(LICENCE), ext_row(PERMIT)])
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, first, second)
    assert_error(info, second, 3, "uri")
    assert "already in the taxonomy" in info.value.message


def test_bad_type(tmp_path: Path) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT), ext_row(LICENCE, type="skill")])
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, 3, "type")
    assert "'skill'" in info.value.message


def test_bad_certificate(tmp_path: Path) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT, certificate="yes")])
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, 2, "certificate")
    assert "'yes'" in info.value.message


def test_row_without_label(tmp_path: Path) -> None:
    path = write_extension(
        tmp_path / "cards.csv",
        [ext_row(PERMIT), ext_row(LICENCE, label_fi="", label_en=" ", alt_labels_en="only an alt label")],
    )
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert_error(info, path, 3, "label_fi")
    assert "no label" in info.value.message


@pytest.mark.parametrize("broader", ["http://data.europa.eu/esco/skill/nope", O_WELDER, "urn:osaaminen:test:nope"])
def test_broader_not_in_taxonomy(toy_export: Path, tmp_path: Path, broader: str) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT, broader=S_WELD), ext_row(LICENCE, broader=broader)])
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, path)
    assert_error(info, path, 3, "broader")
    assert "is not a skill or skill group" in info.value.message


def test_two_broader_uris(toy_export: Path, tmp_path: Path) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT, broader=f"{S_WELD} | {G_MACHINERY}")])
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, path)
    assert_error(info, path, 2, "broader")
    assert "one broader URI only" in info.value.message


@pytest.mark.parametrize("related", ["http://data.europa.eu/esco/skill/nope", G_MACHINERY, O_WELDER])
def test_related_not_a_skill(toy_export: Path, tmp_path: Path, related: str) -> None:
    path = write_extension(
        tmp_path / "cards.csv", [ext_row(PERMIT, related=S_WELD), ext_row(LICENCE, related=f"{S_WELD} | {related}")]
    )
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, path)
    assert_error(info, path, 3, "related")
    assert "not a skill" in info.value.message


def test_broader_cycle(toy_export: Path, tmp_path: Path) -> None:
    path = write_extension(
        tmp_path / "cards.csv",
        [ext_row(LICENCE, broader=G_MACHINERY), ext_row(PERMIT, broader=ADVANCED), ext_row(ADVANCED, broader=PERMIT)],
    )
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, path)
    assert_error(info, path, 3, "broader")
    assert "cycle" in info.value.message
    assert f"{PERMIT} -> {ADVANCED} -> {PERMIT}" in info.value.message


def test_broader_self_loop(toy_export: Path, tmp_path: Path) -> None:
    path = write_extension(tmp_path / "cards.csv", [ext_row(PERMIT, broader=PERMIT)])
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, path)
    assert_error(info, path, 2, "broader")
    assert "cycle" in info.value.message


def test_folder_instead_of_file(toy_export: Path, tmp_path: Path) -> None:
    folder = tmp_path / "extensions"
    folder.mkdir()
    write_extension(folder / "cards.csv", [ext_row(PERMIT)])
    with pytest.raises(TaxonomyError) as info:
        read_extension(folder)
    assert (info.value.file, info.value.row, info.value.column) == (str(folder), None, None)
    assert "not a folder" in info.value.message
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, folder)
    assert info.value.file == str(folder)


def test_missing_extension_file(toy_export: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(TaxonomyError) as info:
        merged(toy_export, missing)
    assert info.value.file == str(missing)


def test_trailing_comma_on_every_row(tmp_path: Path) -> None:
    path = tmp_path / "cards.csv"
    path.write_text(f"uri,type,certificate,label_en,source\n{PERMIT},knowledge,true,permit,src,\n", encoding="utf-8")
    with pytest.raises(TaxonomyError) as info:
        read_extension(path)
    assert info.value.file == str(path)
    assert info.value.row == 2
