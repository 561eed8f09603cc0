"""Cost and yield of the risk scan, the related-skills pass and the near-duplicate check.

    python bench/bench_trust.py [--skills 1000] [--catalog DIR ...] [--runs 3]

Generates a synthetic catalog (`gen_catalog.py`) into bench/out/, then reports:
- the risk scan's CPU time per skill and per MB (every file of every skill, read once);
- `related_skills` and the near-duplicate check, CPU seconds for the whole catalog;
- for each `--catalog` given (and the repository's own catalog), the findings per 1,000
  skills and every finding, for a person to review.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from gen_catalog import generate  # noqa: E402

from skillsite.loader import load_catalog  # noqa: E402
from skillsite.related import near_duplicate_diagnostics, related_skills  # noqa: E402
from skillsite.risk import scan_file  # noqa: E402


def skill_files(root: Path) -> list[tuple[str, bytes]]:
    files = []
    for directory, _, names in os.walk(root):
        for name in names:
            if name != "category.yml":
                path = Path(directory) / name
                files.append((path.relative_to(root).as_posix(), path.read_bytes()))
    return files


def best(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def timing(root: Path, runs: int) -> None:
    catalog = load_catalog(root)
    skills = catalog.valid_skills
    files = skill_files(root)
    size = sum(len(data) for _, data in files)
    scan = best(runs, lambda: [scan_file(path, data) for path, data in files])
    related = best(runs, lambda: related_skills(skills))
    duplicates = best(runs, lambda: near_duplicate_diagnostics(skills))
    count = len(skills)
    print(f"{count} skills, {len(files)} files, {size / 1e6:.1f} MB (best of {runs}, CPU s)")
    print(f"  risk scan        {scan:6.3f} s  {scan / count * 1e6:6.0f} µs/skill")
    print(f"                   {scan / (size / 1e6):6.3f} s/MB")
    print(f"  related skills   {related:6.3f} s  {related / count * 1e6:6.0f} µs/skill")
    print(f"  near-duplicates  {duplicates:6.3f} s  {duplicates / count * 1e6:6.0f} µs/skill")


def findings(root: Path) -> None:
    catalog = load_catalog(root)
    skills = catalog.skills
    found = [(skill.folder, f) for skill in skills for f in skill.risks]
    open_ = [(folder, f) for folder, f in found if not f.allowed]
    per_thousand = len(open_) / len(skills) * 1000 if skills else 0.0
    print(
        f"{root}: {len(skills)} skills, {len(found)} findings ({len(open_)} not allowed), "
        f"{per_thousand:.1f} open findings per 1,000 skills"
    )
    print("  by rule:", dict(Counter(f.code for _, f in found)))
    for folder, finding in found:
        state = f"allowed: {finding.allowed}" if finding.allowed else "open"
        print(
            f"  {folder}/{finding.path}:{finding.line} {finding.code} [{state}] {finding.excerpt}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skills", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--catalog", type=Path, action="append", default=[])
    args = parser.parse_args()
    out = HERE / "out" / f"trust-{args.skills}"
    if not (out / "category-00").exists():
        generate(out, args.skills, 20, 1)
    timing(out, args.runs)
    for root in [HERE.parent / "catalog", *args.catalog]:
        findings(root)


if __name__ == "__main__":
    main()
