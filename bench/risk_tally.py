"""Risk-scan findings per rule and per 1,000 skills, from a `skillsite check` JSON report.

    .venv/bin/skillsite check /tmp/real-corpus --format json --jobs 1 > /tmp/check.json
    .venv/bin/python bench/risk_tally.py /tmp/check.json [--list]

`--list` prints every finding (rule, file, line, message) for a person to review.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from skillsite.risk import RULES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="output of `skillsite check --format json`")
    parser.add_argument("--list", action="store_true", help="print every finding")
    args = parser.parse_args()
    report = json.loads(args.report.read_text(encoding="utf-8"))
    skills = report["skills"]
    findings = [d for d in report["diagnostics"] if d["code"] in RULES]
    per_rule = Counter(d["code"] for d in findings)
    # A catalog is <category>/<skill>/...: the first two parts name the skill.
    flagged = {"/".join(d["path"].split("/")[:2]) for d in findings}
    print(f"{skills} skills; {len(flagged)} with a finding ({len(flagged) / skills:.1%})")
    print(f"{'rule':24} {'findings':>8} {'per 1,000 skills':>17}")
    for code in RULES:
        print(f"{code:24} {per_rule[code]:8d} {per_rule[code] * 1000 / skills:17.1f}")
    print(f"{'all':24} {len(findings):8d} {len(findings) * 1000 / skills:17.1f}")
    if args.list:
        for d in sorted(findings, key=lambda d: (d["code"], d["path"], d["line"])):
            print(f"{d['code']} | {d['path']}:{d['line']} | {d['message']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
