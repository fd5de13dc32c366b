"""Local extensions: concepts ESCO lacks (Finnish work cards and licences), in a CSV file kept by hand.

The format is documented in ``taxonomies/extensions/README.md``. In short, a UTF-8 CSV with columns

* ``uri`` (required): ``urn:osaaminen:<scheme>:<slug>``, e.g. ``urn:osaaminen:fi-card:hygieniapassi``;
* ``type`` (required): ``knowledge`` or ``skill/competence``;
* ``certificate`` (required): ``true`` for a card, pass or licence a person holds as proof, else ``false``;
* ``label_<lang>``, ``alt_labels_<lang>``, ``description_<lang>`` for any ISO 639-1 code (at least one label);
* ``broader`` (optional): one ESCO skill or skill-group URI the concept specialises;
* ``related`` (optional): ESCO skill URIs the concept is evidence of;
* ``source`` (required): where the facts come from.

Multi-valued cells (``alt_labels_*``, ``related``) separate values with ``" | "``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from osaaminen.exceptions import TaxonomyError
from osaaminen.taxonomy.files import (
    CsvFile,
    blank_to_na,
    fail_if,
    find_csv_files,
    isin,
    read_csv,
    require_unique,
    require_values,
)
from osaaminen.taxonomy.label_files import is_label_file, merge_label_file
from osaaminen.taxonomy.tables import LABEL_FIELDS, TaxonomyTables, split_labels

if TYPE_CHECKING:
    import networkx as nx  # imported where used: it costs 0.1 s at start-up

__all__ = ["EXTENSION_URI", "merge_extensions", "read_extension"]

EXTENSION_URI = re.compile(r"^urn:osaaminen:[a-z0-9][a-z0-9-]*:[a-z0-9][a-z0-9._-]*$")
"""Extension URIs live in their own namespace, so they never collide with ESCO's."""

_REQUIRED = ["uri", "type", "certificate", "source"]
_OPTIONAL = ["broader", "related"]
_LANGUAGE_COLUMN = re.compile(r"^(label|alt_labels|description)_([a-z]{2,3})$")
_TYPES = ("knowledge", "skill/competence")
_TRUE = {"true": True, "false": False}
_SEPARATOR = " | "


def read_extension(path: str | Path) -> pd.DataFrame:
    r"""Read and validate one extension file on its own (references are checked when merging).

    Returns:
        The rows, stripped, with ``certificate`` as booleans and multi-valued cells as tuples.

    Raises:
        TaxonomyError: Unknown or missing column, bad URI, duplicate URI, bad type or certificate
            value, or a row without any label; the message names the file, row and column.

    Examples:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "cards.csv"
        >>> _ = path.write_text(
        ...     "uri,type,certificate,label_fi,label_en,source\n"
        ...     "urn:osaaminen:fi-card:hygieniapassi,knowledge,true,hygieniapassi,hygiene passport,Ruokavirasto\n",
        ...     encoding="utf-8",
        ... )
        >>> read_extension(path)[["uri", "label_en", "certificate"]].to_dict("records")
        [{'uri': 'urn:osaaminen:fi-card:hygieniapassi', 'label_en': 'hygiene passport', 'certificate': True}]
    """
    file = _single_file(path)
    frame = read_csv(file, _REQUIRED, _OPTIONAL)
    unknown = [c for c in frame.columns if c not in _REQUIRED + _OPTIONAL and not _LANGUAGE_COLUMN.match(c)]
    if unknown:
        raise TaxonomyError(
            f"unknown column(s) {unknown}; allowed: {_REQUIRED + _OPTIONAL} and label_<lang>, "
            "alt_labels_<lang>, description_<lang> (lang an ISO 639-1 code, lower case)",
            file=file.name,
            column=unknown[0],
        )
    frame = frame.apply(lambda column: column.str.strip())
    for column in ("uri", "type", "certificate", "source"):
        require_values(frame, column, file)
    bad_uri = ~frame["uri"].str.match(EXTENSION_URI)
    fail_if(
        bad_uri,
        frame,
        file,
        "uri",
        "must look like urn:osaaminen:<scheme>:<slug> (lower-case ascii, digits, -)",
    )
    require_unique(frame, "uri", file)
    fail_if(~frame["type"].isin(_TYPES), frame, file, "type", f"must be one of {list(_TYPES)}")
    certificate = frame["certificate"].str.lower()
    fail_if(~certificate.isin(list(_TRUE)), frame, file, "certificate", "must be 'true' or 'false'")
    frame["certificate"] = certificate.map(_TRUE).astype(bool)
    label_columns = [c for c in frame.columns if c.startswith("label_")]
    if not label_columns:
        raise TaxonomyError("no label_<lang> column; give at least label_fi or label_en", file=file.name)
    fail_if((frame[label_columns] == "").all(axis=1), frame, file, label_columns[0], "no label in any language")
    for column in frame.columns:
        if column.startswith("alt_labels_") or column == "related":
            frame[column] = split_labels(frame[column], _SEPARATOR)
    result: pd.DataFrame = frame
    return result


def merge_extensions(tables: TaxonomyTables, paths: Sequence[str | Path]) -> None:
    """Validate extension files against the taxonomy and add their concepts to ``tables`` in place.

    Extension concepts become rows of ``skills`` (``source`` = ``extension:<file stem>``), their
    ``broader`` links join the hierarchy and their ``related`` links join ``skill_relations``
    (relation ``related``). Labels in languages that were not loaded are not used. A *label file*
    (no ``type`` column; see :mod:`osaaminen.taxonomy.label_files`) adds alt labels to concepts
    already in the taxonomy instead; files are merged in order, so a label file may name the
    concepts of an extension file listed before it.

    Raises:
        TaxonomyError: A URI already in the taxonomy, a broader or related URI that is not in it, or a
            cycle through ``broader``; the message names the file, row and column.
    """
    for path in paths:
        file = _single_file(path)
        if is_label_file(file):
            merge_label_file(tables, file)
        else:
            _merge_concepts(tables, file, path)


def _merge_concepts(tables: TaxonomyTables, file: CsvFile, path: str | Path) -> None:
    skills = tables.skills
    frame = read_extension(path)
    known_skills = set(skills["uri"])
    clash = isin(frame["uri"], known_skills | set(tables.skill_groups["uri"]))
    fail_if(clash, frame, file, "uri", "is already in the taxonomy (ESCO or another extension file)")
    targets = known_skills | set(tables.skill_groups["uri"]) | set(frame["uri"])
    has_broader = frame["broader"] != ""
    multiple = frame["broader"].str.contains("|", regex=False)
    fail_if(multiple, frame, file, "broader", "give one broader URI only")
    fail_if(
        has_broader & ~isin(frame["broader"], targets),
        frame,
        file,
        "broader",
        "is not a skill or skill group",
    )
    related_ok = [all(uri in known_skills or uri in set(frame["uri"]) for uri in r) for r in frame["related"]]
    fail_if(
        ~pd.Series(related_ok, index=frame.index),
        frame,
        file,
        "related",
        "names a URI that is not a skill",
    )
    _check_acyclic(frame, file)

    source = f"extension:{Path(file.name).name.split('.')[0]}"
    rows = pd.DataFrame(
        {
            "uri": frame["uri"].astype("string"),
            "type": frame["type"].astype("string"),
            "reuse_level": pd.Series(pd.NA, index=frame.index, dtype="string"),
            "status": "released",
            "certificate": frame["certificate"],
            "source": source,
            "reference": frame["source"].astype("string"),
        }
    )
    for flag in ("green", "digital", "transversal", "language"):
        if flag in skills.columns:
            rows[flag] = pd.array([False] * len(rows), dtype="boolean")
    for lang in tables.languages:
        for name in LABEL_FIELDS:
            column = f"{name}_{lang}"
            if name.endswith("labels"):
                values = frame[column] if column in frame.columns else [()] * len(frame)
                rows[column] = list(values)
            else:
                value = frame[column] if column in frame.columns else pd.Series("", index=frame.index)
                rows[column] = blank_to_na(value)
    skills = pd.concat([skills, rows[[c for c in skills.columns if c in rows.columns]]], ignore_index=True)
    broader = frame.loc[has_broader, ["uri", "broader"]].rename(columns={"broader": "broader_uri"})
    tables.broader = pd.concat([tables.broader, broader], ignore_index=True)
    related = frame[["uri", "related"]].explode("related").dropna()
    tables.skill_relations = pd.concat(
        [
            tables.skill_relations,
            pd.DataFrame(
                {
                    "skill_uri": related["uri"],
                    "related_skill_uri": related["related"],
                    "relation": "related",
                }
            ),
        ],
        ignore_index=True,
    )
    tables.sources.append((file.name, file.sha256()))
    tables.skills = skills


def _single_file(path: str | Path) -> CsvFile:
    files = find_csv_files(path)
    if len(files) != 1 or Path(path).is_dir():
        raise TaxonomyError("give one extension CSV file, not a folder or zip", file=path)
    return files[0]


def _check_acyclic(frame: pd.DataFrame, file: CsvFile) -> None:
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from((u, b) for u, b in zip(frame["uri"], frame["broader"], strict=True) if b)
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    start = cycle[0][0]
    row = int(frame.index[frame["uri"] == start][0]) + 2
    path = " -> ".join([edge[0] for edge in cycle] + [cycle[0][0]])
    raise TaxonomyError(f"broader links form a cycle: {path}", file=file.name, row=row, column="broader")
