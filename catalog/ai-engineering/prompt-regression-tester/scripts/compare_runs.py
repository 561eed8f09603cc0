#!/usr/bin/env python3
"""Compare a baseline and a candidate eval run case by case.

Each input is a JSONL file; each line an object with
  "id"      case id (string, required)
  "passed"  true/false (required)
  "tags"    list of strings (optional)
Several lines with one id are repeats; a case passes when more than half pass.

Prints newly failing, newly passing, still failing and missing cases.
Exit code: 0 gate passed, 1 gate failed, 2 bad input or usage. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path


class InputError(Exception):
    pass


@dataclass
class Case:
    passes: int = 0
    runs: int = 0
    tags: set[str] = field(default_factory=set)

    @property
    def passed(self) -> bool:
        return self.passes * 2 > self.runs


@dataclass(frozen=True)
class Comparison:
    newly_failing: list[str]
    newly_passing: list[str]
    still_failing: list[str]
    missing_in_candidate: list[str]
    new_in_candidate: list[str]


def load_run(path: Path) -> dict[str, Case]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    cases: dict[str, Case] = {}
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
        case = cases.setdefault(record["id"], Case())
        case.runs += 1
        case.passes += int(record["passed"])
        case.tags.update(tags)
    if not cases:
        raise InputError(f"{path}: no records found")
    return cases


def compare(baseline: dict[str, Case], candidate: dict[str, Case]) -> Comparison:
    shared = sorted(baseline.keys() & candidate.keys())
    return Comparison(
        newly_failing=[i for i in shared if baseline[i].passed and not candidate[i].passed],
        newly_passing=[i for i in shared if not baseline[i].passed and candidate[i].passed],
        still_failing=[i for i in shared if not baseline[i].passed and not candidate[i].passed],
        missing_in_candidate=sorted(baseline.keys() - candidate.keys()),
        new_in_candidate=sorted(candidate.keys() - baseline.keys()),
    )


def section(title: str, ids: list[str], cases: dict[str, Case]) -> list[str]:
    lines = [f"{title} ({len(ids)})"]
    for case_id in ids:
        case = cases.get(case_id)
        detail = f"  {case.passes}/{case.runs} runs passed" if case else ""
        tags = f"  [{', '.join(sorted(case.tags))}]" if case and case.tags else ""
        lines.append(f"  {case_id}{detail}{tags}")
    return lines


def gate(
    result: Comparison, candidate: dict[str, Case], critical_tag: str | None, max_new: int
) -> list[str]:
    problems: list[str] = []
    critical = [
        i for i in result.newly_failing if critical_tag and critical_tag in candidate[i].tags
    ]
    others = [i for i in result.newly_failing if i not in critical]
    if critical:
        problems.append(
            f"{len(critical)} case(s) tagged '{critical_tag}' newly fail: {', '.join(critical)}"
        )
    if len(others) > max_new:
        problems.append(f"{len(others)} other case(s) newly fail, allowed {max_new}")
    if result.missing_in_candidate:
        problems.append(
            f"{len(result.missing_in_candidate)} baseline case(s) missing from the candidate run"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("baseline", type=Path, help="baseline results JSONL (from the main branch)")
    parser.add_argument("candidate", type=Path, help="candidate results JSONL (from the change)")
    parser.add_argument(
        "--critical-tag", default="critical", help="tag whose cases may never newly fail"
    )
    parser.add_argument(
        "--max-new-failures", type=int, default=0, help="allowed newly failing non-critical cases"
    )
    parser.add_argument(
        "--allow-missing", action="store_true", help="do not fail when baseline cases are missing"
    )
    args = parser.parse_args(argv)
    if args.max_new_failures < 0:
        parser.error("--max-new-failures must be 0 or more")
    try:
        baseline = load_run(args.baseline)
        candidate = load_run(args.candidate)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = compare(baseline, candidate)
    lines = section("newly failing", result.newly_failing, candidate)
    lines += section("newly passing", result.newly_passing, candidate)
    lines += section("still failing", result.still_failing, candidate)
    lines += section("missing in candidate", result.missing_in_candidate, baseline)
    lines += section("new in candidate", result.new_in_candidate, candidate)
    print("\n".join(lines))
    problems = gate(result, candidate, args.critical_tag, args.max_new_failures)
    if args.allow_missing:
        problems = [p for p in problems if "missing from the candidate" not in p]
    if problems:
        print("\nGATE FAILED:\n" + "\n".join(f"- {p}" for p in problems))
        return 1
    print("\ngate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
