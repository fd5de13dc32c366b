"""Programme records, catalogue validation (every error case), files, schema, filters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import osaaminen as osa
from osaaminen.exceptions import CatalogueError, OsaaminenError
from osaaminen.programmes import (
    Catalogue,
    Programme,
    Provider,
    SkillLink,
    catalogue_schema,
    write_catalogue_file,
)
from osaaminen.programmes.bundled import bundled_programmes_dir

CARD = "urn:osaaminen:fi-card:"


def programme(pid: str, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": pid,
        "kind": "short_course",
        "name": {"fi": f"Kurssi {pid}"},
        "providers": ["salpaus"],
        "teaches": [{"uri": CARD + "hygieniapassi", "provenance": "curated"}],
        "duration_weeks": 1,
    }
    record.update(fields)
    return record


SALPAUS = {"id": "salpaus", "name": "Koulutuskeskus Salpaus", "municipality": "Lahti", "kind": "vocational"}


def write(tmp_path: Path, programmes: list[dict[str, Any]], providers: list[dict[str, Any]] | None = None) -> Path:
    path = tmp_path / "catalogue.json"
    path.write_text(
        json.dumps({"providers": [SALPAUS] if providers is None else providers, "programmes": programmes}),
        encoding="utf-8",
    )
    return path


# -- models -----------------------------------------------------------------------------------------------


def test_programme_defaults_and_label() -> None:
    p = Programme.model_validate(programme("a", name={"fi": "Kurssi", "en": "Course"}))
    assert p.languages == ("fi",) and p.mode == "contact" and p.cost_eur == 0.0 and p.admission == "continuous"
    assert p.label("en") == "Course" and p.label("sv") == "Kurssi"
    assert p.skill_uris == (CARD + "hygieniapassi",)
    with pytest.raises(ValidationError):
        setattr(p, "cost_eur", 5)  # noqa: B010  # frozen


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": {"en": "Course"}}, "name"),
        ({"duration_weeks": 0}, "duration_weeks"),
        ({"duration_weeks": -3}, "duration_weeks"),
        ({"cost_eur": -1}, "cost_eur"),
        ({"kind": "degree"}, "kind"),
        ({"mode": "remote"}, "mode"),
        ({"colour": "red"}, "colour"),
        ({"teaches": [{"uri": "u", "strength": 1.5}]}, "teaches"),
        ({"teaches": [{"uri": "u", "provenance": "guess"}]}, "teaches"),
        ({"estimated": ["price"]}, "estimated"),
        ({"credits": 15}, "credits"),
    ],
)
def test_invalid_programme_fields(change: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        Programme.model_validate(programme("a", **change))
    assert field in str(info.value) or "credit" in str(info.value)


def test_missing_duration_is_an_error_naming_file_programme_and_field(tmp_path: Path) -> None:
    record = programme("a")
    del record["duration_weeks"]
    path = write(tmp_path, [record, programme("b", duration_weeks=-2)])
    with pytest.raises(CatalogueError) as info:
        Catalogue.from_files(path)
    problems = info.value.problems
    assert [(p.programme, p.field) for p in problems] == [("a", "duration_weeks"), ("b", "duration_weeks")]
    assert all(p.file == str(path) for p in problems)
    assert str(path) in str(info.value) and "programme a, field duration_weeks" in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, OsaaminenError)


# -- catalogue validation -----------------------------------------------------------------------------------


def test_duplicate_ids(tmp_path: Path) -> None:
    path = write(tmp_path, [programme("a"), programme("a")])
    with pytest.raises(CatalogueError, match=r"programme a, field id: duplicate programme id"):
        Catalogue.from_files(path)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, [programme("a")])
    second = tmp_path / "more.json"
    second.write_text(json.dumps({"programmes": [programme("a")]}), encoding="utf-8")
    with pytest.raises(CatalogueError, match="first defined in") as info:
        Catalogue.from_files([first, second])
    assert info.value.file == str(second)


def test_unknown_provider(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"field providers: unknown provider 'lab'"):
        Catalogue.from_files(write(tmp_path, [programme("a", providers=["lab"])]))


@pytest.mark.parametrize("field", ["requires_programmes", "part_of", "contains"])
def test_unknown_programme_references(tmp_path: Path, field: str) -> None:
    with pytest.raises(CatalogueError, match=rf"programme a, field {field}: unknown programme 'zz'"):
        Catalogue.from_files(write(tmp_path, [programme("a", **{field: ["zz"]})]))


def test_cycle_in_prerequisites(tmp_path: Path) -> None:
    records = [
        programme("a", requires_programmes=["b"]),
        programme("b", requires_programmes=["c"]),
        programme("c", requires_programmes=["a"]),
    ]
    with pytest.raises(CatalogueError, match=r"field requires_programmes: cycle in prerequisites: (\w -> ){3}\w"):
        Catalogue.from_files(write(tmp_path, records))


def test_cycle_in_containment(tmp_path: Path) -> None:
    records = [programme("q", contains=["u"]), programme("u", contains=["q"])]
    with pytest.raises(CatalogueError, match="cycle in containment"):
        Catalogue.from_files(write(tmp_path, records))
    # part_of closes a cycle too
    records = [programme("q", part_of=["u"]), programme("u", part_of=["q"])]
    with pytest.raises(CatalogueError, match="cycle in containment"):
        Catalogue.from_records(records, [SALPAUS])


def test_self_reference(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="cannot refer to itself"):
        Catalogue.from_files(write(tmp_path, [programme("a", requires_programmes=["a"])]))


def test_unknown_skill_uris_are_checked_with_a_taxonomy(tmp_path: Path, bundled: osa.Taxonomy) -> None:
    path = write(
        tmp_path,
        [programme("a", teaches=[{"uri": "urn:osaaminen:fi-card:nope"}], requires_skills=["http://x/skill"])],
    )
    assert len(Catalogue.from_files(path)) == 1  # without a taxonomy URIs are not checked
    with pytest.raises(CatalogueError) as info:
        Catalogue.from_files(path, taxonomy=bundled)
    assert [(p.field, "unknown skill URI" in p.message) for p in info.value.problems] == [
        ("teaches", True),
        ("requires_skills", True),
    ]


def test_several_problems_are_reported_together(tmp_path: Path) -> None:
    records = [programme("a", providers=["x"]), programme("b", part_of=["y"]), programme("b")]
    with pytest.raises(CatalogueError, match="3 problems") as info:
        Catalogue.from_files(write(tmp_path, records))
    assert {(p.programme, p.field) for p in info.value.problems} == {("a", "providers"), ("b", "part_of"), ("b", "id")}


def test_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(CatalogueError, match="not valid JSON"):
        Catalogue.from_files(bad)
    bad.write_bytes(b'{"programmes": ["\xff"]}')
    with pytest.raises(CatalogueError, match="not UTF-8"):
        Catalogue.from_files(bad)
    bad.write_text(json.dumps({"programs": []}), encoding="utf-8")
    with pytest.raises(CatalogueError, match="unknown top-level keys"):
        Catalogue.from_files(bad)
    with pytest.raises(CatalogueError, match="no such file"):
        Catalogue.from_files(tmp_path / "missing.json")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CatalogueError, match="holds no catalogue file"):
        Catalogue.from_files(empty)


def test_from_records_with_dicts_and_models() -> None:
    provider = Provider.model_validate(SALPAUS)
    cat = Catalogue.from_records([programme("a"), Programme.model_validate(programme("b"))], [provider])
    assert [p.id for p in cat] == ["a", "b"] and cat.provider("salpaus") is provider
    with pytest.raises(CatalogueError, match="field duration_weeks"):
        Catalogue.from_records([programme("a", duration_weeks="long")], [SALPAUS])
    with pytest.raises(KeyError, match="no programme 'zz'"):
        cat["zz"]
    with pytest.raises(KeyError, match="no provider"):
        cat.provider("lab")


# -- lookups, filters, frames, files -----------------------------------------------------------------------


@pytest.fixture
def small() -> Catalogue:
    return Catalogue.from_records(
        [
            programme("q", kind="full_qualification", level="perustutkinto", contains=["u"], duration_weeks=120),
            programme(
                "u",
                kind="qualification_unit",
                part_of=["q"],
                municipality="Lahti",
                teaches=[{"uri": CARD + "trukkikortti"}, {"uri": CARD + "hygieniapassi", "strength": 0.5}],
            ),
            programme("web", mode="online", languages=["fi", "en"]),
            programme("h", municipality="Hollola", languages=["sv"], start_dates=["2026-01-12"], admission="dates"),
        ],
        [SALPAUS],
    )


def test_lookups(small: Catalogue) -> None:
    assert len(small) == 4 and "u" in small and "x" not in small and 3 not in small
    assert [p.id for p in small.teaching(CARD + "hygieniapassi")] == ["q", "u", "web", "h"]
    assert [p.id for p in small.teaching(CARD + "trukkikortti")] == ["u"]
    assert small.teaching("urn:none") == []
    assert small["h"].start_dates[0].isoformat() == "2026-01-12"
    assert "4 programmes" in repr(small)


def test_filter(small: Catalogue) -> None:
    assert [p.id for p in small.filter(municipality="Lahti")] == ["q", "u", "web"]  # no municipality: anywhere
    assert [p.id for p in small.filter(language="en")] == ["web"]
    assert [p.id for p in small.filter(language=["sv", "en"])] == ["web", "h"]
    assert [p.id for p in small.filter(mode="online")] == ["web"]
    assert [p.id for p in small.filter(kind=["qualification_unit", "full_qualification"])] == ["q", "u"]
    assert [p.id for p in small.filter(kind="short_course", language="fi")] == ["web"]
    assert small.filter(kind="trial").providers == small.providers


def test_to_frame(small: Catalogue) -> None:
    frame = small.to_frame()
    assert list(frame["id"]) == ["q", "u", "web", "h"]
    assert frame.loc[1, "skills"] == (CARD + "trukkikortti", CARD + "hygieniapassi")
    assert frame.loc[0, "level"] == "perustutkinto" and frame.loc[3, "name_fi"] == "Kurssi h"


def test_fingerprint_follows_content(small: Catalogue) -> None:
    again = Catalogue.from_records(list(small), list(small.providers.values()))
    assert again.fingerprint == small.fingerprint
    changed = Catalogue.from_records(
        [*small.programmes[:3], small["h"].model_copy(update={"cost_eur": 10.0})], list(small.providers.values())
    )
    assert changed.fingerprint != small.fingerprint


def test_write_and_read_back(tmp_path: Path, small: Catalogue) -> None:
    path = write_catalogue_file(tmp_path / "out.json", small, small.providers.values(), schema="schema.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["$schema"] == "schema.json" and "cost_eur" not in data["programmes"][0]  # defaults left out
    back = Catalogue.from_files(tmp_path)
    assert back.fingerprint == small.fingerprint and back.files == (path,)


def test_committed_schema_is_the_generated_one() -> None:
    committed = json.loads((bundled_programmes_dir() / "schema.json").read_text(encoding="utf-8"))
    assert committed == catalogue_schema(), "run taxonomies/programmes/build_lahti.py to refresh schema.json"


def test_skill_link_defaults() -> None:
    link = SkillLink(uri="u")
    assert (link.strength, link.provenance, link.score) == (1.0, "curated", None)
    assert SkillLink(uri="u", provenance="mapped:recogniser", score=0.2).provenance == "mapped:recogniser"
    with pytest.raises(ValidationError):
        SkillLink(uri="u", strength=0)
