"""A tiny ESCO-format export written by the tests: two occupations, five skills, fi + en.

``toy_rows()`` returns the rows per file; tests change them to make bad files, then ``write_export``
lays them out as the ESCO portal does (one folder or zip per language, relations in their own folder).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

ESCO = "http://data.europa.eu/esco"
S_WELD = f"{ESCO}/skill/weld"
S_WELDING_TECH = f"{ESCO}/skill/welding-techniques"
S_FORKLIFT = f"{ESCO}/skill/forklift"
S_CUSTOMERS = f"{ESCO}/skill/customers"
S_FINNISH = f"{ESCO}/skill/finnish"
G_SKILLS = f"{ESCO}/skill/group-skills"
G_MACHINERY = f"{ESCO}/skill/group-machinery"
G_KNOWLEDGE = f"{ESCO}/skill/group-knowledge"
G_LANGUAGES = f"{ESCO}/skill/group-languages"
O_WELDER = f"{ESCO}/occupation/welder"
O_FORKLIFT = f"{ESCO}/occupation/forklift-operator"
ISCO = {code: f"{ESCO}/isco/C{code}" for code in ("7", "72", "721", "7212", "8", "83", "834", "8344")}

Rows = list[dict[str, str]]


def toy_rows() -> dict[str, Rows]:
    """Rows per file name (language files carry their suffix; relation files have none)."""

    def skill(uri: str, label: str, kind: str, reuse: str, alts: str = "", description: str = "") -> dict[str, str]:
        return {
            "conceptType": "KnowledgeSkillCompetence",
            "conceptUri": uri,
            "skillType": kind,
            "reuseLevel": reuse,
            "preferredLabel": label,
            "altLabels": alts,
            "hiddenLabels": "",
            "status": "released",
            "description": description,
        }

    def group(uri: str, label: str, code: str) -> dict[str, str]:
        return {"conceptType": "SkillGroup", "conceptUri": uri, "preferredLabel": label, "altLabels": "", "code": code}

    def occupation(uri: str, label: str, isco: str, code: str, alts: str = "") -> dict[str, str]:
        return {
            "conceptType": "Occupation",
            "conceptUri": uri,
            "iscoGroup": isco,
            "preferredLabel": label,
            "altLabels": alts,
            "hiddenLabels": "",
            "status": "released",
            "description": f"{label} description",
            "code": code,
        }

    def isco(code: str, label: str) -> dict[str, str]:
        return {"conceptType": "ISCOGroup", "conceptUri": ISCO[code], "code": code, "preferredLabel": label}

    def broader(uri: str, kind: str, parent: str, parent_kind: str) -> dict[str, str]:
        return {"conceptType": kind, "conceptUri": uri, "broaderType": parent_kind, "broaderUri": parent}

    def member(uri: str, label: str) -> dict[str, str]:
        return {"conceptUri": uri, "preferredLabel": label, "altLabels": ""}

    ksc, grp = "KnowledgeSkillCompetence", "SkillGroup"
    return {
        "skills_en.csv": [
            skill(
                S_WELD,
                "weld metal parts",
                "skill/competence",
                "sector-specific",
                "welding\nweld metal parts\nmetal welding",
            ),
            skill(S_WELDING_TECH, "welding techniques", "knowledge", "sector-specific", description="Ways to weld."),
            skill(S_FORKLIFT, "operate forklift", "skill/competence", "cross-sector", "drive a forklift"),
            skill(S_CUSTOMERS, "communicate with customers", "skill/competence", "transversal"),
            skill(S_FINNISH, "speak Finnish", "skill/competence", "transversal"),
        ],
        "skills_fi.csv": [
            skill(S_WELD, "hitsata metalliosia", "skill/competence", "sector-specific", "hitsaus\nmetallien hitsaus"),
            skill(S_WELDING_TECH, "hitsaustekniikat", "knowledge", "sector-specific"),
            skill(S_FORKLIFT, "käyttää trukkia", "skill/competence", "cross-sector"),
            skill(S_CUSTOMERS, "viestiä asiakkaiden kanssa", "skill/competence", "transversal"),
            # No Finnish label for S_FINNISH: label() falls back to English.
        ],
        "skillGroups_en.csv": [
            group(G_SKILLS, "skills", "S"),
            group(G_MACHINERY, "working with machinery", "S8"),
            group(G_KNOWLEDGE, "knowledge", "K"),
            group(G_LANGUAGES, "language skills and knowledge", "L"),
        ],
        "occupations_en.csv": [
            occupation(O_WELDER, "welder", "7212", "7212.1", "welding operative\nwelder"),
            occupation(O_FORKLIFT, "forklift operator", "8344", "8344.1"),
        ],
        "occupations_fi.csv": [
            occupation(O_WELDER, "hitsaaja", "7212", "7212.1", "hitsari"),
            occupation(O_FORKLIFT, "trukinkuljettaja", "8344", "8344.1", "trukkikuski"),
        ],
        "ISCOGroups_en.csv": [
            isco("7", "Craft and related trades workers"),
            isco("72", "Metal, machinery and related trades workers"),
            isco("721", "Sheet and structural metal workers"),
            isco("7212", "Welders and flamecutters"),
            isco("8", "Plant and machine operators and assemblers"),
            isco("83", "Drivers and mobile plant operators"),
            isco("834", "Mobile plant operators"),
            isco("8344", "Lifting truck operators"),
        ],
        "ISCOGroups_fi.csv": [isco("7212", "Hitsaajat ja kaasuleikkaajat"), isco("8344", "Trukinkuljettajat")],
        "broaderRelationsSkillPillar.csv": [
            broader(S_WELD, ksc, S_WELDING_TECH, ksc),
            broader(S_WELDING_TECH, ksc, G_KNOWLEDGE, grp),
            broader(S_FORKLIFT, ksc, G_MACHINERY, grp),
            broader(G_MACHINERY, grp, G_SKILLS, grp),
            broader(S_CUSTOMERS, ksc, G_SKILLS, grp),
            broader(S_FINNISH, ksc, G_LANGUAGES, grp),
        ],
        "broaderRelationsOccPillar.csv": [
            broader(O_WELDER, "Occupation", ISCO["7212"], "ISCOGroup"),
            broader(ISCO["7212"], "ISCOGroup", ISCO["721"], "ISCOGroup"),
            broader(ISCO["721"], "ISCOGroup", ISCO["72"], "ISCOGroup"),
            broader(ISCO["72"], "ISCOGroup", ISCO["7"], "ISCOGroup"),
            broader(O_FORKLIFT, "Occupation", ISCO["8344"], "ISCOGroup"),
            broader(ISCO["8344"], "ISCOGroup", ISCO["834"], "ISCOGroup"),
            broader(ISCO["834"], "ISCOGroup", ISCO["83"], "ISCOGroup"),
            broader(ISCO["83"], "ISCOGroup", ISCO["8"], "ISCOGroup"),
        ],
        "occupationSkillRelations.csv": [
            {
                "occupationUri": O_WELDER,
                "relationType": "essential",
                "skillType": "skill/competence",
                "skillUri": S_WELD,
            },
            {
                "occupationUri": O_WELDER,
                "relationType": "essential",
                "skillType": "knowledge",
                "skillUri": S_WELDING_TECH,
            },
            {
                "occupationUri": O_WELDER,
                "relationType": "optional",
                "skillType": "skill/competence",
                "skillUri": S_CUSTOMERS,
            },
            {
                "occupationUri": O_FORKLIFT,
                "relationType": "essential",
                "skillType": "skill/competence",
                "skillUri": S_FORKLIFT,
            },
            {
                "occupationUri": O_FORKLIFT,
                "relationType": "optional",
                "skillType": "skill/competence",
                "skillUri": S_FINNISH,
            },
        ],
        "skillSkillRelations.csv": [
            {
                "originalSkillUri": S_WELD,
                "originalSkillType": "skill/competence",
                "relationType": "essential",
                "relatedSkillType": "knowledge",
                "relatedSkillUri": S_WELDING_TECH,
            }
        ],
        "greenSkillsCollection_en.csv": [member(S_WELD, "weld metal parts")],
        "transversalSkillsCollection_en.csv": [member(S_CUSTOMERS, "communicate with customers")],
        "languageSkillsCollection_en.csv": [member(S_FINNISH, "speak Finnish")],
        "digitalSkillsCollection_en.csv": [],
    }


def csv_text(rows: Rows, columns: list[str] | None = None) -> str:
    """Rows as CSV text, quoting every cell as the ESCO portal does."""
    columns = columns or list(dict.fromkeys(key for row in rows for key in row)) or ["conceptUri", "preferredLabel"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, quoting=csv.QUOTE_ALL, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_export(
    root: Path, rows: dict[str, Rows] | None = None, *, zipped: bool = False, version: str = "v1.1.1"
) -> Path:
    """Write an export as the ESCO portal lays it out; returns the folder to load.

    Language files go to ``ESCO dataset - <version> - classification - <lang> - csv`` (a folder, or a zip
    when ``zipped``), relation files to ``... - classification -  - csv``.
    """
    rows = toy_rows() if rows is None else rows
    export = root / f"esco-{version}"
    groups: dict[str, dict[str, str]] = {}
    for name, content in rows.items():
        stem = name.removesuffix(".csv")
        lang = stem.rsplit("_", 1)[1] if "_" in stem else ""
        groups.setdefault(lang, {})[name] = csv_text(content)
    for lang, files in groups.items():
        part = f"ESCO dataset - {version} - classification - {lang} - csv"
        if zipped:
            export.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(export / f"{part}.zip", "w") as archive:
                for name, text in files.items():
                    archive.writestr(name, text.encode("utf-8"))
        else:
            folder = export / part
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                (folder / name).write_text(text, encoding="utf-8")
    return export


def file_path(export: Path, name: str, version: str = "v1.1.1") -> Path:
    """Where ``write_export`` put a file (folder layout)."""
    stem = name.removesuffix(".csv")
    lang = stem.rsplit("_", 1)[1] if "_" in stem else ""
    return export / f"ESCO dataset - {version} - classification - {lang} - csv" / name
