"""The package surface: cheap import, exports, exception family, typing marker, offline data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import osaaminen as osa
from osaaminen import exceptions

ROOT = Path(__file__).resolve().parents[1]


def test_every_exported_name_resolves() -> None:
    for name in osa.__all__:
        assert getattr(osa, name) is not None, name
    assert sorted(osa.__all__) == osa.__all__
    assert set(osa.__all__) <= set(dir(osa))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = osa.nope


def test_import_loads_no_data_model_or_heavy_library() -> None:
    code = (
        "import sys, osaaminen;"
        "heavy = [m for m in ('pandas', 'numpy', 'networkx', 'pyarrow', 'torch', 'sentence_transformers')"
        " if m in sys.modules];"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_exceptions_derive_from_the_matching_builtin() -> None:
    assert issubclass(exceptions.TaxonomyError, osa.OsaaminenError)
    assert issubclass(exceptions.TaxonomyError, ValueError)
    assert issubclass(exceptions.UnknownConceptError, KeyError)
    assert issubclass(exceptions.UnknownLanguageError, ValueError)
    assert issubclass(exceptions.TaxonomyWarning, osa.OsaaminenWarning)
    assert issubclass(osa.OsaaminenWarning, UserWarning)
    error = exceptions.TaxonomyError("bad", file="f.csv", row=3, column="uri")
    assert (error.file, error.row, error.column, error.message) == ("f.csv", 3, "uri", "bad")
    assert str(exceptions.TaxonomyError("bad")) == "bad"


def test_config_rejects_unknown_settings() -> None:
    with pytest.raises(TypeError, match=r"unknown setting.*'colour'.*valid settings"):
        osa.set_config(colour="blue")
    with osa.config_context(cache_dir="/tmp/x") as config:
        assert config.cache_dir == Path("/tmp/x")


def test_py_typed_marker() -> None:
    assert (ROOT / "osaaminen" / "py.typed").is_file()


def test_no_code_reads_the_shared_folder() -> None:
    # Users do not have the shared folder beside the checkout: everything must use the copies in the project.
    shared = "shared"  # spelled apart so that this file does not match its own check
    patterns = (f"../{shared}", f"{shared}/data", f"{shared}/bench")
    offenders = []
    for folder in ("osaaminen", "tests", "benchmarks", "taxonomies"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if any(pattern in text for pattern in patterns):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_bundled_data_is_attributed() -> None:
    attribution = (ROOT / "taxonomies" / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in attribution
    assert "European Union" in attribution
    assert "ESCO classification of the European Commission" in attribution
