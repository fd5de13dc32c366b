"""Precision of the automatic unit -> skill mapping on hand-labelled units, and catalogue load time.

benchmarks/data/programme_mapping_sample.csv holds, for 45 qualification units of the bundled Lahti
catalogue drawn at random (seed 5) among the ePerusteet units, the three best mapped links each as built
with the recogniser of the labelling date, each judged by hand (``relevant`` 1: the unit teaches the
skill; 0: it does not). The script reads the links of the same units in the current catalogue and
reports the precision of those that were judged, per score threshold, and how many links are new
(unjudged: label them after a recogniser change).

    .venv/bin/python benchmarks/programme_mapping.py
"""

from __future__ import annotations

import csv
import statistics
import time
from pathlib import Path

from osaaminen.programmes import Catalogue, load_programmes

SAMPLE = Path(__file__).parent / "data" / "programme_mapping_sample.csv"
THRESHOLDS = (0.07, 0.08, 0.09, 0.10, 0.12)


def load_time(repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        load_programmes("lahti")
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    judged = {(r["programme_id"], r["skill_uri"]): r["relevant"] == "1" for r in rows}
    units = sorted({r["programme_id"] for r in rows})
    catalogue: Catalogue = load_programmes("lahti")
    print(f"sample: {len(units)} units, {len(judged)} judged links ({sum(judged.values())} relevant)")
    print(f"{'threshold':>9} {'links':>6} {'judged':>7} {'precision':>9} {'unjudged':>9}")
    for threshold in THRESHOLDS:
        links = [
            (unit, link.uri)
            for unit in units
            if unit in catalogue
            for rank, link in enumerate(x for x in catalogue[unit].teaches if x.provenance.startswith("mapped:"))
            if rank < 3 and (link.score or 0.0) >= threshold
        ]
        known = [judged[key] for key in links if key in judged]
        precision = sum(known) / len(known) if known else float("nan")
        print(f"{threshold:>9.2f} {len(links):>6} {len(known):>7} {precision:>9.2f} {len(links) - len(known):>9}")
    mapped = [link for p in catalogue for link in p.teaches if link.provenance.startswith("mapped:")]
    print(
        f"catalogue: {len(catalogue)} programmes, {len(mapped)} mapped links "
        f"(median score {statistics.median(link.score or 0.0 for link in mapped):.3f})"
    )
    print(f"load time (min of 5, no taxonomy check): {load_time():.3f} s")


if __name__ == "__main__":
    main()
