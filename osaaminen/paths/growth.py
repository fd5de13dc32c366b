"""Growth-sector target occupations per Finnish region, derived from StatFin labour-market statistics.

The table ships in ``taxonomies/growth/growth_targets.csv``; ``taxonomies/growth/README.md`` describes the
method (vacancies, vacancies per unemployed jobseeker and their trend per 4-digit occupation group, joined
through ISCO-08 to ESCO occupations, with sector tags) and the source (Statistics Finland, CC BY 4.0).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from osaaminen.exceptions import OsaaminenError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GROWTH_SECTORS", "REGIONS", "growth_targets"]

GROWTH_SECTORS = (
    "industry",
    "circular_economy_green",
    "social_health",
    "logistics",
    "ict",
    "construction",
    "property_services",
    "restaurant_catering",
)
"""The sector tags of the table (an occupation may carry several, or ``other`` tags beside them)."""

REGIONS = {
    "MK01": "Uusimaa",
    "MK02": "Varsinais-Suomi",
    "MK04": "Satakunta",
    "MK05": "Kanta-Häme",
    "MK06": "Pirkanmaa",
    "MK07": "Päijät-Häme",
    "MK08": "Kymenlaakso",
    "MK09": "Etelä-Karjala",
    "MK10": "Etelä-Savo",
    "MK11": "Pohjois-Savo",
    "MK12": "Pohjois-Karjala",
    "MK13": "Keski-Suomi",
    "MK14": "Etelä-Pohjanmaa",
    "MK15": "Pohjanmaa",
    "MK16": "Keski-Pohjanmaa",
    "MK17": "Pohjois-Pohjanmaa",
    "MK18": "Kainuu",
    "MK19": "Lappi",
    "MK21": "Ahvenanmaa",
}
"""Region (maakunta) codes of the table; MK07 is Päijät-Häme, the Lahti region."""


def _growth_file() -> Path:
    from osaaminen.taxonomy.bundled import bundled_data_dir

    return bundled_data_dir() / "growth" / "growth_targets.csv"


@lru_cache(maxsize=1)
def _table(path: Path) -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(path, dtype={"isco_group": str, "esco_isco_group": str, "region": str})
    frame["sectors"] = frame["sectors"].map(lambda value: tuple(str(value).split("|")))
    return frame


def growth_targets(region: str = "MK07", *, sector: str | None = None) -> pd.DataFrame:
    """Growth-sector target occupations of a region, best first.

    Args:
        region: A region (maakunta) code, see :data:`REGIONS`; ``"MK07"`` is Päijät-Häme (Lahti).
        sector: Keep only occupations with this sector tag (see :data:`GROWTH_SECTORS`).

    Returns:
        One row per (occupation group, ESCO occupation): ``rank`` of the group in the region,
        ``isco_group`` (Ammattiluokitus 2010 / ISCO-08), its labels, ``occupation_uri``, ``label_fi``,
        ``label_en``, ``sectors`` (a tuple of tags), ``vacancies`` and ``unemployed`` (monthly means over
        2022-2023), ``vacancies_per_unemployed``, ``relative_tightness`` and ``relative_growth``
        (against the region as a whole), ``growth_score``, ``green_share`` and ``digital_share`` (shares
        of the occupation's essential skills in ESCO's green and digital collections).

    Raises:
        OsaaminenError: An unknown region or sector, or the table is missing (a damaged install).

    Examples:
        >>> table = growth_targets("MK07")
        >>> bool(table["occupation_uri"].str.startswith("http://data.europa.eu/esco/occupation/").all())
        True
        >>> "lähihoitaja" in set(table["label_fi"])
        True
        >>> set(growth_targets(sector="logistics")["isco_group"]) >= {"8332"}
        True
    """
    if region not in REGIONS:
        raise OsaaminenError(f"unknown region {region!r}; use a maakunta code such as 'MK07' (known: {list(REGIONS)})")
    path = _growth_file()
    if not path.is_file():
        raise OsaaminenError(f"the growth-target table is missing ({path}); reinstall osaaminen")
    frame = _table(path)
    out = frame[frame["region"] == region]
    if sector is not None:
        known = {tag for tags in frame["sectors"] for tag in tags}
        if sector not in known:
            raise OsaaminenError(f"unknown sector {sector!r}; known sectors: {sorted(known)}")
        out = out[out["sectors"].map(lambda tags: sector in tags)]
    result: pd.DataFrame = out.sort_values(["rank", "occupation_uri"], kind="stable").reset_index(drop=True)
    return result
