#!/usr/bin/env python3
"""Compare an intended permission matrix with what the application actually allowed.

Both inputs are CSV files with a header row and the columns
    role, action, expected | observed
where `expected` is allow or deny (the policy), and `observed` is allow, deny, or an
HTTP status code recorded by the test run (2xx and 3xx count as allow; 401, 403 and
404 count as deny; anything else is an error to look at).

Reports, most serious first:
  ESCALATION   observed allow where the policy says deny
  DENIED       observed deny where the policy says allow
  UNTESTED     a policy cell with no observation
  UNKNOWN      an observation for a cell the policy does not define
  ERROR        an observed status that is neither allow nor deny (500s and the like)

With --template ROLES ACTIONS (comma-separated), prints an empty policy CSV to fill in.
Exit code: 0 matrix matches, 1 any escalation, denial, error or untested cell,
2 unreadable input or usage. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ALLOW_WORDS = {"allow", "allowed", "yes", "true", "permit"}
DENY_WORDS = {"deny", "denied", "no", "false", "forbid"}
ORDER = ["ESCALATION", "ERROR", "DENIED", "UNTESTED", "UNKNOWN"]


def decision(value: str) -> str | None:
    """'allow', 'deny' or None (not a decision) for a cell value."""
    text = value.strip().lower()
    if text in ALLOW_WORDS:
        return "allow"
    if text in DENY_WORDS:
        return "deny"
    if text.isdigit():
        code = int(text)
        if 200 <= code < 400:
            return "allow"
        if code in (401, 403, 404):
            return "deny"
    return None


def read_matrix(path: Path, column: str) -> dict[tuple[str, str], str]:
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        missing = {"role", "action", column} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return {(row["role"].strip(), row["action"].strip()): row[column].strip() for row in reader}


def compare(policy: dict, observed: dict) -> list[dict[str, str]]:
    problems = []
    for cell, expected_raw in sorted(policy.items()):
        expected = decision(expected_raw)
        if expected is None:
            raise ValueError(f"policy cell {cell} has {expected_raw!r}; use allow or deny")
        if cell not in observed:
            problems.append({"kind": "UNTESTED", "role": cell[0], "action": cell[1], "detail": ""})
            continue
        got = decision(observed[cell])
        if got is None:
            kind, detail = "ERROR", f"observed {observed[cell]!r}"
        elif got == expected:
            continue
        elif got == "allow":
            kind, detail = "ESCALATION", f"policy deny, observed {observed[cell]}"
        else:
            kind, detail = "DENIED", f"policy allow, observed {observed[cell]}"
        problems.append({"kind": kind, "role": cell[0], "action": cell[1], "detail": detail})
    for cell in sorted(set(observed) - set(policy)):
        problems.append(
            {"kind": "UNKNOWN", "role": cell[0], "action": cell[1], "detail": observed[cell]}
        )
    problems.sort(key=lambda p: (ORDER.index(p["kind"]), p["role"], p["action"]))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("policy", nargs="?", type=Path, help="CSV: role, action, expected")
    parser.add_argument("observed", nargs="?", type=Path, help="CSV: role, action, observed")
    parser.add_argument(
        "--template", nargs=2, metavar=("ROLES", "ACTIONS"), help="print an empty policy CSV"
    )
    parser.add_argument("--json", action="store_true", help="print problems as JSON")
    args = parser.parse_args(argv)
    if args.template:
        roles, actions = (part.split(",") for part in args.template)
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["role", "action", "expected"])
        for role in roles:
            for action in actions:
                writer.writerow([role.strip(), action.strip(), ""])
        return 0
    if not (args.policy and args.observed):
        parser.error("give POLICY and OBSERVED, or --template ROLES ACTIONS")
    try:
        problems = compare(
            read_matrix(args.policy, "expected"), read_matrix(args.observed, "observed")
        )
    except (OSError, ValueError) as error:
        print(f"permission_matrix.py: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(problems, indent=2))
    else:
        for p in problems:
            print(f"{p['kind']:<10} {p['role']:<12} {p['action']:<28} {p['detail']}")
        counts = {kind: sum(p["kind"] == kind for p in problems) for kind in ORDER}
        print(", ".join(f"{n} {kind.lower()}" for kind, n in counts.items()))
    failing = [p for p in problems if p["kind"] != "UNKNOWN"]
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
