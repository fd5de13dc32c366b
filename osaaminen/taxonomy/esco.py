"""Reading an official ESCO CSV export (v1.0.x to v1.2.x, any of its languages) into taxonomy tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

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
from osaaminen.taxonomy.tables import TaxonomyTables, UnknownReferences, normalise_languages, split_labels

__all__ = ["COLLECTIONS", "read_esco_export"]

# ESCO file kind (lower-cased name without language suffix) -> concept table.
_CONCEPT_FILES = {
    "skills": "skills",
    "occupations": "occupations",
    "iscogroups": "isco_groups",
    "skillgroups": "skill_groups",
}
_REQUIRED_CONCEPT_FILES = ("skills", "occupations")
_LABEL_COLUMNS = ["altLabels", "hiddenLabels", "description"]
# Kind-specific columns of each concept table: output name -> ESCO column.
_STRUCTURE = {
    "skills": {"type": "skillType", "reuse_level": "reuseLevel", "status": "status"},
    "occupations": {
        "code": "code",
        "isco_group": "iscoGroup",
        "regulated_profession_note": "regulatedProfessionNote",
        "status": "status",
    },
    "isco_groups": {"code": "code"},
    "skill_groups": {"code": "code"},
}
COLLECTIONS = {
    "green": "greenskillscollection",
    "digital": "digitalskillscollection",
    "transversal": "transversalskillscollection",
    "language": "languageskillscollection",
}
"""Skill collection flag -> ESCO collection file kind."""

_VERSION = re.compile(r"v?(\d+\.\d+(?:\.\d+)?)")


def read_esco_export(
    root: str | Path,
    languages: Sequence[str] | None = None,
    *,
    version: str | None = None,
    unknown_references: UnknownReferences = "raise",
) -> TaxonomyTables:
    """Read an official ESCO CSV export into :class:`TaxonomyTables`.

    Args:
        root: A folder (searched recursively) or zip holding the export: one folder or zip per language
            and the relations, as downloaded from the ESCO portal. Files may be gzipped (``.csv.gz``).
        languages: Language codes to load; ``None`` loads every language found. The concept structure
            (which concepts exist, skill types, reuse levels, collections) comes from the English files when
            the export has them, even if English is not requested; else from the first language given.
        version: The ESCO version, e.g. ``"1.1.1"``; ``None`` reads it from the folder or zip name.
        unknown_references: What to do with rows that refer to concepts the export does not define.

    Raises:
        TaxonomyError: A required file or column is missing, a file is not UTF-8 or not CSV, a URI is
            empty or repeated, or (with ``unknown_references="raise"``) a relation names an unknown concept.
        UnknownLanguageError: A requested language has no ``skills_<lang>.csv`` in the export.
    """
    files = find_csv_files(root)
    available = sorted({f.lang for f in files if f.stem == "skills" and f.lang})
    if not available:
        raise TaxonomyError(
            "no skills_<language>.csv found: this does not look like an ESCO CSV export "
            f"(found {[Path(f.name).name for f in files][:12]})",
            file=root,
        )
    langs = (
        available
        if languages is None
        else normalise_languages(
            languages,
            available,
            where=f"in the ESCO export at {root}",
            hint="download those languages from the ESCO portal (CSV) into the same folder",
        )
    )
    # English is ESCO's master language: its files define the concepts even when it is not requested.
    primary = "en" if "en" in available else langs[0]
    tables = TaxonomyTables(
        skills=pd.DataFrame(),
        occupations=pd.DataFrame(),
        isco_groups=pd.DataFrame(),
        skill_groups=pd.DataFrame(),
        occupation_skills=pd.DataFrame(),
        skill_relations=pd.DataFrame(),
        broader=pd.DataFrame(),
        languages=(),
        version=version or _version(root),
    )
    read = list(dict.fromkeys([primary, *langs]))
    concept_files = _concept_files(files, read)
    for kind, table_name in _CONCEPT_FILES.items():
        _read_concepts(tables, concept_files, kind, table_name, read, primary, unknown_references)
    _read_collections(tables, files, primary, unknown_references)
    _read_relations(tables, files, primary, unknown_references)
    tables.languages = tuple(read)
    tables.keep_languages(langs)
    return tables


def _version(root: str | Path) -> str:
    for part in reversed(Path(root).resolve().parts):
        match = _VERSION.search(part)
        if match:
            return match[1]
    return "unknown"


def _concept_files(files: list[CsvFile], langs: list[str]) -> dict[tuple[str, str], CsvFile]:
    found: dict[tuple[str, str], CsvFile] = {}
    for f in files:
        if f.stem in _CONCEPT_FILES and f.lang in langs:
            key = (f.stem, f.lang)
            if key in found:
                raise TaxonomyError(
                    f"two files for {f.stem}_{f.lang}: {found[key].name} and {f.name}; keep only one",
                    file=f.name,
                )
            found[key] = f
    return found


def _read_concepts(
    tables: TaxonomyTables,
    concept_files: dict[tuple[str, str], CsvFile],
    kind: str,
    table_name: str,
    langs: list[str],
    primary: str,
    mode: UnknownReferences,
) -> None:
    structure = _STRUCTURE[table_name]
    base_file = concept_files.get((kind, primary))
    if base_file is None:
        if kind in _REQUIRED_CONCEPT_FILES:
            raise TaxonomyError(
                f"the export has no {kind}_{primary}.csv (the {table_name} of language {primary!r}); it is required"
            )
        setattr(tables, table_name, pd.DataFrame({"uri": pd.Series(dtype="string")} | {c: [] for c in structure}))
        return
    frame = _read_concept_file(base_file, optional=list(structure.values()))
    table = pd.DataFrame({"uri": frame["conceptUri"].astype("string")})
    for name, column in structure.items():
        table[name] = blank_to_na(frame[column])
    setattr(tables, table_name, table)
    for lang in [primary, *(code for code in langs if code != primary)]:
        f = base_file if lang == primary else concept_files.get((kind, lang))
        if f is None:
            continue
        values = frame if lang == primary else _read_concept_file(f)
        tables.add_language(table_name, lang, _label_values(values), file=f.name, mode=mode)
    tables.sources.extend((f.name, f.sha256()) for f in concept_files_for(concept_files, kind, langs))


def concept_files_for(concept_files: dict[tuple[str, str], CsvFile], kind: str, langs: list[str]) -> list[CsvFile]:
    """The files of one concept kind, in language order."""
    return [concept_files[(kind, lang)] for lang in langs if (kind, lang) in concept_files]


def _read_concept_file(f: CsvFile, optional: Sequence[str] = ()) -> pd.DataFrame:
    frame = read_csv(f, ["conceptUri", "preferredLabel"], [*_LABEL_COLUMNS, *optional])
    frame["conceptUri"] = frame["conceptUri"].str.strip()
    require_values(frame, "conceptUri", f)
    require_unique(frame, "conceptUri", f)
    return frame


def _label_values(frame: pd.DataFrame) -> pd.DataFrame:
    values: pd.DataFrame = pd.DataFrame(
        {
            "uri": frame["conceptUri"],
            "label": frame["preferredLabel"].str.strip(),
            "alt_labels": split_labels(frame["altLabels"]),
            "hidden_labels": split_labels(frame["hiddenLabels"]),
            "description": frame["description"].str.strip(),
        },
        index=frame.index,
    )
    return values


def _single(files: list[CsvFile], stem: str, primary: str) -> CsvFile | None:
    """The file of a language-independent kind: the primary language's, a language-less one, or any."""
    candidates = [f for f in files if f.stem == stem]
    for f in candidates:
        if f.lang == primary:
            return f
    for f in candidates:
        if f.lang is None:
            return f
    return candidates[0] if candidates else None


def _read_collections(tables: TaxonomyTables, files: list[CsvFile], primary: str, mode: UnknownReferences) -> None:
    skills = tables.skills
    for flag, stem in COLLECTIONS.items():
        f = _single(files, stem, primary)
        if f is None:
            # The export predates this collection: unknown, not False.
            skills[flag] = pd.array([pd.NA] * len(skills), dtype="boolean")
            continue
        frame = read_csv(f, ["conceptUri"])
        frame["conceptUri"] = frame["conceptUri"].str.strip()
        known = isin(frame["conceptUri"], skills["uri"])
        tables.drop(
            ~known,
            frame=frame,
            file=f.name,
            column="conceptUri",
            reason="collection member is not a skill",
            mode=mode,
        )
        skills[flag] = isin(skills["uri"], frame["conceptUri"]).astype("boolean")
        tables.sources.append((f.name, f.sha256()))


def _read_relations(tables: TaxonomyTables, files: list[CsvFile], primary: str, mode: UnknownReferences) -> None:
    skills = pd.Index(tables.skills["uri"])
    occupations = pd.Index(tables.occupations["uri"])
    skill_pillar = skills.append(pd.Index(tables.skill_groups["uri"]))
    occupation_pillar = occupations.append(pd.Index(tables.isco_groups["uri"]))

    f = _required(files, "occupationskillrelations", primary)
    frame = read_csv(f, ["occupationUri", "relationType", "skillUri"])
    frame = _known(tables, frame, f, {"occupationUri": occupations, "skillUri": skills}, mode)
    relation = frame["relationType"].str.strip().str.lower()
    bad = ~relation.isin(["essential", "optional"])
    if bad.any():
        row = frame.index[bad][0]
        raise TaxonomyError(
            f"relationType must be 'essential' or 'optional', got {frame.at[row, 'relationType']!r}",
            file=f.name,
            row=int(row) + 2,
            column="relationType",
        )
    tables.occupation_skills = pd.DataFrame(
        {"occupation_uri": frame["occupationUri"], "skill_uri": frame["skillUri"], "relation": relation}
    ).reset_index(drop=True)
    tables.sources.append((f.name, f.sha256()))

    skill_relation_file = _single(files, "skillskillrelations", primary)
    if skill_relation_file is None:
        tables.skill_relations = pd.DataFrame(columns=["skill_uri", "related_skill_uri", "relation"], dtype="string")
    else:
        f = skill_relation_file
        frame = read_csv(f, ["originalSkillUri", "relationType", "relatedSkillUri"])
        frame = _known(tables, frame, f, {"originalSkillUri": skills, "relatedSkillUri": skills}, mode)
        tables.skill_relations = pd.DataFrame(
            {
                "skill_uri": frame["originalSkillUri"],
                "related_skill_uri": frame["relatedSkillUri"],
                "relation": frame["relationType"].str.strip().str.lower(),
            }
        ).reset_index(drop=True)
        tables.sources.append((f.name, f.sha256()))

    parts = []
    for stem, valid in (
        ("broaderrelationsskillpillar", skill_pillar),
        ("broaderrelationsoccpillar", occupation_pillar),
    ):
        f = _required(files, stem, primary)
        frame = read_csv(f, ["conceptUri", "broaderUri"])
        frame = _known(tables, frame, f, {"conceptUri": valid, "broaderUri": valid}, mode)
        parts.append(pd.DataFrame({"uri": frame["conceptUri"], "broader_uri": frame["broaderUri"]}))
        tables.sources.append((f.name, f.sha256()))
    tables.broader = pd.concat(parts, ignore_index=True).drop_duplicates(ignore_index=True)


def _required(files: list[CsvFile], stem: str, primary: str) -> CsvFile:
    f = _single(files, stem, primary)
    if f is None:
        raise TaxonomyError(
            f"the export has no {stem} file (e.g. {_display(stem)}.csv); it is required. ESCO v1.1.x ships the "
            "relations in a separate zip ('classification - - csv'): put it beside the language folders.",
            file=stem,
        )
    return f


def _display(stem: str) -> str:
    names = {
        "occupationskillrelations": "occupationSkillRelations",
        "broaderrelationsskillpillar": "broaderRelationsSkillPillar",
        "broaderrelationsoccpillar": "broaderRelationsOccPillar",
    }
    return names.get(stem, stem)


def _known(
    tables: TaxonomyTables,
    frame: pd.DataFrame,
    f: CsvFile,
    columns: dict[str, pd.Index],
    mode: UnknownReferences,
) -> pd.DataFrame:
    """Strip the URI columns, require them, and drop (or raise on) rows naming unknown concepts."""
    for column in columns:
        frame[column] = frame[column].str.strip()
        require_values(frame, column, f)
    for column, valid in columns.items():
        unknown = ~isin(frame[column], valid)
        tables.drop(unknown, frame=frame, file=f.name, column=column, reason="refers to an unknown concept", mode=mode)
        frame = frame.loc[~unknown]
    return frame
