"""The command line: demo, taxonomy summary, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from osaaminen.cli import main


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "13,915 skills, 3,007 occupations" in out
    assert "Recognised an invented work history" in out
    assert "hygieniapassi  <- 'hygieniapassi' @" in out
    assert "Past occupations:" in out
    assert "SAP" not in out.split("Skills stated in the text")[1].split("Skills inferred")[0]


def test_taxonomy_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", "--languages", "fi,en", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["languages"] == ["fi", "en"]
    assert summary["occupations"] == 3007


def test_taxonomy_of_an_export(toy_export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", "--esco-csv", str(toy_export)]) == 0
    out = capsys.readouterr().out
    assert "skills" in out and "1.1.1" in out


def test_errors_go_to_stderr_with_status_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["taxonomy", "--languages", "fi,de"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "osaaminen: error: language(s) ['de'] are not bundled" in captured.err
    assert main(["taxonomy", "--esco-csv", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_usage_error() -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_python_dash_m() -> None:
    result = subprocess.run([sys.executable, "-m", "osaaminen", "--help"], capture_output=True, text=True, check=True)
    assert "demo" in result.stdout and "taxonomy" in result.stdout
