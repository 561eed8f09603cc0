#!/usr/bin/env python3
"""Rank files by risk of untested change: uncovered lines weighted by recent churn.

Reads a Cobertura XML report (coverage.py `coverage xml`, pytest-cov `--cov-report=xml`,
Vitest/Jest/c8 with the `cobertura` reporter, JaCoCo converted, gcovr `--xml`) and,
with --churn, a file listing how often each file changed (one `COUNT PATH` per line,
as printed by the git command in the skill). Files are ranked by

    risk = uncovered_lines * (1 + changes)

so a large untested file nobody touches ranks below a small untested file that changes
every week. With --changed FILE (one path per line, e.g. `git diff --name-only
origin/main...`), only those files are reported and the overall line rate of the
changed files is printed, which makes a diff coverage gate.

Exit code: 0 ok, 1 --min-changed-rate not met, 2 unreadable input or usage.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath


@dataclass
class FileCoverage:
    path: str
    lines: int
    covered: int
    changes: int = 0

    @property
    def uncovered(self) -> int:
        return self.lines - self.covered

    @property
    def rate(self) -> float:
        return self.covered / self.lines if self.lines else 1.0

    @property
    def risk(self) -> int:
        return self.uncovered * (1 + self.changes)


def normalise(path: str) -> str:
    return str(PurePosixPath(path.replace("\\", "/"))).lstrip("./")


def read_cobertura(report: Path) -> dict[str, FileCoverage]:
    root = ET.parse(report).getroot()
    sources = [normalise(s.text or "") for s in root.iter("source") if (s.text or "").strip()]
    files: dict[str, FileCoverage] = {}
    for cls in root.iter("class"):
        name = normalise(cls.get("filename", ""))
        hits = {}
        for line in cls.iter("line"):
            hits[line.get("number")] = int(line.get("hits", "0")) > 0 or hits.get(
                line.get("number"), False
            )
        entry = files.setdefault(name, FileCoverage(name, 0, 0))
        entry.lines += len(hits)
        entry.covered += sum(hits.values())
    # Reports list paths relative to a <source>; keep the shortest unambiguous form,
    # but remember the prefixed one so churn and diff paths from the repository root match.
    for source in sources:
        for name in list(files):
            prefixed = normalise(f"{source}/{name}")
            files.setdefault(prefixed, files[name])
    return files


def read_churn(path: Path) -> dict[str, int]:
    churn = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.strip().split(maxsplit=1)
        if len(parts) == 2 and parts[0].isdigit():
            churn[normalise(parts[1])] = int(parts[0])
    return churn


def match(files: dict[str, FileCoverage], path: str) -> FileCoverage | None:
    if path in files:
        return files[path]
    candidates = [f for name, f in files.items() if path.endswith("/" + name)]
    return candidates[0] if len(candidates) == 1 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("report", type=Path, help="Cobertura XML coverage report")
    parser.add_argument("--churn", type=Path, help="file of 'COUNT PATH' lines")
    parser.add_argument("--changed", type=Path, help="file of changed paths, one per line")
    parser.add_argument("--top", type=int, default=15, help="files to list (default 15)")
    parser.add_argument(
        "--min-changed-rate", type=float, help="fail below this line rate on changed files"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    try:
        files = read_cobertura(args.report)
        churn = read_churn(args.churn) if args.churn else {}
        changed = (
            [normalise(p) for p in args.changed.read_text(encoding="utf-8").split() if p]
            if args.changed
            else None
        )
    except (OSError, ET.ParseError) as error:
        print(f"coverage_gaps.py: {error}", file=sys.stderr)
        return 2
    unique = {id(f): f for f in files.values()}.values()
    for path, count in churn.items():
        entry = match(files, path)
        if entry:
            entry.changes = max(entry.changes, count)
    if changed is not None:
        selected = [f for f in (match(files, p) for p in changed) if f]
        selected = list({id(f): f for f in selected}.values())
    else:
        selected = list(unique)
    ranked = sorted(selected, key=lambda f: (-f.risk, f.path))
    lines = sum(f.lines for f in selected)
    covered = sum(f.covered for f in selected)
    rate = covered / lines if lines else 1.0
    if args.json:
        print(json.dumps({"rate": rate, "files": [asdict(f) | {"risk": f.risk} for f in ranked]}))
    else:
        scope = "changed files" if changed is not None else "all files"
        print(f"{scope}: {covered}/{lines} lines covered ({rate:.1%})")
        print(f"{'risk':>7} {'uncov':>6} {'chg':>4} {'rate':>6}  file")
        for f in ranked[: args.top]:
            print(f"{f.risk:>7} {f.uncovered:>6} {f.changes:>4} {f.rate:>6.1%}  {f.path}")
    if args.min_changed_rate is not None and rate < args.min_changed_rate:
        print(f"FAIL: line rate {rate:.1%} is below {args.min_changed_rate:.1%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
