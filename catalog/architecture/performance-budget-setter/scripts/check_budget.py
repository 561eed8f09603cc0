#!/usr/bin/env python3
"""Compare measured performance metrics with a budget file; fail CI on a breach.

Budget file (JSON):
  {"budgets": [
     {"metric": "lcp_p75_ms", "max": 2500, "warn": 2200},
     {"metric": "js_gzip_bytes", "max": 180000},
     {"metric": "lighthouse_performance", "min": 0.9}
  ]}
Each budget has "max" (lower is better) or "min" (higher is better) and an
optional "warn" threshold on the same side.

Results: one or more JSON files with a flat object {"metric": number, ...};
later files override earlier ones. A budgeted metric missing from the results
fails the check: a metric that was not measured has not passed.

--baseline FILE --max-regression PCT also fails a metric that got worse than
the baseline by more than PCT percent, even when still within budget.

Exit code: 0 ok (warnings allowed), 1 over budget, regression or missing metric,
2 bad input. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    pass


@dataclass(frozen=True)
class Budget:
    metric: str
    limit: float
    higher_is_better: bool
    warn: float | None


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None


def number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InputError(f"{where}: expected a number, got {value!r}")
    return float(value)


def load_budgets(path: Path) -> list[Budget]:
    raw = read_json(path)
    entries = raw.get("budgets") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise InputError(f'{path}: expected {{"budgets": [...]}} with at least one entry')
    budgets: list[Budget] = []
    for position, entry in enumerate(entries):
        where = f"{path}: budgets[{position}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("metric"), str):
            raise InputError(f"{where}: needs a 'metric' name")
        if ("max" in entry) == ("min" in entry):
            raise InputError(f"{where}: give exactly one of 'max' or 'min'")
        higher = "min" in entry
        limit = number(entry["min" if higher else "max"], where)
        warn = number(entry["warn"], where) if "warn" in entry else None
        budgets.append(Budget(entry["metric"], limit, higher, warn))
    return budgets


def load_results(paths: list[Path]) -> dict[str, float]:
    merged: dict[str, float] = {}
    for path in paths:
        raw = read_json(path)
        if not isinstance(raw, dict):
            raise InputError(f"{path}: expected a flat JSON object of metric values")
        for key, value in raw.items():
            merged[key] = number(value, f"{path}: {key}")
    return merged


def worse_by_percent(value: float, base: float, higher_is_better: bool) -> float:
    if base == 0:
        return 0.0
    change = (base - value) / abs(base) if higher_is_better else (value - base) / abs(base)
    return 100 * change


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check measured metrics against budgets.")
    parser.add_argument("--budgets", type=Path, required=True, help="budget JSON file")
    parser.add_argument("results", nargs="+", type=Path, help="JSON files of measured metrics")
    parser.add_argument("--baseline", type=Path, help="metrics of the main branch")
    parser.add_argument(
        "--max-regression", type=float, default=10.0, help="percent, with --baseline"
    )
    args = parser.parse_args(argv)
    try:
        budgets = load_budgets(args.budgets)
        results = load_results(args.results)
        baseline = load_results([args.baseline]) if args.baseline else {}
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failures = warnings = 0
    print(f"{'metric':<28} {'value':>12} {'budget':>14} {'headroom':>9}  status")
    for budget in budgets:
        side = ">=" if budget.higher_is_better else "<="
        limit_text = f"{side} {budget.limit:g}"
        value = results.get(budget.metric)
        if value is None:
            print(f"{budget.metric:<28} {'-':>12} {limit_text:>14} {'-':>9}  MISSING")
            failures += 1
            continue
        if budget.higher_is_better:
            over = value < budget.limit
            warned = budget.warn is not None and value < budget.warn
            headroom = (value - budget.limit) / abs(budget.limit) if budget.limit else 0.0
        else:
            over = value > budget.limit
            warned = budget.warn is not None and value > budget.warn
            headroom = (budget.limit - value) / abs(budget.limit) if budget.limit else 0.0
        status = "OVER" if over else ("warn" if warned else "ok")
        if budget.metric in baseline:
            regression = worse_by_percent(value, baseline[budget.metric], budget.higher_is_better)
            if regression > args.max_regression:
                status += f", REGRESSED {regression:.1f}%"
                over = True
        failures += over
        warnings += warned and not over
        print(
            f"{budget.metric:<28} {value:>12g} {limit_text:>14} {100 * headroom:>8.1f}%  {status}"
        )
    print(f"{len(budgets)} budgets: {failures} failing, {warnings} warnings")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
