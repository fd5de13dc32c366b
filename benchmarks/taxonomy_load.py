"""Cold load time and memory of the full bundled taxonomy (fi, sv, en + extensions).

Each figure comes from a fresh Python process, so imports and first-touch costs are included:

* ``import osaaminen``: the package import alone (target < 0.5 s; it loads no data);
* first load: an empty cache folder, so the ESCO CSVs are parsed (and the Parquet cache written);
* cached load: a new process reading the Parquet cache the first load wrote (target < 1.5 s, < 400 MB).

Run: ``make bench`` or ``.venv/bin/python benchmarks/taxonomy_load.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

_IMPORT = """
import time, resource, json
t = time.perf_counter()
import osaaminen
print(json.dumps({"seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_LOAD = """
import time, resource, json
t = time.perf_counter()
import osaaminen as osa
tax = osa.load_esco()
seconds = time.perf_counter() - t
names = ("skills", "occupations", "isco_groups", "skill_groups", "occupation_skills", "skill_relations", "broader")
tables = sum(getattr(tax, n).memory_usage(deep=True).sum() for n in names)
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "tables_mb": tables / 2**20, "skills": len(tax.skills), "occupations": len(tax.occupations)}))
"""


def _run(code: str, cache_dir: str) -> dict[str, float]:
    env = dict(os.environ, OSAAMINEN_CACHE_DIR=cache_dir)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    imports, first, cached = [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            imports.append(_run(_IMPORT, cache))
            first.append(_run(_LOAD, cache))
            cached.append(_run(_LOAD, cache))

    def median(rows: list[dict[str, float]], key: str) -> float:
        return statistics.median(row[key] for row in rows)

    print(f"python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}, repeat={args.repeat}")
    print(f"taxonomy: {cached[0]['skills']:,.0f} skills, {cached[0]['occupations']:,.0f} occupations, fi/sv/en")
    print(f"{'':28}{'seconds':>10}{'peak RSS MB':>14}")
    print(f"{'import osaaminen':28}{median(imports, 'seconds'):>10.2f}{median(imports, 'peak_mb'):>14.0f}")
    print(f"{'first load (parse CSV)':28}{median(first, 'seconds'):>10.2f}{median(first, 'peak_mb'):>14.0f}")
    print(f"{'cached load (Parquet)':28}{median(cached, 'seconds'):>10.2f}{median(cached, 'peak_mb'):>14.0f}")
    print(f"tables in memory: {median(cached, 'tables_mb'):.0f} MB (pandas deep memory usage)")
    print("targets: import < 0.5 s; load < 1.5 s and < 400 MB on 2 cores")


if __name__ == "__main__":
    main()
