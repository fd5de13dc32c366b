"""Batch recognition on Dask (map_partitions on a local cluster) with the toy taxonomy and the hashing encoder."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import osaaminen as osa
from osaaminen.cohort import Cohort, MissingDependencyError, recognise_dask
from osaaminen.encoders import HashingEncoder
from osaaminen.recognition import SkillRecogniser
from tests.toy_esco import write_export

TEXTS = pd.DataFrame(
    {
        "person": [f"p{i}" for i in range(6)],
        "history": [
            "Hitsaaja 2018-2021. Hitsata metalliosia.",
            "Käyttää trukkia varastossa.",
            "Asiakaspalvelu kaupassa.",
            "",
            "Welding metal parts, forklift.",
            "Hitsaustekniikat ja trukki.",
        ],
    }
)


@pytest.fixture(scope="module")
def rec(tmp_path_factory: pytest.TempPathFactory) -> SkillRecogniser:
    tax = osa.Taxonomy.from_esco_csv(write_export(tmp_path_factory.mktemp("toy")), cache=False)
    return SkillRecogniser(tax, encoder=HashingEncoder(dim=64), threshold=0.0)


@pytest.mark.slow  # a LocalCluster starts and stops: a few seconds
def test_dask_matches_recognise_many(rec: SkillRecogniser) -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    ddf = dd.from_pandas(TEXTS, npartitions=3)  # type: ignore[no-untyped-call]
    cluster = LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)  # type: ignore[no-untyped-call]
    with cluster, Client(cluster):  # type: ignore[no-untyped-call]
        table = recognise_dask(rec, ddf, text_column="history", id_column="person").compute()
    local = rec.recognise_many(TEXTS.set_index("person")["history"])
    key = ["id", "kind", "uri"]
    assert sorted(map(tuple, table[key].astype(str).values)) == sorted(map(tuple, local[key].astype(str).values))
    assert "evidence" not in table.columns  # texts stay out unless asked for
    cohort = Cohort.from_recognitions(table, ids=list(TEXTS["person"]), taxonomy=rec.taxonomy, min_score=0.0)
    assert cohort.ids == list(TEXTS["person"]) and len(cohort.held[0]) > 0


def test_dask_series_and_evidence_on_request(rec: SkillRecogniser) -> None:
    import dask.dataframe as dd

    series = dd.from_pandas(TEXTS.set_index("person")["history"], npartitions=2)  # type: ignore[no-untyped-call]
    table = recognise_dask(lambda: rec, series, keep_evidence=True).compute(scheduler="sync")
    assert "evidence" in table.columns and set(table["id"]) <= set(TEXTS["person"])
    with pytest.raises(KeyError, match="text"):
        recognise_dask(rec, dd.from_pandas(TEXTS, npartitions=1))  # type: ignore[no-untyped-call]
    with pytest.raises(TypeError):
        recognise_dask(rec, TEXTS)


def test_missing_dask_is_a_clear_error(rec: SkillRecogniser, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(MissingDependencyError, match=r"osaaminen\[dask\]"):
        recognise_dask(rec, TEXTS["history"])
    assert isinstance(MissingDependencyError("x"), ImportError)


def test_from_frame_batches_and_drops_texts(rec: SkillRecogniser, tmp_path: Path) -> None:
    cohort = Cohort.from_frame(TEXTS, rec, id_column="person", text_column="history", min_score=0.0)
    assert cohort.ids == list(TEXTS["person"])
    assert cohort.recogniser is rec and cohort.taxonomy is rec.taxonomy
    assert not any("Hitsaaja" in uri for held in cohort.held for uri in held)
    with pytest.raises(osa.OsaaminenError, match="column"):
        Cohort.from_frame(TEXTS, rec)
