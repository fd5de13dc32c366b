"""Fit the fusion weights and score calibration of the recogniser on the dev sets; write calibration.json.

For each language and table (skills, occupations):

1. fusion weights of the dense, word and character channels: a grid search maximising mean RP@5
   (skills) or MRR (occupations) on the dev sets of that language;
2. a logistic calibration of the fused score (and of its gap to the unit's best) into a probability,
   fitted on the top-30 candidates of every dev text labelled by the gold set, so that a score means
   "share of such matches that are right", the same across languages and text lengths;
3. a default threshold chosen for precision first: the one that maximises F0.5 (``--beta``) of the
   candidates above it. The dev gold sets are incomplete (annotators marked some skills of a sentence,
   not all), so measured precision is a lower bound.

Run: ``.venv/bin/python benchmarks/tune_recognition.py`` (minutes; uses the default encoder).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devsets

import osaaminen as osa
from osaaminen.recognition import evaluation
from osaaminen.recognition.scoring import Calibration, ChannelScores

OUT = Path(osa.__file__).resolve().parent / "recognition" / "calibration.json"
GRID = [round(x, 2) for x in np.arange(0.0, 1.01, 0.1)]
# A label written word for word always counts (weight >= 1): the dev sets are too small to be trusted
# to switch off the one channel whose evidence a coach can verify at a glance.
EXACT_GRID = [1.0, 2.0, 3.0, 5.0, 8.0]


@dataclass
class Prepared:
    """Channel scores of one example's units, kept to re-fuse with any weights."""

    example: devsets.Example
    channels: ChannelScores


def prepare(rec: osa.SkillRecogniser, examples: Sequence[devsets.Example], table: str) -> list[Prepared]:
    index = rec._ensure_index()
    scorer = index.scorer(table)
    out = []
    for example in examples:
        units = rec._units(example.text, example.language, per_segment=False)
        if not units.texts:
            continue
        out.append(Prepared(example, scorer.channels(units.texts, units.languages)))
    return out


Weights = tuple[float, float, float, float, float]


def fused(prepared: Prepared, weights: Weights) -> np.ndarray:
    best: np.ndarray = np.max(prepared.channels.fuse(weights), axis=0)
    return best


def gold(prepared: Prepared, table: str) -> frozenset[str]:
    return prepared.example.skills if table == "skills" else prepared.example.occupations


def quality(items: list[Prepared], uris: np.ndarray, weights: Weights, table: str) -> float:
    values = []
    for item in items:
        ranked = [str(uris[i]) for i in np.argsort(-fused(item, weights))[:10]]
        g = gold(item, table)
        values.append(evaluation.rp_at_k(ranked, g, 5) if table == "skills" else evaluation.reciprocal_rank(ranked, g))
    return evaluation.mean(values)


def fit_weights(items: list[Prepared], uris: np.ndarray, table: str, lang: str) -> tuple[Weights, float]:
    best: tuple[Weights, float] = ((0.25, 0.25, 0.3, 0.2, 0.0), -1.0)
    for dense_en, dense_own, words in itertools.product(GRID, GRID, GRID):
        chars = round(1.0 - dense_en - dense_own - words, 2)
        if chars < 0 or (lang == "en" and dense_own > 0):  # for English both dense channels are the same
            continue
        weights = (dense_en, dense_own, words, chars, 0.0)
        score = quality(items, uris, weights, table)
        if score > best[1]:
            best = (weights, score)
    # A spotted label adds a fixed bonus on top of the z-scored channels.
    main = best[0][:4]
    scored = [((*main, exact), quality(items, uris, (*main, exact), table)) for exact in EXACT_GRID]
    return max(scored, key=lambda pair: pair[1])


def fit_calibration(
    groups: list[tuple[list[Prepared], Weights]], uris: np.ndarray, table: str, beta: float
) -> tuple[float, float, float, list[float], float]:
    """Logistic calibration on (fused score, gap to the unit's best, raw closeness) of each text's top 30.

    One fit for all languages of a table (each fused with its own weights) with one intercept per
    language: the slopes are shared, so the small Finnish sets cannot overfit them, while the intercept
    absorbs that the same fused score means less in a language the encoder handles worse. A score then
    means the same in every language. Returns slopes, per-group intercepts and the threshold.
    """
    rows: list[list[float]] = []
    labels: list[bool] = []
    for group, (items, weights) in enumerate(groups):
        features_, labels_ = _candidates(items, uris, weights, table)
        indicator = [1.0 if g == group else 0.0 for g in range(len(groups))]
        rows.extend([*f, *indicator] for f in features_)
        labels += labels_
    x, truth = np.asarray(rows), np.asarray(labels)
    model = LogisticRegression(C=10.0, fit_intercept=False).fit(x, truth)
    slope, gap_slope, closeness, *intercepts = (float(v) for v in model.coef_[0])
    probs = model.predict_proba(x)[:, 1]
    candidates: list[float] = [float(c) for c in np.arange(0.05, 0.96, 0.01) if (probs >= c).sum() >= 5]

    def f_beta(c: float) -> float:
        kept = probs >= c
        p, r = truth[kept].mean(), truth[kept].sum() / max(truth.sum(), 1)
        return float((1 + beta**2) * p * r / (beta**2 * p + r)) if p + r else 0.0

    threshold = round(float(max(candidates, key=f_beta)), 2) if candidates else 0.5
    return slope, gap_slope, closeness, intercepts, threshold


def _candidates(
    items: list[Prepared], uris: np.ndarray, weights: Weights, table: str
) -> tuple[list[tuple[float, float, float]], list[bool]]:
    features: list[tuple[float, float, float]] = []
    labels: list[bool] = []
    for item in items:
        per_unit = item.channels.fuse(weights)
        gap = per_unit - per_unit.max(axis=1, keepdims=True)
        best_unit = per_unit.argmax(axis=0)
        top = np.argsort(-per_unit.max(axis=0))[:30]
        g = gold(item, table)
        for concept in top:
            unit = best_unit[concept]
            raw = float(item.channels.raw_chars[unit, concept])
            features.append((float(per_unit[unit, concept]), float(gap[unit, concept]), raw))
            labels.append(str(uris[concept]) in g)
    return features, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beta", type=float, default=0.5, help="the threshold maximises F-beta (< 1: precision first)")
    parser.add_argument("--titles", type=int, default=2000, help="job titles sampled for the occupation weights")
    args = parser.parse_args()

    tax = osa.load_esco()
    rec = osa.SkillRecogniser(tax)
    sets = {
        ("skills", "en"): devsets.decorte(tax, "tech") + devsets.decorte(tax, "house"),
        ("skills", "fi"): devsets.finnish_sentences() + devsets.finnish_histories(),
        ("occupations", "en"): devsets.job_titles(tax, limit=args.titles),
        ("occupations", "fi"): devsets.finnish_histories(),
    }
    result: dict[str, dict[str, dict[str, float]]] = {"skills": {}, "occupations": {}}
    fitted: dict[tuple[str, str], tuple[list[Prepared], Weights]] = {}
    for (table, lang), examples in sets.items():
        uris = rec._ensure_index().scorer(table).uris
        items = prepare(rec, examples, table)
        weights, score = fit_weights(items, uris, table, lang)
        fitted[(table, lang)] = (items, weights)
        print(f"{table:12} {lang}: weights {weights} -> {'RP@5' if table == 'skills' else 'MRR'} {score:.3f}")
    for table in result:
        uris = rec._ensure_index().scorer(table).uris
        langs = [lang for (t, lang) in fitted if t == table]
        groups = [fitted[(table, lang)] for lang in langs]
        slope, gap, closeness, intercepts, threshold = fit_calibration(groups, uris, table, args.beta)
        print(
            f"{table:12} slope {slope:.3f} gap {gap:.3f} closeness {closeness:.3f} intercepts "
            f"{dict(zip(langs, np.round(intercepts, 3), strict=True))} threshold {threshold}"
        )
        for lang, intercept, (_, weights) in zip(langs, intercepts, groups, strict=True):
            calibration = Calibration(
                *weights, slope=slope, gap=gap, closeness=closeness, intercept=intercept, threshold=threshold
            )
            result[table][lang] = {k: round(float(v), 4) for k, v in asdict(calibration).items()}
    for table in result:
        # Languages without dev data (sv, ...) take the Finnish fit: both are matched mostly cross-lingually.
        result[table]["*"] = result[table]["fi"]
    OUT.write_text(
        json.dumps(
            {
                "note": "Written by benchmarks/tune_recognition.py from the dev sets; do not edit by hand.",
                "threshold_f_beta": args.beta,
                "calibration": result,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
