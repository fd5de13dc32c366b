"""Write a SYNTHETIC cohort of work histories for notebooks/03_cohort_planning.ipynb and benchmarks/cohort.py.

Every history is invented from templates: no real person is described. Sectors: industry/metal,
logistics, care, cleaning, construction, restaurant, retail, ICT. Languages: mostly Finnish (plain,
colloquial and learner Finnish), some English and Swedish. Experience from a few months to decades.

    python notebooks/data/make_synthetic_cohort.py [--n 400] [--seed 7] [--out notebooks/data/synthetic_cohort.csv]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

SECTORS: dict[str, dict[str, list[str]]] = {
    "metal": {
        "fi": [
            "Hitsaaja, konepaja {y1}-{y2}. MIG- ja TIG-hitsausta, teräsrakenteiden kokoonpanoa, "
            "piirustusten lukemista.",
            "Työskentelin koneistajana {n} vuotta. CNC-sorvin ja jyrsimen käyttö, mittaus työntömitalla "
            "ja mikrometrillä.",
            "Levyseppä {y1}-{y2}: särmäys, leikkaus ja hitsaus. Trukkikortti.",
        ],
        "colloquial": ["Oon hitsannu {n} vuotta konepajalla, mig ja puikko, vähän tig:iä kans. Trukkikortti löytyy."],
        "learner": ["Minä olen tehnyt hitsaus työ {n} vuotta. Minä osaan mig hitsaus ja metalli leikkaus."],
        "en": ["Welder at a steel workshop {y1}-{y2}: MIG/MAG welding, reading technical drawings, assembling frames."],
        "sv": ["Svetsare på verkstad {y1}-{y2}. MIG-svetsning och montering av stålkonstruktioner."],
    },
    "logistics": {
        "fi": [
            "Varastotyöntekijä {y1}-{y2}: keräily, trukin kuljetus, vastaanotto ja inventaario. Trukkikortti.",
            "Kuljettaja {n} vuotta, C-kortti ja ammattipätevyys. Jakelua Päijät-Hämeessä, kuormien sidonta.",
            "Logistiikkaa: tilausten keräily käsipäätteellä, lähetysten pakkaus ja SAP-kirjaukset.",
        ],
        "colloquial": ["Oon ollu varastolla keräilijänä {n} vuotta, trukilla ajoo ja lavojen käärimistä."],
        "learner": ["Minä työskentelin varasto {n} vuotta. Minä keräsin tilaukset ja ajoin trukki."],
        "en": ["Warehouse operative {y1}-{y2}: order picking, forklift driving, goods receiving and stock counts."],
        "sv": ["Lagerarbetare {y1}-{y2}: plockning, truckkörning och inventering."],
    },
    "care": {
        "fi": [
            "Hoiva-avustaja vanhusten palvelutalossa {y1}-{y2}: avustaminen päivittäisissä toimissa, "
            "ruokailu ja hygienia.",
            "Kotihoidon työntekijä {n} vuotta: lääkkeiden jakaminen, asiakkaan voinnin seuranta, kirjaaminen.",
            "Lastenhoitaja päiväkodissa, leikkiä ja ulkoilua lasten kanssa. Ensiapukortti EA1.",
        ],
        "colloquial": ["Tein keikkaa hoivakodissa {n} vuotta, vanhusten pesut ja syöttämiset, aika raskasta."],
        "learner": ["Minä olen hoitanut vanhuksia {n} vuotta. Minä autan syöminen ja peseminen."],
        "en": ["Care assistant in elderly care {y1}-{y2}: personal care, feeding, documenting client wellbeing."],
        "sv": ["Vårdbiträde inom äldreomsorgen {y1}-{y2}: personlig omvårdnad och dokumentation."],
    },
    "cleaning": {
        "fi": [
            "Laitossiivooja {y1}-{y2}: toimistojen ja sairaalan siivous, koneellinen lattianhoito, puhdistusaineet.",
            "Siivooja {n} vuotta. Ylläpitosiivous, jätteiden lajittelu, ikkunanpesu.",
        ],
        "colloquial": ["Siivoilin toimistoja {n} vuotta iltaisin, imurointia, lattioiden pesua ja roskien vientiä."],
        "learner": ["Minä olen siivooja {n} vuotta. Minä pesen lattia ja vessa."],
        "en": ["Office cleaner {y1}-{y2}: daily cleaning, floor care machines, waste sorting."],
        "sv": ["Städare {y1}-{y2}: kontorsstädning och golvvård."],
    },
    "construction": {
        "fi": [
            "Rakennusmies {y1}-{y2}: muottityöt, raudoitus ja betonivalut. Työturvallisuuskortti.",
            "Kirvesmies {n} vuotta, puurakenteet, lattioiden ja kattojen asennus.",
            "Maalari: pintojen esikäsittely, tasoitus ja maalaus sisätiloissa.",
        ],
        "colloquial": [
            "Oon ollu rakennuksilla apumiehenä {n} vuotta, kanniskelua, purkua ja siivousta. Tulityökortti."
        ],
        "learner": ["Minä tein rakennus työ {n} vuotta. Minä kannan tavarat ja teen betoni."],
        "en": ["Construction worker {y1}-{y2}: formwork, concrete pouring, scaffolding. Occupational safety card."],
        "sv": ["Byggarbetare {y1}-{y2}: formsättning, armering och gjutning."],
    },
    "restaurant": {
        "fi": [
            "Kokki lounasravintolassa {y1}-{y2}: ruoanvalmistus, leipominen, omavalvonta. Hygieniapassi.",
            "Keittiöapulainen {n} vuotta: astianpesu, kasvisten esikäsittely, keittiön siisteys.",
            "Tarjoilija ravintolassa, asiakaspalvelu, kassa ja anniskelu. Anniskelupassi.",
        ],
        "colloquial": ["Tein pizzaa ja kebabia {n} vuotta, kassalla myös. Hygieniapassi on."],
        "learner": ["Minä olen kokki {n} vuotta. Minä teen ruoka ja pesen astiat. Minulla on hygieniapassi."],
        "en": ["Line cook {y1}-{y2}: preparing dishes, food safety, kitchen hygiene. Hygiene passport."],
        "sv": ["Kock på lunchrestaurang {y1}-{y2}: matlagning och bakning. Hygienpass."],
    },
    "retail": {
        "fi": [
            "Myyjä päivittäistavarakaupassa {y1}-{y2}: kassatyö, hyllytys, tilaukset ja asiakaspalvelu.",
            "Myymäläpäällikkö {n} vuotta, työvuorosuunnittelu, myynnin seuranta ja henkilöstön perehdytys.",
        ],
        "colloquial": ["Olin kaupan kassalla ja hyllyttämässä {n} vuotta, asiakkaiden kanssa juttelua."],
        "learner": ["Minä olen myyjä kauppa {n} vuotta. Minä teen kassa ja autan asiakas."],
        "en": ["Retail sales assistant {y1}-{y2}: checkout, shelf filling, customer service."],
        "sv": ["Butiksbiträde {y1}-{y2}: kassaarbete och kundservice."],
    },
    "ict": {
        "fi": [
            "IT-tukihenkilö {y1}-{y2}: käyttäjätuki, työasemien asennus, Microsoft 365 -ylläpito.",
            "Ohjelmistokehittäjä {n} vuotta: Python, SQL-tietokannat, web-sovellukset.",
        ],
        "colloquial": ["Korjailin kavereiden koneita ja tein helpdeskiä {n} vuotta, windowsit ja tulostimet."],
        "learner": ["Minä olen tehnyt IT tuki {n} vuotta. Minä asennan tietokone ja ohjelmat."],
        "en": ["Software developer {y1}-{y2}: Python, SQL databases, testing and code review."],
        "sv": ["IT-supporttekniker {y1}-{y2}: användarsupport och installation av datorer."],
    },
}

SECTOR_WEIGHTS = {
    "metal": 3,
    "logistics": 3,
    "care": 3,
    "cleaning": 2,
    "construction": 2,
    "restaurant": 2,
    "retail": 2,
    "ict": 1,
}
STYLE_WEIGHTS = {"fi": 55, "colloquial": 15, "learner": 12, "en": 12, "sv": 6}
EXTRAS = {
    "fi": [
        "Ajokortti B.",
        "Ensiapukortti EA1.",
        "Hygieniapassi.",
        "Työturvallisuuskortti.",
        "Ei kokemusta esimiestyöstä.",
    ],
    "en": ["Driving licence B.", "First aid certificate.", "Fluent in Finnish and English."],
    "sv": ["Körkort B.", "Första hjälpen-kurs."],
}


def history(rng: random.Random) -> tuple[str, str, str, str]:
    """One invented history: (text, sector, style, experience level)."""
    sectors = rng.sample(list(SECTOR_WEIGHTS), k=1, counts=list(SECTOR_WEIGHTS.values()))
    if rng.random() < 0.3:  # a career change: a second sector
        sectors.append(rng.choice([s for s in SECTOR_WEIGHTS if s != sectors[0]]))
    style = rng.sample(list(STYLE_WEIGHTS), k=1, counts=list(STYLE_WEIGHTS.values()))[0]
    years = rng.choice([0.5, 1, 2, 3, 5, 8, 12, 20])
    level = "entry" if years < 2 else "experienced" if years < 10 else "senior"
    parts = []
    end = rng.randint(2015, 2025)
    for sector in sectors:
        template = rng.choice(SECTORS[sector][style])
        start = end - max(1, round(years))
        parts.append(template.format(y1=start, y2=end, n=years if years >= 1 else "puoli"))
        end = start
    extra_lang = style if style in EXTRAS else "fi"
    parts.extend(rng.sample(EXTRAS[extra_lang], k=rng.randint(0, 2)))
    return "\n".join(parts), "+".join(sectors), style, level


def main() -> None:
    """Write the CSV."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("synthetic_cohort.csv"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "sector", "style", "experience", "synthetic"])
        for i in range(args.n):
            text, sector, style, level = history(rng)
            writer.writerow([f"S{i:04d}", text, sector, style, level, "yes"])
    sys.stdout.write(f"wrote {args.n} synthetic histories to {args.out}\n")


if __name__ == "__main__":
    main()
