#!/usr/bin/env python3
"""Check that a branch's merge rules actually enforce the quality gates.

Input (file or - for stdin), either:
  rules in effect:   gh api repos/{owner}/{repo}/rules/branches/main
  classic protection: gh api repos/{owner}/{repo}/branches/main/protection

Checks:
  the required status check (default "ci-ok", see --check) is required
  pull requests are required, with at least --min-approvals approvals
  stale approvals are dismissed when new commits are pushed
  force pushes and branch deletion are blocked
  (classic protection only) administrators are included

Exit code: 0 all checks pass, 1 a gate is missing, 2 bad input. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

MAX_INPUT = 5_000_000


def from_rules(rules: list, check: str, min_approvals: int) -> list[str]:
    by_type: dict[str, list[dict]] = {}
    for rule in rules:
        if isinstance(rule, dict) and isinstance(rule.get("type"), str):
            by_type.setdefault(rule["type"], []).append(rule.get("parameters") or {})
    problems: list[str] = []
    contexts = {
        item.get("context")
        for params in by_type.get("required_status_checks", [])
        for item in params.get("required_status_checks", [])
        if isinstance(item, dict)
    }
    if check not in contexts:
        found = ", ".join(sorted(c for c in contexts if c)) or "none"
        problems.append(f"status check {check!r} is not required (required: {found})")
    reviews = by_type.get("pull_request", [])
    if not reviews:
        problems.append("pull requests are not required: direct pushes can skip every gate")
    else:
        approvals = max(p.get("required_approving_review_count", 0) for p in reviews)
        if approvals < min_approvals:
            problems.append(f"{approvals} approvals required, want at least {min_approvals}")
        if not any(p.get("dismiss_stale_reviews_on_push") for p in reviews):
            problems.append("approvals survive new pushes (dismiss_stale_reviews_on_push is off)")
    if "non_fast_forward" not in by_type:
        problems.append("force pushes are allowed (no non_fast_forward rule)")
    if "deletion" not in by_type:
        problems.append("the branch can be deleted (no deletion rule)")
    return problems


def enabled(value: object) -> bool:
    return bool(value.get("enabled")) if isinstance(value, dict) else bool(value)


def from_protection(data: dict, check: str, min_approvals: int) -> list[str]:
    problems: list[str] = []
    status = data.get("required_status_checks") or {}
    contexts = set(status.get("contexts") or [])
    contexts |= {c.get("context") for c in status.get("checks") or [] if isinstance(c, dict)}
    if check not in contexts:
        found = ", ".join(sorted(c for c in contexts if c)) or "none"
        problems.append(f"status check {check!r} is not required (required: {found})")
    reviews = data.get("required_pull_request_reviews")
    if not reviews:
        problems.append("pull request reviews are not required")
    else:
        approvals = reviews.get("required_approving_review_count", 0)
        if approvals < min_approvals:
            problems.append(f"{approvals} approvals required, want at least {min_approvals}")
        if not reviews.get("dismiss_stale_reviews"):
            problems.append("approvals survive new pushes (dismiss_stale_reviews is off)")
    if enabled(data.get("allow_force_pushes")):
        problems.append("force pushes are allowed")
    if enabled(data.get("allow_deletions")):
        problems.append("the branch can be deleted")
    if not enabled(data.get("enforce_admins")):
        problems.append("administrators can merge without passing the gates (enforce_admins off)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check GitHub branch rules (rulesets or classic protection) for quality gates.",
    )
    parser.add_argument("input", help="JSON from gh api, or - for stdin")
    parser.add_argument("--check", default="ci-ok", help="required status check name")
    parser.add_argument("--min-approvals", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        raw = sys.stdin.read(MAX_INPUT) if args.input == "-" else Path(args.input).read_text()
        data = json.loads(raw)
    except OSError as exc:
        print(f"error: {args.input}: cannot read ({exc.strerror})", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(f"error: {args.input}:{exc.lineno}: invalid JSON ({exc.msg})", file=sys.stderr)
        return 2
    if isinstance(data, list):
        kind, problems = "rulesets", from_rules(data, args.check, args.min_approvals)
    elif isinstance(data, dict) and "message" in data and len(data) <= 3:
        print(f"error: the API answered: {data['message']}", file=sys.stderr)
        return 2
    elif isinstance(data, dict):
        kind, problems = "classic protection", from_protection(data, args.check, args.min_approvals)
    else:
        print("error: expected a JSON list (rules) or object (protection)", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"missing: {problem}")
    if problems:
        return 1
    print(f"ok ({kind}): {args.check!r} required, reviews required, history protected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
