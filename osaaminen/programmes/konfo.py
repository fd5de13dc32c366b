"""Importer for Opintopolku / Konfo programme listings (higher education degree programmes).

Reads the Konfo listing as CSV (one row per koulutus, with its implementations, ``toteutukset``; list and
dict cells as Python literals, the form CSC's JOD demos keep it in) and turns each implementation of a
given institution into a degree programme.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osaaminen.exceptions import CatalogueError
from osaaminen.programmes.models import Programme, QualificationLevel, SkillLink, Source

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ECTS_PER_WEEK", "konfo_programmes", "konfo_texts", "read_konfo_csv"]

ECTS_PER_WEEK = 1.5
"""ECTS credits per week of full-time study (60 a year over 40 weeks)."""

_LEVELS: dict[str, QualificationLevel] = {"nqf_6": "amk", "nqf_7": "yamk"}
_DEFAULT_ECTS: dict[QualificationLevel, float] = {"amk": 210.0, "yamk": 90.0}
_WEEKS: dict[QualificationLevel, float] = {"amk": 140.0, "yamk": 80.0}  # YAMK is studied alongside work
_ELIGIBILITY: dict[QualificationLevel, str] = {
    "amk": "Upper secondary education: a matriculation examination, a vocational qualification or equivalent.",
    "yamk": "A bachelor's degree (AMK or equivalent) and at least two years of work experience after it.",
}
_LITERAL_COLUMNS = ("nimi", "kuvaus", "toteutukset", "koulutukset", "opintojenLaajuusyksikko", "kielivalinta")


def read_konfo_csv(path: str | Path) -> pd.DataFrame:
    """Read a Konfo listing CSV (optionally gzipped); literal cells become Python dicts and lists.

    Raises:
        CatalogueError: A required column is missing or a cell is not a Python literal.

    Examples:
        >>> frame = read_konfo_csv("tests/programmes/fixtures/konfo-amk-sample.csv")
        >>> frame.loc[0, "nimi"]["fi"]
        'Insinööri (ylempi AMK), uudistava johtaminen, Lahti'
    """
    import pandas as pd

    path = Path(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = sorted({"oid", "nimi", "toteutukset", "nqf"} - set(frame.columns))
    if missing:
        raise CatalogueError(f"not a Konfo listing: missing columns {missing}", file=path)
    for column in _LITERAL_COLUMNS:
        if column not in frame.columns:
            continue
        values = []
        for row, cell in enumerate(frame[column], start=2):
            try:
                values.append(ast.literal_eval(cell) if cell.strip() else None)
            except (ValueError, SyntaxError) as exc:  # noqa: PERF203
                raise CatalogueError(f"row {row}: not a Python literal in column {column}", file=path) from exc
        frame[column] = values
    return frame


def konfo_texts(row: Mapping[Any, Any], *, max_sentences: int = 40) -> list[str]:
    """The sentences of a Konfo row's Finnish description, for mapping to skills.

    Examples:
        >>> konfo_texts({"kuvaus": {"fi": "<p>Opit johtamaan. Opit viestimään.</p>"}})
        ['Opit johtamaan.', 'Opit viestimään.']
    """
    kuvaus = row.get("kuvaus")
    raw = kuvaus.get("fi", "") if isinstance(kuvaus, dict) else str(row.get("kuvaus-fi") or "")
    text = re.sub(r"<[^>]+>", "\n", raw.replace("\n", " "))
    sentences = [s for line in text.splitlines() for s in re.split(r"(?<=[.!?])\s+", " ".join(line.split()))]
    out = [s for s in sentences if len(s) >= 20 or (s.endswith(".") and len(s.split()) >= 2)]
    return list(dict.fromkeys(out))[:max_sentences]


def konfo_programmes(
    frame: pd.DataFrame,
    *,
    institution: str,
    provider: str,
    municipalities: Sequence[str] | None = None,
    mapper: Callable[[Mapping[str, Sequence[str]]], Mapping[str, Sequence[SkillLink]]] | None = None,
    snapshot: str | None = None,
) -> list[Programme]:
    """Degree programmes of one institution: one programme per implementation (toteutus).

    An implementation whose name says ``verkko`` (online) gets mode ``online`` and no municipality.
    Scope, duration, teaching language and eligibility are estimated where the listing lacks them,
    and marked so in ``estimated``.

    Args:
        frame: From :func:`read_konfo_csv`.
        institution: Name (fi or en) of the oppilaitos, e.g. ``"LAB-ammattikorkeakoulu"``.
        provider: The provider id to put on the programmes.
        municipalities: Keep contact implementations in these municipalities only (online ones are kept).
        mapper: Skill links per programme id from its description sentences (see
            :func:`~osaaminen.programmes.map_requirements`); ``None`` leaves ``teaches`` empty.
        snapshot: Date of the listing, for the source note.

    Examples:
        >>> frame = read_konfo_csv("tests/programmes/fixtures/konfo-amk-sample.csv")
        >>> progs = konfo_programmes(frame, institution="LAB-ammattikorkeakoulu", provider="lab")
        >>> progs[0].level, progs[0].municipality, progs[0].source.opintopolku_oid
        ('yamk', 'Lahti', '1.2.246.562.17.00000000000000002350')
    """
    found: list[tuple[Programme, list[str]]] = []
    for row in frame.to_dict("records"):
        level = _LEVELS.get(str(row.get("nqf")))
        for imp in row.get("toteutukset") or []:
            names = imp.get("oppilaitosNimi") or {}
            if institution not in names.values():
                continue
            name = dict(imp.get("toteutusNimi") or row.get("nimi") or {})
            online = "verkko" in name.get("fi", "").lower()
            towns = [k.get("nimi", {}).get("fi") for k in imp.get("kunnat") or [] if k.get("nimi")]
            town = None if online else (towns[0] if towns else None)
            if municipalities is not None and not online and town not in municipalities:
                continue
            credits = _number(row.get("opintojenLaajuusNumero"))
            estimated = ["duration_weeks", "languages", "eligibility"]
            if credits is None:
                estimated.append("credits")
            oid = str(imp.get("toteutusOid"))
            programme = Programme(
                id=f"konfo-{oid.rsplit('.', 1)[-1].lstrip('0') or oid}",
                kind="full_qualification",
                level=level,
                name={k: " ".join(v.split()) for k, v in name.items() if v and v.strip()},
                providers=(provider,),
                teaches=(),
                duration_weeks=_WEEKS.get(level, 120.0) if level else 120.0,
                credits=credits or (_DEFAULT_ECTS.get(level, 180.0) if level else 180.0),
                credit_unit="ects",
                mode="online" if online else "contact",
                municipality=town,
                admission="dates",
                eligibility=_ELIGIBILITY.get(level) if level else None,
                source=Source(
                    opintopolku_oid=oid,
                    url=f"https://opintopolku.fi/konfo/fi/toteutus/{oid}",
                    note=f"Konfo listing{f' snapshot {snapshot}' if snapshot else ''}; koulutus {row.get('oid')}",
                ),
                estimated=tuple(estimated),
            )
            found.append((programme, konfo_texts(row)))
    if mapper is None:
        return [p for p, _ in found]
    links = mapper({p.id: texts for p, texts in found})
    return [p.model_copy(update={"teaches": tuple(links.get(p.id, ()))}) for p, _ in found]


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None
