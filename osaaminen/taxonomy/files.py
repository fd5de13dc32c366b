"""Finding and reading the CSV files of an ESCO export: folders, zips, gzip, UTF-8, columns.

An official ESCO CSV export, as downloaded from the ESCO portal, is one zip (or unzipped folder) per
language with files such as ``skills_fi.csv`` and ``occupationSkillRelations.csv`` (v1.1.x keeps the
relations in a separate language-less zip; v1.2.x names them ``occupationSkillRelations_en.csv``). This
module finds them by name, whatever the version, and reads each into a DataFrame of strings, raising
:class:`~osaaminen.exceptions.TaxonomyError` with file, row and column for anything malformed.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from osaaminen.exceptions import TaxonomyError

__all__ = [
    "CsvFile",
    "blank_to_na",
    "fail_if",
    "find_csv_files",
    "isin",
    "read_csv",
    "require_unique",
    "require_values",
]

_LANG_SUFFIX = re.compile(r"^(?P<stem>.+?)_(?P<lang>[a-z]{2,3})$")


@dataclass(frozen=True)
class CsvFile:
    """One CSV file of an export, on disk or inside a zip.

    Attributes:
        name: What error messages call it (``folder/skills_fi.csv`` or ``export.zip:skills_fi.csv``).
        stem: The file's kind: its lower-cased name without language suffix and extension (``skills``).
        lang: The language suffix of the name (``fi`` for ``skills_fi.csv``), ``None`` when there is none.
        path: The file on disk (the zip, for a member of one).
        member: The member's name inside the zip, ``None`` for a plain file.
    """

    name: str
    stem: str
    lang: str | None
    path: Path
    member: str | None = None

    def read_bytes(self) -> bytes:
        """The file's content, gunzipped where the name ends in ``.gz``."""
        try:
            if self.member is None:
                raw = self.path.read_bytes()
            else:
                with zipfile.ZipFile(self.path) as archive:
                    raw = archive.read(self.member)
            return gzip.decompress(raw) if self.name.endswith(".gz") else raw
        except (OSError, zipfile.BadZipFile, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise TaxonomyError(f"cannot read the file: {exc}", file=self.name) from exc

    def sha256(self) -> str:
        """Hash of the stored bytes (before decompression), for fingerprints."""
        try:
            if self.member is None:
                return hashlib.sha256(self.path.read_bytes()).hexdigest()
            with zipfile.ZipFile(self.path) as archive:
                return hashlib.sha256(archive.read(self.member)).hexdigest()
        except (OSError, zipfile.BadZipFile, zlib.error) as exc:
            raise TaxonomyError(f"cannot read the file: {exc}", file=self.name) from exc


def find_csv_files(root: str | Path) -> list[CsvFile]:
    r"""List the CSV files (``.csv``, ``.csv.gz``, members of ``.zip``) in a folder, a zip, or one file.

    Folders are searched recursively; the order is stable (sorted by name).

    Raises:
        TaxonomyError: If ``root`` does not exist or holds no CSV file.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "skills_fi.csv").write_text("conceptUri,preferredLabel\n", encoding="utf-8")
        >>> [(f.stem, f.lang) for f in find_csv_files(folder)]
        [('skills', 'fi')]
    """
    root = Path(root)
    if not root.exists():
        raise TaxonomyError("no such file or folder; give the folder (or zip) of an ESCO CSV export", file=root)
    candidates = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
    found: list[CsvFile] = []
    for path in candidates:
        if path.suffix.lower() == ".zip":
            found.extend(_zip_members(path))
        elif _is_csv(path.name):
            stem, lang = _kind(path.name)
            found.append(CsvFile(name=str(path), stem=stem, lang=lang, path=path))
    if not found:
        raise TaxonomyError("no .csv, .csv.gz or .zip file of CSVs found here", file=root)
    return found


def read_csv(
    file: CsvFile,
    required: Sequence[str],
    optional: Iterable[str] = (),
) -> pd.DataFrame:
    """Read one CSV into strings, checking encoding and columns.

    Column names are matched ignoring case and surrounding spaces, and renamed to the spelling in
    ``required`` / ``optional``; other columns are kept as they are. Empty cells are empty strings.

    Args:
        file: The file to read.
        required: Columns that must be present.
        optional: Columns renamed when present; a missing optional column is filled with empty strings.

    Returns:
        The table, one string column per CSV column. The index numbers the data rows from 0 (index ``i``
        is spreadsheet row ``i + 2``); rows with no value at all (blank lines, ``,,``) are left out, so
        it can have gaps.

    Raises:
        TaxonomyError: Not UTF-8 (with the row and column of the first bad byte), not parseable as CSV,
            or a required column missing.
    """
    optional = list(optional)
    raw = file.read_bytes()
    _check_utf8(raw, file.name)
    try:
        # From bytes, not a decoded str: a StringIO of ESCO's relations file alone would take ~80 MB.
        frame: pd.DataFrame = pd.read_csv(
            io.BytesIO(raw),
            encoding="utf-8-sig",
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,  # keep them while numbering rows, drop them below
        )
    except pd.errors.EmptyDataError as exc:
        raise TaxonomyError("the file is empty (no header row)", file=file.name) from exc
    except (pd.errors.ParserError, csv.Error) as exc:
        raise TaxonomyError(f"not a well-formed CSV file: {exc}", file=file.name) from exc
    if not frame.index.equals(pd.RangeIndex(len(frame))):
        # pandas takes the first column as the index when every row has one field more than the header.
        raise TaxonomyError(
            f"the data rows have more fields than the header's {len(frame.columns)} columns "
            "(a trailing comma on every row?); remove the extra fields or name the column",
            file=file.name,
            row=2,
        )
    blank = (frame == "").all(axis=1) if len(frame.columns) else pd.Series(False, index=frame.index)
    frame = frame.loc[~blank]
    by_lower = {str(c).strip().lower(): str(c) for c in frame.columns}
    missing = [c for c in required if c.lower() not in by_lower]
    if missing:
        raise TaxonomyError(
            f"missing column(s) {missing}; the file has {[str(c) for c in frame.columns]}. "
            "Is this the right file of an ESCO CSV export (v1.0.x to v1.2.x), unchanged?",
            file=file.name,
            column=missing[0],
        )
    wanted = [*required, *optional]
    frame = frame.rename(columns={by_lower[c.lower()]: c for c in wanted if c.lower() in by_lower})
    for column in optional:
        if column not in frame.columns:
            frame[column] = ""
    return frame


def fail_if(mask: pd.Series, frame: pd.DataFrame, file: CsvFile, column: str, problem: str) -> None:
    """Raise for the first row where ``mask`` is true: "<its value of column> <problem>", with file, row and column."""
    if mask.any():
        row = frame.index[mask][0]
        raise TaxonomyError(f"{frame.at[row, column]!r} {problem}", file=file.name, row=int(row) + 2, column=column)


def require_values(frame: pd.DataFrame, column: str, file: CsvFile) -> None:
    """Raise if any cell of ``column`` is empty, naming the first such row."""
    empty = frame.index[frame[column].str.strip().eq("")]
    if len(empty):
        raise TaxonomyError(
            f"empty value ({len(empty)} such row(s)); every row needs one",
            file=file.name,
            row=int(empty[0]) + 2,
            column=column,
        )


def require_unique(frame: pd.DataFrame, column: str, file: CsvFile) -> None:
    """Raise if a value of ``column`` repeats, naming the value and both rows."""
    duplicated = frame[column].duplicated(keep=False)
    if duplicated.any():
        values = frame.loc[duplicated, column]
        value = str(values.iloc[0])
        same = [int(r) + 2 for r in values.index[values.eq(value)]]
        raise TaxonomyError(
            f"duplicate URI {value!r} (rows {same}); each concept must appear once. "
            "Remove the repeated row or fix the URI.",
            file=file.name,
            row=same[1],
            column=column,
        )


def isin(values: pd.Series, allowed: Iterable[str]) -> pd.Series:
    """``values.isin(allowed)`` for string columns, fast whatever their dtype.

    pandas 3's Arrow-backed strings convert every allowed value to a scalar one by one, which costs
    tenths of a second per call on ESCO's relation files; plain objects take a hash table.

    Examples:
        >>> isin(pd.Series(["a", "b"]), ["b"]).tolist()
        [False, True]
    """
    return values.astype(object).isin(pd.Index(list(allowed) if isinstance(allowed, set) else allowed, dtype=object))


def blank_to_na(values: pd.Series) -> pd.Series:
    """Strip strings and turn empty ones into ``pd.NA``, as a nullable string column.

    Examples:
        >>> blank_to_na(pd.Series([" a ", ""])).tolist()
        ['a', <NA>]
    """
    stripped = values.astype("string").str.strip()
    return stripped.mask(stripped.eq(""))


def _check_utf8(raw: bytes, name: str) -> None:
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + 3 if raw.startswith(b"\xef\xbb\xbf") else exc.start
        row, column = _position(raw[:start].decode("utf-8-sig", errors="replace"))
        raise TaxonomyError(
            f"not valid UTF-8 (byte 0x{raw[start]:02x}); ESCO exports are UTF-8: re-save the file as "
            "UTF-8 (for example from a spreadsheet, 'CSV UTF-8')",
            file=name,
            row=row,
            column=column,
        ) from exc


def _position(prefix: str) -> tuple[int, str | None]:
    """Spreadsheet row and column name at the end of ``prefix`` (the valid text before a bad byte)."""
    # The sentinel makes a row that starts exactly at the bad byte count as a row of its own.
    records = list(csv.reader(io.StringIO(prefix + "x")))
    if not records:
        return 1, None
    header = records[0]
    row = len(records)
    last = records[-1]
    index = max(len(last) - 1, 0)
    column = header[index] if row > 1 and index < len(header) else None
    return row, column


def _is_csv(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".csv", ".csv.gz"))


def _kind(name: str) -> tuple[str, str | None]:
    base = Path(name).name
    lower = base.lower()
    for ext in (".csv.gz", ".csv"):
        if lower.endswith(ext):
            base = base[: -len(ext)]
            break
    match = _LANG_SUFFIX.match(base)
    if match:
        return match["stem"].lower(), match["lang"]
    return base.lower(), None


def _zip_members(path: Path) -> list[CsvFile]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist() if _is_csv(n) and not n.endswith("/"))
    except zipfile.BadZipFile as exc:
        raise TaxonomyError(f"not a readable zip file: {exc}", file=path) from exc
    return [CsvFile(f"{path}:{n}", *_kind(n), path=path, member=n) for n in names]
