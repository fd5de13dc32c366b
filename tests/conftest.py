from __future__ import annotations

from pathlib import Path

import pytest

import osaaminen as osa
from tests.toy_esco import write_export


@pytest.fixture
def toy_export(tmp_path: Path) -> Path:
    return write_export(tmp_path)


@pytest.fixture
def toy(toy_export: Path) -> osa.Taxonomy:
    return osa.Taxonomy.from_esco_csv(toy_export, cache=False)


@pytest.fixture(scope="session")
def bundled() -> osa.Taxonomy:
    return osa.load_esco()
