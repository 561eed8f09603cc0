#!/usr/bin/env python3
"""Find flaky tests by comparing several JUnit XML reports of the same suite.

A test is flaky when it passed in at least one report and failed (or errored) in
at least one other. Reports come from repeated runs of the same commit, or from
CI runs across commits when the test code did not change.

Exit status: 0 no flaky tests, 1 flaky tests found, 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

PASSED = "passed"
FAILED = "failed"
SKIPPED = "skipped"


@dataclass
class TestHistory:
    test_id: str
    outcomes: list[str] = field(default_factory=list)
    first_failure: str = ""

    @property
    def passes(self) -> int:
        return self.outcomes.count(PASSED)

    @property
    def failures(self) -> int:
        return self.outcomes.count(FAILED)

    @property
    def is_flaky(self) -> bool:
        return self.passes > 0 and self.failures > 0

    @property
    def failure_rate(self) -> float:
        ran = self.passes + self.failures
        return self.failures / ran if ran else 0.0


def outcome_of(testcase: ET.Element) -> tuple[str, str]:
    for tag in ("failure", "error"):
        problem = testcase.find(tag)
        if problem is not None:
            message = problem.get("message") or (problem.text or "").strip()
            return FAILED, message.splitlines()[0][:200] if message else tag
    if testcase.find("skipped") is not None:
        return SKIPPED, ""
    return PASSED, ""


def test_id_of(testcase: ET.Element) -> str:
    classname = testcase.get("classname", "")
    name = testcase.get("name", "")
    return f"{classname}::{name}" if classname else name


def read_report(path: Path, histories: dict[str, TestHistory]) -> int:
    root = ET.parse(path).getroot()
    count = 0
    for testcase in root.iter("testcase"):
        outcome, message = outcome_of(testcase)
        history = histories.setdefault(test_id_of(testcase), TestHistory(test_id_of(testcase)))
        history.outcomes.append(outcome)
        if outcome == FAILED and not history.first_failure:
            history.first_failure = message
        count += 1
    return count


def render_text(flaky: list[TestHistory], reports: int, tests: int) -> str:
    lines = [f"{reports} reports, {tests} distinct tests, {len(flaky)} flaky"]
    for history in flaky:
        lines.append(
            f"{history.failure_rate:6.1%}  {history.failures:>3} failed / "
            f"{history.passes + history.failures:>3} ran  {history.test_id}"
        )
        if history.first_failure:
            lines.append(f"        first failure: {history.first_failure}")
    return "\n".join(lines)


def render_json(flaky: list[TestHistory], reports: int, tests: int) -> str:
    return json.dumps(
        {
            "reports": reports,
            "tests": tests,
            "flaky": [
                {
                    "test": h.test_id,
                    "passed": h.passes,
                    "failed": h.failures,
                    "failure_rate": round(h.failure_rate, 4),
                    "first_failure": h.first_failure,
                }
                for h in flaky
            ],
        },
        indent=2,
    )


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="List tests that both passed and failed across JUnit XML reports.",
    )
    parser.add_argument("reports", nargs="+", type=Path, help="JUnit XML files, one per run")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--min-runs",
        type=int,
        default=2,
        help="ignore tests that ran (passed or failed) fewer times than this (default 2)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    histories: dict[str, TestHistory] = {}
    for path in args.reports:
        try:
            read_report(path, histories)
        except (OSError, ET.ParseError) as error:
            print(f"error: {path}: cannot read JUnit XML ({error})", file=sys.stderr)
            return 2
    flaky = sorted(
        (h for h in histories.values() if h.is_flaky and h.passes + h.failures >= args.min_runs),
        key=lambda h: (-h.failure_rate, h.test_id),
    )
    render = render_json if args.format == "json" else render_text
    print(render(flaky, len(args.reports), len(histories)))
    return 1 if flaky else 0


if __name__ == "__main__":
    sys.exit(main())
