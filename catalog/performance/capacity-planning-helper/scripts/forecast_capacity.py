#!/usr/bin/env python3
"""Forecast when a resource runs out of headroom from its history.

Input: a CSV with a header row and two columns, date (YYYY-MM-DD) and value, one row
per day or week, where value is the daily or weekly PEAK of the metric (requests per
second, CPU cores used, storage GB, connections). The script fits a straight line
(least squares) and, with --growth-model compound, an exponential curve through the
points, and reports:

  - current peak and growth per 30 days (absolute and relative);
  - the date the peak crosses --limit * --target-utilisation (the planning line),
    and the date it crosses --limit itself;
  - the capacity needed at --horizon days with the given headroom.

Both models are shown when --growth-model both; plan on the earlier date.
Exit code: 0 ok, 1 the planning line is crossed within --warn-days, 2 bad input or usage.
Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from datetime import date, timedelta
from pathlib import Path


def read_series(path: Path) -> list[tuple[date, float]]:
    points = []
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        header = next(reader, None)
        if not header or len(header) < 2:
            raise ValueError(f"{path}: expected a header row with date,value")
        for number, row in enumerate(reader, 2):
            if not row or not row[0].strip():
                continue
            try:
                points.append((date.fromisoformat(row[0].strip()), float(row[1])))
            except (ValueError, IndexError) as error:
                raise ValueError(f"{path}:{number}: {error}") from None
    if len(points) < 3:
        raise ValueError(f"{path}: need at least 3 points, found {len(points)}")
    return sorted(points)


def fit_line(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Slope and intercept of the least-squares line."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    var = sum((x - mean_x) ** 2 for x in xs)
    if var == 0:
        raise ValueError("all points have the same date")
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var
    return slope, mean_y - slope * mean_x


def crossing(start: date, predict, threshold: float, max_days: int = 3650) -> date | None:
    """First day after start where predict(day) >= threshold, within max_days."""
    for offset in range(max_days + 1):
        if predict(offset) >= threshold:
            return start + timedelta(days=offset)
    return None


def forecast(points, model: str, limit: float, target: float, horizon: int, headroom: float):
    origin = points[0][0]
    xs = [(d - origin).days for d, _ in points]
    ys = [v for _, v in points]
    last_x = xs[-1]
    if model == "linear":
        slope, intercept = fit_line(xs, ys)

        def at(x: float) -> float:
            return slope * x + intercept

    else:
        if min(ys) <= 0:
            raise ValueError("compound growth needs values above 0")
        slope, intercept = fit_line(xs, [math.log(y) for y in ys])

        def at(x: float) -> float:
            return math.exp(slope * x + intercept)

    today = points[-1][0]
    current = at(last_x)
    in_30 = at(last_x + 30)
    return {
        "model": model,
        "current_peak": round(current, 2),
        "growth_per_30_days": round(in_30 - current, 2),
        "growth_per_30_days_pct": round(100 * (in_30 / current - 1), 1) if current else None,
        "planning_line": round(limit * target, 2),
        "planning_line_date": _iso(crossing(today, lambda d: at(last_x + d), limit * target)),
        "limit_date": _iso(crossing(today, lambda d: at(last_x + d), limit)),
        "horizon_days": horizon,
        "peak_at_horizon": round(at(last_x + horizon), 2),
        "capacity_needed_at_horizon": round(at(last_x + horizon) * (1 + headroom), 2),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("history", type=Path, help="CSV of date,peak value")
    parser.add_argument("--limit", type=float, required=True, help="capacity of today's setup")
    parser.add_argument(
        "--target-utilisation", type=float, default=0.7, help="planning line (default 0.7)"
    )
    parser.add_argument("--horizon", type=int, default=180, help="days ahead (default 180)")
    parser.add_argument("--headroom", type=float, default=0.3, help="spare share (default 0.3)")
    parser.add_argument("--growth-model", choices=["linear", "compound", "both"], default="both")
    parser.add_argument("--warn-days", type=int, default=90, help="exit 1 if crossing sooner")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    try:
        points = read_series(args.history)
        models = ["linear", "compound"] if args.growth_model == "both" else [args.growth_model]
        results = [
            forecast(points, m, args.limit, args.target_utilisation, args.horizon, args.headroom)
            for m in models
        ]
    except (OSError, ValueError) as error:
        print(f"forecast_capacity.py: {error}", file=sys.stderr)
        return 2
    today = points[-1][0]
    dates = [
        date.fromisoformat(r["planning_line_date"]) for r in results if r["planning_line_date"]
    ]
    soonest = min(dates) if dates else None
    if args.json:
        print(json.dumps({"last_point": today.isoformat(), "forecasts": results}, indent=2))
    else:
        print(f"{len(points)} points, last {today.isoformat()}, limit {args.limit:g}")
        never = "not within 10 years"
        for r in results:
            print(
                f"{r['model']:>9}: peak {r['current_peak']:g}, "
                f"{r['growth_per_30_days']:+g} per 30 days ({r['growth_per_30_days_pct']:+g}%); "
                f"planning line {r['planning_line']:g} on {r['planning_line_date'] or never}, "
                f"limit on {r['limit_date'] or never}; "
                f"need {r['capacity_needed_at_horizon']:g} in {r['horizon_days']} days"
            )
    if soonest and (soonest - today).days <= args.warn_days:
        print(
            f"WARN: planning line crossed in {(soonest - today).days} days ({soonest.isoformat()})",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
