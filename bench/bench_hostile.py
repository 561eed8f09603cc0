"""Time and memory of loading hostile inputs: each must end with a clear error quickly.

    .venv/bin/python bench/bench_hostile.py [--runs 3]

Each case is a one-skill catalog written into a temporary folder (cases from
tests/fixtures/hostile/make_catalog.py). Every measurement runs `load_catalog` in a fresh
subprocess and reports wall time, the tracemalloc peak of Python allocations and the
growth of peak RSS (ru_maxrss) over the interpreter with its imports loaded. The bound
the project promises: under 2 s and under 200 MiB each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "fixtures" / "hostile"))
from make_catalog import alias_bomb, big_skill_file, deep_block, deep_flow, frontmatter  # noqa: E402

LIMIT_SECONDS = 2.0
LIMIT_MIB = 200

MEASURE = r"""
import json, resource, sys, time, tracemalloc
from pathlib import Path
from skillsite.loader import load_catalog
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tracemalloc.start()
start = time.perf_counter()
catalog = load_catalog(Path(sys.argv[1]))
seconds = time.perf_counter() - start
_, peak = tracemalloc.get_traced_memory()
peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "traced_mib": peak / 2**20,
                  "rss_mib": (peak_rss - base) / 1024, "peak_rss_mib": peak_rss / 1024,
                  "codes": sorted({d.code for d in catalog.diagnostics
                                   if d.severity.value == "error"})}))
"""


def write_case(root: Path, name: str) -> None:
    folder = root / "cases" / name
    folder.mkdir(parents=True)
    skill_file = folder / "SKILL.md"
    if name == "file-50-mib":
        big_skill_file(skill_file)
    elif name == "alias-bomb":
        skill_file.write_text(frontmatter(name, alias_bomb()))
    elif name == "nesting-flow-10000":
        skill_file.write_text(frontmatter(name, deep_flow()))
    elif name == "nesting-block-10000":
        skill_file.write_text(frontmatter(name, deep_block()))
    elif name == "frontmatter-1-mib":
        skill_file.write_text(frontmatter(name, "x: " + "y" * (1000 * 1024) + "\n"))
    elif name == "duplicate-keys-60-kib":
        # Just under the 64 KiB frontmatter limit: parsed in full before the error.
        skill_file.write_text(frontmatter(name, "metadata:\n" + "  k: value\n" * 5000))
    elif name == "fifo":
        os.mkfifo(skill_file)


CASES = (
    "file-50-mib",
    "alias-bomb",
    "nesting-flow-10000",
    "nesting-block-10000",
    "frontmatter-1-mib",
    "duplicate-keys-60-kib",
    "fifo",
)


def measure(root: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    failed = False
    print(f"{'case':<22} {'max s':>7} {'traced MiB':>11} {'RSS +MiB':>9} {'peak RSS':>9}  errors")
    with tempfile.TemporaryDirectory() as temp:
        for name in CASES:
            root = Path(temp) / name
            write_case(root, name)
            runs = [measure(root) for _ in range(args.runs)]
            seconds = max(r["seconds"] for r in runs)
            traced = max(r["traced_mib"] for r in runs)
            rss = max(r["rss_mib"] for r in runs)
            peak_rss = max(r["peak_rss_mib"] for r in runs)
            ok = seconds < LIMIT_SECONDS and peak_rss < LIMIT_MIB and runs[0]["codes"]
            failed |= not ok
            codes = ", ".join(runs[0]["codes"]) or "(none)"
            print(f"{name:<22} {seconds:7.3f} {traced:11.2f} {rss:9.1f} {peak_rss:9.1f}  {codes}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
