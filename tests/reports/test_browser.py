"""The report in a real headless browser: no console errors, a non-blank page at A4 width, a PDF.

Needs Chromium (Debian's ``chromium`` package; ``.ci/run`` installs it). Set ``CHROMIUM`` to the
executable to use another one. Skipped with a message only where no Chromium exists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import osaaminen as osa
from osaaminen.models import SkillProfile
from osaaminen.paths import Plan
from osaaminen.reports import CoachReport
from tests.reports.conftest import TEXT

A4_WIDTH_PX = 794  # 210 mm at 96 px per inch
A4_HEIGHT_PX = 1123


def _chromium() -> str:
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name) if name else None
        if found:
            return found
    pytest.skip(
        "no Chromium found: install Debian's chromium package (`sudo apt-get install -y chromium`, as .ci/run does) "
        "or set CHROMIUM=/path/to/chrome"
    )


def _run(chromium: str, tmp_path: Path, page: Path, *args: str) -> str:
    """Run headless Chromium on a local page; returns its log (console messages appear as CONSOLE lines)."""
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",  # root in containers; the page is our own local file
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stderr


def _console(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


def test_console_errors_are_detected(tmp_path: Path) -> None:
    """The check below would see a console message: a page that logs one is caught."""
    chromium = _chromium()
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><body><script>console.error('boom')</script></body></html>")
    log = _run(chromium, tmp_path, page, f"--screenshot={tmp_path / 'bad.png'}")
    assert any("boom" in line for line in _console(log)), log[-2000:]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_report_renders_in_chromium(
    profile: SkillProfile, plans: list[Plan], bundled: osa.Taxonomy, tmp_path: Path, language: str
) -> None:
    from PIL import Image

    chromium = _chromium()
    page = CoachReport(profile, plans, language=language, text=TEXT, taxonomy=bundled).save(tmp_path / "report.html")
    shot = tmp_path / "report.png"
    log = _run(chromium, tmp_path, page, f"--screenshot={shot}", f"--window-size={A4_WIDTH_PX},{A4_HEIGHT_PX}")
    assert _console(log) == [], "\n".join(_console(log))
    with Image.open(shot) as image:
        assert image.size == (A4_WIDTH_PX, A4_HEIGHT_PX)
        grey = image.convert("L")
        histogram = grey.histogram()
        white = sum(histogram[250:])
        assert white < 0.97 * grey.width * grey.height, "the screenshot is (nearly) blank"
        assert len(image.convert("RGB").getcolors(1 << 20) or []) > 20  # text, marks, chart colours
    pdf = tmp_path / "report.pdf"
    log = _run(chromium, tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert _console(log) == []
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2  # several A4 pages
