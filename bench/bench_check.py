"""Time `skillsite check --format json` against skills-ref's validate(), side by side.

    .venv/bin/python bench/bench_check.py [--shape realistic|synthetic] [--skills N]
                                          [--catalog DIR] [--sample 1000] [--runs 3]

The catalog is generated once into bench/out/: `realistic` (the default, 8,000 skills)
is shaped like a real aggregated catalog with its flaws (gen_realistic.py); `synthetic`
is the older uniform catalog (gen_catalog.py, 10,000 skills); `--catalog DIR` times an
existing catalog instead (such as the real skills of collect_real_skills.py). Each round runs
`skillsite check --format json` through its console script in a subprocess (interpreter
start-up, the walk, every file read, parse, validation and the JSON report included)
with the default worker count, `--jobs 1` and `--jobs 2`, reading its wall time, CPU
time and peak RSS from wait4(); then skills-ref's `validate()` (in this process, so
without start-up) on an evenly spread sample of the same skill folders. Rounds
alternate, so a machine whose speed drifts slows both sides alike; the best round of
each is reported, and the speed-up compares times per skill, by wall time and by CPU
time (on a machine shared with other work, CPU time is the steadier of the two; with
`--jobs 2` it adds both processes, so it shows the cost of the hand-over, not the gain).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from gen_catalog import generate as generate_synthetic
from gen_realistic import generate as generate_realistic

HERE = Path(__file__).resolve().parent
SKILLSITE = Path(sys.executable).parent / "skillsite"
MAX_RSS_MIB = 150


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mib: float
    summary: str


def catalog_for(shape: str, skills: int, seed: int) -> Path:
    root = HERE / "out" / f"{shape}-{skills}-seed{seed}"
    marker = root / ".complete"
    if not marker.exists():
        if shape == "realistic":
            generate_realistic(root, skills, seed)
        else:
            generate_synthetic(root, skills, categories=20, seed=seed)
        marker.write_text("")
    return root


def run_check(root: Path, extra: list[str]) -> Run:
    command = [str(SKILLSITE), "check", str(root), "--format", "json", *extra]
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own CPU time and RSS
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            errors.seek(0)
            raise SystemExit(f"check failed ({process.returncode}):\n{errors.read().decode()}")
        output.seek(0)
        head = output.read(200).decode()
    summary = " ".join(line.strip() for line in head.splitlines()[1:5])
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, summary)


def skill_folders(root: Path) -> list[Path]:
    return sorted(path.parent for path in root.rglob("*") if path.name in ("SKILL.md", "skill.md"))


def time_skills_ref(folders: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds per skill of skills-ref's validate()."""
    from skills_ref import validate

    start, start_cpu = time.perf_counter(), time.process_time()
    for folder in folders:
        validate(folder)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return wall / len(folders), cpu / len(folders)


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
    parser.add_argument("--shape", choices=("realistic", "synthetic"), default="realistic")
    parser.add_argument("--skills", type=int, default=None)
    parser.add_argument("--sample", type=int, default=1000, help="skills-ref sample size")
    parser.add_argument("--runs", type=int, default=3, help="rounds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--catalog", type=Path, help="time this catalog instead of generating one")
    args = parser.parse_args()
    skills = args.skills or (8_000 if args.shape == "realistic" else 10_000)

    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}; Python {sys.version.split()[0]}")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    root = args.catalog or catalog_for(args.shape, skills, args.seed)
    folders = skill_folders(root)
    step = max(1, len(folders) // args.sample)
    sample = folders[::step][: args.sample]
    files = sum(1 for path in root.rglob("*") if path.is_file() and path.name != ".complete")
    print(f"catalog: {root} ({len(folders)} skill folders, {files} files)")

    variants = {"default": [], "--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"]}
    best: dict[str, Run] = {}
    reference = reference_cpu = float("inf")
    for round_number in range(1, args.runs + 1):
        for label, extra in variants.items():
            run = run_check(root, extra)
            if label not in best or run.wall < best[label].wall:
                best[label] = run
            print(
                f"round {round_number} check {label}: {run.wall:.2f} s wall, "
                f"CPU {run.cpu:.2f} s, peak RSS {run.rss_mib:.0f} MiB",
                flush=True,
            )
        per_skill, cpu_per_skill = time_skills_ref(sample)
        reference = min(reference, per_skill)
        reference_cpu = min(reference_cpu, cpu_per_skill)
        print(
            f"round {round_number} skills-ref: {per_skill * 1e6:.0f} µs/skill wall, "
            f"{cpu_per_skill * 1e6:.0f} µs/skill CPU",
            flush=True,
        )

    print(f"\nskillsite check reports: {best['default'].summary}")
    print(
        f"skills-ref validate(): best {reference * 1e6:.0f} µs/skill wall, "
        f"{reference_cpu * 1e6:.0f} µs/skill CPU ({len(sample)} sampled)"
    )
    status = 0
    for label, run in best.items():
        per_skill, cpu_per_skill = run.wall / len(folders), run.cpu / len(folders)
        print(
            f"skillsite check {label}: best {run.wall:.2f} s, {per_skill * 1e6:.0f} µs/skill, "
            f"{reference / per_skill:.1f}x skills-ref by wall time; CPU {run.cpu:.2f} s, "
            f"{cpu_per_skill * 1e6:.0f} µs/skill, {reference_cpu / cpu_per_skill:.1f}x by CPU "
            f"time; peak RSS {run.rss_mib:.0f} MiB"
        )
        if run.rss_mib > MAX_RSS_MIB:
            print(f"  over the {MAX_RSS_MIB} MiB memory budget")
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
