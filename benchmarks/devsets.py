"""Loaders for the dev sets in ``benchmarks/data/`` (see its README), with gold labels as ESCO URIs."""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from osaaminen import Taxonomy

DATA = Path(__file__).resolve().parent / "data"
_SPECIAL = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}


@dataclass(frozen=True)
class Example:
    """One labelled text."""

    id: str
    text: str
    language: str
    skills: frozenset[str]
    occupations: frozenset[str] = field(default_factory=frozenset)


def _uri_by_label(taxonomy: Taxonomy, table: str = "skills") -> dict[str, str]:
    frame = getattr(taxonomy, table)
    return {
        " ".join(str(label).replace(",", " , ").split()): uri
        for label, uri in zip(frame["label_en"], frame["uri"], strict=True)
    }


def _lookup(index: dict[str, str], label: str) -> str | None:
    return index.get(" ".join(label.replace(",", " , ").split()))


def decorte(taxonomy: Taxonomy, split: str) -> list[Example]:
    """TECH or HOUSE validation sentences (``split`` = ``"tech"`` or ``"house"``) with their gold skills."""
    frame = pd.read_csv(DATA / "decorte_skill_extraction" / f"{split}_validation_annotations.csv", dtype=str)
    frame = frame[~frame["label"].isin(_SPECIAL) & frame["label"].notna()]
    index = _uri_by_label(taxonomy)
    examples = []
    for i, (sentence, group) in enumerate(frame.groupby("sentence", sort=False)):
        uris = {uri for label in group["label"] if (uri := _lookup(index, label))}
        if uris:
            examples.append(Example(f"{split}_{i:03d}", str(sentence), "en", frozenset(uris)))
    return examples


def skillskape(taxonomy: Taxonomy, split: str = "dev") -> list[Example]:
    """SkillSkape synthetic sentences (``train`` or ``dev``) with gold skills (rows without one dropped)."""
    frame = pd.read_csv(DATA / "skillskape" / f"{split}.csv.gz", dtype=str)
    index = _uri_by_label(taxonomy)
    examples = []
    for i, (sentence, labels) in enumerate(zip(frame["sentence"], frame["skills"], strict=True)):
        uris = {uri for label in ast.literal_eval(labels) if (uri := _lookup(index, label))}
        if uris:
            examples.append(Example(f"skillskape_{split}_{i:04d}", sentence, "en", frozenset(uris)))
    return examples


def _jsonl(folder: str, name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / folder / name).read_text("utf-8").splitlines()]


def _sentences(folder: str, name: str, lang: str) -> list[Example]:
    rows = _jsonl(folder, name)
    return [Example(r["id"], r[f"text_{lang}"], lang, frozenset(r["gold_skill_uris"])) for r in rows]


def _histories(folder: str, name: str, lang: str) -> list[Example]:
    return [
        Example(r["id"], r[f"text_{lang}"], lang, frozenset(r["gold_skill_uris"]), frozenset(r["gold_occupation_uris"]))
        for r in _jsonl(folder, name)
    ]


def finnish_sentences() -> list[Example]:
    """The 40 benchmark sentences translated into Finnish."""
    return _sentences("fi_dev", "translated_sentences_dev.jsonl", "fi")


def finnish_histories() -> list[Example]:
    """The 15 Finnish work histories with gold skills and occupations."""
    return _histories("fi_dev", "native_histories_dev.jsonl", "fi")


def english_backtranslations() -> list[Example]:
    """The 40 Finnish benchmark sentences translated back into English (gold unchanged; see ``en_dev/README.md``)."""
    return _sentences("en_dev", "translated_sentences_en_dev.jsonl", "en")


def swedish_sentences() -> list[Example]:
    """The 40 Finnish benchmark sentences translated on into Swedish (gold unchanged; see ``sv_dev/README.md``)."""
    return _sentences("sv_dev", "translated_sentences_sv_dev.jsonl", "sv")


def swedish_histories() -> list[Example]:
    """The 15 Finnish work histories translated into Swedish, with the Finnish gold skills and occupations."""
    return _histories("sv_dev", "native_histories_sv_dev.jsonl", "sv")


def job_titles(taxonomy: Taxonomy, limit: int | None = None, seed: int = 0) -> list[Example]:
    """JobBERT validation titles whose occupation is in the taxonomy (a stratified-by-chance sample if ``limit``)."""
    frame = pd.read_csv(DATA / "jobbert_titles" / "titles.csv.gz", dtype=str, index_col=0)
    known = set(taxonomy.occupations["uri"])
    frame = frame[frame["conceptUri"].isin(known)]
    if limit is not None and limit < len(frame):
        frame = frame.sample(n=limit, random_state=seed)
    return [
        Example(f"title_{i}", title, "en", frozenset(), frozenset({uri}))
        for i, (title, uri) in enumerate(zip(frame["vacancyTitle"], frame["conceptUri"], strict=True))
    ]
