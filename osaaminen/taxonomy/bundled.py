"""The bundled ESCO v1.1.1 taxonomy (en export + fi/sv labels + Finnish occupation alt labels), offline."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import pandas as pd

from osaaminen._config import get_config
from osaaminen.exceptions import OsaaminenError, TaxonomyError
from osaaminen.taxonomy.cache import cached_tables
from osaaminen.taxonomy.esco import read_esco_export
from osaaminen.taxonomy.extensions import merge_extensions
from osaaminen.taxonomy.files import find_csv_files, isin, read_csv, require_unique, require_values
from osaaminen.taxonomy.tables import TaxonomyTables, normalise_languages, split_labels
from osaaminen.taxonomy.taxonomy import Taxonomy, finish_tables

__all__ = ["BUNDLED_LANGUAGES", "BUNDLED_VERSIONS", "bundled_data_dir", "load_esco"]

BUNDLED_VERSIONS = ("1.1.1",)
BUNDLED_LANGUAGES = ("fi", "sv", "en")
DEFAULT_EXTENSIONS = ("fi-cards.csv", "fi-work-terms.csv", "sv-work-terms.csv", "sv-job-titles.csv")


def bundled_data_dir() -> Path:
    """The ``taxonomies/`` folder: configured, else inside the installed package, else the source checkout.

    Raises:
        OsaaminenError: No copy of the bundled data can be found.
    """
    configured = get_config().data_dir or os.environ.get("OSAAMINEN_DATA_DIR")
    candidates = (
        [Path(configured)]
        if configured
        else [
            Path(__file__).resolve().parent.parent / "_bundled" / "taxonomies",
            Path(__file__).resolve().parents[2] / "taxonomies",
        ]
    )
    for candidate in candidates:
        if (candidate / "esco").is_dir():
            return candidate
    raise OsaaminenError(
        f"bundled taxonomy data not found (looked in {[str(c) for c in candidates]}); reinstall osaaminen, "
        "or set OSAAMINEN_DATA_DIR to a folder holding esco/ and extensions/"
    )


def load_esco(
    version: str = "1.1.1",
    languages: Sequence[str] = BUNDLED_LANGUAGES,
    *,
    extensions: Literal["default"] | Sequence[str | Path] | None = "default",
    cache: bool = True,
) -> Taxonomy:
    """Load the bundled ESCO taxonomy, offline.

    The bundle is the official ESCO v1.1.1 English CSV export, the Finnish and Swedish preferred
    labels of every skill, occupation and ISCO group (v1.1.1), and the Finnish alt labels and
    descriptions of occupations (from ESCO v1.1.0; the v1.1.0 preferred label is kept as an alt label
    where it differs). ESCO has no Finnish or Swedish alt labels or descriptions of skills offline: use
    :meth:`Taxonomy.from_esco_csv` with the official Finnish export to get them. ``Taxonomy.dropped`` lists
    the 75 rows of the official export that refer to concepts it does not contain, and the one v1.1.0
    Finnish occupation that v1.1.1 no longer has.

    Args:
        version: ESCO version; only ``"1.1.1"`` is bundled.
        languages: Any of ``"fi"``, ``"sv"``, ``"en"``, in the order wanted for label fallbacks.
        extensions: ``"default"`` merges the bundled Finnish cards and licences
            (``taxonomies/extensions/fi-cards.csv``) and three label files: Finnish and Swedish work
            terms as alt labels of ESCO skills (``fi-work-terms.csv``, ``sv-work-terms.csv``) and Swedish
            job titles as alt labels of occupations (``sv-job-titles.csv``); a list of paths merges those
            files instead, in order; ``None`` or ``()`` merges none.
        cache: Keep the parsed tables in the cache directory (Parquet, keyed by the hash of the data
            files) so that later loads take a fraction of the time. ``False`` parses the CSVs every time.

    Raises:
        TaxonomyError: An unknown version, or malformed data (a damaged install).
        UnknownLanguageError: A language that is not bundled.

    Examples:
        >>> import osaaminen as osa
        >>> tax = osa.load_esco(languages=("fi", "en"))
        >>> len(tax.occupations), tax.languages
        (3007, ('fi', 'en'))
        >>> tax.label("urn:osaaminen:fi-card:hygieniapassi", "fi")
        'hygieniapassi'
    """
    if version not in BUNDLED_VERSIONS:
        raise TaxonomyError(
            f"ESCO version {version!r} is not bundled (bundled: {list(BUNDLED_VERSIONS)}); load other versions "
            "from an official export with Taxonomy.from_esco_csv(folder)"
        )
    langs = normalise_languages(
        languages,
        BUNDLED_LANGUAGES,
        where="bundled",
        hint="for another ESCO language download its CSV export from the ESCO portal and use "
        "Taxonomy.from_esco_csv(folder, languages)",
    )
    root = bundled_data_dir()
    esco = root / "esco" / f"v{version}"
    if extensions == "default":
        extensions = [root / "extensions" / name for name in DEFAULT_EXTENSIONS]
    paths = [Path(p) for p in extensions or ()]
    # Merging takes about 0.2 s, so merged tables are cached too, keyed by the files' content and order;
    # a path that is not a file is merged after the cache, where it raises its TaxonomyError.
    cached = paths if all(p.is_file() for p in paths) else []

    def build() -> TaxonomyTables:
        tables = read_esco_export(esco / "en", ["en"], version=version, unknown_references="record")
        if "fi" in langs or "sv" in langs:
            _add_bundled_labels(tables, esco / "labels", [code for code in langs if code != "en"])
        tables.keep_languages(langs)
        finish_tables(tables)
        if cached:
            merge_extensions(tables, cached)
        return tables

    files = sorted(p for p in esco.rglob("*") if p.is_file())
    # cached_tables hashes every file's content; the names say in which order the extensions merge.
    order = [p.name for p in cached]
    tables, _ = cached_tables(
        [*files, *cached], build, enabled=cache, source="bundled", version=version, languages=langs, extensions=order
    )
    if paths and not cached:
        merge_extensions(tables, paths)
    return Taxonomy(tables)


def _add_bundled_labels(tables: TaxonomyTables, folder: Path, langs: list[str]) -> None:
    (skills_file,) = find_csv_files(folder / "skills_labels_fi_sv_en.csv.gz")
    (concepts_file,) = find_csv_files(folder / "occupations_iscogroups_labels_fi_sv_en.csv.gz")
    (finnish_file,) = find_csv_files(folder / "occupations_fi_v1.1.0.csv.gz")

    skills = read_csv(skills_file, ["conceptUri", *(f"preferredLabel_{code}" for code in langs)])
    require_values(skills, "conceptUri", skills_file)
    require_unique(skills, "conceptUri", skills_file)
    for code in langs:
        values = pd.DataFrame({"uri": skills["conceptUri"], "label": skills[f"preferredLabel_{code}"]})
        tables.add_language("skills", code, values, file=skills_file.name, mode="record")
    tables.sources.append((skills_file.name, skills_file.sha256()))

    concepts = read_csv(concepts_file, ["uri", *(f"preferredLabel_{code}" for code in langs)])
    require_values(concepts, "uri", concepts_file)
    require_unique(concepts, "uri", concepts_file)
    is_isco = isin(concepts["uri"], tables.isco_groups["uri"])
    for code in langs:
        values = pd.DataFrame({"uri": concepts["uri"], "label": concepts[f"preferredLabel_{code}"]})
        tables.add_language("occupations", code, values[~is_isco], file=concepts_file.name, mode="record")
        tables.add_language("isco_groups", code, values[is_isco], file=concepts_file.name, mode="record")
    tables.sources.append((concepts_file.name, concepts_file.sha256()))

    if "fi" in langs:
        finnish = read_csv(finnish_file, ["conceptUri", "preferredLabel"], ["altLabels", "hiddenLabels", "description"])
        require_values(finnish, "conceptUri", finnish_file)
        require_unique(finnish, "conceptUri", finnish_file)
        # v1.1.1's Finnish preferred labels win; v1.1.0's become alt labels where they differ.
        alt_labels = [
            (label.strip(), *alts) if label.strip() else alts
            for label, alts in zip(finnish["preferredLabel"], split_labels(finnish["altLabels"]), strict=True)
        ]
        values = pd.DataFrame(
            {
                "uri": finnish["conceptUri"].str.strip(),
                "alt_labels": alt_labels,
                "hidden_labels": split_labels(finnish["hiddenLabels"]),
                "description": finnish["description"].str.strip(),
            }
        )
        tables.add_language("occupations", "fi", values, file=finnish_file.name, mode="record")
        tables.sources.append((finnish_file.name, finnish_file.sha256()))
