#!/usr/bin/env python3
"""Derive a load-test workload model from web server access logs.

Reads nginx/Apache "common" or "combined" log lines (files or stdin, .gz allowed)
and prints peak request rates and the endpoint mix, with IDs in paths collapsed
(/orders/123 -> /orders/:id), so k6 scenario rates and weights match production.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO

LINE = re.compile(r'^\S+ \S+ \S+ \[([^\]]+)\] "([A-Z]+) (\S+)[^"]*" (\d{3}) ')
ID_SEGMENT = re.compile(
    r"^(\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[0-9a-fA-F]{16,}|[A-Za-z0-9_-]{22,})$"
)
TIME_FORMAT = "%d/%b/%Y:%H:%M:%S %z"


@dataclass(frozen=True)
class Request:
    second: int
    endpoint: str
    status: int


def normalise_path(raw: str) -> str:
    path = raw.split("?", 1)[0]
    parts = [":id" if ID_SEGMENT.match(p) else p for p in path.split("/")]
    return "/".join(parts) or "/"


def parse(lines: Iterator[str]) -> Iterator[Request]:
    for line in lines:
        match = LINE.match(line)
        if not match:
            continue
        stamp, method, path, status = match.groups()
        try:
            second = int(datetime.strptime(stamp, TIME_FORMAT).timestamp())
        except ValueError:
            continue
        yield Request(second, f"{method} {normalise_path(path)}", int(status))


def open_input(name: str) -> IO[str]:
    if name == "-":
        return sys.stdin
    if name.endswith(".gz"):
        return gzip.open(name, "rt", encoding="utf-8", errors="replace")
    return open(name, encoding="utf-8", errors="replace")


def summarise(requests: list[Request], top: int) -> dict[str, object]:
    per_second = Counter(r.second for r in requests)
    per_minute = Counter(r.second // 60 for r in requests)
    by_endpoint = Counter(r.endpoint for r in requests)
    errors = Counter(r.endpoint for r in requests if r.status >= 500)
    span = max(per_second) - min(per_second) + 1
    total = len(requests)
    return {
        "requests": total,
        "span_seconds": span,
        "average_rps": round(total / span, 2),
        "peak_rps_1s": max(per_second.values()),
        "peak_rps_1m_avg": round(max(per_minute.values()) / 60, 2),
        "endpoints": [
            {
                "endpoint": endpoint,
                "share_pct": round(100 * count / total, 2),
                "requests": count,
                "error_5xx_pct": round(100 * errors[endpoint] / count, 2),
            }
            for endpoint, count in by_endpoint.most_common(top)
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logs", nargs="*", default=["-"], help="log files (.gz ok); - for stdin")
    parser.add_argument("--top", type=int, default=15, help="endpoints to list (default 15)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)

    requests: list[Request] = []
    for name in args.logs:
        try:
            with open_input(name) as handle:
                requests.extend(parse(iter(handle)))
        except OSError as error:
            print(f"error: cannot read {name}: {error}", file=sys.stderr)
            return 2
    if not requests:
        print("error: no parsable common/combined log lines found", file=sys.stderr)
        return 2

    summary = summarise(requests, args.top)
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(
        f"{summary['requests']} requests over {summary['span_seconds']} s: "
        f"avg {summary['average_rps']} rps, peak 1 s {summary['peak_rps_1s']} rps, "
        f"busiest minute {summary['peak_rps_1m_avg']} rps"
    )
    for row in summary["endpoints"]:  # type: ignore[union-attr]
        print(
            f"{row['share_pct']:6.2f} %  {row['requests']:8d}  "
            f"5xx {row['error_5xx_pct']:5.2f} %  {row['endpoint']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
