"""Cohort planning speed and peak memory: batch recognition, analysis and course design.

Histories are the synthetic templates of notebooks/data/make_synthetic_cohort.py (invented, no real
person). Recognition uses the default encoder (one encoder, batched texts) unless --hashing is given.
Memory is the process's peak resident set so far (it includes the taxonomy and the encoder, about
1 GiB before the first cohort). Figures are printed, never asserted.

    .venv/bin/python benchmarks/cohort.py            # 1,000 and 10,000 histories
    .venv/bin/python benchmarks/cohort.py --quick    # 200 and 1,000
    .venv/bin/python benchmarks/cohort.py --sizes 10000 --recognise-upto 2000

Figures (November 2026, 2 CPU cores shared with other jobs, default encoder, min_score 0.3; course design
with max_weeks=12, n_courses=3, threshold=0.5):

1,000 histories, all recognised:
    recognise + Cohort 299 s (0.30 s a text), tables 0.1 s, clusters 5.2 s, programme demand 0.9 s;
    design auto 0.8 s (MILP, optimal, 436 unlocked), greedy 0.2 s (413 unlocked); peak RSS 959 MiB.
10,000 histories, all recognised:
    recognise + Cohort 1,957 s (0.20 s a text, one encoder, batched), tables 0.3 s, clusters 2.9 s;
    design auto 2.5 s (MILP, optimal, 4,105 unlocked), greedy 1.8 s (4,015 unlocked); peak RSS 1,432 MiB.
10,000 with --recognise-upto 2000 (2,000 recognised in 548 s, 8,000 resampled): clusters 9.6 s; design auto
    2.9 s (MILP, optimal, 3,722 unlocked), greedy 1.6 s (3,477 unlocked); peak RSS 996 MiB.

Recognition dominates: everything after it takes seconds at 10,000. Course sizes at 1,000: 7, 12 and 7
skills (exact) against 5, 12 and 7 (greedy); at 10,000: 7, 7 and 4 against 5, 7 and 4. About 0.9 GiB of
the memory is the taxonomy, indexes and encoder.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

import osaaminen as osa

ROOT = Path(__file__).resolve().parents[1]


def _histories(n: int) -> pd.DataFrame:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "notebooks" / "data" / "make_synthetic_cohort.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rng = random.Random(7)
    texts = [module.history(rng)[0] for _ in range(n)]
    frame: pd.DataFrame = pd.DataFrame({"id": [f"S{i:05d}" for i in range(n)], "text": texts})
    return frame


def _rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(label: str, fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"  {label:<34} {seconds:8.1f} s   peak RSS so far {_rss_mib():8.0f} MiB")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 and 1,000 histories")
    parser.add_argument("--sizes", type=int, nargs="*", help="cohort sizes (default 1000 10000)")
    parser.add_argument("--hashing", action="store_true", help="the fast hashing encoder instead of the default")
    parser.add_argument(
        "--recognise-upto",
        type=int,
        default=None,
        help="recognise at most this many texts per size; a larger cohort resamples their profiles (said so)",
    )
    args = parser.parse_args()
    sizes = args.sizes or ([200, 1000] if args.quick else [1000, 10000])
    tax = osa.load_esco()
    encoder = osa.HashingEncoder() if args.hashing else None
    name = "hashing" if args.hashing else "default"
    print(f"cohort benchmark: sizes {sizes}, encoder {name}, python {sys.version.split()[0]}")
    for n in sizes:
        _run(n, tax, encoder, args.recognise_upto)


def _run(n: int, tax: osa.Taxonomy, encoder: osa.Encoder | None, upto: int | None) -> None:
    print(f"{n} histories")
    recognised = n if upto is None else min(n, upto)
    frame = _histories(recognised)
    rec = osa.SkillRecogniser(tax, encoder=encoder)
    rec.recognise("Trukkikortti.")  # build the indexes outside the timing
    base: osa.Cohort = _measure(
        f"recognise {recognised} (batched) + Cohort", lambda: osa.Cohort.from_frame(frame, rec, min_score=0.3)
    )
    cohort = base
    if recognised < n:
        # Resample the recognised profiles up to n people (each keeps a random 80 % of its skills).
        rng = random.Random(11)
        people = {}
        for i in range(n):
            held = sorted(base.held[rng.randrange(recognised)])
            people[f"R{i:06d}"] = [u for u in held if rng.random() < 0.8]
        cohort = osa.Cohort(people, taxonomy=tax, min_score=0.3)
        print(f"  (the other {n - recognised} profiles resample the {recognised} recognised ones)")
    _measure("prevalence, nearest targets, gaps", lambda: (cohort.skill_prevalence(), cohort.common_gaps()))
    _measure("clusters", cohort.clusters)
    for method in ("auto", "greedy"):

        def design(m: Any = method) -> Any:
            return cohort.design_courses(max_weeks=12, n_courses=3, threshold=0.5, method=m)

        designs = _measure(f"design_courses ({method})", design)
        skills = [len(c.skills) for c in designs]
        print(f"    -> {designs.method}, optimal={designs.optimal}, unlocked={designs.unlocked}, skills {skills}")
    if n <= 1000:
        _measure("programme_demand", cohort.programme_demand)


if __name__ == "__main__":
    main()
