"""The tables a taxonomy is made of, and the shared steps that fill them from any source.

Every loader (official ESCO export, bundled data, local extension files) produces a
:class:`TaxonomyTables`; :class:`~osaaminen.taxonomy.Taxonomy` wraps one. Column layout:

* concept tables (``skills``, ``occupations``, ``isco_groups``, ``skill_groups``): ``uri``, kind-specific
  columns, then per loaded language ``label_<lang>`` (preferred label), ``alt_labels_<lang>`` and
  ``hidden_labels_<lang>`` (tuples of strings) and ``description_<lang>``;
* ``occupation_skills``: ``occupation_uri``, ``skill_uri``, ``relation`` (``essential`` / ``optional``);
* ``skill_relations``: ``skill_uri``, ``related_skill_uri``, ``relation``;
* ``broader``: ``uri``, ``broader_uri`` (the hierarchy, both pillars);
* ``dropped``: rows that were not loaded, with ``file``, ``row``, ``column``, ``uri`` and ``reason``.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from osaaminen.exceptions import TaxonomyError, TaxonomyWarning, UnknownLanguageError
from osaaminen.taxonomy.files import isin

__all__ = ["CONCEPT_TABLES", "TaxonomyTables", "UnknownReferences", "normalise_languages", "split_labels"]

logger = logging.getLogger(__name__)

UnknownReferences = Literal["raise", "warn", "record"]
"""What to do with a row that refers to a concept missing from the data: raise a ``TaxonomyError``;
drop it with a ``TaxonomyWarning``; or drop it quietly. Dropped rows are always kept in
``Taxonomy.dropped``."""

CONCEPT_TABLES = ("skills", "occupations", "isco_groups", "skill_groups")
LABEL_FIELDS = ("label", "alt_labels", "hidden_labels", "description")
DROPPED_COLUMNS = ["file", "row", "column", "uri", "reason"]


@dataclass
class TaxonomyTables:
    """The raw material of a :class:`~osaaminen.taxonomy.Taxonomy` (see the module docstring)."""

    skills: pd.DataFrame
    occupations: pd.DataFrame
    isco_groups: pd.DataFrame
    skill_groups: pd.DataFrame
    occupation_skills: pd.DataFrame
    skill_relations: pd.DataFrame
    broader: pd.DataFrame
    languages: tuple[str, ...]
    version: str
    sources: list[tuple[str, str]] = field(default_factory=list)
    """(name, sha256) of every file read, in reading order: the basis of the fingerprint."""
    dropped: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DROPPED_COLUMNS))

    def concept_table(self, name: str) -> pd.DataFrame:
        """One of the four concept tables by name."""
        table: pd.DataFrame = getattr(self, name)
        return table

    def drop(
        self,
        mask: pd.Series,
        *,
        frame: pd.DataFrame,
        file: str,
        column: str,
        reason: str,
        mode: UnknownReferences,
    ) -> None:
        """Handle the rows of ``frame`` selected by ``mask`` that refer to unknown concepts.

        Raises on the first such row when ``mode`` is ``"raise"``; otherwise records them all in
        ``dropped`` (and warns when ``mode`` is ``"warn"``). The caller removes them from its table.
        """
        if not mask.any():
            return
        rows = frame.index[mask]
        first = rows[0]
        uri = str(frame.at[first, column])
        if mode == "raise":
            raise TaxonomyError(
                f"{reason}: {uri!r} ({int(mask.sum())} such row(s)). Fix the file, or load with "
                "unknown_references='warn' to drop such rows with a warning.",
                file=file,
                row=int(first) + 2,
                column=column,
            )
        record = pd.DataFrame(
            {
                "file": file,
                "row": [int(r) + 2 for r in rows],
                "column": column,
                "uri": frame.loc[mask, column].astype(str).to_numpy(),
                "reason": reason,
            }
        )
        self.dropped = pd.concat([self.dropped, record], ignore_index=True) if len(self.dropped) else record
        message = f"{file}: dropped {len(rows)} row(s), {reason} (first: row {int(first) + 2}, {uri!r})"
        if mode == "warn":
            warnings.warn(message, TaxonomyWarning, stacklevel=4)
        logger.info(message)

    def add_language(
        self,
        table_name: str,
        lang: str,
        values: pd.DataFrame,
        *,
        file: str,
        mode: UnknownReferences,
    ) -> None:
        """Add (or complete) one language's labels of a concept table.

        Args:
            table_name: One of :data:`CONCEPT_TABLES`.
            lang: ISO 639-1 code.
            values: Columns ``uri`` and any of ``label``, ``alt_labels``, ``hidden_labels`` (tuples)
                and ``description``, index as in the source file (row ``i`` is spreadsheet row ``i + 2``).
            file: The source file, for messages.
            mode: What to do with URIs that the table does not have.
        """
        table = self.concept_table(table_name)
        known = isin(values["uri"], table["uri"])
        self.drop(
            ~known,
            frame=values,
            file=file,
            column="uri",
            reason=f"label for a concept not in the {table_name} table",
            mode=mode,
        )
        values = values.loc[known].set_index("uri")
        for name in LABEL_FIELDS:
            column = f"{name}_{lang}"
            is_tuple = name.endswith("labels")
            if column not in table.columns:
                table[column] = [()] * len(table) if is_tuple else pd.Series(pd.NA, index=table.index, dtype="string")
            if name not in values.columns:
                continue
            # A later source completes an earlier one: empty cells never overwrite.
            if is_tuple:
                # A dict, not Series.map: mapping through Arrow-backed strings turns tuples into lists.
                lookup = dict(zip(values.index, values[name], strict=True))
                table[column] = [tuple(lookup.get(u) or o) for u, o in zip(table["uri"], table[column], strict=True)]
            else:
                new = table["uri"].map(values[name]).astype("string")
                table[column] = table[column].where(~(new.str.len() > 0).fillna(False), new)
        # Alt labels repeat the preferred label in ESCO exports; keep them distinct.
        label_column = f"label_{lang}"
        table[f"alt_labels_{lang}"] = [
            tuple(a for a in alts if a != label) if isinstance(label, str) else alts
            for alts, label in zip(table[f"alt_labels_{lang}"], table[label_column], strict=True)
        ]

    def keep_languages(self, languages: Iterable[str]) -> None:
        """Remove the label columns of languages not in ``languages``."""
        keep = tuple(languages)
        for name in CONCEPT_TABLES:
            table = self.concept_table(name)
            drop = [
                c
                for c in table.columns
                for f in LABEL_FIELDS
                if c.startswith(f + "_") and c.removeprefix(f + "_") not in keep
            ]
            setattr(self, name, table.drop(columns=drop))
        self.languages = keep


def split_labels(cells: pd.Series, separator: str = "\n") -> list[tuple[str, ...]]:
    r"""Split multi-valued label cells into tuples of distinct, stripped labels.

    ESCO's concept files separate alternative labels with newlines; its collection files and the
    osaaminen extension format with ``" | "``.

    Examples:
        >>> split_labels(pd.Series(["weld\nwelding\n weld", ""]))
        [('weld', 'welding'), ()]
        >>> split_labels(pd.Series(["a | b | "]), " | ")
        [('a', 'b')]
    """
    # " | " splits on any bar, so that a trailing "a | b |" does not leave "b |" behind.
    pattern = re.compile(r"\|") if separator.strip() == "|" else re.compile(re.escape(separator))
    return [
        tuple(dict.fromkeys(part.strip() for part in pattern.split(str(cell)) if part.strip()))
        for cell in cells.fillna("")
    ]


def normalise_languages(
    requested: str | Sequence[str], available: Sequence[str], *, where: str, hint: str
) -> list[str]:
    """Lower-case, de-duplicated language codes, each of them available.

    Raises:
        UnknownLanguageError: No code given, or one that is not available (the message lists those that are).

    Examples:
        >>> normalise_languages(["FI", "en", "fi"], ["fi", "sv", "en"], where="bundled", hint="")
        ['fi', 'en']
    """
    codes = [requested] if isinstance(requested, str) else requested
    langs = list(dict.fromkeys(code.strip().lower() for code in codes))
    if not langs:
        raise UnknownLanguageError(f"languages is empty: give at least one of {list(available)}")
    missing = [code for code in langs if code not in available]
    if missing:
        raise UnknownLanguageError(f"language(s) {missing} are not {where} (available: {list(available)}); {hint}")
    return langs
