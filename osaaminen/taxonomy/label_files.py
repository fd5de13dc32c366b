"""Label files: other names for concepts already in the taxonomy (Finnish work terms for ESCO skills).

ESCO's Finnish skill labels are infinitive verb phrases ("asentaa laattoja") and the offline export has
no Finnish alt labels for skills, while people write nouns, compounds and colloquial forms
("laatoitus", "laatoitustyöt", "kassahommat"). A label file adds such names as alt labels, which the
lexical matchers of recognition then use. Format (UTF-8 CSV with a header, like extension files):

* ``uri`` (required): a concept already in the taxonomy (ESCO or an extension file merged before it);
* ``alt_labels_<lang>`` (at least one): names separated by ``" | "``;
* ``source`` (required): where the names come from;
* ``comment`` (optional): anything for reviewers (e.g. the English label), not used.

A label file is told from an extension (concept) file by its columns: it has no ``type`` column.
"""

from __future__ import annotations

import re

import pandas as pd

from osaaminen.exceptions import TaxonomyError
from osaaminen.taxonomy.files import CsvFile, fail_if, read_csv, require_unique, require_values
from osaaminen.taxonomy.tables import TaxonomyTables, split_labels

__all__ = ["is_label_file", "merge_label_file", "read_label_file"]

_REQUIRED = ["uri", "source"]
_OPTIONAL = ["comment"]
_ALT_LABELS = re.compile(r"^alt_labels_([a-z]{2,3})$")
_SEPARATOR = " | "


def is_label_file(file: CsvFile) -> bool:
    """Whether ``file`` is a label file: a header with ``uri`` and ``alt_labels_<lang>`` but no ``type``."""
    header = file.read_bytes().decode("utf-8-sig", errors="replace").splitlines()[:1]
    columns = {c.strip().strip('"').lower() for c in header[0].split(",")} if header else set()
    return "type" not in columns and "uri" in columns and any(_ALT_LABELS.match(c) for c in columns)


def read_label_file(file: CsvFile) -> pd.DataFrame:
    r"""Read and validate a label file on its own (its URIs are checked when merging).

    Returns:
        One row per concept, stripped, with every ``alt_labels_<lang>`` cell a tuple of names.

    Raises:
        TaxonomyError: An unknown column, no ``alt_labels_<lang>`` column, an empty ``uri`` or ``source``,
            a URI repeated, a row without any name, or a name given twice in one cell; the message names
            the file, row and column.

    Examples:
        >>> import tempfile, pathlib
        >>> from osaaminen.taxonomy.files import find_csv_files
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "terms.csv"
        >>> _ = path.write_text(
        ...     "uri,alt_labels_fi,source\n"
        ...     "http://data.europa.eu/esco/skill/x,laatoitus | laatoitustyöt,hand-curated\n",
        ...     encoding="utf-8",
        ... )
        >>> read_label_file(find_csv_files(path)[0]).alt_labels_fi.tolist()
        [('laatoitus', 'laatoitustyöt')]
    """
    frame = read_csv(file, _REQUIRED, _OPTIONAL)
    unknown = [c for c in frame.columns if c not in _REQUIRED + _OPTIONAL and not _ALT_LABELS.match(c)]
    if unknown:
        raise TaxonomyError(
            f"unknown column(s) {unknown} in a label file; allowed: uri, source, comment, alt_labels_<lang>",
            file=file.name,
            column=unknown[0],
        )
    label_columns = [c for c in frame.columns if _ALT_LABELS.match(c)]
    if not label_columns:
        raise TaxonomyError("no alt_labels_<lang> column", file=file.name)
    frame = frame.apply(lambda column: column.str.strip())
    for column in _REQUIRED:
        require_values(frame, column, file)
    require_unique(frame, "uri", file)
    for column in label_columns:
        frame[column] = split_labels(frame[column], _SEPARATOR)
        for row, names in frame[column].items():
            folded = [n.casefold() for n in names]
            if len(set(folded)) != len(folded):
                raise TaxonomyError("a name is given twice", file=file.name, row=int(row) + 2, column=column)
    empty = frame[label_columns].map(len).sum(axis=1) == 0
    if empty.any():
        row = frame.index[empty][0]
        raise TaxonomyError("no name in any language", file=file.name, row=int(row) + 2, column=label_columns[0])
    result: pd.DataFrame = frame
    return result


def merge_label_file(tables: TaxonomyTables, file: CsvFile) -> None:
    """Add the names of a label file to the alt labels of skills and occupations in ``tables``, in place.

    Names in languages that were not loaded are not used. A name equal to the concept's preferred
    label, or already one of its alt labels, is an error: a stale or mistyped row would otherwise go
    unnoticed.

    Raises:
        TaxonomyError: :func:`read_label_file`'s errors, a URI that is neither a skill nor an occupation
            of the taxonomy, or a name the concept already has.
    """
    frame = read_label_file(file)
    tables_by_uri = {}
    for name in ("skills", "occupations"):
        table: pd.DataFrame = getattr(tables, name)
        tables_by_uri.update(dict.fromkeys(table["uri"], name))
    fail_if(~frame["uri"].isin(list(tables_by_uri)), frame, file, "uri", "is not a skill or occupation of the taxonomy")
    for lang in tables.languages:
        column = f"alt_labels_{lang}"
        if column not in frame.columns:
            continue
        for name in ("skills", "occupations"):
            table = getattr(tables, name)
            rows = frame[frame["uri"].map(tables_by_uri) == name]
            if rows.empty:
                continue
            position = pd.Series(range(len(table)), index=table["uri"])
            alt = list(table[column])
            labels = [None if pd.isna(v) else str(v) for v in table[f"label_{lang}"]]
            for row, uri, names in zip(rows.index, rows["uri"], rows[column], strict=True):
                at = int(position[uri])
                have = {str(n).casefold() for n in alt[at]}
                label = labels[at]
                if label is not None:
                    have.add(label.casefold())
                clash = [n for n in names if n.casefold() in have]
                if clash:
                    raise TaxonomyError(
                        f"{clash[0]!r} is already a label of {uri}", file=file.name, row=int(row) + 2, column=column
                    )
                alt[at] = (*alt[at], *names)
            table[column] = pd.Series(alt, index=table.index, dtype=object)
    tables.sources.append((file.name, file.sha256()))
