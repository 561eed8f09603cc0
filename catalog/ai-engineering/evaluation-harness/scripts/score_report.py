#!/usr/bin/env python3
"""Summarize an eval run: pass rates with Wilson 95% intervals, per tag, flaky cases.

Input: one or more JSONL files; each line is an object with
  "id"      case id (string, required)
  "passed"  true/false (required)
  "tags"    list of strings (optional)
Several lines with the same id are repeated runs of one case.

Exit code: 0 ok, 1 overall pass rate below --min-pass-rate, 2 bad input or usage.
Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

Z_95 = 1.959963984540054


@dataclass
class CaseRuns:
    tags: set[str] = field(default_factory=set)
    passes: int = 0
    runs: int = 0


class InputError(Exception):
    pass


def wilson_interval(successes: int, total: int, z: float = Z_95) -> tuple[float, float]:
    if total == 0:
        return 0.0, 0.0
    p = successes / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def load_cases(paths: list[Path]) -> dict[str, CaseRuns]:
    cases: dict[str, CaseRuns] = defaultdict(CaseRuns)
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror})") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: invalid JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise InputError(f"{path}:{number}: each line needs a string 'id'")
            if not isinstance(record.get("passed"), bool):
                raise InputError(f"{path}:{number}: 'passed' must be true or false")
            tags = record.get("tags", [])
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise InputError(f"{path}:{number}: 'tags' must be a list of strings")
            case = cases[record["id"]]
            case.tags.update(tags)
            case.runs += 1
            case.passes += int(record["passed"])
    if not cases:
        raise InputError("no records found")
    return dict(cases)


def rate_line(label: str, passes: int, runs: int) -> str:
    low, high = wilson_interval(passes, runs)
    return f"{label:<24} {passes / runs:6.1%}  [{low:5.1%}, {high:5.1%}]  ({passes}/{runs} runs)"


def report(cases: dict[str, CaseRuns], by_tag: bool) -> tuple[str, float]:
    passes = sum(c.passes for c in cases.values())
    runs = sum(c.runs for c in cases.values())
    lines = [f"{len(cases)} cases, {runs} runs", rate_line("overall", passes, runs)]
    if by_tag:
        per_tag: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for case in cases.values():
            for tag in case.tags:
                per_tag[tag][0] += case.passes
                per_tag[tag][1] += case.runs
        for tag in sorted(per_tag):
            tag_passes, tag_runs = per_tag[tag]
            lines.append(rate_line(f"  tag:{tag}", tag_passes, tag_runs))
    flaky = sorted(cid for cid, c in cases.items() if 0 < c.passes < c.runs)
    always_fail = sorted(cid for cid, c in cases.items() if c.passes == 0)
    lines.append(f"flaky cases ({len(flaky)}): {', '.join(flaky[:20]) or '-'}")
    lines.append(f"always failing ({len(always_fail)}): {', '.join(always_fail[:20]) or '-'}")
    return "\n".join(lines), passes / runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("results", nargs="+", type=Path, help="result JSONL file(s)")
    parser.add_argument("--by-tag", action="store_true", help="also report each tag (slice)")
    parser.add_argument(
        "--min-pass-rate", type=float, help="fail (exit 1) below this overall rate, e.g. 0.9"
    )
    args = parser.parse_args(argv)
    if args.min_pass_rate is not None and not 0 <= args.min_pass_rate <= 1:
        parser.error("--min-pass-rate must be between 0 and 1")
    try:
        cases = load_cases(args.results)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    text, overall = report(cases, args.by_tag)
    print(text)
    if args.min_pass_rate is not None and overall < args.min_pass_rate:
        print(f"FAIL: overall pass rate {overall:.1%} is below {args.min_pass_rate:.1%}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
