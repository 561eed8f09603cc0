"""Time `skillsite check` on a synthetic catalog and compare with skills-ref's validate().

    .venv/bin/python bench/bench_check.py [--skills 10000] [--sample 1000] [--runs 3]

The catalog is generated once into bench/out/ (see gen_catalog.py). `skillsite check`
runs through its console script in a subprocess, so the figure includes interpreter
start-up and every file read; skills-ref's `validate()` runs in this process on an
evenly spread sample of the same skill folders, and is reported per skill.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from gen_catalog import generate

HERE = Path(__file__).resolve().parent
SKILLSITE = Path(sys.executable).parent / "skillsite"


def catalog_for(skills: int, seed: int) -> Path:
    root = HERE / "out" / f"catalog-{skills}-seed{seed}"
    marker = root / ".complete"
    if not marker.exists():
        generate(root, skills, categories=20, seed=seed)
        marker.write_text("")
    return root


def time_check(root: Path, runs: int, extra: list[str]) -> tuple[list[float], float, str]:
    """Wall times of each run, the least CPU time (user + system) of a run, the summary."""
    times: list[float] = []
    cpu = float("inf")
    summary = ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(
            [str(SKILLSITE), "check", str(root), *extra],
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cpu = min(cpu, used)
        if result.returncode != 0:
            raise SystemExit(f"skillsite check failed ({result.returncode}):\n{result.stderr}")
        summary = result.stdout.strip().splitlines()[-1]
    return times, cpu, summary


def time_skills_ref(root: Path, sample: int) -> tuple[float, int]:
    from skills_ref import validate

    folders = sorted(p.parent for p in root.glob("*/*/SKILL.md"))
    step = max(1, len(folders) // sample)
    chosen = folders[::step][:sample]
    start = time.perf_counter()
    invalid = sum(1 for folder in chosen if validate(folder))
    elapsed = time.perf_counter() - start
    if invalid:
        print(f"note: skills-ref found {invalid} of {len(chosen)} sampled skills invalid")
    return elapsed / len(chosen), len(chosen)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skills", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=1000, help="skills-ref sample size")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}; Python {sys.version.split()[0]}")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    root = catalog_for(args.skills, args.seed)
    print(f"catalog: {root} ({args.skills} skills)")

    rows: list[tuple[str, float]] = []
    variants = (
        ("skillsite check", []),
        ("skillsite check --jobs 2", ["--jobs", "2"]),
        ("skillsite check --jobs 1", ["--jobs", "1"]),
    )
    for label, extra in variants:
        times, cpu, summary = time_check(root, args.runs, extra)
        best, median = min(times), statistics.median(times)
        rows.append((label, best))
        print(
            f"{label}: best {best:.2f} s, median {median:.2f} s of {args.runs} "
            f"({best / args.skills * 1e6:.0f} µs/skill; CPU {cpu:.2f} s) -> {summary}"
        )

    per_skill, sampled = time_skills_ref(root, args.sample)
    print(f"skills-ref validate(): {per_skill * 1e6:.0f} µs/skill ({sampled} skills sampled)")
    for label, best in rows:
        ratio = per_skill / (best / args.skills)
        print(f"speed-up per skill, {label} vs skills-ref: {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
