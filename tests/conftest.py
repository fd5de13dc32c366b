from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import osaaminen as osa
from tests.toy_esco import write_export


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test run caches into its own folder, never the user's cache."""
    with osa.config_context(cache_dir=tmp_path_factory.mktemp("cache")):
        yield


@pytest.fixture
def toy_export(tmp_path: Path) -> Path:
    return write_export(tmp_path)


@pytest.fixture
def toy(toy_export: Path) -> osa.Taxonomy:
    return osa.Taxonomy.from_esco_csv(toy_export, cache=False)


@pytest.fixture(scope="session")
def bundled() -> osa.Taxonomy:
    return osa.load_esco()
