#!/usr/bin/env python3
"""Group failed tests from JUnit XML reports by the shape of their error.

Reads JUnit XML files (pytest --junitxml, Jest/Vitest junit reporters, Playwright,
Maven Surefire, go-junit-report, gotestsum) and groups every failure and error by a
signature: the exception type plus its first message line with volatile parts
(numbers, hex ids, UUIDs, quoted values, temp paths, durations) replaced by
placeholders. Many failures with one signature usually share one cause; a signature
seen once is usually a test of its own.

Prints groups largest first, with the tests in each and one sample message.
Exit code: 0 no failures, 1 failures found, 2 unreadable input or usage.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

VOLATILE = [
    (
        re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE),
        "<uuid>",
    ),
    (re.compile(r"0x[0-9a-f]+", re.IGNORECASE), "<hex>"),
    (re.compile(r"(/tmp|/var/folders|C:\\Users)[^\s'\"]*"), "<path>"),
    (re.compile(r"\b\d+(\.\d+)?\s?(ms|s|sec|seconds)\b"), "<duration>"),
    (re.compile(r"'[^']{0,80}'|\"[^\"]{0,80}\""), "<str>"),
    (re.compile(r"\b\d+\b"), "<n>"),
]


@dataclass
class Group:
    signature: str
    tests: list[str] = field(default_factory=list)
    sample: str = ""
    reports: set[str] = field(default_factory=set)


def signature(kind: str, message: str) -> str:
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    for pattern, placeholder in VOLATILE:
        first = pattern.sub(placeholder, first)
    return f"{kind}: {first[:160]}" if kind else first[:160]


def failures(report: Path) -> list[tuple[str, str, str]]:
    """(test id, error kind, message) for each failed or errored test case."""
    found = []
    for case in ET.parse(report).getroot().iter("testcase"):
        for tag in ("failure", "error"):
            problem = case.find(tag)
            if problem is None:
                continue
            name = f"{case.get('classname', '')}::{case.get('name', '')}".lstrip(":")
            kind = problem.get("type", "") or tag
            message = problem.get("message") or (problem.text or "")
            found.append((name, kind.rsplit(".", 1)[-1], message))
            break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("reports", nargs="+", type=Path, help="JUnit XML files")
    parser.add_argument("--json", action="store_true", help="print groups as JSON")
    args = parser.parse_args(argv)
    groups: dict[str, Group] = {}
    total = 0
    for report in args.reports:
        try:
            found = failures(report)
        except (OSError, ET.ParseError) as error:
            print(f"triage_failures.py: {report}: {error}", file=sys.stderr)
            return 2
        for test, kind, message in found:
            total += 1
            key = signature(kind, message)
            group = groups.setdefault(key, Group(key, sample=message.strip()[:300]))
            group.tests.append(test)
            group.reports.add(report.name)
    ordered = sorted(groups.values(), key=lambda g: (-len(g.tests), g.signature))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "signature": g.signature,
                        "count": len(g.tests),
                        "tests": g.tests,
                        "sample": g.sample,
                        "reports": sorted(g.reports),
                    }
                    for g in ordered
                ],
                indent=2,
            )
        )
    else:
        print(f"{total} failure(s) in {len(ordered)} group(s) from {len(args.reports)} report(s)")
        for number, g in enumerate(ordered, 1):
            print(f"\n[{number}] {len(g.tests)} x {g.signature}")
            for test in g.tests[:10]:
                print(f"    {test}")
            if len(g.tests) > 10:
                print(f"    ... and {len(g.tests) - 10} more")
            print(f"    sample: {g.sample.splitlines()[0] if g.sample else '(no message)'}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
