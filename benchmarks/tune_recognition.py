"""Fit the fusion weights and score calibration of the recogniser on the dev sets; write calibration.json.

For each language and table (skills, occupations):

1. fusion weights: a grid search maximising the mean over that language's dev sets of RP@5 (sentences),
   RP@10 (work histories: long texts with many gold skills) or MRR (occupations), each set counting
   equally however many texts it has. First the mix of the four z-scored channels (summing to 1), then
   the additive terms (a spotted label, the example votes, the raw dense and character cosines), then
   the word bridge into English (not for English), the penalty on enumeration items (skills only: a
   job title is an item too), then the mix again with those fixed; language sub-skills are folded into
   their language as ``recognise()`` does;
2. a logistic calibration per language of the fused score and the text's length (``log(1 + units)``)
   into a probability, fitted on the top-30 candidates of every dev text labelled by the gold set: the
   map is monotone, so it never reorders what the fusion ranked, and per language, so that a score
   means "share of such matches that are right" the same in every language and for every text length;
3. one default threshold for every language, chosen for precision first: the one that maximises F0.5
   (``--beta``) of the candidates above it, pooled over the languages. The dev gold sets are incomplete
   (annotators marked some skills of a sentence, not all), so measured precision is a lower bound.

Run: ``.venv/bin/python benchmarks/tune_recognition.py`` (a few minutes; uses the default encoder).
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
from osaaminen.recognition.languages import LanguageFold
from osaaminen.recognition.scoring import CHANNELS, Calibration, load_calibration

OUT = Path(osa.__file__).resolve().parent / "recognition" / "calibration.json"
MIX_GRID = [round(x, 2) for x in np.arange(0.0, 1.01, 0.1)]
# A label written word for word always counts (weight >= 2): the dev sets are too small to be trusted
# to switch off, or to weigh down, the one channel whose evidence a coach can verify at a glance. At 1
# the example votes (weight 16 in Finnish) could outrank it: "hygieniapassi ja työturvallisuuskortti"
# ranked "noudattaa hygieniavaatimuksia" above the card it names, with the same dev figures.
EXACT_GRID = [2.0, 4.0]
# Example votes are in 0..1, raw cosines too, while the z-scored mix reaches 5-10 for a clear match.
EXAMPLES_GRID = [0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0]
RAW_GRID = [0.0, 2.0, 5.0, 10.0, 20.0]
BRIDGE_GRID = [0.0, 0.1, 0.2, 0.4, 0.7]
# Fused scores of a strong match reach 15-35 (more in Finnish, where the raw character cosine weighs 10).
ITEM_PENALTY_GRID = [0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0]
CANDIDATES = 30
LENGTH_SPREAD = 0.5  # std of log(1 + units) below which the dev texts are all about as long

Weights = tuple[float, ...]  # the CHANNELS weights, then the item penalty


@dataclass
class Prepared:
    """One dev text's channels as a ``(units, concepts, channels)`` array, kept to re-fuse with any weights."""

    example: devsets.Example
    stack: np.ndarray
    metric: str  # "RP@5", "RP@10" or "MRR"
    items: np.ndarray  # which units are enumeration items (the item penalty applies to them)
    fold: LanguageFold | None = None  # skills: language sub-skills fold into their language, as in recognise()

    @property
    def units(self) -> int:
        return int(self.stack.shape[0])


def prepare(rec: osa.SkillRecogniser, examples: Sequence[devsets.Example], table: str, metric: str) -> list[Prepared]:
    scorer = rec._ensure_index().scorer(table)
    fold = LanguageFold.build(rec.taxonomy, scorer.uris) if table == "skills" else None
    out = []
    for example in examples:
        units = rec._units(example.text, example.language, per_segment=False).for_table(table)
        if not units.texts:
            continue
        channels = scorer.channels(units.texts, units.languages)
        stack = np.stack([getattr(channels, name) for name in CHANNELS], axis=-1)
        items = np.array([seg.kind == "item" for seg in units.segments], dtype=bool)
        out.append(Prepared(example, stack, metric, items, fold))
    return out


def fused(item: Prepared, weights: Weights) -> np.ndarray:
    """Per-unit fused scores ``(units, concepts)``."""
    result: np.ndarray = item.stack @ np.asarray(weights[: len(CHANNELS)], dtype=np.float32)
    if weights[len(CHANNELS)]:
        result[item.items] -= np.float32(weights[len(CHANNELS)])
    if item.fold is not None:
        result = item.fold.apply(result, item.stack[..., CHANNELS.index("exact")])
    return result


def gold(item: Prepared, table: str) -> frozenset[str]:
    return item.example.skills if table == "skills" else item.example.occupations


def quality(sets: list[list[Prepared]], uris: np.ndarray, weights: Weights, table: str) -> float:
    """Mean over the sets of each set's mean metric."""
    per_set = []
    for items in sets:
        values = []
        for item in items:
            ranked = [str(uris[i]) for i in np.argsort(-fused(item, weights).max(axis=0))[:10]]
            g = gold(item, table)
            if item.metric == "MRR":
                values.append(evaluation.reciprocal_rank(ranked, g))
            else:
                values.append(evaluation.rp_at_k(ranked, g, int(item.metric.removeprefix("RP@"))))
        per_set.append(evaluation.mean(values))
    return evaluation.mean(per_set)


def _fit_mix(
    sets: list[list[Prepared]], uris: np.ndarray, table: str, lang: str, extra: Weights
) -> tuple[Weights, float]:
    best: tuple[Weights, float] = ((0.25, 0.25, 0.25, 0.25, *extra), -1.0)
    for dense_en, dense_own, words in itertools.product(MIX_GRID, MIX_GRID, MIX_GRID):
        chars = round(1.0 - dense_en - dense_own - words, 2)
        if chars < 0 or (lang == "en" and dense_own > 0):  # for English both dense channels are the same
            continue
        weights = (dense_en, dense_own, words, chars, *extra)
        score = quality(sets, uris, weights, table)
        if score > best[1]:
            best = (weights, score)
    return best


def fit_weights(
    sets: list[list[Prepared]], uris: np.ndarray, table: str, lang: str, current: Weights | None = None
) -> tuple[Weights, float]:
    """The z-scored channels' mix, then the additive terms, then the mix again; never worse than ``current``.

    The search is greedy (one group of weights at a time), so a small change of the units can lead it to
    another local optimum; the committed weights, scored on the same data, are kept when they do better.
    """
    found = _search_weights(sets, uris, table, lang)
    if current is not None:
        kept = (current, quality(sets, uris, current, table))
        if kept[1] > found[1]:
            print(f"{table:12} {lang}: the committed weights do better ({kept[1]:.3f} > {found[1]:.3f}); kept")
            return kept
    return found


def _search_weights(sets: list[list[Prepared]], uris: np.ndarray, table: str, lang: str) -> tuple[Weights, float]:
    mix = _fit_mix(sets, uris, table, lang, (1.0, 0.0, 0.0, 0.0, 0.0, 0.0))[0][:4]
    # Occupations have no example sentences: their votes are all zero, so their weight stays 0.
    examples = EXAMPLES_GRID if table == "skills" else [0.0]
    scored = [
        ((*mix, *extra, 0.0, 0.0), quality(sets, uris, (*mix, *extra, 0.0, 0.0), table))
        for extra in itertools.product(EXACT_GRID, examples, RAW_GRID, RAW_GRID)
    ]
    best, _ = max(scored, key=lambda pair: pair[1])
    # The word bridge into English is all zeros for English units: its weight only matters elsewhere.
    if lang != "en":
        bridged = [((*best[:8], w, best[9]), quality(sets, uris, (*best[:8], w, best[9]), table)) for w in BRIDGE_GRID]
        best, _ = max(bridged, key=lambda pair: pair[1])
    # Job titles are items ("Hitsaaja, Konepaja Oy, ..."): for occupations an item is no weaker evidence.
    if table == "skills":
        penalised = [((*best[:9], p), quality(sets, uris, (*best[:9], p), table)) for p in ITEM_PENALTY_GRID]
        best, _ = max(penalised, key=lambda pair: pair[1])
    return _fit_mix(sets, uris, table, lang, best[4:])


def _committed(table: str, lang: str) -> Weights | None:
    """The weights in the committed calibration.json for ``table`` and ``lang`` (None when it has none).

    A word-for-word label weight under the grid's floor is raised to it, so kept weights obey the floor too.
    """
    try:
        calibration = load_calibration()[table][lang]
    except (KeyError, OSError, ValueError, TypeError):
        return None
    weights = list(calibration.weights)
    exact = CHANNELS.index("exact")
    weights[exact] = max(weights[exact], EXACT_GRID[0])
    return (*weights, calibration.item_penalty)


def candidates(items: list[Prepared], uris: np.ndarray, weights: Weights, table: str) -> tuple[np.ndarray, np.ndarray]:
    """(fused score, log(1 + units)) of each text's top candidates, and whether each is in the gold set."""
    features: list[tuple[float, float]] = []
    labels: list[bool] = []
    for item in items:
        best = fused(item, weights).max(axis=0)
        g = gold(item, table)
        for concept in np.argsort(-best)[:CANDIDATES]:
            features.append((float(best[concept]), float(np.log1p(item.units))))
            labels.append(str(uris[concept]) in g)
    return np.asarray(features), np.asarray(labels)


def fit_calibration(x: np.ndarray, truth: np.ndarray) -> tuple[float, float, float]:
    """Slope, length coefficient and intercept of the logistic map, for one language.

    The length term is fitted only where the dev texts vary in length: on job titles or single
    sentences it would be an extrapolation (fitted on titles alone it once discounted every
    three-unit English history below the threshold), so it stays 0 there.
    """
    if np.std(x[:, 1]) < LENGTH_SPREAD:
        model = LogisticRegression(C=10.0).fit(x[:, :1], truth)
        return float(model.coef_[0][0]), 0.0, float(model.intercept_[0])
    model = LogisticRegression(C=10.0).fit(x, truth)
    slope, length = (float(v) for v in model.coef_[0])
    return slope, length, float(model.intercept_[0])


def choose_threshold(probabilities: np.ndarray, truth: np.ndarray, beta: float) -> float:
    def f_beta(c: float) -> float:
        kept = probabilities >= c
        p, r = truth[kept].mean(), truth[kept].sum() / max(truth.sum(), 1)
        return float((1 + beta**2) * p * r / (beta**2 * p + r)) if p + r else 0.0

    grid = [float(c) for c in np.arange(0.05, 0.96, 0.01) if (probabilities >= c).sum() >= 5]
    best: float = max(grid, key=f_beta) if grid else 0.5
    return round(best, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beta", type=float, default=0.5, help="the threshold maximises F-beta (< 1: precision first)")
    parser.add_argument("--titles", type=int, default=2000, help="job titles sampled for the occupation weights")
    args = parser.parse_args()

    tax = osa.load_esco()
    rec = osa.SkillRecogniser(tax)
    sources = {
        ("skills", "en"): [(devsets.decorte(tax, "tech"), "RP@5"), (devsets.decorte(tax, "house"), "RP@5")],
        ("skills", "fi"): [(devsets.finnish_sentences(), "RP@5"), (devsets.finnish_histories(), "RP@10")],
        ("occupations", "en"): [(devsets.job_titles(tax, limit=args.titles), "MRR")],
        ("occupations", "fi"): [(devsets.finnish_histories(), "MRR")],
    }
    result: dict[str, dict[str, dict[str, float]]] = {"skills": {}, "occupations": {}}
    for table in result:
        uris = rec._ensure_index().scorer(table).uris
        fitted: dict[str, tuple[Weights, np.ndarray, np.ndarray]] = {}
        for (t, lang), parts in sources.items():
            if t != table:
                continue
            sets = [prepare(rec, examples, table, metric) for examples, metric in parts]
            weights, score = fit_weights(sets, uris, table, lang, _committed(table, lang))
            x, truth = candidates([item for items in sets for item in items], uris, weights, table)
            fitted[lang] = (weights, x, truth)
            shown = dict(zip((*CHANNELS, "item_penalty"), (round(float(w), 2) for w in weights), strict=True))
            print(f"{table:12} {lang}: {shown} -> mean of {[m for _, m in parts]} {score:.3f}", flush=True)
        maps = {lang: fit_calibration(x, truth) for lang, (_, x, truth) in fitted.items()}
        pooled_p, pooled_truth = [], []
        for lang, (_, x, truth) in fitted.items():
            slope, length, intercept = maps[lang]
            pooled_p.append(1.0 / (1.0 + np.exp(-(slope * x[:, 0] + length * x[:, 1] + intercept))))
            pooled_truth.append(truth)
        threshold = choose_threshold(np.concatenate(pooled_p), np.concatenate(pooled_truth), args.beta)
        for lang, (weights, _, _) in fitted.items():
            slope, length, intercept = maps[lang]
            named = dict(zip(CHANNELS, weights[: len(CHANNELS)], strict=True))
            calibration = Calibration(
                **named,
                slope=slope,
                length=length,
                intercept=intercept,
                threshold=threshold,
                item_penalty=weights[len(CHANNELS)],
            )
            result[table][lang] = {k: round(float(v), 4) for k, v in asdict(calibration).items()}
            print(f"{table:12} {lang}: slope {slope:.3f} length {length:.3f} intercept {intercept:.3f}")
        print(f"{table:12} threshold {threshold}")
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
