#!/usr/bin/env python3
"""Scan log files for personal data and credentials that a logging policy forbids.

Reads plain or JSON-lines logs (gzip allowed, - for stdin) and reports, per kind,
how many lines contain it, the first line numbers, and for JSON logs the field names
it appeared in. Values are never printed, only masked. Kinds:

  email        user@example.com
  card         13-19 digit numbers that pass the Luhn check (payment cards)
  iban         IBAN-shaped strings that pass the mod-97 check
  phone        international numbers such as +44 20 7946 0958
  ipv4         IPv4 addresses (personal data under GDPR when tied to a person)
  jwt          three base64url segments starting with eyJ
  bearer       Authorization: Bearer <token> and similar headers
  password     password=..., "password": "..." with a non-empty value

Use --allow KIND to accept a kind the policy permits (for example ipv4 in access logs).
Exit code: 0 nothing found, 1 findings, 2 unreadable input or usage. Standard library only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

PATTERNS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b"),
    "card": re.compile(r"\b(?:\d[ -]?){12,18}\d\b"),
    "iban": re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b"),
    "phone": re.compile(r"(?<![\w+])\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}\b"),
    "ipv4": re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b"),
    "jwt": re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    "bearer": re.compile(
        r"(?i)\b(?:authorization|x-api-key)[\"']?\s*[:=]\s*[\"']?(?:bearer\s+)?[A-Za-z0-9._~+/=-]{12,}"
    ),
    "password": re.compile(
        r"(?i)[\"']?(?:password|passwd|pwd|secret)[\"']?\s*[:=]\s*[\"']?[^\s\"',}]{1,}"
    ),
}
MAX_LINE = 64 * 1024


def luhn_ok(digits: str) -> bool:
    total, double = 0, False
    for char in reversed(digits):
        value = int(char)
        if double:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
        double = not double
    return total % 10 == 0


def iban_ok(text: str) -> bool:
    compact = text.replace(" ", "")
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return len(compact) >= 15 and int(number) % 97 == 1


def kinds_in(text: str) -> set[str]:
    found = set()
    for kind, pattern in PATTERNS.items():
        for match in pattern.finditer(text):
            value = match.group(0)
            if kind == "card" and not luhn_ok(re.sub(r"\D", "", value)):
                continue
            if kind == "iban" and not iban_ok(value):
                continue
            found.add(kind)
            break
    return found


def fields_with(record: object, kind: str, prefix: str = "") -> list[str]:
    """Dotted names of JSON fields whose string value contains the kind."""
    names = []
    if isinstance(record, dict):
        for key, value in record.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, (dict, list)):
                names += fields_with(value, kind, name)
            elif kind in kinds_in(f"{key}={value}"):
                names.append(name)
    elif isinstance(record, list):
        for item in record:
            names += fields_with(item, kind, prefix + "[]")
    return names


def open_log(path: str):
    if path == "-":
        return sys.stdin
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("logs", nargs="+", help="log files (.gz ok), - for stdin")
    parser.add_argument(
        "--allow", action="append", default=[], choices=sorted(PATTERNS), help="kind to accept"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    lines_with: dict[str, int] = defaultdict(int)
    first_lines: dict[str, list[str]] = defaultdict(list)
    fields: dict[str, set[str]] = defaultdict(set)
    scanned = 0
    for path in args.logs:
        try:
            stream = open_log(path)
        except OSError as error:
            print(f"scan_logs_for_pii.py: {error}", file=sys.stderr)
            return 2
        with stream:
            for number, line in enumerate(stream, 1):
                scanned += 1
                line = line[:MAX_LINE]
                found = kinds_in(line) - set(args.allow)
                if not found:
                    continue
                record = None
                if line.lstrip().startswith("{"):
                    try:
                        record = json.loads(line)
                    except ValueError:
                        record = None
                for kind in found:
                    lines_with[kind] += 1
                    if len(first_lines[kind]) < 5:
                        first_lines[kind].append(f"{Path(path).name}:{number}")
                    if record is not None:
                        fields[kind].update(fields_with(record, kind))
    report = {
        kind: {
            "lines": lines_with[kind],
            "first": first_lines[kind],
            "fields": sorted(fields[kind]),
        }
        for kind in sorted(lines_with, key=lambda k: -lines_with[k])
    }
    if args.json:
        print(json.dumps({"scanned_lines": scanned, "findings": report}, indent=2))
    else:
        print(f"{scanned} line(s) scanned, {len(report)} kind(s) of sensitive data found")
        for kind, entry in report.items():
            where = f" in fields {', '.join(entry['fields'])}" if entry["fields"] else ""
            first = ", ".join(entry["first"])
            print(f"  {kind:<9} {entry['lines']:>7} line(s){where}; first: {first}")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
