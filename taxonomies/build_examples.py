"""Build the labelled example sentences the recogniser votes with: SkillSkape *train*, labels as ESCO URIs.

SkillSkape (Magron et al. 2024, JobSkape, MIT) is a set of synthetic English job-ad sentences, each
labelled with the ESCO skills it expresses. Its train split is the one data set the recognition issue
allows a learned component to be trained on; the dev split and the Decorte TECH / HOUSE sets stay for
measuring. This script maps each label (an English preferred label of ESCO v1.1.1) to its URI, drops
labels that map to nothing ("UNK") and sentences left with no label, and writes
``taxonomies/esco/v1.1.1/examples/skillskape_train.csv.gz`` (columns ``text``, ``skill_uris`` separated
by spaces). ``taxonomies/build_concept_vectors.py`` then embeds the sentences for the shipped index.

Run from the project root: ``.venv/bin/python taxonomies/build_examples.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd

import osaaminen as osa

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "benchmarks" / "data" / "skillskape" / "train.csv.gz"
OUT = ROOT / "taxonomies" / "esco" / "v1.1.1" / "examples" / "skillskape_train.csv.gz"


def _normal(label: str) -> str:
    return " ".join(label.replace(",", " , ").split())


def main() -> None:
    tax = osa.load_esco(languages=("en",))
    by_label = {_normal(str(label)): uri for label, uri in zip(tax.skills["label_en"], tax.skills["uri"], strict=True)}
    frame = pd.read_csv(SOURCE, dtype=str)
    rows = []
    unmapped = 0
    for sentence, labels in zip(frame["sentence"], frame["skills"], strict=True):
        uris = []
        for label in ast.literal_eval(labels):
            uri = by_label.get(_normal(label))
            if uri is None:
                unmapped += 1
            elif uri not in uris:
                uris.append(uri)
        if uris:
            rows.append({"text": " ".join(str(sentence).split()), "skill_uris": " ".join(uris)})
    out = pd.DataFrame(rows).drop_duplicates("text")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(OUT, index=False, compression={"method": "gzip", "mtime": 0})
    print(
        f"{len(out):,} sentences, {out.skill_uris.str.split().explode().nunique():,} distinct skills "
        f"({unmapped:,} labels not in ESCO v1.1.1 dropped) -> {OUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
