"""Fit the fusion weights and score calibration of the recogniser on the dev sets; write calibration.json.

For each language and table (skills, occupations):

1. fusion weights of the dense, word and character channels: a grid search maximising mean RP@5
   (skills) or MRR (occupations) on the dev sets of that language;
2. a logistic calibration of the fused score into a probability: fitted on the top-30 candidates of
   every dev text, labelled by the gold set, so that a score means "share of such matches that are
   right", the same across languages;
3. a default threshold chosen for precision first: the lowest score at which the dev precision of the
   candidates above it reaches the target (``--precision``, 0.6), else the best F0.5. The dev gold sets
   are incomplete (annotators marked some skills of a sentence, not all), so measured precision is a
   lower bound.

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


Weights = tuple[float, float, float, float]


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
    best: tuple[Weights, float] = ((0.25, 0.25, 0.3, 0.2), -1.0)
    for dense_en, dense_own, words in itertools.product(GRID, GRID, GRID):
        chars = round(1.0 - dense_en - dense_own - words, 2)
        if chars < 0 or (lang == "en" and dense_own > 0):  # for English both dense channels are the same
            continue
        weights = (dense_en, dense_own, words, chars)
        score = quality(items, uris, weights, table)
        if score > best[1]:
            best = (weights, score)
    return best


def fit_calibration(
    items: list[Prepared], uris: np.ndarray, weights: Weights, table: str, precision: float
) -> tuple[float, float, float]:
    scores: list[float] = []
    labels: list[bool] = []
    for item in items:
        values = fused(item, weights)
        top = np.argsort(-values)[:30]
        g = gold(item, table)
        scores.extend(values[top])
        labels.extend(str(uris[i]) in g for i in top)
    model = LogisticRegression(C=10.0).fit(np.asarray(scores)[:, None], np.asarray(labels))
    slope, intercept = float(model.coef_[0, 0]), float(model.intercept_[0])
    probs = 1.0 / (1.0 + np.exp(-(slope * np.asarray(scores) + intercept)))
    truth = np.asarray(labels)
    candidates = [c for c in np.arange(0.05, 0.96, 0.01) if (probs >= c).sum() >= 5]
    reaching = [c for c in candidates if truth[probs >= c].mean() >= precision]
    if reaching:
        threshold = float(round(reaching[0], 2))
    else:
        # The target is out of reach on this language's dev data: take the best F0.5 (precision first).
        def f_half(c: float) -> float:
            kept = probs >= c
            p, r = truth[kept].mean(), truth[kept].sum() / max(truth.sum(), 1)
            return float(1.25 * p * r / (0.25 * p + r)) if p + r else 0.0

        threshold = float(round(max(candidates, key=f_half), 2)) if candidates else 0.5
    return slope, intercept, threshold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", type=float, default=0.6, help="dev precision the default threshold aims at")
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
    for (table, lang), examples in sets.items():
        uris = rec._ensure_index().scorer(table).uris
        items = prepare(rec, examples, table)
        weights, score = fit_weights(items, uris, table, lang)
        slope, intercept, threshold = fit_calibration(items, uris, weights, table, args.precision)
        calibration = Calibration(*weights, slope=slope, intercept=intercept, threshold=threshold)
        result[table][lang] = {k: round(v, 4) for k, v in asdict(calibration).items()}
        print(
            f"{table:12} {lang}: weights {weights} -> {'RP@5' if table == 'skills' else 'MRR'} {score:.3f}; "
            f"slope {slope:.3f} intercept {intercept:.3f} threshold {threshold}"
        )
    for table in result:
        # Languages without dev data (sv, ...) take the Finnish fit: both are matched mostly cross-lingually.
        result[table]["*"] = result[table]["fi"]
    OUT.write_text(
        json.dumps(
            {
                "note": "Written by benchmarks/tune_recognition.py from the dev sets; do not edit by hand.",
                "precision_target": args.precision,
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
