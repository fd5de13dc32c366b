"""The documentation site builds with `mkdocs build --strict` (no broken link, no docstring warning)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed: pip install -e '.[docs]'")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for page in ("index.html", "glossary/index.html", "reference/reports/index.html", "cli/index.html"):
        assert (site / page).is_file(), page
    notebook = (site / "notebooks" / "01_coach_report" / "index.html").read_text(encoding="utf-8")
    assert "CoachReport" in notebook
    reports = (site / "reference" / "reports" / "index.html").read_text(encoding="utf-8")
    assert "highlight" in reports and "stacked_bars" in reports
    licences = (site / "data-and-licences" / "index.html").read_text(encoding="utf-8")
    assert "This service uses the ESCO classification of the European Commission" in licences


def test_every_page_is_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")]
    assert pages and all(page in nav for page in pages), [p for p in pages if p not in nav]
