"""Precision of the automatic unit -> skill mapping on hand-labelled units, and catalogue load time.

Two hand-judged sets of qualification units of the bundled Lahti catalogue (ePerusteet units), each link
judged ``relevant`` 1 (the unit teaches the skill, per its name and competence requirements) or 0:

- benchmarks/data/programme_mapping_sample.csv: 45 units drawn at random (seed 5), the tuning set: the
  mapping's settings (osaaminen/programmes/mapping.py) were chosen on it.
- benchmarks/data/programme_mapping_heldout.csv: 20 other units (seed 6), judged but not tuned on.

Each holds the three best mapped links of its units under the recogniser and the mapping settings tried
(the score column is the score when labelled, whatever the scale of that time). The script reads the links
of the same units in the current catalogue and reports, per set and score threshold, the precision of the
three best mapped links of each unit, the number of relevant ones (recall is relative: the judged pool has
no complete list of what a unit teaches), the units left without a mapped link, and how many links are
new (unjudged: label them after a recogniser or mapping change).

    .venv/bin/python benchmarks/programme_mapping.py
"""

from __future__ import annotations

import csv
import statistics
import time
from pathlib import Path

from osaaminen.programmes import Catalogue, load_programmes

DATA = Path(__file__).parent / "data"
SETS = {"tuning": DATA / "programme_mapping_sample.csv", "held-out": DATA / "programme_mapping_heldout.csv"}
THRESHOLDS = (0.08, 0.10, 0.12, 0.15, 0.20)
TOP = 3


def load_time(repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        load_programmes("lahti")
        times.append(time.perf_counter() - started)
    return min(times)


def report(name: str, path: Path, catalogue: Catalogue) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    judged = {(r["programme_id"], r["skill_uri"]): r["relevant"] == "1" for r in rows}
    units = sorted({r["programme_id"] for r in rows})
    print(f"{name}: {len(units)} units, {len(judged)} judged links ({sum(judged.values())} relevant)")
    header = ("threshold", "links", "judged", "precision", "relevant", "no link", "unjudged")
    print(" ".join(f"{h:>9}" for h in header))
    for threshold in THRESHOLDS:
        links: list[tuple[str, str]] = []
        for unit in units:
            teaches = catalogue[unit].teaches if unit in catalogue else ()
            mapped = [x for x in teaches if x.provenance.startswith("mapped:")]
            links.extend((unit, link.uri) for link in mapped[:TOP] if (link.score or 0.0) >= threshold)
        known = [judged[key] for key in links if key in judged]
        precision = sum(known) / len(known) if known else float("nan")
        empty = len(units) - len({unit for unit, _ in links})
        print(
            f"{threshold:>9.2f} {len(links):>9} {len(known):>9} {precision:>9.2f} {sum(known):>9} {empty:>9} "
            f"{len(links) - len(known):>9}"
        )


def main() -> None:
    catalogue: Catalogue = load_programmes("lahti")
    for name, path in SETS.items():
        report(name, path, catalogue)
    mapped = [link for p in catalogue for link in p.teaches if link.provenance.startswith("mapped:")]
    print(
        f"catalogue: {len(catalogue)} programmes, {len(mapped)} mapped links "
        f"(median score {statistics.median(link.score or 0.0 for link in mapped):.3f})"
    )
    print(f"load time (min of 5, no taxonomy check): {load_time():.3f} s")


if __name__ == "__main__":
    main()
