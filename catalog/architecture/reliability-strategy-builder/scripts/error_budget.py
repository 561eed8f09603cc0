#!/usr/bin/env python3
"""Error budget arithmetic and multiwindow burn-rate alert thresholds for an SLO.

Examples:
  error_budget.py --slo 99.9 --window-days 30
  error_budget.py --slo 99.5 --window-days 28 --good 2480113 --total 2491020
  error_budget.py --slo 99.9 --prometheus slo:api_errors:ratio_rate

Prints the budget (allowed bad fraction, minutes of full outage, failed
requests if --total is given), the budget consumed so far (with --good and
--total), and alert thresholds: for each rule, the error ratio above which
that share of the whole budget would be spent within the long window.
Default rules (from common SRE practice for a 30-day window):
  page    2% of budget in 1h  (short window 5m)
  page    5% of budget in 6h  (short window 30m)
  ticket 10% of budget in 3d  (short window 6h)

Exit code: 0 ok, 1 budget exhausted (with --good/--total), 2 bad input.
Stdlib only.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class AlertRule:
    severity: str
    budget_share: float  # share of the whole window's budget
    long_hours: float
    short_label: str
    long_label: str


RULES = (
    AlertRule("page", 0.02, 1, "5m", "1h"),
    AlertRule("page", 0.05, 6, "30m", "6h"),
    AlertRule("ticket", 0.10, 72, "6h", "3d"),
)


def burn_rate(rule: AlertRule, window_days: float) -> float:
    return rule.budget_share * window_days * 24 / rule.long_hours


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Error budget and burn-rate alert thresholds for an availability SLO.",
    )
    parser.add_argument("--slo", type=float, required=True, help="target in percent, e.g. 99.9")
    parser.add_argument("--window-days", type=float, default=30, help="SLO window (default 30)")
    parser.add_argument("--good", type=int, help="good events so far in the window")
    parser.add_argument("--total", type=int, help="all events so far in the window")
    parser.add_argument(
        "--prometheus",
        metavar="PREFIX",
        help="print PromQL using recording rules named PREFIX<window>, e.g. PREFIX1h",
    )
    args = parser.parse_args(argv)
    if not 0 < args.slo < 100:
        print(
            "error: --slo must be between 0 and 100 (exclusive); 100% leaves no budget",
            file=sys.stderr,
        )
        return 2
    if args.window_days <= 0:
        print("error: --window-days must be positive", file=sys.stderr)
        return 2
    if (args.good is None) != (args.total is None):
        print("error: give both --good and --total, or neither", file=sys.stderr)
        return 2
    if args.total is not None and not 0 <= args.good <= args.total:
        print("error: need 0 <= --good <= --total", file=sys.stderr)
        return 2

    allowed = 1 - args.slo / 100
    window_minutes = args.window_days * 24 * 60
    print(f"SLO {args.slo:g}% over {args.window_days:g} days")
    outage_minutes = allowed * window_minutes
    print(f"error budget: {allowed:.4%} of events, {outage_minutes:.1f} minutes of full outage")

    exhausted = False
    if args.total is not None:
        bad = args.total - args.good
        budget_events = allowed * args.total
        consumed = bad / budget_events if budget_events else float("inf")
        exhausted = consumed >= 1
        bad_ratio = bad / args.total if args.total else 0.0
        print(
            f"so far: {bad} bad of {args.total} events ({bad_ratio:.4%}); "
            f"budget consumed {consumed:.1%}, allowed failures {budget_events:.0f}"
        )
        print(
            "status: "
            + ("EXHAUSTED - apply the error budget policy" if exhausted else "within budget")
        )

    print()
    print(
        f"{'severity':<8} {'budget':>7} {'long':>5} {'short':>5} {'burn':>6} {'error ratio >':>14}"
    )
    for rule in RULES:
        rate = burn_rate(rule, args.window_days)
        threshold = rate * allowed
        print(
            f"{rule.severity:<8} {rule.budget_share:>7.0%} {rule.long_label:>5} "
            f"{rule.short_label:>5} {rate:>6.1f} {threshold:>14.5f}"
        )
        if args.prometheus:
            print(
                f"  expr: {args.prometheus}{rule.long_label} > {threshold:.6g} "
                f"and {args.prometheus}{rule.short_label} > {threshold:.6g}"
            )
    return 1 if exhausted else 0


if __name__ == "__main__":
    sys.exit(main())
