#!/usr/bin/env python3
"""Check JSON-lines logs against a logging standard and report every deviation.

Each input line must be one JSON object. The default standard (override with
--require and --levels) expects:

  timestamp   RFC 3339 / ISO 8601 with a time zone, e.g. 2026-11-30T10:15:00.123Z
  level       one of debug, info, warn, error, fatal (lowercase)
  message     a non-empty string
  service     a non-empty string

Also flagged: lines that are not JSON, field names that are not snake_case or
dotted (for example `userId`), and with --max-bytes, lines longer than that. Each
problem kind is counted with the first line numbers where it occurred.

Exit code: 0 all lines conform, 1 problems found, 2 unreadable input or usage.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

DEFAULT_REQUIRED = ["timestamp", "level", "message", "service"]
DEFAULT_LEVELS = ["debug", "info", "warn", "error", "fatal"]
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
HAS_ZONE = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")


def valid_timestamp(value: object) -> bool:
    if not isinstance(value, str) or not HAS_ZONE.search(value):
        return False
    try:
        datetime.fromisoformat(value)  # Python 3.11+ reads a trailing Z
    except ValueError:
        return False
    return True


def bad_names(record: dict, prefix: str = "") -> list[str]:
    names = []
    for key, value in record.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if not FIELD_NAME.match(str(key)):
            names.append(name)
        if isinstance(value, dict):
            names += bad_names(value, name)
    return names


def problems_in(line: str, required: list[str], levels: set[str], max_bytes: int | None):
    if max_bytes and len(line.encode("utf-8")) > max_bytes:
        yield f"line over {max_bytes} bytes"
    try:
        record = json.loads(line)
    except ValueError:
        yield "not JSON"
        return
    if not isinstance(record, dict):
        yield "not a JSON object"
        return
    for field in required:
        if field not in record or record[field] in ("", None):
            yield f"missing {field}"
    if "timestamp" in record and not valid_timestamp(record["timestamp"]):
        yield "timestamp not ISO 8601 with time zone"
    if "level" in record and record["level"] not in levels:
        yield f"level not one of {', '.join(sorted(levels))}"
    for name in bad_names(record):
        yield f"field name not snake_case: {name}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("logs", nargs="+", help="JSON-lines log files, - for stdin")
    parser.add_argument(
        "--require", default=",".join(DEFAULT_REQUIRED), help="comma-separated required fields"
    )
    parser.add_argument(
        "--levels", default=",".join(DEFAULT_LEVELS), help="comma-separated allowed levels"
    )
    parser.add_argument("--max-bytes", type=int, help="flag lines longer than this")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    required = [f.strip() for f in args.require.split(",") if f.strip()]
    levels = {lvl.strip() for lvl in args.levels.split(",") if lvl.strip()}
    counts: dict[str, int] = defaultdict(int)
    first: dict[str, list[str]] = defaultdict(list)
    total = 0
    for source in args.logs:
        try:
            stream = sys.stdin if source == "-" else open(source, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            print(f"check_log_schema.py: {error}", file=sys.stderr)
            return 2
        with stream:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                total += 1
                for problem in set(problems_in(line, required, levels, args.max_bytes)):
                    counts[problem] += 1
                    if len(first[problem]) < 5:
                        first[problem].append(f"{Path(source).name}:{number}")
    ordered = sorted(counts, key=lambda p: (-counts[p], p))
    if args.json:
        print(
            json.dumps(
                {
                    "lines": total,
                    "problems": [
                        {"problem": p, "lines": counts[p], "first": first[p]} for p in ordered
                    ],
                },
                indent=2,
            )
        )
    else:
        print(f"{total} line(s) checked, {len(ordered)} kind(s) of problem")
        for p in ordered:
            print(f"  {counts[p]:>7} x {p}  (first: {', '.join(first[p])})")
    return 1 if ordered else 0


if __name__ == "__main__":
    sys.exit(main())
