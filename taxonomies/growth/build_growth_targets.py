"""Build taxonomies/growth/growth_targets.csv: growth-sector target occupations per Finnish region.

Source: Statistics Finland, StatFin table tyonv 12ti (Työnvälitystilasto, TEM/KEHA), yearly means of open
vacancies and unemployed jobseekers per 4-digit occupation group (Ammattiluokitus 2010 = ISCO-08) and
region (CC BY 4.0): the file tyonv_12ti_maakunta_ammatti_yearly_mean_2018_2023.csv.gz of the project's
shared data (statfin-tyonv-12ti). Joined to the bundled ESCO v1.1.1 occupations through their ISCO-08 unit
group. See README.md in this folder for the method.

Run from the repository root:  .venv/bin/python taxonomies/growth/build_growth_targets.py STATFIN_CSV
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd

import osaaminen as osa

# The growth sectors of the Päijät-Häme employment trial (the library documents the same tags).
from osaaminen.paths.growth import GROWTH_SECTORS

HERE = Path(__file__).resolve().parent
RECENT = (2022, 2023)  # 2023 covers January-October
BASELINE = (2018, 2019)  # before the pandemic
MIN_VACANCIES = 8.0  # open vacancies per month, on average over the recent years
GROUPS_PER_REGION = 25
OCCUPATIONS_PER_GROUP = 3
GREEN_SHARE = 0.15  # share of essential skills in ESCO's green skills collection
MIN_BASELINE = 5.0  # fewer baseline vacancies than this: the trend is noise (or a coding change), taken as flat

# Ammattiluokitus 2010 follows ISCO-08 but codes registered nurses and midwives as associate professionals
# (3221 sairaanhoitajat, 3222 kätilöt), where ESCO files them under 2221 and 2222.
AML_TO_ESCO = {"3221": "2221", "3222": "2222"}

# ISCO-08 code prefixes -> sector tags (the longest matching prefixes win, several tags allowed).
SECTORS: dict[str, tuple[str, ...]] = {
    "22": ("social_health",),
    "32": ("social_health",),
    "53": ("social_health",),
    "2634": ("social_health",),
    "2635": ("social_health",),
    "3412": ("social_health",),
    "25": ("ict",),
    "35": ("ict",),
    "2152": ("ict",),
    "2153": ("ict",),
    "7422": ("ict",),
    "71": ("construction",),
    "2142": ("construction",),
    "3112": ("construction",),
    "3123": ("construction",),
    "9312": ("construction",),
    "9313": ("construction",),
    "7411": ("construction", "industry"),
    "72": ("industry",),
    "73": ("industry",),
    "74": ("industry",),
    "75": ("industry",),
    "81": ("industry",),
    "82": ("industry",),
    "311": ("industry",),
    "313": ("industry",),
    "214": ("industry",),
    "932": ("industry",),
    "83": ("logistics",),
    "8341": ("agriculture_forestry",),
    "8342": ("construction",),
    "8343": ("construction", "logistics"),
    "432": ("logistics",),
    "9331": ("logistics",),
    "9333": ("logistics",),
    "9621": ("logistics",),
    "5151": ("property_services",),
    "5153": ("property_services",),
    "911": ("property_services",),
    "912": ("property_services",),
    "512": ("restaurant_catering",),
    "5131": ("restaurant_catering",),
    "5132": ("restaurant_catering",),
    "5246": ("restaurant_catering",),
    "941": ("restaurant_catering",),
    "3434": ("restaurant_catering",),
    "23": ("education",),
    "52": ("sales",),
    "4": ("customer_service_office",),
    "54": ("security",),
    "6": ("agriculture_forestry",),
    "92": ("agriculture_forestry",),
    "2133": ("circular_economy_green",),
    "2143": ("circular_economy_green",),
    "3132": ("circular_economy_green",),
    "3257": ("circular_economy_green",),
    "961": ("circular_economy_green",),
}


def sectors_of(isco: str, green_share: float) -> list[str]:
    tags: list[str] = []
    for length in range(len(isco), 0, -1):
        found = SECTORS.get(isco[:length])
        if found:
            tags.extend(found)
            break
    if green_share >= GREEN_SHARE and "circular_economy_green" not in tags:
        tags.append("circular_economy_green")
    return tags or ["other"]


def group_figures(data: pd.DataFrame, region: str) -> pd.DataFrame:
    rows = data[(data["alue"] == region) & data["ammattiryhma"].str.fullmatch(r"[1-9]\d{3}")]
    recent = rows[rows["year"].between(*RECENT)].groupby("ammattiryhma")[["vacancies_mean", "unemployed_mean"]].mean()
    base = rows[rows["year"].between(*BASELINE)].groupby("ammattiryhma")["vacancies_mean"].mean()
    total = data[(data["alue"] == region) & (data["ammattiryhma"] == "SSS")]
    total_recent = total[total["year"].between(*RECENT)][["vacancies_mean", "unemployed_mean"]].mean()
    total_base = total[total["year"].between(*BASELINE)]["vacancies_mean"].mean()
    out = pd.DataFrame(
        {
            "vacancies": recent["vacancies_mean"],
            "unemployed": recent["unemployed_mean"],
            "vacancies_baseline": base.reindex(recent.index),
        }
    )
    out["vacancies_per_unemployed"] = out["vacancies"] / out["unemployed"].clip(lower=1.0)
    region_tightness = total_recent["vacancies_mean"] / total_recent["unemployed_mean"]
    region_growth = total_recent["vacancies_mean"] / total_base
    out["relative_tightness"] = out["vacancies_per_unemployed"] / region_tightness
    reliable = out["vacancies_baseline"].fillna(0) >= MIN_BASELINE
    out["relative_growth"] = (out["vacancies"] / out["vacancies_baseline"] / region_growth).where(reliable, 1.0)
    out = out[out["vacancies"].fillna(0) >= MIN_VACANCIES].copy()
    # Score: demand (log vacancies) + shortage (log relative tightness) + half the trend (log relative growth).
    # Only groups of the growth sectors (see GROWTH_SECTORS) are kept.
    out["growth_score"] = (
        out["vacancies"].map(math.log)
        + out["relative_tightness"].clip(lower=0.05).map(math.log)
        + 0.5 * out["relative_growth"].clip(lower=0.1, upper=10).map(math.log)
    )
    in_sector = [bool(set(sectors_of(code, 0.0)) & set(GROWTH_SECTORS)) for code in out.index]
    out = out[in_sector].sort_values("growth_score", ascending=False).head(GROUPS_PER_REGION)
    out.index.name = "isco_group"
    return out.reset_index()


def main(source: Path) -> None:
    data = pd.read_csv(source, dtype={"ammattiryhma": str, "alue": str})
    tax = osa.load_esco(languages=("fi", "en"))
    occupations = tax.occupations.copy()
    relations = tax.occupation_skills[tax.occupation_skills["relation"] == "essential"]
    skills = tax.skills.set_index("uri")
    green = relations["skill_uri"].map(skills["green"].fillna(False).astype(bool)).fillna(False)
    digital = relations["skill_uri"].map(skills["digital"].fillna(False).astype(bool)).fillna(False)
    shares = (
        relations.assign(green=green.astype(float), digital=digital.astype(float))
        .groupby("occupation_uri")[["green", "digital"]]
        .mean()
    )
    occupations["green_share"] = occupations["uri"].map(shares["green"]).fillna(0.0)
    occupations["digital_share"] = occupations["uri"].map(shares["digital"]).fillna(0.0)
    occupations["n_essential"] = occupations["uri"].map(relations.groupby("occupation_uri").size()).fillna(0)
    occupations["n_names"] = occupations["alt_labels_en"].map(len) + occupations["alt_labels_fi"].map(len)
    isco_labels = tax.isco_groups.set_index("code")
    regions = sorted(r for r in data["alue"].unique() if r != "SSS")
    tables = []
    for region in regions:
        groups = group_figures(data, region)
        for rank, group in enumerate(groups.itertuples(index=False), start=1):
            # The ESCO occupations of the group most often named (the most alt labels in English and
            # Finnish, then the most essential skills): a heuristic for "the common jobs of the group".
            esco_group = AML_TO_ESCO.get(group.isco_group, group.isco_group)
            members = occupations[(occupations["isco_group"] == esco_group) & (occupations["n_essential"] > 0)]
            members = members.sort_values(["n_names", "n_essential", "uri"], ascending=[False, False, True])
            tables.extend(
                {
                    "region": region,
                    "rank": rank,
                    "isco_group": group.isco_group,
                    "esco_isco_group": esco_group,
                    "isco_label_fi": isco_labels["label_fi"].get(group.isco_group),
                    "isco_label_en": isco_labels["label_en"].get(group.isco_group),
                    "occupation_uri": occ.uri,
                    "label_fi": occ.label_fi,
                    "label_en": occ.label_en,
                    "sectors": "|".join(sectors_of(group.isco_group, occ.green_share)),
                    "vacancies": round(group.vacancies, 2),
                    "unemployed": round(group.unemployed, 2),
                    "vacancies_per_unemployed": round(group.vacancies_per_unemployed, 3),
                    "relative_tightness": round(group.relative_tightness, 3),
                    "relative_growth": round(group.relative_growth, 3),
                    "growth_score": round(group.growth_score, 3),
                    "green_share": round(occ.green_share, 3),
                    "digital_share": round(occ.digital_share, 3),
                }
                for occ in members.head(OCCUPATIONS_PER_GROUP).itertuples(index=False)
            )
    table = pd.DataFrame(tables)
    out = HERE / "growth_targets.csv"
    table.to_csv(out, index=False)
    mk07 = table[table["region"] == "MK07"]
    print(f"wrote {out.name}: {len(table)} rows, {table['region'].nunique()} regions; MK07: {len(mk07)} targets")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
