"""`make bench`: run every benchmark in this folder with its default sizes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = (
    "bench_check.py",
    "bench_hostile.py",
    "bench_site.py",
    "bench_search.py",
    "search_quality.py",
    "bench_trust.py",
    "bench_engines.py",
)


def main() -> int:
    status = 0
    for script in BENCHMARKS:
        path = HERE / script
        if not path.exists():
            print(f"skipped {script}: not present")
            continue
        print(f"== {script}", flush=True)
        status |= subprocess.call([sys.executable, str(path)])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
