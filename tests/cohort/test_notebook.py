"""notebooks/03_cohort_planning.ipynb runs top to bottom (on a small sample of the synthetic cohort)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "03_cohort_planning.ipynb"


@pytest.mark.slow
def test_cohort_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("OSAAMINEN_NOTEBOOK_SAMPLE", os.environ.get("OSAAMINEN_NOTEBOOK_SAMPLE", "40"))
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), (
        "commit it without outputs"
    )
    NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    text = "".join(str(out) for cell in notebook.cells if cell.cell_type == "code" for out in cell.get("outputs", []))
    assert "milp" in text or "greedy" in text
