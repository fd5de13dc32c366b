"""Importer for ePerusteet vocational qualification structures (Opetushallitus, eperusteet.opintopolku.fi).

Reads a qualification (peruste) either from the JSON that the ePerusteet API exports (the ``rakenne``
tree of units, osaamispisteet, compulsory / optional groups, osaamisalat, ammattitaitovaatimukset) or
from a normalised CSV form (``qualifications.csv``, ``units.csv``, ``unit_requirements.csv``), and turns it
into programmes: the full qualification, one partial qualification per osaamisala, one programme per unit.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from osaaminen.exceptions import CatalogueError
from osaaminen.programmes.models import Programme, QualificationLevel, SkillLink, Source

__all__ = [
    "OSP_PER_WEEK",
    "EPerusteQualification",
    "EPerusteUnit",
    "qualification_programmes",
    "read_eperusteet_csv",
    "read_eperusteet_json",
]

OSP_PER_WEEK = 1.5
"""Osaamispisteet per week of full-time study: a 180-osp perustutkinto takes three years of 40 weeks."""

_LEVELS: dict[str, QualificationLevel] = {
    "koulutustyyppi_1": "perustutkinto",
    "koulutustyyppi_11": "ammattitutkinto",
    "koulutustyyppi_12": "erikoisammattitutkinto",
}
_DEFAULT_OSP: dict[QualificationLevel, float] = {
    "perustutkinto": 180.0,
    "ammattitutkinto": 150.0,
    "erikoisammattitutkinto": 180.0,
}


@dataclass(frozen=True)
class EPerusteUnit:
    """A qualification unit (tutkinnon osa) of an ePerusteet qualification.

    Attributes:
        unit_id: The ePerusteet id of the unit.
        code: The unit's code (``tutkinnonosat_100015`` value ``100015``), when it has one.
        name: Name per language.
        osp: Scope in osaamispisteet, when the structure gives it.
        compulsory: Compulsory for everyone taking the qualification.
        osaamisalat: Names (fi) of the osaamisalat whose branch of the structure holds the unit.
        requirements: The competence requirements (ammattitaitovaatimukset), one sentence each, in Finnish.
    """

    unit_id: str
    code: str | None
    name: dict[str, str]
    osp: float | None
    compulsory: bool
    osaamisalat: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()


@dataclass(frozen=True)
class EPerusteQualification:
    """An ePerusteet qualification: its identity and its units.

    Attributes:
        peruste_id: The ePerusteet id.
        diaarinumero: The decision number (``OPH-2762-2017``).
        name: Name per language.
        level: ``perustutkinto``, ``ammattitutkinto`` or ``erikoisammattitutkinto`` (``None`` otherwise).
        osaamisalat: Names (fi) of the osaamisalat.
        units: The units, each once.
        valid_until: End of validity (ISO date) when the qualification requirements have expired.
    """

    peruste_id: str
    diaarinumero: str | None
    name: dict[str, str]
    level: QualificationLevel | None
    osaamisalat: tuple[str, ...]
    units: tuple[EPerusteUnit, ...] = field(default=())
    valid_until: str | None = None


# -- reading ----------------------------------------------------------------------------------------------


def read_eperusteet_json(
    path: str | Path, *, suoritustapa: Sequence[str] = ("reformi", "ops", "naytto")
) -> EPerusteQualification:
    """Read one ePerusteet qualification export (JSON, optionally gzipped).

    Args:
        path: The file.
        suoritustapa: Which structure to read when there are several, in order of preference
            (``reformi``: 2018 reform, ``ops``: curriculum-based, ``naytto``: competence test).

    Raises:
        CatalogueError: Not a qualification export (no ``tutkinnonOsat`` or no structure).

    Examples:
        >>> from pathlib import Path
        >>> fixture = Path("tests/programmes/fixtures/rakenne-autoalan-tyonjohto.json.gz")
        >>> q = read_eperusteet_json(fixture)
        >>> q.name["fi"], q.level, len(q.units), q.units[0].compulsory
        ('Autoalan työnjohdon erikoisammattitutkinto', 'erikoisammattitutkinto', 8, True)
    """
    path = Path(path)
    opener: Callable[..., Any] = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogueError(f"not an ePerusteet JSON export: {exc}", file=path) from exc
    if not isinstance(data, dict) or "tutkinnonOsat" not in data or not data.get("suoritustavat"):
        raise CatalogueError("not an ePerusteet qualification export (no 'tutkinnonOsat' / 'suoritustavat')", file=path)
    ways = {way["suoritustapakoodi"]: way for way in data["suoritustavat"]}
    chosen = next((ways[code] for code in suoritustapa if code in ways), next(iter(ways.values())))
    units_by_id = {str(unit["id"]): unit for unit in data["tutkinnonOsat"]}
    refs = {str(ref["id"]): ref for ref in chosen.get("tutkinnonOsaViitteet", [])}

    placed: dict[str, dict[str, Any]] = {}

    def walk(node: Mapping[str, Any], compulsory_branch: bool, osaamisala: str | None) -> None:
        ala = node.get("osaamisala")
        if isinstance(ala, dict):
            osaamisala = _text(ala.get("nimi")) or osaamisala
        ref_id = node.get("_tutkinnonOsaViite")
        if ref_id is not None:
            ref = refs.get(str(ref_id), {})
            unit = units_by_id.get(str(ref.get("_tutkinnonOsa")))
            if unit is None:
                return
            entry = placed.setdefault(
                str(unit["id"]),
                {"unit": unit, "osp": ref.get("laajuus"), "compulsory": False, "osaamisalat": []},
            )
            if osaamisala is None and compulsory_branch and node.get("pakollinen"):
                entry["compulsory"] = True
            if osaamisala is not None and osaamisala not in entry["osaamisalat"]:
                entry["osaamisalat"].append(osaamisala)
            return
        name = (_text(node.get("nimi")) or "").lower()
        branch = compulsory_branch and "valinnai" not in name and "vapaasti" not in name
        for child in node.get("osat", []):
            walk(child, branch, osaamisala)

    walk(chosen.get("rakenne") or {}, True, None)
    units = tuple(
        EPerusteUnit(
            unit_id=unit_id,
            code=_str(entry["unit"].get("koodiArvo")),
            name=_names(entry["unit"].get("nimi")),
            osp=_float(entry["osp"]) if entry["osp"] is not None else _float(entry["unit"].get("laajuus")),
            compulsory=bool(entry["compulsory"]),
            osaamisalat=tuple(entry["osaamisalat"]),
            requirements=tuple(_requirements(entry["unit"])),
        )
        for unit_id, entry in placed.items()
    )
    valid_until = data.get("voimassaoloLoppuu")
    return EPerusteQualification(
        peruste_id=str(data.get("id")),
        diaarinumero=_str(data.get("diaarinumero")),
        name=_names(data.get("nimi")),
        level=_LEVELS.get(str(data.get("koulutustyyppi"))),
        osaamisalat=tuple(name for ala in data.get("osaamisalat", []) if (name := _text(ala.get("nimi")))),
        units=units,
        valid_until=_epoch_date(valid_until) if valid_until else None,
    )


def read_eperusteet_csv(folder: str | Path) -> list[EPerusteQualification]:
    """Read the normalised CSV form of ePerusteet qualifications.

    The folder holds ``qualifications.csv[.gz]`` (``peruste_id, diaarinumero, name_fi, name_sv, name_en,
    koulutustyyppi, osaamisalat_fi, voimassaolo_loppuu``), ``units.csv[.gz]`` (``peruste_id, unit_id,
    koodi_arvo, name_fi/sv/en, laajuus, pakollinen, rakenne_path``) and ``unit_requirements.csv[.gz]``
    (``peruste_id, unit_id, seq, text_fi``). A unit is compulsory when ``pakollinen`` is true and its
    ``rakenne_path`` names no osaamisala; it belongs to the osaamisalat that its path names.

    Raises:
        CatalogueError: A file or column is missing.

    Examples:
        >>> quals = read_eperusteet_csv("tests/programmes/fixtures/eperusteet")
        >>> [q.name["fi"] for q in quals]
        ['Autoalan työnjohdon erikoisammattitutkinto', 'Puuteollisuuden perustutkinto']
    """
    import pandas as pd

    folder = Path(folder)

    def table(name: str, columns: Iterable[str]) -> pd.DataFrame:
        for candidate in (folder / f"{name}.csv", folder / f"{name}.csv.gz"):
            if candidate.is_file():
                frame = pd.read_csv(candidate, dtype=str, keep_default_na=False)
                missing = sorted(set(columns) - set(frame.columns))
                if missing:
                    raise CatalogueError(f"missing columns {missing}", file=candidate)
                return frame
        raise CatalogueError(f"no {name}.csv or {name}.csv.gz in the folder", file=folder)

    quals = table("qualifications", ["peruste_id", "diaarinumero", "name_fi", "koulutustyyppi", "osaamisalat_fi"])
    units = table("units", ["peruste_id", "unit_id", "name_fi", "laajuus", "pakollinen", "rakenne_path"])
    reqs = table("unit_requirements", ["peruste_id", "unit_id", "seq", "text_fi"])
    reqs = reqs.assign(seq_n=pd.to_numeric(reqs["seq"], errors="coerce")).sort_values(
        ["peruste_id", "unit_id", "seq_n"]
    )
    texts: dict[tuple[str, str], list[str]] = {}
    for pid, uid, text in zip(reqs["peruste_id"], reqs["unit_id"], reqs["text_fi"], strict=True):
        if text.strip():
            texts.setdefault((pid, uid), []).append(" ".join(text.split()))
    out = []
    for row in quals.to_dict("records"):
        pid = row["peruste_id"]
        alat = tuple(part.partition(":")[2].strip() for part in row["osaamisalat_fi"].split(";") if ":" in part)
        alat = tuple(a for a in alat if a)
        mine = units[units["peruste_id"] == pid]
        seen: dict[str, EPerusteUnit] = {}
        for unit in mine.to_dict("records"):
            path_alat = tuple(a for a in alat if a in unit["rakenne_path"])
            compulsory = unit["pakollinen"].lower() == "true" and not path_alat
            previous = seen.get(unit["unit_id"])
            if previous is not None:  # the same unit under several suoritustavat or osaamisalat
                merged = tuple(dict.fromkeys(previous.osaamisalat + path_alat))
                seen[unit["unit_id"]] = EPerusteUnit(
                    previous.unit_id,
                    previous.code,
                    previous.name,
                    previous.osp,
                    previous.compulsory or compulsory,
                    merged,
                    previous.requirements,
                )
                continue
            seen[unit["unit_id"]] = EPerusteUnit(
                unit_id=unit["unit_id"],
                code=unit.get("koodi_arvo") or None,
                name={
                    lang: name
                    for lang in ("fi", "sv", "en")
                    if (name := " ".join(unit.get(f"name_{lang}", "").split()))
                },
                osp=_float(unit["laajuus"]),
                compulsory=compulsory,
                osaamisalat=path_alat,
                requirements=tuple(texts.get((pid, unit["unit_id"]), ()))
                or tuple(_sentences(unit.get("ammattitaitovaatimukset_fi", ""))),
            )
        out.append(
            EPerusteQualification(
                peruste_id=pid,
                diaarinumero=row["diaarinumero"] or None,
                name={lang: row[f"name_{lang}"] for lang in ("fi", "sv", "en") if row.get(f"name_{lang}")},
                level=_LEVELS.get(row["koulutustyyppi"]),
                osaamisalat=alat,
                units=tuple(seen.values()),
                valid_until=row.get("voimassaolo_loppuu") or None,
            )
        )
    return out


# -- turning a qualification into programmes -------------------------------------------------------------

LinkMapper = Callable[[Mapping[str, Sequence[str]]], Mapping[str, Sequence[SkillLink]]]
"""Maps ``{item id: texts}`` to ``{item id: skill links}``: see :func:`osaaminen.programmes.map_requirements`."""


def qualification_programmes(
    qualification: EPerusteQualification,
    *,
    providers: Sequence[str] = (),
    id_prefix: str | None = None,
    mapper: LinkMapper | None = None,
    municipality: str | None = None,
    optional_strength: float = 0.5,
) -> list[Programme]:
    """Programmes for a qualification: the full qualification, a partial one per osaamisala, one per unit.

    A unit teaches what its competence requirements map to (``mapper``, e.g. the recogniser with
    :func:`~osaaminen.programmes.map_requirements`); a partial qualification teaches its compulsory and
    osaamisala units' skills; the full qualification teaches every unit's skills, those of optional
    units at ``optional_strength``. Durations come from osaamispisteet at :data:`OSP_PER_WEEK` and are
    marked ``estimated``; a unit or qualification without a scope gets a default one, also marked.

    Args:
        qualification: From :func:`read_eperusteet_json` or :func:`read_eperusteet_csv`.
        providers: Provider ids to put on every programme.
        id_prefix: Prefix of the programme ids; default ``eperusteet-<peruste id>``.
        mapper: Skill links per unit from its requirement texts; ``None`` leaves ``teaches`` empty.
        municipality: Where the programmes are taught.
        optional_strength: Strength of the skills of optional units in the qualifications.

    Examples:
        >>> q = read_eperusteet_json("tests/programmes/fixtures/rakenne-autoalan-tyonjohto.json.gz")
        >>> progs = qualification_programmes(q)
        >>> progs[0].kind, progs[0].level, len(progs[0].contains), progs[1].part_of == (progs[0].id,)
        ('full_qualification', 'erikoisammattitutkinto', 8, True)
    """
    prefix = id_prefix or f"eperusteet-{qualification.peruste_id}"
    qual_id = prefix
    note = "ePerusteet export" + (
        f"; requirements expired {qualification.valid_until}" if qualification.valid_until else ""
    )
    source = Source(diaarinumero=qualification.diaarinumero, eperusteet_id=qualification.peruste_id, note=note)
    unit_texts = {unit.unit_id: unit.requirements for unit in qualification.units}
    links = dict(mapper(unit_texts)) if mapper is not None else {}
    codes = [unit.code for unit in qualification.units]
    unit_ids = {
        unit.unit_id: f"{prefix}-osa-{unit.code if unit.code and codes.count(unit.code) == 1 else unit.unit_id}"
        for unit in qualification.units
    }
    partial_ids = {ala: f"{prefix}-ala-{_slug(ala)}" for ala in qualification.osaamisalat}
    members_of = {ala: [u for u in qualification.units if u.compulsory or ala in u.osaamisalat] for ala in partial_ids}

    unit_programmes = []
    for unit in qualification.units:
        estimated = ["duration_weeks"] + (["credits", "credit_unit"] if unit.osp is None else [])
        osp = unit.osp or 15.0
        unit_programmes.append(
            Programme(
                id=unit_ids[unit.unit_id],
                kind="qualification_unit",
                level=qualification.level,
                name=dict(unit.name) or {"fi": unit.unit_id},
                providers=tuple(providers),
                teaches=tuple(links.get(unit.unit_id, ())),
                part_of=(qual_id, *(partial_ids[a] for a, members in members_of.items() if unit in members)),
                duration_weeks=round(osp / OSP_PER_WEEK, 1),
                credits=osp,
                credit_unit="osaamispiste",
                municipality=municipality,
                source=source.model_copy(
                    update={"eperusteet_id": unit.unit_id, "note": f"unit of {qualification.peruste_id}; {note}"}
                ),
                estimated=tuple(estimated),
            )
        )
    level = qualification.level
    partials = []
    for ala, ala_id in partial_ids.items():
        members = members_of[ala]
        osp = sum(u.osp or 15.0 for u in members)
        partials.append(
            Programme(
                id=ala_id,
                kind="partial_qualification",
                level=level,
                name={"fi": f"{qualification.name.get('fi', '')}, {ala}"},
                providers=tuple(providers),
                teaches=_union([links.get(u.unit_id, ()) for u in members], [1.0] * len(members)),
                part_of=(qual_id,),
                contains=tuple(unit_ids[u.unit_id] for u in members),
                duration_weeks=round(max(osp, 1.0) / OSP_PER_WEEK, 1),
                credits=max(osp, 1.0),
                credit_unit="osaamispiste",
                municipality=municipality,
                source=source,
                estimated=("duration_weeks", "credits"),
            )
        )
    osp_total = _DEFAULT_OSP.get(level, 150.0) if level else 150.0
    full = Programme(
        id=qual_id,
        kind="full_qualification",
        level=level,
        name=dict(qualification.name),
        providers=tuple(providers),
        teaches=_union(
            [links.get(u.unit_id, ()) for u in qualification.units],
            [1.0 if u.compulsory else optional_strength for u in qualification.units],
        ),
        contains=(*partial_ids.values(), *unit_ids.values()),
        duration_weeks=round(osp_total / OSP_PER_WEEK, 1),
        credits=osp_total,
        credit_unit="osaamispiste",
        municipality=municipality,
        source=source,
        estimated=("duration_weeks",) if level == "perustutkinto" else ("duration_weeks", "credits"),
    )
    # A partial qualification contains units; the full one contains both, so units list both as parents.
    return [full, *partials, *unit_programmes]


def _union(groups: Sequence[Sequence[SkillLink]], strengths: Sequence[float]) -> tuple[SkillLink, ...]:
    best: dict[str, SkillLink] = {}
    for links, factor in zip(groups, strengths, strict=True):
        for link in links:
            scaled = link.model_copy(update={"strength": round(max(link.strength * factor, 0.01), 3)})
            current = best.get(link.uri)
            if current is None or (scaled.strength, scaled.score or 0.0) > (current.strength, current.score or 0.0):
                best[link.uri] = scaled
    return tuple(best.values())


# -- small helpers ---------------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")
_ITEM = re.compile(r"<li[^>]*>(.*?)</li>", re.S | re.I)


def _text(value: Any, lang: str = "fi") -> str | None:
    if isinstance(value, dict):
        value = value.get(lang)
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(_TAG.sub(" ", value)).split())
    return text or None


def _names(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {lang: text for lang in ("fi", "sv", "en") if (text := _text(value, lang))}


def _requirements(unit: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    structured = unit.get("ammattitaitovaatimukset2019") or {}
    for area in structured.get("kohdealueet", []) if isinstance(structured, dict) else []:
        out.extend(t for v in area.get("vaatimukset", []) if (t := _text(v.get("vaatimus"))))
    if isinstance(structured, dict):
        out.extend(t for v in structured.get("vaatimukset", []) if (t := _text(v.get("vaatimus"))))
    for area in unit.get("ammattitaitovaatimuksetLista") or []:
        for item in area.get("vaatimuksenKohteet", []):
            out.extend(t for v in item.get("vaatimukset", []) if (t := _text(v.get("selite"))))
    raw = unit.get("ammattitaitovaatimukset")
    if not out and isinstance(raw, dict) and isinstance(raw.get("fi"), str):
        items = [t for item in _ITEM.findall(raw["fi"]) if (t := _text(item))]
        out.extend(items or _sentences(_text(raw["fi"]) or ""))
    return list(dict.fromkeys(out))


def _sentences(text: str) -> list[str]:
    """Requirement sentences of a free text: its lines, cut at sentence ends, without the lead-in line."""
    parts = [part for line in text.splitlines() for part in re.split(r"(?<=[.!?])\s+", " ".join(line.split()))]
    return [p for p in parts if len(p) > 3 and not re.fullmatch(r".*\b(osaa|pystyy|tuntee|kykenee)\s*:?", p)]


def _str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _epoch_date(value: Any) -> str | None:
    import datetime

    try:
        return datetime.datetime.fromtimestamp(int(value) / 1000, tz=datetime.timezone.utc).date().isoformat()
    except (TypeError, ValueError):
        return str(value)


def _slug(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")
