"""The command line: every command, input from files and standard input, errors and exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import osaaminen as osa
from osaaminen.cli import UsageError, main, resolve_target

HISTORY = "Lähihoitaja, kotihoito, Lahti 2015-2020.\nHygieniapassi ja trukkikortti. <script>x</script>\n"


@pytest.fixture
def history(tmp_path: Path) -> Path:
    path = tmp_path / "cv.txt"
    path.write_text(HISTORY, encoding="utf-8")
    return path


@pytest.mark.slow
def test_demo(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = tmp_path / "demo.html"
    assert main(["demo", "-o", str(report)]) == 0
    out = capsys.readouterr().out
    assert "13,915 skills, 3,007 occupations" in out
    assert "Recognised an invented work history" in out
    assert "hygieniapassi  <- 'hygieniapassi' @" in out
    assert "Past occupations:" in out
    assert "SAP" not in out.split("Skills stated in the text")[1].split("Skills inferred")[0]
    assert "Growth-sector occupations in Päijät-Häme by reachability" in out
    assert "Recommended path" in out and "Goal:" in out
    assert f"Wrote the coach report to {report}" in out
    assert "Osaamisprofiili ja koulutuspolku" in report.read_text(encoding="utf-8")


@pytest.mark.slow
def test_recognise_formats(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recognise", str(history), "--format", "json"]) == 0
    captured = capsys.readouterr()
    profile = osa.SkillProfile.from_json(captured.out)
    assert "urn:osaaminen:fi-card:hygieniapassi" in profile.skills.uris()
    assert captured.err == ""  # no progress bar when standard error is not a terminal
    assert main(["recognise", str(history), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("kind,uri,label,score,source")
    assert main(["recognise", str(history)]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["score", "kind", "label", "evidence"]
    assert "hygieniapassi" in table


def test_recognise_reads_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + HISTORY.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["recognise", "-", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["text_length"] == len(HISTORY)


def test_input_errors_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recognise", str(tmp_path / "missing.txt")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "osaaminen: error: no such file" in captured.err
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Työntekijä".encode("latin-1"))
    assert main(["recognise", str(latin1)]) == 1
    assert "not valid utf-8" in capsys.readouterr().err
    assert main(["recognise", str(latin1), "--encoding", "latin-1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["text_length"] == len("Työntekijä")
    assert main(["recognise", str(latin1), "--encoding", "klingon"]) == 1
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def test_resolve_target(bundled: osa.Taxonomy) -> None:
    cook = resolve_target(bundled, "kokki")
    assert bundled.label(cook, "en") == "cook"
    assert resolve_target(bundled, "COOK") == cook
    assert resolve_target(bundled, cook) == cook
    with pytest.raises(UsageError, match=r"'hitsaa' matches \d+ occupations; give one of these") as info:
        resolve_target(bundled, "hitsaa")
    assert "hitsaaja" in str(info.value) and "http://data.europa.eu/esco/occupation/" in str(info.value)
    with pytest.raises(UsageError, match="no occupation is called 'xyzzy'"):
        resolve_target(bundled, "xyzzy")


@pytest.mark.slow
def test_targets_plan_and_report(history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["targets", str(history), "--top", "5", "--format", "json", "--language", "en"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 5 and {"target", "label", "held", "required", "status"} <= set(rows[0])
    assert main(["targets", str(history), "--top", "3"]) == 0
    assert capsys.readouterr().out.split()[:3] == ["target", "held", "ready"]

    assert main(["plan", str(history), "--target", "kokki", "--alternatives", "2"]) == 0
    out = capsys.readouterr().out
    assert "Polku 1/" in out and "Tavoite: kokki." in out
    assert main(["plan", str(history), "--target", "cook", "--format", "json", "--alternatives", "1"]) == 0
    plans = json.loads(capsys.readouterr().out)
    assert len(plans) == 1 and plans[0]["target_name"]["en"] == "cook"
    assert main(["plan", str(history), "--target", "hitsaa"]) == 1
    assert "matches" in capsys.readouterr().err

    page, data = tmp_path / "r.html", tmp_path / "r.json"
    assert main(["report", str(history), "-o", str(page), "--json", str(data), "--language", "en"]) == 0
    assert f"wrote {page}" in capsys.readouterr().out
    html = page.read_text(encoding="utf-8")
    assert "Competence profile and training path" in html and "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert json.loads(data.read_text(encoding="utf-8"))["language"] == "en"


def test_taxonomy_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", "--languages", "fi,en", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["languages"] == ["fi", "en"]
    assert summary["occupations"] == 3007


def test_taxonomy_of_an_export(toy_export: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["taxonomy", "--esco-csv", str(toy_export)]) == 0
    out = capsys.readouterr().out
    assert "skills" in out and "1.1.1" in out


def test_errors_go_to_stderr_with_status_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["taxonomy", "--languages", "fi,de"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "osaaminen: error: language(s) ['de'] are not bundled" in captured.err
    assert main(["taxonomy", "--esco-csv", str(tmp_path / "missing")]) == 1
    assert "no such file or folder" in capsys.readouterr().err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["frobnicate"], ["plan", "cv.txt"], ["report", "cv.txt"], ["recognise", "x", "--format", "xml"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    assert "--target" in capsys.readouterr().err


def test_help() -> None:
    result = subprocess.run([sys.executable, "-m", "osaaminen", "--help"], capture_output=True, text=True, check=True)
    for command in ("recognise", "targets", "plan", "report", "demo", "taxonomy", "examples:"):
        assert command in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "osaaminen", "report", "--help"], capture_output=True, text=True, check=True
    )
    assert "-o PATH" in result.stdout and "URI|LABEL" in result.stdout
