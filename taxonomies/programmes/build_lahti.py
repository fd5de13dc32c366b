"""Build the bundled Lahti-region programme catalogue (taxonomies/programmes/lahti/*.json) and schema.json.

A maintainer script, like build_concept_vectors.py: it reads the shared source data (ePerusteet exports,
the Konfo listing, fi-programme-facts), maps competence requirements to skills with the recogniser and
writes the catalogue files, which are committed. Rankings of requirement texts are cached in
build/rankings.csv.gz, so a rebuild only ranks new texts; --remap ranks every text again (after the
recogniser changed).

    .venv/bin/python taxonomies/programmes/build_lahti.py --shared DATA_FOLDER [--remap]
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import json
import re
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import curated as cur  # noqa: E402

import osaaminen as osa  # noqa: E402
from osaaminen.programmes import Catalogue, Programme, Provider, SkillLink, Source  # noqa: E402
from osaaminen.programmes.eperusteet import OSP_PER_WEEK, qualification_programmes, read_eperusteet_csv  # noqa: E402
from osaaminen.programmes.files import catalogue_schema, write_catalogue_file  # noqa: E402
from osaaminen.programmes.konfo import konfo_programmes, read_konfo_csv  # noqa: E402
from osaaminen.programmes.mapping import DEFAULT_THRESHOLD, DEFAULT_TOP_K, map_requirements, rank_texts  # noqa: E402
from osaaminen.programmes.models import QualificationLevel  # noqa: E402

OUT = HERE / "lahti"
CACHE = HERE / "build" / "rankings.csv.gz"
LEVELS: dict[str, QualificationLevel] = {
    "perustutkinto": "perustutkinto",
    "ammattitutkinto": "ammattitutkinto",
    "erikoisammattitutkinto": "erikoisammattitutkinto",
}
DEFAULT_OSP = {"perustutkinto": 180.0, "ammattitutkinto": 150.0, "erikoisammattitutkinto": 180.0}


def slug(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")


class Builder:
    def __init__(self, shared: Path, *, remap: bool, threshold: float, top_k: int) -> None:
        self.shared = shared
        self.threshold = threshold
        self.top_k = top_k
        self.tax = osa.load_esco()
        by_label = self.tax.skills.dropna(subset=["label_en"]).drop_duplicates("label_en")
        self.uri_of = dict(zip(by_label["label_en"], by_label["uri"], strict=True))
        self.rankings: dict[str, list[tuple[str, float]]] = {} if remap else read_cache()
        self.ranker: Any = None
        self.missing_labels: set[str] = set()

    # -- skills --------------------------------------------------------------------------------------

    def uri(self, name: str) -> str:
        if name.startswith("urn:") or name.startswith("http"):
            if name not in self.tax:
                self.missing_labels.add(name)
            return name
        uri = self.uri_of.get(name)
        if uri is None:
            self.missing_labels.add(name)
            return "missing:" + name
        return str(uri)

    def curated(self, names: list[str], strength: float = 1.0, evidence: str | None = None) -> tuple[SkillLink, ...]:
        return tuple(
            SkillLink(uri=self.uri(n), strength=strength, provenance="curated", evidence=evidence) for n in names
        )

    def mapper(
        self, texts_by_item: dict[str, list[str]] | Any, names: dict[str, str] | None = None
    ) -> dict[str, tuple[SkillLink, ...]]:
        texts = [t for ts in texts_by_item.values() for t in ts] + list((names or {}).values())
        missing = [t for t in dict.fromkeys(texts) if t not in self.rankings]
        if missing:
            if self.ranker is None:
                self.ranker = osa.SkillRecogniser(self.tax)
            started = time.perf_counter()
            rank_texts(missing, self.ranker, top_k=10, cache=self.rankings)  # 10: room to try other top_k
            print(f"  ranked {len(missing)} new texts in {time.perf_counter() - started:.0f} s")
        return map_requirements(
            texts_by_item, rankings=self.rankings, names=names, threshold=self.threshold, top_k=self.top_k
        )

    # -- parts ----------------------------------------------------------------------------------------

    def providers(self) -> list[Provider]:
        out = [Provider.model_validate(p) for p in cur.PROVIDERS]
        for key, (name, town) in cur.SECTORS.items():
            out.append(
                Provider(
                    id=f"employer-{slug(key)}",
                    name=f"Esimerkkityönantaja: {name} ({town})",
                    municipality=town,
                    kind="employer",
                    source="illustrative: not a real company; stands for the sector's employers that take apprentices",
                    estimated=("name", "municipality"),
                )
            )
        return out

    def eperusteet(self) -> list[Programme]:
        quals = read_eperusteet_csv(self.shared / "eperusteet-koski-mockdata")
        out: list[Programme] = []
        for q in quals:
            if q.peruste_id in cur.EPERUSTEET_SKIP:
                continue
            sector = cur.EPERUSTEET_SECTORS[q.peruste_id]
            # A unit's name joins its requirement sentences as evidence, weighted (see mapping.DEFAULT_NAME_WEIGHT).
            texts = {u.unit_id: list(u.requirements) for u in q.units}
            links = self.mapper(texts, names={u.unit_id: u.name.get("fi", "") for u in q.units})
            fallback = self.curated(cur.SECTOR_SKILLS[sector], 0.5, f"sector skills ({sector}), no mapped skill")
            programmes = qualification_programmes(
                q,
                providers=("salpaus",),
                id_prefix=f"ep-{slug(q.name['fi'])}-{q.peruste_id.lstrip('-')}",
                mapper=functools.partial(_given, links),
                municipality="Lahti",
            )
            for p in programmes:
                teaches = p.teaches
                if p.kind == "full_qualification":
                    teaches = _merge(self.curated(cur.SECTOR_SKILLS[sector], 1.0), teaches)
                elif not teaches:
                    teaches = fallback
                out.append(
                    p.model_copy(update={"teaches": teaches, "estimated": (*p.estimated, "providers", "municipality")})
                )
        return out

    def facts_qualifications(self) -> list[Programme]:
        facts = self.shared / "fi-programme-facts"
        quals = pd.read_csv(facts / "qualifications.csv", dtype=str, keep_default_na=False)
        units = pd.read_csv(facts / "units.csv", dtype=str, keep_default_na=False)
        out: list[Programme] = []
        for q in quals.to_dict("records"):
            level = LEVELS.get(q["type"])
            if level is None:  # kotoutumiskoulutus: a curriculum, built with the language courses
                continue
            qid = f"tutkinto-{q['qual_id']}"
            sector = q["sector"]
            core = self.curated(cur.SECTOR_SKILLS[sector])
            first_url = q["sources"].split(" ; ")[0].strip() or None
            source = Source(
                diaarinumero=q["diaarinumero"] or None,
                eperusteet_id=q["eperusteet_id"] or None,
                url=first_url,
                note=f"fi-programme-facts/qualifications.csv ({q['qual_id']}); caveats: {q['caveats'][:300]}",
            )
            osp = float(q["scope_osp"]) if q["scope_osp"] else DEFAULT_OSP[level]
            alat = [a.strip() for a in q["osaamisalat"].split(";") if a.strip() and "(" not in a]
            mine = units[units["qual_id"] == q["qual_id"]]
            unit_ids: list[str] = []
            unit_progs: list[Programme] = []
            # These units are known by name only: the name is mapped as a plain text (weight 1). Doubling its
            # weight, as for ePerusteet units, would link 38 of the 54 units instead of 15, but a hand check of
            # the links it adds (name score 0.04-0.08) found 20 of 46 right, against 19 of 27 above 0.08; a unit
            # left without a link gets its sector's curated skills at strength 0.5.
            texts = {f"{qid}-osa-{slug(u['unit_name_fi'])}": [u["unit_name_fi"]] for u in mine.to_dict("records")}
            mapped = self.mapper(texts)
            for u in mine.to_dict("records"):
                uid = f"{qid}-osa-{slug(u['unit_name_fi'])}"
                if uid in unit_ids:
                    continue
                ala = u["osaamisala"] if u["osaamisala"] in alat else None
                unit_osp = float(u["osp"]) if u["osp"] else None
                teaches = mapped.get(uid) or self.curated(
                    cur.SECTOR_SKILLS[sector], 0.5, f"sector skills ({sector}), no mapped skill"
                )
                unit_ids.append(uid)
                unit_progs.append(
                    Programme(
                        id=uid,
                        kind="qualification_unit",
                        level=level,
                        name={"fi": u["unit_name_fi"]},
                        providers=("salpaus",),
                        teaches=teaches,
                        part_of=(qid, *([f"{qid}-ala-{slug(ala)}"] if ala else [])),
                        duration_weeks=round((unit_osp or 20.0) / OSP_PER_WEEK, 1),
                        credits=unit_osp or 20.0,
                        credit_unit="osaamispiste",
                        municipality="Lahti",
                        source=Source(
                            url=u["source"] or None,
                            note=f"fi-programme-facts/units.csv; {u['peruste_version']}; role: {u['unit_role']}",
                        ),
                        estimated=("duration_weeks", "providers", "municipality", *(() if unit_osp else ("credits",))),
                    )
                )
            partials = []
            for ala in alat:
                aid = f"{qid}-ala-{slug(ala)}"
                members = [p.id for p in unit_progs if aid in p.part_of]
                for p in unit_progs:
                    if (
                        len(p.part_of) == 1
                        and p.id not in members
                        and "pakollinen" in str(p.source.note).split("role: ")[-1].split("(")[0]
                        and "osaamisalan" not in str(p.source.note)
                    ):
                        members.append(p.id)
                partials.append(
                    Programme(
                        id=aid,
                        kind="partial_qualification",
                        level=level,
                        name={"fi": f"{q['name_fi']}, {ala}"},
                        providers=("salpaus",),
                        teaches=_merge(core, *[p.teaches for p in unit_progs if p.id in members]),
                        part_of=(qid,),
                        contains=tuple(members),
                        duration_weeks=round(osp * 0.5 / OSP_PER_WEEK, 1),
                        credits=osp * 0.5,
                        credit_unit="osaamispiste",
                        municipality="Lahti",
                        source=source,
                        estimated=("duration_weeks", "credits", "providers", "municipality"),
                    )
                )
            # Units that a partial contains list it in part_of.
            contained = {m: [pp.id for pp in partials if m in pp.contains] for m in unit_ids}
            unit_progs = [
                p.model_copy(update={"part_of": tuple(dict.fromkeys((*p.part_of, *contained[p.id])))})
                for p in unit_progs
            ]
            names = {k: q[f"name_{k}"] for k in ("fi", "sv", "en") if q[f"name_{k}"]}
            out.append(
                Programme(
                    id=qid,
                    kind="full_qualification",
                    level=level,
                    name=names,
                    providers=("salpaus",),
                    teaches=_merge(core, *[_scaled(p.teaches, 0.5) for p in unit_progs]),
                    contains=(*[p.id for p in partials], *unit_ids),
                    duration_weeks=round(osp / OSP_PER_WEEK, 1),
                    credits=osp,
                    credit_unit="osaamispiste",
                    municipality="Lahti",
                    source=source,
                    estimated=(
                        "duration_weeks",
                        "providers",
                        "municipality",
                        *(() if q["scope_osp"] else ("credits",)),
                    ),
                )
            )
            out.extend(partials)
            out.extend(unit_progs)
        return out

    def apprenticeships(self, qualifications: list[Programme]) -> list[Programme]:
        out = []
        sector_of = {**{f"tutkinto-{k}": v for k, v in self._facts_sectors().items()}}
        for p in qualifications:
            if p.kind != "full_qualification":
                continue
            sector = sector_of.get(p.id) or next(
                (s for pid, s in cur.EPERUSTEET_SECTORS.items() if p.id.endswith(f"-{pid.lstrip('-')}")), None
            )
            if sector is None or sector == "immigrant_integration":
                continue
            employer_key = sector if sector in cur.SECTORS else "retail_business"
            town = cur.SECTORS[employer_key][1]
            out.append(
                p.model_copy(
                    update={
                        "id": f"oppisopimus-{p.id}",
                        "kind": "apprenticeship",
                        "name": {
                            "fi": f"{p.name['fi']}, oppisopimuksella",
                            **({"en": f"{p.name['en']}, apprenticeship"} if "en" in p.name else {}),
                        },
                        "providers": ("salpaus", f"employer-{slug(employer_key)}"),
                        "contains": (),
                        "part_of": (),
                        "mode": "workplace",
                        "municipality": town,
                        "duration_weeks": round(p.duration_weeks * 1.2, 1),
                        "eligibility": "An employment contract with an employer for the duration, usually at least "
                        "25 hours of work a week; good Finnish (about A3) is needed.",
                        "target_groups": ("employed", "unemployed"),
                        "estimated": ("duration_weeks", "providers", "municipality"),
                        "source": p.source.model_copy(
                            update={"note": f"apprenticeship variant of {p.id}; {p.source.note or ''}"[:400]}
                        ),
                    }
                )
            )
        return out

    def _facts_sectors(self) -> dict[str, str]:
        quals = pd.read_csv(self.shared / "fi-programme-facts" / "qualifications.csv", dtype=str, keep_default_na=False)
        return dict(zip(quals["qual_id"], quals["sector"], strict=True))

    def higher_education(self) -> list[Programme]:
        frame = read_konfo_csv(self.shared / "cscfi-jod-demos" / "konfo-amk-2023-01-18.csv.gz")
        progs = konfo_programmes(
            frame,
            institution="LAB-ammattikorkeakoulu",
            provider="lab",
            municipalities=["Lahti"],
            mapper=self.mapper,
            snapshot="2023-01-18 (CSCfi/jod-demos)",
        )
        # Programmes whose description maps to no skill are mapped by their name alone, as a plain text (weight
        # 1, not mapping.DEFAULT_NAME_WEIGHT: see facts_qualifications); a programme with no skill is left out.
        names = {p.id: [p.name["fi"]] for p in progs if not p.teaches}
        by_name = self.mapper(names) if names else {}
        out = []
        for p in progs:
            teaches = p.teaches or by_name.get(p.id) or ()
            out.append(p.model_copy(update={"teaches": teaches}))
        return [p for p in out if p.teaches]

    def courses(self) -> list[Programme]:
        facts = pd.read_csv(self.shared / "fi-programme-facts" / "short_courses.csv", dtype=str, keep_default_na=False)
        facts_by_id = {r["course_id"]: r for r in facts.to_dict("records")}
        out = []
        for c in cur.CARD_COURSES:
            row = facts_by_id[c["facts"]]
            hours = float(c["hours"])
            out.append(
                Programme(
                    id=c["id"],
                    kind="short_course",
                    name={"fi": c["fi"], "en": c["en"]},
                    providers=("salpaus",),
                    teaches=self.curated(c["skills"]),
                    requires_programmes=tuple(c.get("requires", ())),
                    duration_weeks=max(round(hours / 37.5, 2), 0.1),
                    hours=hours,
                    cost_eur=c["cost"],
                    mode=c.get("mode", "contact"),
                    municipality=None if c.get("mode") == "online" else "Lahti",
                    admission=c.get("admission", "dates"),
                    target_groups=tuple(c.get("target_groups", ())),
                    source=Source(
                        url=row["sources"].split(" ; ")[0].strip() or None,
                        note=f"fi-programme-facts/short_courses.csv ({c['facts']}): {row['typical_length'][:120]}"
                        + (f"; {c['note']}" if c.get("note") else ""),
                    ),
                    estimated=tuple(dict.fromkeys(["duration_weeks", "municipality", *c["estimated"]])),
                )
            )
        for r in cur.RETRAINING:
            out.append(  # noqa: PERF401
                Programme(
                    id=r["id"],
                    kind="short_course",
                    name={"fi": r["fi"], "en": r["en"]},
                    providers=("salpaus", "tyovoimakoulutus"),
                    teaches=self.curated(r["skills"]),
                    duration_weeks=float(r["weeks"]),
                    hours=float(r["weeks"]) * 30,
                    cost_eur=0.0,
                    municipality="Lahti",
                    admission="dates",
                    eligibility="Unemployed job seekers or those at risk of unemployment, chosen by the employment "
                    "authority; labour-market training is free to the learner.",
                    target_groups=("unemployed",),
                    source=Source(note="illustrative labour-market training (työvoimakoulutus / muutoskoulutus)"),
                    estimated=("name", "duration_weeks", "hours", "providers", "start_dates", "teaches"),
                )
            )
        for r in cur.LANGUAGE_AND_DIGITAL:
            out.append(  # noqa: PERF401
                Programme(
                    id=r["id"],
                    kind="short_course",
                    name={"fi": r["fi"], "en": r["en"]},
                    providers=(r["provider"],),
                    teaches=self.curated(r["skills"]),
                    requires_programmes=tuple(r.get("requires", ())),
                    duration_weeks=float(r["weeks"]),
                    credits=r.get("credits"),
                    credit_unit="osaamispiste" if r.get("credits") else None,
                    cost_eur=float(r.get("cost", 0.0)),
                    mode=r.get("mode", "blended" if r["id"].startswith("kotoutumis") else "contact"),
                    municipality=None if r.get("mode") == "online" else "Lahti",
                    admission="dates",
                    target_groups=tuple(r.get("target_groups", ())),
                    source=Source(diaarinumero=r.get("diaarinumero"), note=r.get("note", "illustrative course")),
                    estimated=tuple(
                        r.get("estimated", ["name", "duration_weeks", "cost_eur", "providers", "start_dates"])
                    ),
                )
            )
        for t in cur.TRIALS:
            sector = t["sector"]
            providers = (t["provider"],) if "provider" in t else (f"employer-{slug(sector)}", "tyovoimakoulutus")
            town = cur.SECTORS[sector][1] if sector else "Lahti"
            out.append(
                Programme(
                    id=t["id"],
                    kind="trial",
                    name={"fi": t["fi"], "en": t["en"]},
                    providers=providers,
                    teaches=self.curated(t["skills"], 0.3),
                    duration_weeks=8.0,
                    mode="workplace",
                    municipality=town,
                    eligibility="Job seekers registered with the employment authority; a trial is unpaid and lasts "
                    "at most six months in one workplace.",
                    target_groups=("unemployed",),
                    source=Source(note="illustrative work or training trial (työkokeilu / koulutuskokeilu)"),
                    estimated=("duration_weeks", "providers", "municipality"),
                )
            )
        return out


def _given(
    links: dict[str, tuple[SkillLink, ...]], _texts: Mapping[str, Sequence[str]]
) -> dict[str, tuple[SkillLink, ...]]:
    """A mapper that returns links already computed (the build maps a qualification's units with their names)."""
    return links


def _merge(*groups: tuple[SkillLink, ...]) -> tuple[SkillLink, ...]:
    best: dict[str, SkillLink] = {}
    for links in groups:
        for link in links:
            if link.uri not in best or link.strength > best[link.uri].strength:
                best[link.uri] = link
    return tuple(best.values())


def _scaled(links: tuple[SkillLink, ...], factor: float) -> tuple[SkillLink, ...]:
    return tuple(link.model_copy(update={"strength": round(link.strength * factor, 3)}) for link in links)


def read_cache() -> dict[str, list[tuple[str, float]]]:
    out: dict[str, list[tuple[str, float]]] = {}
    if not CACHE.is_file():
        return out
    with gzip.open(CACHE, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(row["text"], []).append((row["uri"], float(row["score"])))
    return out


def write_cache(rankings: dict[str, list[tuple[str, float]]]) -> None:
    CACHE.parent.mkdir(exist_ok=True)
    with gzip.open(CACHE, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "rank", "uri", "score"])
        for text in sorted(rankings):
            for rank, (uri, score) in enumerate(rankings[text], start=1):
                writer.writerow([text, rank, uri, f"{score:.5f}"])


OCCUPATIONS = HERE / "qualification_occupations.csv"
OCCUPATION_STRENGTH = 0.8  # a qualification teaches what its occupation needs, though not every skill in full


def with_occupation_skills(tax: osa.Taxonomy, programmes: list[Programme], path: Path = OCCUPATIONS) -> list[Programme]:
    """Add the essential skills of each qualification's occupation(s) to what it teaches.

    Finnish vocational qualifications are built on the competence requirements of the occupations they
    lead to (the tutkintonimike): a logistics PT's warehouse osaamisala prepares a warehouse worker. The
    automatic mapping of requirement sentences finds only parts of that (most growth-sector
    qualifications come with no requirement texts at all), so ``qualification_occupations.csv`` links
    qualifications and osaamisalat to ESCO occupations by hand, and their essential skills become links
    with provenance ``mapped:occupation`` (the occupation named as evidence). Apprenticeship variants,
    built from the qualifications afterwards, inherit them.

    Raises:
        SystemExit: A row names a programme that does not exist or an occupation label that is not
            exactly one ESCO occupation's Finnish preferred label.
    """
    by_label: dict[str, list[str]] = {}
    for uri, label in zip(tax.occupations["uri"], tax.occupations["label_fi"], strict=True):
        by_label.setdefault(str(label).lower(), []).append(str(uri))
    ids = {p.id for p in programmes}
    wanted: dict[str, list[str]] = {}
    problems = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            uris = by_label.get(row["occupation_fi"].strip().lower(), [])
            if row["programme_id"] not in ids:
                problems.append(f"{path.name} row {line}: unknown programme {row['programme_id']!r}")
            elif len(uris) != 1:
                problems.append(f"{path.name} row {line}: {row['occupation_fi']!r} names {len(uris)} occupations")
            else:
                wanted.setdefault(row["programme_id"], []).append(uris[0])
    if problems:
        raise SystemExit("\n".join(problems))
    out = []
    for p in programmes:
        links = list(p.teaches)
        have = {link.uri for link in links}
        for occupation in wanted.get(p.id, []):
            label = tax.label(occupation, "fi")
            for skill in tax.essential_skills(occupation):
                if skill not in have:
                    have.add(skill)
                    evidence = f"olennainen taito ammatissa {label}"
                    links.append(
                        SkillLink(
                            uri=skill,
                            strength=OCCUPATION_STRENGTH,
                            provenance="mapped:occupation",
                            score=OCCUPATION_STRENGTH,
                            evidence=evidence,
                        )
                    )
        out.append(p.model_copy(update={"teaches": tuple(links)}) if len(links) > len(p.teaches) else p)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, required=True, help="the folder of the source data sets")
    parser.add_argument("--remap", action="store_true", help="rank every requirement text again")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--top-k", type=int, default=DEFAULT_TOP_K)
    args = parser.parse_args()
    started = time.perf_counter()
    b = Builder(args.shared, remap=args.remap, threshold=args.threshold, top_k=args.top_k)
    providers = b.providers()
    vocational = with_occupation_skills(b.tax, b.eperusteet() + b.facts_qualifications())
    parts = {
        "providers.json": ([], providers),
        "vocational.json": (vocational, []),
        "apprenticeships.json": (b.apprenticeships(vocational), []),
        "higher_education.json": (b.higher_education(), []),
        "courses.json": (b.courses(), []),
    }
    write_cache(b.rankings)
    if b.missing_labels:
        raise SystemExit(f"unknown skill labels: {sorted(b.missing_labels)}")
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    for name, (programmes, provs) in parts.items():
        write_catalogue_file(OUT / name, programmes, provs, schema="../schema.json")
    (HERE / "schema.json").write_text(
        json.dumps(catalogue_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    catalogue = Catalogue.from_files(OUT, taxonomy=b.tax)
    print(catalogue)
    counts = catalogue.to_frame().groupby("kind").size().to_dict()
    mapped = sum(1 for p in catalogue for link in p.teaches if link.provenance.startswith("mapped:"))
    print(f"  by kind: {counts}; mapped links: {mapped}; built in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
