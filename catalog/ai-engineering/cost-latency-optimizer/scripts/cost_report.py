#!/usr/bin/env python3
"""Cost and latency report for LLM calls, grouped by route or model.

Input: a JSONL log, one object per LLM call:
  "route"                route or feature name (string, required)
  "model"                model id as billed (string, required)
  "input_tokens"         uncached input tokens, or all input tokens (int, required)
  "output_tokens"        output tokens, including reasoning tokens (int, required)
  "cached_input_tokens"  input tokens read from the prompt cache (int, optional)
  "cache_write_tokens"   input tokens written to the prompt cache (int, optional)
  "latency_ms"           total request time (number, required)
  "ttft_ms"              time to first token when streaming (number, optional)

If "input_tokens" already includes the cached tokens (OpenAI's usage reports it
that way), pass --input-includes-cached so cached tokens are not billed twice.

Prices: a JSON file you fill in from your provider's current price page, in
currency units per million tokens:
  {"model-id": {"input": 3.0, "output": 15.0, "cached_input": 0.3, "cache_write": 3.75}}
"cached_input" and "cache_write" default to "input" when missing.

Exit code: 0 ok, 1 a --max-cost-per-request budget is exceeded, 2 bad input.
Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PER_MILLION = 1_000_000
MAX_LINES = 5_000_000


class InputError(Exception):
    pass


@dataclass
class Group:
    requests: int = 0
    cost: float = 0.0
    input_tokens: int = 0
    cached_tokens: int = 0
    output_tokens: int = 0
    latencies: list[float] = field(default_factory=list)
    ttfts: list[float] = field(default_factory=list)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def load_prices(path: Path) -> dict[str, dict[str, float]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read price file ({exc})") from None
    if not isinstance(raw, dict) or not raw:
        raise InputError(f"{path}: expected an object mapping model ids to prices")
    prices: dict[str, dict[str, float]] = {}
    for model, entry in raw.items():
        if not isinstance(entry, dict) or "input" not in entry or "output" not in entry:
            raise InputError(f"{path}: model {model!r} needs numeric 'input' and 'output' prices")
        try:
            base = {key: float(value) for key, value in entry.items()}
        except (TypeError, ValueError):
            raise InputError(f"{path}: model {model!r} has a non-numeric price") from None
        base.setdefault("cached_input", base["input"])
        base.setdefault("cache_write", base["input"])
        prices[model] = base
    return prices


def _int_field(record: dict, key: str, where: str, required: bool) -> int:
    value = record.get(key)
    if value is None:
        if required:
            raise InputError(f"{where}: missing {key!r}")
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InputError(f"{where}: {key!r} must be a non-negative integer")
    return value


def _num_field(record: dict, key: str, where: str, required: bool) -> float | None:
    value = record.get(key)
    if value is None:
        if required:
            raise InputError(f"{where}: missing {key!r}")
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        raise InputError(f"{where}: {key!r} must be a non-negative number")
    return float(value)


def build_groups(
    log: Path,
    prices: dict[str, dict[str, float]],
    group_by: str,
    input_includes_cached: bool,
) -> tuple[dict[str, Group], list[float]]:
    groups: dict[str, Group] = defaultdict(Group)
    per_request: list[float] = []
    try:
        handle = log.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{log}: cannot read ({exc.strerror})") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if number > MAX_LINES:
                raise InputError(f"{log}: more than {MAX_LINES} lines; sample the log first")
            if not line.strip():
                continue
            where = f"{log}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise InputError(f"{where}: expected a JSON object")
            for key in ("route", "model"):
                if not isinstance(record.get(key), str) or not record[key]:
                    raise InputError(f"{where}: missing {key!r}")
            model = record["model"]
            if model not in prices:
                raise InputError(f"{where}: no price for model {model!r}; add it to the price file")
            price = prices[model]
            input_tokens = _int_field(record, "input_tokens", where, True)
            output_tokens = _int_field(record, "output_tokens", where, True)
            cached = _int_field(record, "cached_input_tokens", where, False)
            written = _int_field(record, "cache_write_tokens", where, False)
            latency = _num_field(record, "latency_ms", where, True)
            ttft = _num_field(record, "ttft_ms", where, False)
            uncached = input_tokens - cached if input_includes_cached else input_tokens
            if uncached < 0:
                raise InputError(f"{where}: cached_input_tokens exceeds input_tokens")
            cost = (
                uncached * price["input"]
                + cached * price["cached_input"]
                + written * price["cache_write"]
                + output_tokens * price["output"]
            ) / PER_MILLION
            group = groups[record[group_by]]
            group.requests += 1
            group.cost += cost
            group.input_tokens += uncached + cached + written
            group.cached_tokens += cached
            group.output_tokens += output_tokens
            group.latencies.append(latency or 0.0)
            if ttft is not None:
                group.ttfts.append(ttft)
            per_request.append(cost)
    if not groups:
        raise InputError(f"{log}: no records")
    return groups, per_request


def render(groups: dict[str, Group], group_by: str) -> str:
    total = sum(group.cost for group in groups.values()) or 1e-12
    header = (
        f"{group_by:<24} {'reqs':>7} {'cost':>10} {'share':>6} {'$/req':>9} "
        f"{'in/req':>8} {'out/req':>8} {'cache%':>6} {'p50 ms':>8} {'p95 ms':>8} {'ttft p50':>8}"
    )
    lines = [header, "-" * len(header)]
    for name, group in sorted(groups.items(), key=lambda item: -item[1].cost):
        cache_share = 100 * group.cached_tokens / group.input_tokens if group.input_tokens else 0
        ttft = percentile(group.ttfts, 50)
        lines.append(
            f"{name[:24]:<24} {group.requests:>7} {group.cost:>10.4f} "
            f"{100 * group.cost / total:>5.1f}% {group.cost / group.requests:>9.5f} "
            f"{group.input_tokens / group.requests:>8.0f} "
            f"{group.output_tokens / group.requests:>8.0f} "
            f"{cache_share:>5.1f}% {percentile(group.latencies, 50):>8.0f} "
            f"{percentile(group.latencies, 95):>8.0f} "
            f"{'-' if math.isnan(ttft) else f'{ttft:.0f}':>8}"
        )
    requests = sum(group.requests for group in groups.values())
    lines.append("-" * len(header))
    lines.append(
        f"total: {requests} requests, cost {total:.4f}, {total / requests:.5f} per request"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Cost and latency per route or model from a JSONL log of LLM calls.",
        epilog="Prices come from your file only; this script contains none.",
    )
    parser.add_argument("log", type=Path, help="JSONL file, one LLM call per line")
    parser.add_argument(
        "--prices", type=Path, required=True, help="JSON price file (per 1M tokens)"
    )
    parser.add_argument("--group-by", choices=["route", "model"], default="route")
    parser.add_argument(
        "--input-includes-cached",
        action="store_true",
        help="input_tokens already counts cached tokens (OpenAI-style usage)",
    )
    parser.add_argument(
        "--max-cost-per-request",
        type=float,
        help="exit 1 if any group's average cost per request is above this",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    try:
        prices = load_prices(args.prices)
        groups, _ = build_groups(args.log, prices, args.group_by, args.input_includes_cached)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        payload = {
            name: {
                "requests": group.requests,
                "cost": round(group.cost, 6),
                "cost_per_request": round(group.cost / group.requests, 6),
                "cache_share": round(group.cached_tokens / group.input_tokens, 4)
                if group.input_tokens
                else 0.0,
                "latency_p50_ms": percentile(group.latencies, 50),
                "latency_p95_ms": percentile(group.latencies, 95),
            }
            for name, group in groups.items()
        }
        print(json.dumps(payload, indent=2, sort_keys=True))
    else:
        print(render(groups, args.group_by))
    if args.max_cost_per_request is not None:
        over = [
            name
            for name, group in groups.items()
            if group.cost / group.requests > args.max_cost_per_request
        ]
        if over:
            print(f"over budget per request: {', '.join(sorted(over))}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
