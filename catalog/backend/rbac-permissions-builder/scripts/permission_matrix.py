#!/usr/bin/env python3
"""Resolve a role/permission policy file and print the effective permission matrix.

The policy is JSON: "permissions" (a list of "resource:action" strings, or
"resource:action:own" for ownership-limited variants) and
"roles" (name -> {"inherits": [...], "grants": [...]}). The script follows
inheritance, then prints a Markdown matrix (roles x permissions) or, with
--json, each role's effective permissions (handy as test fixtures).
Errors (exit 1): unknown permission granted, unknown role inherited,
inheritance cycle. Warnings: permissions no role grants. Exit 2: unreadable file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

PERMISSION_RE = re.compile(r"^[a-z][a-z0-9_-]*:[a-z][a-z0-9_-]*(?::own)?$")
MAX_ROLES = 500
MAX_PERMISSIONS = 2_000


class PolicyError(ValueError):
    pass


def load(path: Path) -> tuple[list[str], dict[str, dict]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise PolicyError("top level must be a JSON object")
    permissions = data.get("permissions")
    roles = data.get("roles")
    if not isinstance(permissions, list) or not isinstance(roles, dict):
        raise PolicyError("need a 'permissions' list and a 'roles' object")
    if len(roles) > MAX_ROLES or len(permissions) > MAX_PERMISSIONS:
        raise PolicyError(f"at most {MAX_ROLES} roles and {MAX_PERMISSIONS} permissions")
    for perm in permissions:
        if not isinstance(perm, str) or not PERMISSION_RE.match(perm):
            raise PolicyError(f"permission {perm!r} is not 'resource:action[:own]' in lowercase")
    return permissions, roles


def resolve(permissions: list[str], roles: dict[str, dict]) -> tuple[dict, list, list]:
    errors: list[str] = []
    known = set(permissions)
    effective: dict[str, set[str]] = {}

    def visit(role: str, stack: tuple[str, ...]) -> set[str]:
        if role in stack:
            errors.append("inheritance cycle: " + " -> ".join((*stack, role)))
            return set()
        if role in effective:
            return effective[role]
        spec = roles.get(role) or {}
        granted = set()
        for perm in spec.get("grants", []):
            if perm not in known:
                errors.append(f"role {role}: grants unknown permission {perm!r}")
            else:
                granted.add(perm)
        for parent in spec.get("inherits", []):
            if parent not in roles:
                errors.append(f"role {role}: inherits unknown role {parent!r}")
                continue
            granted |= visit(parent, (*stack, role))
        effective[role] = granted
        return granted

    for role in roles:
        visit(role, ())
    used = set().union(*effective.values()) if effective else set()
    warnings = [f"permission {p!r} is granted to no role" for p in permissions if p not in used]
    return {r: sorted(p) for r, p in effective.items()}, sorted(set(errors)), warnings


def markdown(permissions: list[str], effective: dict[str, list[str]]) -> str:
    roles = list(effective)
    lines = ["| Permission | " + " | ".join(roles) + " |", "|---|" + "---|" * len(roles)]
    for perm in permissions:
        cells = ["yes" if perm in effective[r] else "" for r in roles]
        lines.append(f"| `{perm}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("policy", help="policy JSON file")
    parser.add_argument("--json", action="store_true", help="print effective permissions")
    args = parser.parse_args(argv)
    try:
        permissions, roles = load(Path(args.policy))
    except (OSError, ValueError) as exc:
        print(f"error: {args.policy}: {exc}", file=sys.stderr)
        return 2
    effective, errors, warnings = resolve(permissions, roles)
    if args.json:
        print(json.dumps(effective, indent=2))
    else:
        print(markdown(permissions, effective))
    for line in warnings:
        print(f"warning: {line}", file=sys.stderr)
    for line in errors:
        print(f"error: {line}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
