#!/usr/bin/env python3
"""Summarize GitHub Actions cache entries: what fills the storage and what is waste.

Input (file or - for stdin), any of:
  gh cache list --limit 1000 --json id,key,ref,sizeInBytes,createdAt,lastAccessedAt
  gh api repos/OWNER/REPO/actions/caches --paginate --jq '.actions_caches[]'   (JSON lines)
  the REST response object {"actions_caches": [...]}

Report:
  usage against the storage limit (--limit-gb, default 10, the free per-repository amount)
  families: keys with hashes and run numbers replaced by *, by total size
  pull-request caches (refs/pull/...): usable only by that pull request
  churn: one family with many entries on the same ref (key changes every run)
  stale entries not accessed for --stale-days days

Exit code: 0 ok, 1 usage above --max-usage percent, 2 bad input. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

VOLATILE = re.compile(r"[0-9a-f]{12,}|(?<=[-_])\d{3,}(?=[-_]|$)", re.IGNORECASE)
MAX_INPUT = 50_000_000
GIB = 1024**3


class InputError(Exception):
    pass


@dataclass(frozen=True)
class Entry:
    key: str
    ref: str
    size: int
    last_accessed: datetime | None


def family(key: str) -> str:
    return VOLATILE.sub("*", key)


def parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    if value.endswith("Z"):  # Python 3.10 fromisoformat does not read "Z"
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone(timedelta(0)))


def records_from(text: str) -> list[dict]:
    text = text.strip()
    if not text:
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        return data.get("actions_caches", [data])
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"line {number}: not JSON ({exc.msg})") from None
            if isinstance(item, dict) and "actions_caches" in item:
                records.extend(item["actions_caches"])
            else:
                records.append(item)
    return records


def to_entry(record: object, position: int) -> Entry:
    if not isinstance(record, dict):
        raise InputError(f"entry {position}: expected an object")
    key = record.get("key")
    size = record.get("sizeInBytes", record.get("size_in_bytes"))
    if not isinstance(key, str) or not isinstance(size, int):
        raise InputError(f"entry {position}: needs 'key' and 'sizeInBytes' (or 'size_in_bytes')")
    accessed = record.get("lastAccessedAt", record.get("last_accessed_at"))
    return Entry(key, str(record.get("ref", "")), size, parse_time(accessed))


def human(size: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.1f} {unit}" if unit != "B" else f"{size:.0f} B"
        size /= 1024
    return f"{size:.1f} GiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Report on GitHub Actions cache usage from gh cache list / gh api JSON.",
    )
    parser.add_argument("input", help="JSON file from gh, or - for stdin")
    parser.add_argument("--limit-gb", type=float, default=10.0, help="storage limit in GiB")
    parser.add_argument("--stale-days", type=float, default=3.0)
    parser.add_argument("--now", help="reference time, ISO 8601 (default: now)")
    parser.add_argument("--max-usage", type=float, help="exit 1 above this percent of the limit")
    args = parser.parse_args(argv)
    try:
        raw = sys.stdin.read(MAX_INPUT) if args.input == "-" else Path(args.input).read_text()
        entries = [to_entry(r, i) for i, r in enumerate(records_from(raw), start=1)]
    except (OSError, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    now = parse_time(args.now) if args.now else datetime.now(timezone(timedelta(0)))
    if now is None:
        print(f"error: --now {args.now!r} is not an ISO 8601 time", file=sys.stderr)
        return 2

    total = sum(entry.size for entry in entries)
    usage = 100 * total / (args.limit_gb * GIB)
    print(f"{len(entries)} cache entries, {human(total)} of {args.limit_gb:g} GiB ({usage:.0f}%)")

    families: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        families[family(entry.key)].append(entry)
    print("\nlargest families (key with hashes and run numbers as *):")
    ranked = sorted(families.items(), key=lambda item: -sum(e.size for e in item[1]))
    for name, members in ranked[:10]:
        size = sum(e.size for e in members)
        refs = len({e.ref for e in members})
        print(f"  {human(size):>10}  {len(members):>4} entries  {refs:>3} refs  {name}")

    pull = [e for e in entries if e.ref.startswith("refs/pull/")]
    if pull:
        size = sum(e.size for e in pull)
        print(
            f"\npull-request caches: {len(pull)} entries, {human(size)} "
            f"({100 * size / total:.0f}% of usage); only their own PR can restore them"
        )

    churn = []
    for name, members in families.items():
        per_ref: dict[str, int] = defaultdict(int)
        for member in members:
            per_ref[member.ref] += 1
        worst_ref, count = max(per_ref.items(), key=lambda item: item[1])
        if count >= 3:
            churn.append((count, name, worst_ref))
    for count, name, ref in sorted(churn, reverse=True):
        print(
            f"churn: {count} entries of {name} on {ref or '(no ref)'}; "
            "the key changes every run: prune older entries"
        )

    stale = [
        e
        for e in entries
        if e.last_accessed and now - e.last_accessed > timedelta(days=args.stale_days)
    ]
    if stale:
        size = sum(e.size for e in stale)
        print(f"stale: {len(stale)} entries ({human(size)}) not used for {args.stale_days:g}+ days")

    if args.max_usage is not None and usage > args.max_usage:
        print(f"usage {usage:.0f}% is above {args.max_usage:g}%", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
