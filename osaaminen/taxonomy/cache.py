"""A fast on-disk form of parsed taxonomy tables (Parquet), keyed by the hash of the source files.

Parsing the ESCO CSVs takes about 1.5 s and 450 MB at peak; reading the same tables back from Parquet
takes a fraction of that. A cache entry is only found when every source file is byte-identical,
and an unreadable entry is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from osaaminen._cache import cache_entry, hash_key, write_entry
from osaaminen.taxonomy.tables import CONCEPT_TABLES, TaxonomyTables

__all__ = ["cached_tables"]

logger = logging.getLogger(__name__)

_SCHEMA = 1  # bump when the tables built from the same files change
_TABLES = (*CONCEPT_TABLES, "occupation_skills", "skill_relations", "broader", "dropped")
_NAMESPACE = "taxonomy"


def cached_tables(
    files: Iterable[Path],
    build: Callable[[], TaxonomyTables],
    *,
    enabled: bool = True,
    **params: Any,
) -> tuple[TaxonomyTables, bool]:
    """Return the tables built from ``files`` with ``params``, from the cache when possible.

    Args:
        files: Every file the tables are built from.
        build: Builds the tables from the files (called on a miss).
        enabled: ``False`` always builds and writes nothing.
        **params: Everything else the tables depend on (version, languages, modes).

    Returns:
        The tables and whether they came from the cache.
    """
    if not enabled:
        return build(), False
    digests = sorted(_sha256(path) for path in files)
    from osaaminen import __version__

    # The package version is part of the key: a new release never trusts tables an old one built.
    entry = cache_entry(_NAMESPACE, hash_key(schema=_SCHEMA, package=__version__, files=digests, **params))
    tables = _read(entry)
    if tables is not None:
        return tables, True
    tables = build()
    write_entry(entry, lambda folder: _write(folder, tables))
    return tables, False


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write(folder: Path, tables: TaxonomyTables) -> None:
    for name in _TABLES:
        frame: pd.DataFrame = getattr(tables, name)
        frame.reset_index(drop=True).to_parquet(folder / f"{name}.parquet", index=False)
    meta = {
        "schema": _SCHEMA,
        "version": tables.version,
        "languages": list(tables.languages),
        "sources": tables.sources,
    }
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _read(entry: Path) -> TaxonomyTables | None:
    if not (entry / "meta.json").is_file():
        return None
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        frames = {name: pd.read_parquet(entry / f"{name}.parquet") for name in _TABLES}
        for name in CONCEPT_TABLES:
            frame = frames[name]
            for column in frame.columns:
                if column.startswith(("alt_labels_", "hidden_labels_")):
                    # Parquet gives lists back as arrays; the tables hold tuples.
                    frame[column] = [tuple(v) if v is not None else () for v in frame[column]]
        return TaxonomyTables(
            **frames,
            languages=tuple(meta["languages"]),
            version=str(meta["version"]),
            sources=[(str(n), str(d)) for n, d in meta["sources"]],
        )
    except Exception as exc:  # noqa: BLE001 - any damage to a cache entry means "rebuild it"
        logger.info("taxonomy cache entry %s unreadable (%s); rebuilding it", entry, exc)
        return None
