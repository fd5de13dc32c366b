"""Fixtures for the whole suite, doctests in the package included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import osaaminen as osa


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test run caches into its own folder, never the user's cache."""
    with osa.config_context(cache_dir=tmp_path_factory.mktemp("cache")):
        yield
