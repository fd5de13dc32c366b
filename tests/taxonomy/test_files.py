"""Tests of osaaminen.taxonomy.files: finding ESCO CSV files and reading them into string tables."""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from osaaminen.exceptions import TaxonomyError
from osaaminen.taxonomy.files import (
    CsvFile,
    blank_to_na,
    find_csv_files,
    isin,
    read_csv,
    require_unique,
    require_values,
)

SKILLS_FI = "conceptUri,preferredLabel\nhttp://x/s1,hitsata\n"
RELATIONS = "occupationUri,skillUri\nhttp://x/o1,http://x/s1\n"
ISCO_EN = "conceptUri,code\nhttp://x/i1,7212\n"
GROUPS_SV = "conceptUri,preferredLabel\nhttp://x/g1,färdigheter\n"
OCCUPATIONS_EN = "conceptUri,preferredLabel\nhttp://x/o1,welder\n"


def write_file(path: Path, text: str) -> CsvFile:
    """Write ``text`` as UTF-8 and return the one CSV file found there."""
    path.write_text(text, encoding="utf-8")
    return only_file(path)


def write_bytes(path: Path, data: bytes) -> CsvFile:
    path.write_bytes(data)
    return only_file(path)


def only_file(path: Path) -> CsvFile:
    (file,) = find_csv_files(path)
    return file


def fake_file(name: str = "skills_en.csv") -> CsvFile:
    return CsvFile(name=name, stem="skills", lang="en", path=Path(name))


def deflate_data_offset(data: bytes, member: str) -> int:
    """Where the compressed bytes of ``member`` start inside the zip ``data``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo(member).header_offset
    name_length, extra_length = struct.unpack("<HH", data[offset + 26 : offset + 30])
    return int(offset) + 30 + int(name_length) + int(extra_length)


# -- find_csv_files ---------------------------------------------------------------------------------


@pytest.fixture
def mixed_export(tmp_path: Path) -> Path:
    """Nested folders with .csv, .csv.gz, a zip of CSVs (one in a subfolder) and files to ignore."""
    root = tmp_path / "export"
    (root / "fi" / "deeper").mkdir(parents=True)
    (root / "zips").mkdir()
    (root / "fi" / "skills_fi.csv").write_text(SKILLS_FI, encoding="utf-8")
    (root / "fi" / "deeper" / "occupationSkillRelations.csv").write_text(RELATIONS, encoding="utf-8")
    (root / "ISCOGroups_en.csv.gz").write_bytes(gzip.compress(ISCO_EN.encode("utf-8"), mtime=0))
    (root / "notes.txt").write_text("not a CSV", encoding="utf-8")
    with zipfile.ZipFile(root / "zips" / "bundle.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("skillGroups_sv.csv", GROUPS_SV.encode("utf-8"))
        archive.writestr("sub/", b"")
        archive.writestr("sub/occupations_en.csv", OCCUPATIONS_EN.encode("utf-8"))
        archive.writestr("sub/readme.txt", b"ignored")
    return root


def test_find_csv_files_kinds_names_and_members(mixed_export: Path) -> None:
    files = find_csv_files(mixed_export)
    zip_path = mixed_export / "zips" / "bundle.zip"
    found = {(f.name, f.stem, f.lang, f.path, f.member) for f in files}
    assert found == {
        (str(mixed_export / "fi" / "skills_fi.csv"), "skills", "fi", mixed_export / "fi" / "skills_fi.csv", None),
        (
            str(mixed_export / "fi" / "deeper" / "occupationSkillRelations.csv"),
            "occupationskillrelations",
            None,
            mixed_export / "fi" / "deeper" / "occupationSkillRelations.csv",
            None,
        ),
        (
            str(mixed_export / "ISCOGroups_en.csv.gz"),
            "iscogroups",
            "en",
            mixed_export / "ISCOGroups_en.csv.gz",
            None,
        ),
        (f"{zip_path}:skillGroups_sv.csv", "skillgroups", "sv", zip_path, "skillGroups_sv.csv"),
        (f"{zip_path}:sub/occupations_en.csv", "occupations", "en", zip_path, "sub/occupations_en.csv"),
    }
    assert len(files) == 5
    # Stable order: the same list every time, zip members sorted by name.
    assert find_csv_files(mixed_export) == files
    assert [f.member for f in files if f.member] == ["skillGroups_sv.csv", "sub/occupations_en.csv"]


def test_find_csv_files_reads_back_plain_gz_and_zip_members(mixed_export: Path) -> None:
    by_stem = {f.stem: f for f in find_csv_files(mixed_export)}
    assert by_stem["skills"].read_bytes() == SKILLS_FI.encode("utf-8")
    assert by_stem["occupationskillrelations"].read_bytes() == RELATIONS.encode("utf-8")
    assert by_stem["iscogroups"].read_bytes() == ISCO_EN.encode("utf-8")
    assert by_stem["skillgroups"].read_bytes().decode("utf-8") == GROUPS_SV
    assert by_stem["occupations"].read_bytes() == OCCUPATIONS_EN.encode("utf-8")
    frame = read_csv(by_stem["skillgroups"], ["conceptUri", "preferredLabel"])
    assert frame.to_dict("records") == [{"conceptUri": "http://x/g1", "preferredLabel": "färdigheter"}]


def test_find_csv_files_single_file_and_single_zip(mixed_export: Path) -> None:
    (one,) = find_csv_files(mixed_export / "fi" / "skills_fi.csv")
    assert (one.stem, one.lang, one.member) == ("skills", "fi", None)
    members = find_csv_files(mixed_export / "zips" / "bundle.zip")
    assert [(f.stem, f.lang) for f in members] == [("skillgroups", "sv"), ("occupations", "en")]


@pytest.mark.parametrize(
    ("name", "stem", "lang"),
    [
        ("skills_fi.csv", "skills", "fi"),
        ("occupationSkillRelations.csv", "occupationskillrelations", None),
        ("ISCOGroups_en.csv.gz", "iscogroups", "en"),
        ("occupationSkillRelations_en.csv", "occupationskillrelations", "en"),
        ("greenSkillsCollection_en.CSV", "greenskillscollection", "en"),
        ("skills_labels_fi_sv_en.csv.gz", "skills_labels_fi_sv", "en"),
    ],
)
def test_find_csv_files_stem_and_language(tmp_path: Path, name: str, stem: str, lang: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    (file,) = find_csv_files(path)
    assert (file.stem, file.lang) == (stem, lang)


def test_find_csv_files_missing_path_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-export"
    with pytest.raises(TaxonomyError) as info:
        find_csv_files(missing)
    assert info.value.file == str(missing)
    assert str(missing) in str(info.value)
    assert "no such file or folder" in info.value.message
    assert info.value.row is None
    assert info.value.column is None


def test_find_csv_files_folder_without_csv(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "readme.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    with pytest.raises(TaxonomyError) as info:
        find_csv_files(tmp_path)
    assert info.value.file == str(tmp_path)
    assert "no .csv, .csv.gz or .zip file" in info.value.message


def test_find_csv_files_zip_without_csv(tmp_path: Path) -> None:
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", b"no CSV here")
    with pytest.raises(TaxonomyError) as info:
        find_csv_files(path)
    assert info.value.file == str(path)


def test_find_csv_files_corrupt_zip(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(b"this is not a zip file at all")
    with pytest.raises(TaxonomyError) as info:
        find_csv_files(path)
    assert info.value.file == str(path)
    assert "not a readable zip file" in info.value.message


def test_corrupt_gz_raises_on_read(tmp_path: Path) -> None:
    path = tmp_path / "skills_en.csv.gz"
    file = write_bytes(path, b"plain text, not gzip\n")
    with pytest.raises(TaxonomyError) as info:
        file.read_bytes()
    assert info.value.file == str(path)
    assert "cannot read the file" in info.value.message
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri"])
    assert info.value.file == str(path)


def test_truncated_gz_raises_on_read(tmp_path: Path) -> None:
    data = gzip.compress(SKILLS_FI.encode("utf-8") * 50, mtime=0)
    path = tmp_path / "skills_fi.csv.gz"
    file = write_bytes(path, data[: len(data) // 2])
    with pytest.raises(TaxonomyError) as info:
        file.read_bytes()
    assert info.value.file == str(path)


def test_damaged_deflate_stream_in_gz_raises_taxonomy_error(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(SKILLS_FI.encode("utf-8") * 50, mtime=0))
    data[10] = 0x07  # first deflate block header: BFINAL=1, BTYPE=11 (reserved) -> "invalid block type"
    path = tmp_path / "skills_fi.csv.gz"
    file = write_bytes(path, bytes(data))
    with pytest.raises(TaxonomyError) as info:
        file.read_bytes()
    assert info.value.file == str(path)


def test_damaged_zip_member_raises_taxonomy_error(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("skills_fi.csv", (SKILLS_FI * 50).encode("utf-8"))
    data = bytearray(path.read_bytes())
    data[deflate_data_offset(bytes(data), "skills_fi.csv")] = 0x07  # reserved deflate block type
    file = write_bytes(path, bytes(data))
    with pytest.raises(TaxonomyError) as info:
        file.read_bytes()
    assert info.value.file == f"{path}:skills_fi.csv"


def test_zip_member_with_bad_crc_raises_taxonomy_error(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("skills_fi.csv", SKILLS_FI.encode("utf-8"))
    data = bytearray(path.read_bytes())
    start = deflate_data_offset(bytes(data), "skills_fi.csv")
    data[start] ^= 0x01  # stored member: the data is read fine but the CRC no longer matches
    file = write_bytes(path, bytes(data))
    with pytest.raises(TaxonomyError) as info:
        file.read_bytes()
    assert info.value.file == f"{path}:skills_fi.csv"
    assert "CRC" in info.value.message


# -- read_csv ---------------------------------------------------------------------------------------


def test_read_csv_matches_columns_ignoring_case_and_renames(tmp_path: Path) -> None:
    file = write_file(tmp_path / "skills_en.csv", " CONCEPTURI ,PreferredLabel,Extra\nu1,weld,e1\n")
    frame = read_csv(file, ["conceptUri"], ["preferredLabel", "description"])
    assert list(frame.columns) == ["conceptUri", "preferredLabel", "Extra", "description"]
    assert frame.to_dict("records") == [
        {"conceptUri": "u1", "preferredLabel": "weld", "Extra": "e1", "description": ""}
    ]
    assert list(frame.index) == [0]


def test_read_csv_missing_required_column(tmp_path: Path) -> None:
    path = tmp_path / "skills_en.csv"
    file = write_file(path, "conceptUri,label\nu1,weld\n")
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri", "preferredLabel", "status"])
    error = info.value
    assert error.column == "preferredLabel"
    assert error.file == str(path)
    assert error.row is None
    assert "['preferredLabel', 'status']" in error.message
    assert "['conceptUri', 'label']" in error.message


def test_read_csv_optional_missing_columns_are_empty_strings(tmp_path: Path) -> None:
    file = write_file(tmp_path / "skills_en.csv", "conceptUri\nu1\nu2\n")
    frame = read_csv(file, ["conceptUri"], ["altLabels", "description"])
    assert frame["altLabels"].tolist() == ["", ""]
    assert frame["description"].tolist() == ["", ""]


def test_read_csv_empty_cells_are_empty_strings(tmp_path: Path) -> None:
    file = write_file(tmp_path / "skills_en.csv", 'a,b,c\n1,,3\n,"",x\nNA,null,""\n')
    frame = read_csv(file, ["a", "b", "c"])
    assert frame.to_dict("records") == [
        {"a": "1", "b": "", "c": "3"},
        {"a": "", "b": "", "c": "x"},
        {"a": "NA", "b": "null", "c": ""},
    ]
    assert list(frame.index) == [0, 1, 2]
    assert not frame.isna().any().any()
    assert all(isinstance(v, str) for column in frame.columns for v in frame[column])


def test_read_csv_utf8_bom(tmp_path: Path) -> None:
    file = write_bytes(tmp_path / "skills_fi.csv", "\ufeffconceptUri,preferredLabel\nu1,hitsata ääntä\n".encode())
    frame = read_csv(file, ["conceptUri", "preferredLabel"])
    assert list(frame.columns) == ["conceptUri", "preferredLabel"]
    assert frame.to_dict("records") == [{"conceptUri": "u1", "preferredLabel": "hitsata ääntä"}]


def test_read_csv_latin1_names_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "skills_fi.csv"
    text = "conceptUri,preferredLabel,status\nu1,weld,released\nu2,drive,released\nu3,hitsaa hyvä,released\n"
    file = write_bytes(path, text.encode("latin-1"))
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri"])
    error = info.value
    assert error.row == 4
    assert error.column == "preferredLabel"
    assert error.file == str(path)
    assert "UTF-8" in error.message
    assert "0xe4" in error.message


def test_read_csv_latin1_in_header_is_row_1(tmp_path: Path) -> None:
    file = write_bytes(tmp_path / "skills_fi.csv", "conceptUri,kieliä\nu1,x\n".encode("latin-1"))
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri"])
    assert info.value.row == 1
    assert info.value.column is None


def test_read_csv_latin1_after_quoted_multiline_value(tmp_path: Path) -> None:
    # A quoted value spanning lines is one spreadsheet row: the bad byte is in row 3, not on line 4.
    text = 'conceptUri,altLabels\nu1,"weld\nwelding"\nu2,hyvä\n'
    file = write_bytes(tmp_path / "skills_fi.csv", text.encode("latin-1"))
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri"])
    assert (info.value.row, info.value.column) == (3, "altLabels")


def test_read_csv_latin1_after_bom_names_the_bad_byte(tmp_path: Path) -> None:
    text = "conceptUri,preferredLabel\nu1,weld\nu2,hyvä\n"
    file = write_bytes(tmp_path / "skills_fi.csv", b"\xef\xbb\xbf" + text.encode("latin-1"))
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri"])
    assert (info.value.row, info.value.column) == (3, "preferredLabel")
    assert "0xe4" in info.value.message


def test_read_csv_latin1_at_start_of_row(tmp_path: Path) -> None:
    text = "preferredLabel,code\nweld,1\ndrive,2\nÄänekoski,3\n"
    file = write_bytes(tmp_path / "places_fi.csv", text.encode("latin-1"))
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["code"])
    assert (info.value.row, info.value.column) == (4, "preferredLabel")


def test_read_csv_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "skills_en.csv"
    file = write_bytes(path, b"")
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri"])
    assert info.value.file == str(path)
    assert "empty" in info.value.message


def test_read_csv_too_many_fields(tmp_path: Path) -> None:
    path = tmp_path / "skills_en.csv"
    file = write_file(path, "conceptUri,preferredLabel\nu1,weld\nu2,drive,extra\n")
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri"])
    assert info.value.file == str(path)
    assert str(path) in str(info.value)
    assert "not a well-formed CSV" in info.value.message


def test_read_csv_one_extra_field_in_every_row(tmp_path: Path) -> None:
    # pandas would silently take the first column as the index and shift every column left.
    file = write_file(tmp_path / "skills_en.csv", "conceptUri,preferredLabel\nu1,weld,\nu2,drive,\n")
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri"])
    assert info.value.file == str(tmp_path / "skills_en.csv")
    assert info.value.row == 2
    assert "more fields than the header" in info.value.message


def test_read_csv_unterminated_quote(tmp_path: Path) -> None:
    path = tmp_path / "skills_en.csv"
    file = write_file(path, 'conceptUri,preferredLabel\nu1,"weld\nu2,drive\n')
    with pytest.raises(TaxonomyError) as info:
        read_csv(file, ["conceptUri"])
    assert info.value.file == str(path)
    assert str(path) in str(info.value)
    assert "not a well-formed CSV" in info.value.message


def test_read_csv_quoted_multiline_values(tmp_path: Path) -> None:
    text = 'conceptUri,altLabels,description\r\nu1,"weld\nwelding\nmetal welding","says ""hi"", twice"\r\nu2,x,\r\n'
    file = write_file(tmp_path / "skills_en.csv", text)
    frame = read_csv(file, ["conceptUri", "altLabels", "description"])
    assert frame.to_dict("records") == [
        {"conceptUri": "u1", "altLabels": "weld\nwelding\nmetal welding", "description": 'says "hi", twice'},
        {"conceptUri": "u2", "altLabels": "x", "description": ""},
    ]
    assert list(frame.index) == [0, 1]


def test_read_csv_blank_rows_are_dropped_but_keep_spreadsheet_rows(tmp_path: Path) -> None:
    # Row 3 is a blank line and row 5 a row of empty cells: both are dropped, and frame index i is still
    # spreadsheet row i + 2, so the empty label of u6 is reported in row 6.
    text = "conceptUri,preferredLabel\nu1,weld\n\nu3,drive\n,\nu6,\n"
    file = write_file(tmp_path / "skills_en.csv", text)
    frame = read_csv(file, ["conceptUri", "preferredLabel"])
    assert frame["conceptUri"].tolist() == ["u1", "u3", "u6"]
    assert list(frame.index) == [0, 2, 4]
    require_values(frame, "conceptUri", file)
    with pytest.raises(TaxonomyError) as info:
        require_values(frame, "preferredLabel", file)
    assert (info.value.row, info.value.column) == (6, "preferredLabel")


# -- require_values / require_unique ----------------------------------------------------------------


def test_require_values_names_first_empty_row(tmp_path: Path) -> None:
    path = tmp_path / "skills_en.csv"
    file = write_file(path, "conceptUri,preferredLabel\nu1,weld\nu2,   \nu3,drive\nu4,\n")
    frame = read_csv(file, ["conceptUri", "preferredLabel"])
    require_values(frame, "conceptUri", file)
    with pytest.raises(TaxonomyError) as info:
        require_values(frame, "preferredLabel", file)
    error = info.value
    assert (error.file, error.row, error.column) == (str(path), 3, "preferredLabel")
    assert "2 such row(s)" in error.message


def test_require_unique_names_both_rows(tmp_path: Path) -> None:
    path = tmp_path / "skills_en.csv"
    file = write_file(path, "conceptUri\nu1\nu2\nu3\nu4\nu2\nu6\n")
    frame = read_csv(file, ["conceptUri"])
    with pytest.raises(TaxonomyError) as info:
        require_unique(frame, "conceptUri", file)
    error = info.value
    assert (error.file, error.row, error.column) == (str(path), 6, "conceptUri")
    assert "'u2'" in error.message
    assert "[3, 6]" in error.message


def test_require_unique_three_copies_and_first_duplicate_value() -> None:
    frame = pd.DataFrame({"uri": ["b", "a", "b", "a", "b"]}, dtype="string")
    with pytest.raises(TaxonomyError) as info:
        require_unique(frame, "uri", fake_file())
    assert info.value.row == 4
    assert "'b'" in info.value.message
    assert "[2, 4, 6]" in info.value.message
    assert info.value.file == "skills_en.csv"


def test_require_unique_and_values_pass_on_clean_column() -> None:
    frame = pd.DataFrame({"uri": ["a", "b", "c"]}, dtype="string")
    require_unique(frame, "uri", fake_file())
    require_values(frame, "uri", fake_file())


# -- isin / blank_to_na -----------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["string", "object", "str"])
def test_isin(dtype: str) -> None:
    values = pd.Series(["a", "b", None, "c"], dtype=dtype, index=[10, 11, 12, 13])
    for allowed in ({"b", "c"}, ["b", "c"], ("c", "b"), frozenset({"b", "c"}), pd.Index(["b", "c"])):
        result = isin(values, allowed)
        assert result.tolist() == [False, True, False, True]
        assert list(result.index) == [10, 11, 12, 13]
        assert result.dtype == bool
    assert isin(values, []).tolist() == [False] * 4
    assert isin(values, (v for v in ["a"])).tolist() == [True, False, False, False]
    assert isin(pd.Series([], dtype=dtype), {"a"}).tolist() == []


@pytest.mark.parametrize("dtype", ["string", "object"])
def test_blank_to_na(dtype: str) -> None:
    values = pd.Series([" a ", "", "   ", None, "b", "\tc d\n"], dtype=dtype, index=list("uvwxyz"))
    result = blank_to_na(values)
    assert isinstance(result.dtype, pd.StringDtype)
    assert list(result.index) == list("uvwxyz")
    assert result.isna().tolist() == [False, True, True, True, False, False]
    assert result.dropna().tolist() == ["a", "b", "c d"]
