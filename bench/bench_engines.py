"""Time `skillsite build --engine E` for every engine on the same synthetic catalogs.

For each size a catalog is written once (bench/gen_catalog.py, 20 categories), then each
engine builds it from an empty output folder; the engines alternate within a round, best
of `--repeat` rounds. Wall and CPU seconds of every build are printed.

    python bench/bench_engines.py [--sizes 1000 5000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from gen_catalog import generate  # noqa: E402

from skillsite.engines import ENGINES  # noqa: E402

ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "SOURCE_DATE_EPOCH": "1700000000",
}


def timed_build(engine: str, catalog: Path, site: Path) -> tuple[float, float]:
    shutil.rmtree(site, ignore_errors=True)
    command = [str(BIN / "skillsite"), "build", "--engine", engine, "--site-dir", str(site)]
    env = {**ENV, "SKILLSITE_CATALOG": str(catalog)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"  {engine:<10} {elapsed:7.2f} s wall, {cpu:7.2f} s CPU", flush=True)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--work", type=Path, default=HERE / "out" / "engines")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    rows = []
    for size in args.sizes:
        catalog = args.work / f"catalog-{size}"
        if not catalog.exists():
            generate(catalog, size, 20, 1)
        print(f"{size} skills:", flush=True)
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.repeat):
            for engine in args.engines:
                timing = timed_build(engine, catalog, args.work / "site")
                if engine not in best or timing[0] < best[engine][0]:
                    best[engine] = timing
        rows += [(size, engine, *best[engine]) for engine in args.engines]
    shutil.rmtree(args.work / "site", ignore_errors=True)
    print("\n| skills | engine | wall | CPU |\n| ---: | --- | ---: | ---: |")
    for size, engine, wall, cpu in rows:
        print(f"| {size:,} | {engine} | {wall:.1f} s | {cpu:.1f} s |")


if __name__ == "__main__":
    main()
