"""Time and memory of hostile inputs: each must end with a clear error or a page, quickly.

    .venv/bin/python bench/bench_hostile.py [--runs 3] [--only NAME ...]

Each case is a one-skill catalog written into a temporary folder (cases from
tests/fixtures/hostile/make_catalog.py: the parser's bombs, and `hostile_bodies()`, the
bodies that made rendering slow or crash). Every measurement runs, in a fresh
subprocess, `load_catalog` (what `skillsite check` does) and then `generate_pages` (what
every build does: the body rendered to sanitised HTML), and reports the wall time of
both, the tracemalloc peak of Python allocations and the growth of peak RSS
(ru_maxrss) over the interpreter with its imports loaded. The bound the project
promises: each case ends in under 2 s (check and render together) and under 200 MiB,
either with an error diagnostic or with its page.
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
from make_catalog import (  # noqa: E402
    alias_bomb,
    big_skill_file,
    deep_block,
    deep_flow,
    frontmatter,
    hostile_bodies,
)

LIMIT_SECONDS = 2.0
LIMIT_MIB = 200

MEASURE = r"""
import json, resource, sys, time, tracemalloc
from pathlib import Path
from skillsite.loader import load_catalog
from skillsite.site_info import SiteInfo
from skillsite.site_pages import generate_pages
def pages_of(catalog, **options):
    # Archives are not built here: any digest does for the install commands.
    digests = {skill.name: "0" * 64 for skill in catalog.skills}
    return generate_pages(catalog, SiteInfo(), digests, **options)
pages_of(load_catalog(Path(sys.argv[2])))  # imports and first use
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
# Timed without tracemalloc (it slows Python code down several times), then traced.
start, cpu_start = time.perf_counter(), time.process_time()
catalog = load_catalog(Path(sys.argv[1]))
checked = time.perf_counter()
problems = []
pages = pages_of(catalog, problems=problems)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
tracemalloc.start()
pages_of(load_catalog(Path(sys.argv[1])))
_, peak = tracemalloc.get_traced_memory()
peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
errors = {d.code for d in catalog.diagnostics if d.severity.value == "error"}
print(json.dumps({"seconds": seconds, "cpu": cpu, "check": checked - start,
                  "traced_mib": peak / 2**20,
                  "rss_mib": (peak_rss - base) / 1024, "peak_rss_mib": peak_rss / 1024,
                  "page": any(uri.startswith("skills/") for uri in pages),
                  "codes": sorted(errors | {p.code for p in problems})}))
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
    else:
        skill_file.write_text(frontmatter(name).split("# ")[0] + BODIES[name], encoding="utf-8")


BODIES = hostile_bodies()
CASES = (
    "file-50-mib",
    "alias-bomb",
    "nesting-flow-10000",
    "nesting-block-10000",
    "frontmatter-1-mib",
    "duplicate-keys-60-kib",
    "fifo",
    *BODIES,
)


def measure(root: Path, warm_up: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(root), str(warm_up)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", metavar="NAME", help="cases to run (default: all)")
    args = parser.parse_args()
    failed = False
    print(
        f"{'case':<36} {'check s':>8} {'max s':>7} {'CPU s':>6} {'traced MiB':>11} {'RSS +MiB':>9} "
        f"{'peak RSS':>9}  outcome"
    )
    with tempfile.TemporaryDirectory() as temp:
        warm_up = Path(temp) / "warm-up"
        write_case(warm_up, "long-line-128-kib")
        for name in args.only or CASES:
            root = Path(temp) / name
            write_case(root, name)
            runs = [measure(root, warm_up) for _ in range(args.runs)]
            seconds = max(r["seconds"] for r in runs)
            cpu = max(r["cpu"] for r in runs)
            check = max(r["check"] for r in runs)
            traced = max(r["traced_mib"] for r in runs)
            rss = max(r["rss_mib"] for r in runs)
            peak_rss = max(r["peak_rss_mib"] for r in runs)
            # A diagnostic, or a page: never neither, and never slow.
            ends = bool(runs[0]["codes"]) or runs[0]["page"]
            # CPU time: on a shared machine wall time measures the other processes too.
            ok = cpu < LIMIT_SECONDS and peak_rss < LIMIT_MIB and ends
            failed |= not ok
            outcome = ", ".join(runs[0]["codes"]) or "page rendered"
            print(
                f"{name:<36} {check:8.3f} {seconds:7.3f} {cpu:6.2f} {traced:11.2f} {rss:9.1f} "
                f"{peak_rss:9.1f}  {outcome}",
                flush=True,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
