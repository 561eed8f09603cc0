#!/usr/bin/env python3
"""Send a burst of requests to one URL and report where rate limiting starts.

Stdlib only. Use it against systems you own (staging), never third parties.
Exit code: 0 if at least one 429 was seen, 1 if none, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

LIMIT_HEADERS = (
    "retry-after",
    "ratelimit",
    "ratelimit-policy",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
)


@dataclass(frozen=True)
class Result:
    index: int
    status: int
    elapsed_ms: float
    headers: dict[str, str]
    error: str = ""


def parse_headers(raw: list[str]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for item in raw:
        name, sep, value = item.partition(":")
        if not sep or not name.strip():
            raise ValueError(f"header must look like 'Name: value', got {item!r}")
        headers[name.strip()] = value.strip()
    return headers


def send(
    index: int, url: str, method: str, data: bytes | None, headers: dict[str, str], timeout: float
) -> Result:
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, got = response.status, response.headers
    except urllib.error.HTTPError as exc:
        status, got = exc.code, exc.headers
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return Result(index, 0, (time.perf_counter() - started) * 1000, {}, str(exc))
    elapsed = (time.perf_counter() - started) * 1000
    limit_headers = {k.lower(): v for k, v in got.items() if k.lower() in LIMIT_HEADERS}
    return Result(index, status, elapsed, limit_headers)


def report(results: list[Result]) -> str:
    ordered = sorted(results, key=lambda r: r.index)
    counts = Counter(r.status for r in ordered)
    lines = ["status counts:"]
    for status, count in sorted(counts.items()):
        label = "error" if status == 0 else str(status)
        lines.append(f"  {label}: {count}")
    first_429 = next((r for r in ordered if r.status == 429), None)
    if first_429 is None:
        lines.append("no 429 seen: the limit is higher than this burst, or absent")
    else:
        lines.append(f"first 429 at request #{first_429.index + 1}")
        for name, value in sorted(first_429.headers.items()):
            lines.append(f"  {name}: {value}")
        if "retry-after" not in first_429.headers:
            lines.append("  warning: 429 without Retry-After")
    errors = [r for r in ordered if r.error]
    if errors:
        lines.append(f"first transport error: {errors[0].error}")
    latencies = sorted(r.elapsed_ms for r in ordered if not r.error)
    if latencies:
        p50 = latencies[len(latencies) // 2]
        lines.append(f"latency p50 {p50:.0f} ms, max {latencies[-1]:.0f} ms")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "url", help="full URL to probe, e.g. https://staging.example.com/auth/login"
    )
    parser.add_argument("--method", default="GET", help="HTTP method (default GET)")
    parser.add_argument("--data", help="request body sent as-is (UTF-8)")
    parser.add_argument(
        "--header", action="append", default=[], help="extra header 'Name: value' (repeatable)"
    )
    parser.add_argument("--requests", type=int, default=20, help="number of requests (default 20)")
    parser.add_argument("--concurrency", type=int, default=1, help="parallel requests (default 1)")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="per-request timeout in seconds"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.url.startswith(("http://", "https://")):
        parser.error("url must start with http:// or https://")
    if args.requests < 1 or args.concurrency < 1:
        parser.error("--requests and --concurrency must be at least 1")
    try:
        headers = parse_headers(args.header)
    except ValueError as exc:
        parser.error(str(exc))
    data = args.data.encode() if args.data is not None else None
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        futures = [
            pool.submit(send, i, args.url, args.method.upper(), data, headers, args.timeout)
            for i in range(args.requests)
        ]
        results = [f.result() for f in futures]
    print(report(results))
    return 0 if any(r.status == 429 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
