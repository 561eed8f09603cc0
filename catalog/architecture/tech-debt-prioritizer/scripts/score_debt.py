#!/usr/bin/env python3
"""Rank a tech-debt register (CSV) by cost of delay divided by effort.

Input columns (header required): id, title, impact, frequency, risk, effort_days.
impact, frequency and risk are integers 1-5; effort_days is a positive number.

  cost_of_delay = impact * frequency + 2 * risk        (3 .. 35)
  priority      = cost_of_delay / effort_points        (effort_days bucketed 1,2,3,5,8,13)

With --budget DAYS, items are picked in priority order while they fit the budget.
Items above 20 days are flagged "split": estimate and schedule their first slice.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

REQUIRED = ("id", "title", "impact", "frequency", "risk", "effort_days")
EFFORT_BUCKETS = ((1, 1), (3, 2), (5, 3), (10, 5), (20, 8))
SPLIT_ABOVE_DAYS = 20


@dataclass(frozen=True)
class DebtItem:
    id: str
    title: str
    impact: int
    frequency: int
    risk: int
    effort_days: float

    @property
    def cost_of_delay(self) -> int:
        return self.impact * self.frequency + 2 * self.risk

    @property
    def effort_points(self) -> int:
        for max_days, points in EFFORT_BUCKETS:
            if self.effort_days <= max_days:
                return points
        return 13

    @property
    def priority(self) -> float:
        return self.cost_of_delay / self.effort_points


class RegisterError(ValueError):
    pass


def parse_score(row: dict[str, str], column: str, line: int) -> int:
    raw = (row.get(column) or "").strip()
    if not raw.isdigit() or not 1 <= int(raw) <= 5:
        raise RegisterError(f"line {line}: {column} must be an integer 1-5, got {raw!r}")
    return int(raw)


def read_register(path: Path) -> list[DebtItem]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise RegisterError(f"line 1: missing columns {', '.join(missing)}")
        items = []
        for line, row in enumerate(reader, start=2):
            try:
                effort = float(row["effort_days"])
            except ValueError:
                raise RegisterError(f"line {line}: effort_days must be a number") from None
            if effort <= 0:
                raise RegisterError(f"line {line}: effort_days must be positive")
            items.append(
                DebtItem(
                    id=row["id"].strip(),
                    title=row["title"].strip(),
                    impact=parse_score(row, "impact", line),
                    frequency=parse_score(row, "frequency", line),
                    risk=parse_score(row, "risk", line),
                    effort_days=effort,
                )
            )
    return items


def rank(items: list[DebtItem]) -> list[DebtItem]:
    return sorted(items, key=lambda item: (-item.priority, -item.cost_of_delay, item.effort_days))


def select_for_budget(ranked: list[DebtItem], budget_days: float) -> set[str]:
    chosen: set[str] = set()
    remaining = budget_days
    for item in ranked:
        if item.effort_days <= remaining and item.effort_days <= SPLIT_ABOVE_DAYS:
            chosen.add(item.id)
            remaining -= item.effort_days
    return chosen


def to_markdown(ranked: list[DebtItem], chosen: set[str] | None) -> str:
    header = "| Rank | ID | Title | Cost of delay | Effort (days) | Priority | Note |"
    lines = [header, "| --- | --- | --- | --- | --- | --- | --- |"]
    for position, item in enumerate(ranked, start=1):
        notes = []
        if item.effort_days > SPLIT_ABOVE_DAYS:
            notes.append("split")
        if chosen is not None and item.id in chosen:
            notes.append("in budget")
        lines.append(
            f"| {position} | {item.id} | {item.title} | {item.cost_of_delay} | "
            f"{item.effort_days:g} | {item.priority:.1f} | {', '.join(notes)} |"
        )
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("register", type=Path, help="CSV file with the debt register")
    parser.add_argument("--budget", type=float, metavar="DAYS", help="engineering days available")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        items = read_register(args.register)
    except OSError as error:
        print(f"error: cannot read {args.register}: {error.strerror}", file=sys.stderr)
        return 2
    except RegisterError as error:
        print(f"error: {args.register}: {error}", file=sys.stderr)
        return 2
    ranked = rank(items)
    chosen = select_for_budget(ranked, args.budget) if args.budget is not None else None
    print(to_markdown(ranked, chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
