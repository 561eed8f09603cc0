#!/usr/bin/env python3
"""Back-of-the-envelope capacity estimate for a system design.

Turns daily active users, actions per user, read/write ratio, payload size and
retention into average and peak request rates, bandwidth and storage, and a rough
count of application servers. Prints a Markdown table (or JSON with --json).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import asdict, dataclass

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class Estimate:
    writes_per_second_avg: float
    writes_per_second_peak: float
    reads_per_second_avg: float
    reads_per_second_peak: float
    ingress_mb_per_second_peak: float
    egress_mb_per_second_peak: float
    storage_gb_per_day: float
    storage_tb_total: float
    app_servers_needed: int


def estimate(
    daily_active_users: int,
    writes_per_user_per_day: float,
    read_write_ratio: float,
    write_size_bytes: int,
    read_size_bytes: int,
    retention_days: int,
    replication_factor: int,
    peak_factor: float,
    rps_per_server: float,
    headroom: float,
) -> Estimate:
    writes_avg = daily_active_users * writes_per_user_per_day / SECONDS_PER_DAY
    reads_avg = writes_avg * read_write_ratio
    writes_peak = writes_avg * peak_factor
    reads_peak = reads_avg * peak_factor
    storage_per_day = writes_avg * SECONDS_PER_DAY * write_size_bytes * replication_factor
    total_rps_peak = writes_peak + reads_peak
    return Estimate(
        writes_per_second_avg=writes_avg,
        writes_per_second_peak=writes_peak,
        reads_per_second_avg=reads_avg,
        reads_per_second_peak=reads_peak,
        ingress_mb_per_second_peak=writes_peak * write_size_bytes / 1e6,
        egress_mb_per_second_peak=reads_peak * read_size_bytes / 1e6,
        storage_gb_per_day=storage_per_day / 1e9,
        storage_tb_total=storage_per_day * retention_days / 1e12,
        app_servers_needed=max(2, math.ceil(total_rps_peak * headroom / rps_per_server)),
    )


def to_markdown(result: Estimate) -> str:
    rows = [
        (
            "Writes/s (avg / peak)",
            f"{result.writes_per_second_avg:,.1f} / {result.writes_per_second_peak:,.1f}",
        ),
        (
            "Reads/s (avg / peak)",
            f"{result.reads_per_second_avg:,.1f} / {result.reads_per_second_peak:,.1f}",
        ),
        ("Ingress at peak", f"{result.ingress_mb_per_second_peak:,.2f} MB/s"),
        ("Egress at peak", f"{result.egress_mb_per_second_peak:,.2f} MB/s"),
        ("Storage per day (replicated)", f"{result.storage_gb_per_day:,.2f} GB"),
        ("Storage for retention period", f"{result.storage_tb_total:,.2f} TB"),
        ("App servers (with headroom, min 2)", str(result.app_servers_needed)),
    ]
    lines = ["| Quantity | Value |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dau", type=int, required=True, help="daily active users")
    parser.add_argument(
        "--writes-per-user", type=float, required=True, help="writes per user per day"
    )
    parser.add_argument(
        "--read-ratio", type=float, default=10.0, help="reads per write (default 10)"
    )
    parser.add_argument(
        "--write-size", type=int, default=1_000, help="bytes stored per write (default 1000)"
    )
    parser.add_argument(
        "--read-size", type=int, default=5_000, help="bytes returned per read (default 5000)"
    )
    parser.add_argument("--retention-days", type=int, default=365 * 5, help="default 5 years")
    parser.add_argument("--replication", type=int, default=3, help="copies stored (default 3)")
    parser.add_argument("--peak-factor", type=float, default=3.0, help="peak / average (default 3)")
    parser.add_argument(
        "--rps-per-server", type=float, default=500.0, help="requests/s one app server handles"
    )
    parser.add_argument(
        "--headroom", type=float, default=1.5, help="capacity multiplier over peak (default 1.5)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    numbers = (
        args.dau,
        args.writes_per_user,
        args.read_ratio,
        args.peak_factor,
        args.rps_per_server,
    )
    if min(numbers) < 0 or args.rps_per_server == 0:
        print("error: values must be positive (and --rps-per-server non-zero)", file=sys.stderr)
        return 2
    result = estimate(
        daily_active_users=args.dau,
        writes_per_user_per_day=args.writes_per_user,
        read_write_ratio=args.read_ratio,
        write_size_bytes=args.write_size,
        read_size_bytes=args.read_size,
        retention_days=args.retention_days,
        replication_factor=args.replication,
        peak_factor=args.peak_factor,
        rps_per_server=args.rps_per_server,
        headroom=args.headroom,
    )
    print(json.dumps(asdict(result), indent=2) if args.json else to_markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
