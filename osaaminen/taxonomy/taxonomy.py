"""The :class:`Taxonomy`: skills, occupations and their hierarchy, with lookups by URI."""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from osaaminen._config import get_config
from osaaminen.exceptions import TaxonomyWarning, UnknownConceptError, UnknownLanguageError
from osaaminen.models import ConceptKind, Occupation, Skill
from osaaminen.taxonomy.tables import CONCEPT_TABLES, LABEL_FIELDS, TaxonomyTables, UnknownReferences

if TYPE_CHECKING:
    import networkx as nx  # imported where used: it costs 0.1 s at start-up

__all__ = ["Taxonomy"]

_SCHEMA = 1  # bump when the tables built from the same files change, so caches keyed on fingerprints refresh
_KINDS: dict[str, ConceptKind] = {
    "skills": "skill",
    "occupations": "occupation",
    "isco_groups": "isco_group",
    "skill_groups": "skill_group",
}


class Taxonomy:
    """An ESCO-style taxonomy of skills and occupations in one or more languages.

    Build one with :func:`osaaminen.load_esco` (bundled ESCO v1.1.1, offline) or
    :meth:`Taxonomy.from_esco_csv` (an official ESCO CSV export).

    Attributes:
        skills: One row per skill: ``uri``, ``type``, ``reuse_level``, ``status``, per language
            ``label_<lang>``, ``alt_labels_<lang>``, ``hidden_labels_<lang>``, ``description_<lang>``,
            collection flags ``green``, ``digital``, ``transversal``, ``language`` (nullable booleans),
            ``certificate``, ``source`` (``"esco"`` or ``"extension:<name>"``) and ``reference``.
        occupations: One row per occupation: ``uri``, ``code``, ``isco_group`` (4-digit ISCO-08 code),
            ``regulated_profession_note``, ``status`` and the per-language label columns.
        isco_groups: ISCO-08 groups: ``uri``, ``code`` and label columns.
        skill_groups: ESCO skill groups: ``uri``, ``code`` and label columns.
        occupation_skills: ``occupation_uri``, ``skill_uri``, ``relation`` (``essential`` or ``optional``).
        skill_relations: ``skill_uri``, ``related_skill_uri``, ``relation``.
        broader: The hierarchy as ``uri`` -> ``broader_uri`` rows.
        dropped: Source rows that were not loaded because they refer to concepts the data does not
            define (``file``, ``row``, ``column``, ``uri``, ``reason``). The official ESCO v1.1.1 export
            has a few such rows.
        languages: The loaded language codes, in the order given.
        version: The ESCO version.

    Examples:
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> welder = tax.occupations.loc[tax.occupations.label_en == "welder", "uri"].item()
        >>> tax.label(welder, "fi")
        'hitsaaja'
        >>> len(tax.essential_skills(welder)) > 5
        True
    """

    def __init__(self, tables: TaxonomyTables) -> None:
        self._tables = tables
        self.skills = tables.skills
        self.occupations = tables.occupations
        self.isco_groups = tables.isco_groups
        self.skill_groups = tables.skill_groups
        self.occupation_skills = tables.occupation_skills
        self.skill_relations = tables.skill_relations
        self.broader = tables.broader
        self.dropped = tables.dropped
        self.languages = tables.languages
        self.version = tables.version

    @classmethod
    def from_esco_csv(
        cls,
        directory: str | Path,
        languages: Sequence[str] | None = None,
        *,
        version: str | None = None,
        extensions: Sequence[str | Path] | None = None,
        unknown_references: UnknownReferences = "raise",
        cache: bool = True,
    ) -> Taxonomy:
        """Load an official ESCO CSV export, as downloaded from the ESCO portal.

        Args:
            directory: Folder or zip: one folder or zip per language plus the relations (v1.0.x to
                v1.2.x). An organisation with the full Finnish export gets Finnish alt labels and
                descriptions of skills this way.
            languages: Language codes to load; ``None`` loads every language in the export.
            version: ESCO version; ``None`` reads it from the folder name (``v1.2.0`` ...).
            extensions: Local extension CSV files to merge (see ``taxonomies/extensions/README.md``).
            unknown_references: ``"raise"`` (default) on a relation to a concept the export lacks;
                ``"warn"`` drops such rows with a :class:`~osaaminen.exceptions.TaxonomyWarning`;
                ``"record"`` drops them quietly. Dropped rows are listed in :attr:`dropped`.
            cache: Keep the parsed tables in the cache directory (Parquet, keyed by the hash of every
                file of the export) so that later loads are fast. ``False`` parses every time.

        Raises:
            TaxonomyError: Missing file or column, wrong encoding, duplicate URI, unknown reference;
                the message names the file, row and column.
            UnknownLanguageError: A language not in the export.
        """
        from osaaminen.taxonomy.cache import cached_tables
        from osaaminen.taxonomy.esco import read_esco_export
        from osaaminen.taxonomy.extensions import merge_extensions
        from osaaminen.taxonomy.files import find_csv_files

        def build() -> TaxonomyTables:
            tables = read_esco_export(directory, languages, version=version, unknown_references=unknown_references)
            finish_tables(tables)
            return tables

        files = sorted({f.path for f in find_csv_files(directory)})
        tables, hit = cached_tables(
            files,
            build,
            enabled=cache,
            source="esco-csv",
            languages=list(languages) if languages is not None else None,
            version=version,
            unknown_references=unknown_references,
        )
        if hit and unknown_references == "warn" and len(tables.dropped):
            warnings.warn(
                f"{len(tables.dropped)} row(s) of the export refer to unknown concepts and were dropped "
                "(see Taxonomy.dropped)",
                TaxonomyWarning,
                stacklevel=2,
            )
        if extensions:
            merge_extensions(tables, extensions)
        return cls(tables)

    # -- identity -----------------------------------------------------------------------------------

    @cached_property
    def fingerprint(self) -> str:
        """A stable hash of the version, the languages and the content of every source file.

        Caches of derived data (embeddings, parsed tables) key on it, so they go stale when the data does.
        """
        payload = {
            "schema": _SCHEMA,
            "version": self.version,
            "languages": list(self.languages),
            "sources": sorted(digest for _, digest in self._tables.sources),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]

    def __repr__(self) -> str:
        return (
            f"<Taxonomy ESCO v{self.version} [{', '.join(self.languages)}]: {len(self.skills):,} skills, "
            f"{len(self.occupations):,} occupations, {len(self.skill_groups):,} skill groups, "
            f"{len(self.isco_groups):,} ISCO groups>"
        )

    def __contains__(self, uri: object) -> bool:
        return isinstance(uri, str) and uri in self._index

    def summary(self) -> dict[str, Any]:
        """Counts and coverage figures, for a quick look at what was loaded.

        Examples:
            >>> import osaaminen as osa
            >>> osa.load_esco(extensions=None).summary()["skills"]
            13896
        """
        skills = self.skills
        out: dict[str, Any] = {
            "version": self.version,
            "languages": list(self.languages),
            "fingerprint": self.fingerprint,
            "skills": len(skills),
            "knowledge": int((skills["type"] == "knowledge").sum()),
            "skill/competence": int((skills["type"] == "skill/competence").sum()),
            "extension concepts": int((skills["source"] != "esco").sum()),
            "occupations": len(self.occupations),
            "isco_groups": len(self.isco_groups),
            "skill_groups": len(self.skill_groups),
            "essential relations": int((self.occupation_skills["relation"] == "essential").sum()),
            "optional relations": int((self.occupation_skills["relation"] == "optional").sum()),
            "dropped rows": len(self.dropped),
        }
        for flag in ("green", "digital", "transversal", "language"):
            out[f"{flag} skills"] = int(skills[flag].fillna(False).sum())
        for lang in self.languages:
            for name in ("skills", "occupations"):
                table = getattr(self, name)
                out[f"{name} with {lang} label"] = int(table[f"label_{lang}"].notna().sum())
            out[f"occupations with {lang} alt labels"] = int(self.occupations[f"alt_labels_{lang}"].map(bool).sum())
        return out

    # -- lookups ------------------------------------------------------------------------------------

    @cached_property
    def _index(self) -> dict[str, tuple[str, int]]:
        """URI -> (concept table, row position)."""
        index: dict[str, tuple[str, int]] = {}
        for name in CONCEPT_TABLES:
            table: pd.DataFrame = getattr(self, name)
            index.update((uri, (name, i)) for i, uri in enumerate(table["uri"].to_numpy(dtype=object)))
        return index

    def kind(self, uri: str) -> ConceptKind:
        """The kind of concept a URI names: ``skill``, ``skill_group``, ``occupation`` or ``isco_group``.

        Raises:
            UnknownConceptError: The URI is not in the taxonomy.
        """
        return _KINDS[self._locate(uri, "concept")[0]]

    def skill(self, uri: str) -> Skill:
        """The skill (or knowledge concept) with this URI, labels in every loaded language.

        Raises:
            UnknownConceptError: No skill has this URI.

        Examples:
            >>> import osaaminen as osa
            >>> tax = osa.load_esco(languages=("fi", "en"))
            >>> tax.skill("http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab").labels["fi"]
            'johtaa musiikillista henkilökuntaa'
        """
        row = self._row("skills", uri, "skill")
        return Skill(
            **self._concept_fields(row),
            type=_str(row.get("type")),
            reuse_level=_str(row.get("reuse_level")),
            green=_bool(row.get("green")),
            digital=_bool(row.get("digital")),
            transversal=_bool(row.get("transversal")),
            language=_bool(row.get("language")),
            certificate=bool(row.get("certificate", False)),
            broader=tuple(self._broader_map.get(uri, ())),
        )

    def occupation(self, uri: str) -> Occupation:
        """The occupation with this URI, labels in every loaded language.

        Raises:
            UnknownConceptError: No occupation has this URI.
        """
        row = self._row("occupations", uri, "occupation")
        return Occupation(
            **self._concept_fields(row),
            code=_str(row.get("code")),
            isco_group=_str(row.get("isco_group")),
            broader=tuple(self._broader_map.get(uri, ())),
        )

    def label(self, uri: str, lang: str | None = None) -> str:
        """The preferred label of any concept, with a fallback when ``lang`` has none.

        Fallback order: ``lang``; then English if loaded (ESCO's master language, complete for every
        concept); then the other loaded languages in the order given to the loader. ESCO skill groups
        have no Finnish or Swedish labels in the bundled data, so they fall back to English.

        Args:
            uri: A skill, occupation, skill group or ISCO group URI.
            lang: Language code; ``None`` uses the configured default language (``"fi"``) when it is
                loaded, else the first loaded language.

        Raises:
            UnknownConceptError: The URI is not in the taxonomy.
            UnknownLanguageError: ``lang`` is not a loaded language.
        """
        if lang is None:
            default = get_config().default_language
            lang = default if default in self.languages else self.languages[0]
        lang = lang.lower()
        if lang not in self.languages:
            raise UnknownLanguageError(
                f"language {lang!r} is not loaded (loaded: {list(self.languages)}); "
                f"load the taxonomy with languages=(..., {lang!r})"
            )
        name, position = self._locate(uri, "concept")
        table: pd.DataFrame = getattr(self, name)
        order = dict.fromkeys([lang, *(["en"] if "en" in self.languages else []), *self.languages])
        for code in order:
            value = table[f"label_{code}"].iat[position]
            if isinstance(value, str) and value:
                return value
        return uri

    def essential_skills(self, occupation_uri: str) -> list[str]:
        """URIs of the skills ESCO marks essential for an occupation, in the export's order.

        Raises:
            UnknownConceptError: No occupation has this URI.
        """
        return list(self._skills_of(occupation_uri)[0])

    def optional_skills(self, occupation_uri: str) -> list[str]:
        """URIs of the skills ESCO marks optional for an occupation, in the export's order.

        Raises:
            UnknownConceptError: No occupation has this URI.
        """
        return list(self._skills_of(occupation_uri)[1])

    # -- hierarchy ----------------------------------------------------------------------------------

    @cached_property
    def graph(self) -> nx.DiGraph[str]:
        """The hierarchy as a directed graph, edges from a concept to its broader concept.

        Skill -> skill group -> ... -> a top-level group of the skill pillar (knowledge, skills,
        transversal, language); occupation -> (broader occupation ->) ISCO unit group -> ... -> major
        group. Nodes carry ``kind`` and ``label`` (English if loaded, else the first language).
        """
        import networkx as nx

        graph: nx.DiGraph[str] = nx.DiGraph()
        lang = "en" if "en" in self.languages else self.languages[0]
        for name, kind in _KINDS.items():
            table: pd.DataFrame = getattr(self, name)
            graph.add_nodes_from(
                (uri, {"kind": kind, "label": label})
                for uri, label in zip(table["uri"], table[f"label_{lang}"].fillna(""), strict=True)
            )
        graph.add_edges_from(
            zip(
                self.broader["uri"].to_numpy(dtype=object),
                self.broader["broader_uri"].to_numpy(dtype=object),
                strict=True,
            )
        )
        return graph

    def ancestors(self, uri: str) -> list[str]:
        """All broader concepts of ``uri``, nearest first (ties by URI).

        Raises:
            UnknownConceptError: The URI is not in the taxonomy.
        """
        self._locate(uri, "concept")
        return _by_distance(self._broader_map, uri)

    def descendants(self, uri: str) -> list[str]:
        """All narrower concepts of ``uri`` (skills of a skill group, occupations of an ISCO group), nearest first.

        Raises:
            UnknownConceptError: The URI is not in the taxonomy.
        """
        self._locate(uri, "concept")
        return _by_distance(self._narrower_map, uri)

    # -- internals ----------------------------------------------------------------------------------

    def _locate(self, uri: str, kind: str) -> tuple[str, int]:
        try:
            return self._index[uri]
        except (KeyError, TypeError):
            raise UnknownConceptError(str(uri), kind=kind) from None

    def _row(self, name: str, uri: str, kind: str) -> dict[str, Any]:
        located = self._index.get(uri) if isinstance(uri, str) else None
        if located is None or located[0] != name:
            found = _KINDS[located[0]].replace("_", " ") if located else ""
            hint = f"it is {_a(found)} {found}, not {_a(kind)} {kind}" if located else None
            raise UnknownConceptError(str(uri), kind=kind, hint=hint)
        table: pd.DataFrame = getattr(self, name)
        return dict(table.iloc[located[1]])

    def _concept_fields(self, row: dict[str, Any]) -> dict[str, Any]:
        labels, alt_labels, descriptions = {}, {}, {}
        for lang in self.languages:
            if label := _str(row.get(f"label_{lang}")):
                labels[lang] = label
            if alts := row.get(f"alt_labels_{lang}"):
                alt_labels[lang] = tuple(alts)
            if description := _str(row.get(f"description_{lang}")):
                descriptions[lang] = description
        return {
            "uri": row["uri"],
            "labels": labels,
            "alt_labels": alt_labels,
            "descriptions": descriptions,
            "source": _str(row.get("source")) or "esco",
        }

    @cached_property
    def _broader_map(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for uri, broader in zip(
            self.broader["uri"].to_numpy(dtype=object), self.broader["broader_uri"].to_numpy(dtype=object), strict=True
        ):
            grouped.setdefault(uri, []).append(broader)
        return grouped

    @cached_property
    def _narrower_map(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for uri, broader in self._broader_map.items():
            for parent in broader:
                grouped.setdefault(parent, []).append(uri)
        return grouped

    @cached_property
    def _occupation_skills(self) -> dict[str, tuple[list[str], list[str]]]:
        grouped: dict[str, tuple[list[str], list[str]]] = {}
        relations = self.occupation_skills
        # Plain object arrays: iterating Arrow-backed string columns element by element is ~20x slower.
        for occupation, skill, relation in zip(
            relations["occupation_uri"].to_numpy(dtype=object),
            relations["skill_uri"].to_numpy(dtype=object),
            relations["relation"].to_numpy(dtype=object),
            strict=True,
        ):
            essential, optional = grouped.setdefault(occupation, ([], []))
            (essential if relation == "essential" else optional).append(skill)
        return grouped

    def _skills_of(self, occupation_uri: str) -> tuple[list[str], list[str]]:
        self._row("occupations", occupation_uri, "occupation")
        return self._occupation_skills.get(occupation_uri, ([], []))


def finish_tables(tables: TaxonomyTables) -> None:
    """Add the columns every taxonomy has whatever its source (labels, provenance, certificate flag)."""
    skills = tables.skills
    for name in CONCEPT_TABLES:
        table = tables.concept_table(name)
        # A concept kind with no file in some language still gets that language's (empty) columns.
        for lang in tables.languages:
            for field in LABEL_FIELDS:
                column = f"{field}_{lang}"
                if column not in table.columns:
                    empty = [()] * len(table) if field.endswith("labels") else pd.NA
                    table[column] = pd.Series(
                        empty, index=table.index, dtype=object if field.endswith("labels") else "string"
                    )
        if "source" not in table.columns:
            table["source"] = pd.Series("esco", index=table.index, dtype="string")
    if "certificate" not in skills.columns:
        skills["certificate"] = False
    if "reference" not in skills.columns:
        skills["reference"] = pd.Series(pd.NA, index=skills.index, dtype="string")


def _by_distance(edges: dict[str, list[str]], uri: str) -> list[str]:
    """Every node reachable from ``uri`` along ``edges`` (breadth first), nearest first, ties by URI."""
    distance = {uri: 0}
    frontier = [uri]
    while frontier:
        following = []
        for node in frontier:
            for neighbour in edges.get(node, ()):
                if neighbour not in distance:
                    distance[neighbour] = distance[node] + 1
                    following.append(neighbour)
        frontier = following
    return sorted((node for node in distance if node != uri), key=lambda node: (distance[node], node))


def _a(word: str) -> str:
    return "an" if word[:1] in ("a", "e", "i", "o", "u") else "a"


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _bool(value: Any) -> bool | None:
    return None if value is None or value is pd.NA else bool(value)
