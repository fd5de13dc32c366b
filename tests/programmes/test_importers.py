"""The ePerusteet and Konfo importers and the requirement mapping, on small copies of the shared data."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from osaaminen.exceptions import CatalogueError
from osaaminen.programmes import Catalogue
from osaaminen.programmes.eperusteet import qualification_programmes, read_eperusteet_csv, read_eperusteet_json
from osaaminen.programmes.konfo import konfo_programmes, konfo_texts, read_konfo_csv
from osaaminen.programmes.mapping import map_requirements, rank_texts

FIXTURES = Path(__file__).parent / "fixtures"
SALPAUS = {"id": "salpaus", "name": "Salpaus", "municipality": "Lahti", "kind": "vocational"}


class KeywordRanker:
    """Ranks two fake skills by keywords; counts the texts it sees."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def rank_skills(
        self, texts: str | Sequence[str], top_k: int = 10, language: str | None = None
    ) -> list[list[tuple[str, float]]]:
        items = [texts] if isinstance(texts, str) else list(texts)
        self.seen.extend(items)
        return [
            sorted(
                [("urn:lead", 0.6 if "johta" in t else 0.01), ("urn:cnc", 0.5 if "CNC" in t else 0.02)],
                key=lambda kv: -kv[1],
            )[:top_k]
            for t in items
        ]


def test_read_eperusteet_json() -> None:
    q = read_eperusteet_json(FIXTURES / "rakenne-autoalan-tyonjohto.json.gz")
    assert q.diaarinumero == "40/011/2001" and q.peruste_id == "1013059"
    assert [u.compulsory for u in q.units] == [True] * 4 + [False] * 4
    first = q.units[0]
    assert first.name["fi"] == "Johtaminen ja henkilöstön kehittäminen" and first.code == "104052"
    assert len(first.requirements) == 11 and all("<" not in r for r in first.requirements)


def test_read_eperusteet_json_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"id": 1}', encoding="utf-8")
    with pytest.raises(CatalogueError, match="not an ePerusteet qualification export"):
        read_eperusteet_json(path)


def test_read_eperusteet_csv_osaamisalat_and_requirements() -> None:
    auto, wood = read_eperusteet_csv(FIXTURES / "eperusteet")
    assert len(auto.units) == 8 and all(u.requirements for u in auto.units)  # from the free text
    assert wood.level == "perustutkinto" and len(wood.osaamisalat) == 4
    cnc = next(u for u in wood.units if u.name["fi"].startswith("CNC-työstäminen"))
    assert cnc.osp == 20.0 and not cnc.compulsory and cnc.osaamisalat == ("Puurakenneteollisuuden osaamisala",)
    assert cnc.requirements[1] == "tuottaa CNC-ohjelmia työstökoneen omalla ohjausohjelmalla"
    common = next(u for u in wood.units if u.name["fi"] == "Viestintä- ja vuorovaikutusosaaminen")
    assert common.compulsory and common.osaamisalat == ()


def test_read_eperusteet_csv_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"no qualifications\.csv"):
        read_eperusteet_csv(tmp_path)


def test_qualification_programmes_structure_and_mapping() -> None:
    _, wood = read_eperusteet_csv(FIXTURES / "eperusteet")
    ranker = KeywordRanker()
    programmes = qualification_programmes(
        wood,
        providers=("salpaus",),
        mapper=lambda texts: map_requirements(texts, ranker, threshold=0.3),
    )
    cat = Catalogue.from_records(programmes, [SALPAUS])  # references and containment are consistent
    full = cat.programmes[0]
    assert full.kind == "full_qualification" and full.credits == 180 and full.source.diaarinumero == "OPH-2455-2017"
    partials = cat.filter(kind="partial_qualification")
    assert len(partials) == 4 and all(p.part_of == (full.id,) for p in partials)
    units = cat.filter(kind="qualification_unit")
    assert len(units) == 8 and set(full.contains) == {p.id for p in [*partials, *units]}
    for partial in partials:
        for unit_id in partial.contains:
            assert partial.id in cat[unit_id].part_of
    cnc = next(p for p in units if p.label().startswith("CNC-työstäminen"))
    link = next(link for link in cnc.teaches if link.uri == "urn:cnc")
    # the score sums the unit's sentences that name CNC (0.5 each) and the others' 0.02
    assert link.provenance == "mapped:recogniser" and (link.score or 0) > 0.5 and "CNC" in (link.evidence or "")
    assert cnc.duration_weeks == pytest.approx(20 / 1.5, abs=0.1) and "duration_weeks" in cnc.estimated
    # optional units teach the full qualification at half strength
    assert next(link for link in full.teaches if link.uri == "urn:cnc").strength == 0.5
    assert len(ranker.seen) == len(set(ranker.seen))  # each distinct text ranked once


def test_rank_texts_uses_the_cache() -> None:
    ranker = KeywordRanker()
    cache = {"vanha": [("urn:lead", 0.9)]}
    out = rank_texts(["vanha", "CNC-työ", "CNC-työ"], ranker, cache=cache)
    assert ranker.seen == ["CNC-työ"] and out["vanha"] == [("urn:lead", 0.9)] and "CNC-työ" in cache


def test_map_requirements_threshold_top_k_and_max_links() -> None:
    rankings = {"a": [("u1", 0.9), ("u2", 0.5), ("u3", 0.4)], "b": [("u2", 0.8), ("u4", 0.05)], "n": [("u4", 0.2)]}
    links = map_requirements({"x": ["a", "b"]}, rankings=rankings, threshold=0.3, top_k=2)["x"]
    # scores are summed over the texts; the evidence is the best-scoring text
    assert [(link.uri, link.score, link.evidence) for link in links] == [("u2", 1.3, "b"), ("u1", 0.9, "a")]
    named = map_requirements({"x": ["b"]}, rankings=rankings, names={"x": "n"}, threshold=0.3, name_weight=2.0)
    assert [(link.uri, link.score) for link in named["x"]] == [("u2", 0.8), ("u4", 0.45)]  # 0.05 + 2 * 0.2
    assert map_requirements({"x": ["a", "a"]}, rankings=rankings, threshold=0.1)["x"][0].score == 0.9  # once
    assert map_requirements({"x": ["a"]}, rankings=rankings, threshold=0.1, top_k=3, max_links=1)["x"][0].uri == "u1"
    assert (
        map_requirements({"x": ["a"]}, rankings=rankings, threshold=0.1, exclude=frozenset({"u1"}))["x"][0].uri == "u2"
    )
    with pytest.raises(ValueError, match="no ranking"):
        map_requirements({"x": ["new"]}, rankings=rankings)


def test_konfo_programmes() -> None:
    frame = read_konfo_csv(FIXTURES / "konfo-amk-sample.csv")
    every = konfo_programmes(frame, institution="LAB-ammattikorkeakoulu", provider="lab")
    assert len(every) == 4  # the Novia row has no LAB implementation; one koulutus has two implementations
    lahti = konfo_programmes(
        frame,
        institution="LAB-ammattikorkeakoulu",
        provider="lab",
        municipalities=["Lahti"],
        mapper=lambda texts: map_requirements(texts, KeywordRanker(), threshold=0.3),
    )
    assert [(p.municipality, p.mode) for p in lahti] == [("Lahti", "contact"), (None, "online")]
    first = lahti[0]
    assert first.level == "yamk" and first.credit_unit == "ects" and "credits" in first.estimated
    assert first.source.url == "https://opintopolku.fi/konfo/fi/toteutus/1.2.246.562.17.00000000000000002350"
    assert "urn:lead" in first.skill_uris  # "johtaminen" in the description
    assert all(len(t) >= 2 for t in konfo_texts(frame.iloc[0].to_dict()))


def test_read_konfo_csv_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="missing columns"):
        read_konfo_csv(path)
