"""The budget checker bundled with catalog/architecture/performance-budget-setter."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script

BUDGETS = {
    "budgets": [
        {"metric": "lcp_p75_ms", "max": 2500, "warn": 2200},
        {"metric": "js_gzip_bytes", "max": 180000},
        {"metric": "lighthouse_performance", "min": 0.9},
    ]
}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script("performance-budget-setter", "scripts/check_budget.py", *args, stdin=stdin)


def write(path: Path, data: object) -> str:
    path.write_text(json.dumps(data))
    return str(path)


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--baseline" in result.stdout


def test_within_budget_with_a_warning_passes(tmp_path: Path) -> None:
    budgets = write(tmp_path / "b.json", BUDGETS)
    results = write(
        tmp_path / "r.json",
        {"lcp_p75_ms": 2310, "js_gzip_bytes": 171204, "lighthouse_performance": 0.93},
    )
    result = run("--budgets", budgets, results)
    assert result.returncode == 0, result.stdout
    assert "3 budgets: 0 failing, 1 warnings" in result.stdout


def test_over_min_missing_and_regression_fail(tmp_path: Path) -> None:
    budgets = write(tmp_path / "b.json", BUDGETS)
    results = write(tmp_path / "r.json", {"js_gzip_bytes": 170000, "lighthouse_performance": 0.8})
    baseline = write(tmp_path / "base.json", {"js_gzip_bytes": 150000})
    result = run("--budgets", budgets, results, "--baseline", baseline, "--max-regression", "5")
    assert result.returncode == 1
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:-1]}
    assert lines["lcp_p75_ms"].endswith("MISSING")
    assert "REGRESSED 13.3%" in lines["js_gzip_bytes"]
    assert lines["lighthouse_performance"].endswith("OVER")
    assert "3 budgets: 3 failing" in result.stdout


def test_budget_needs_exactly_one_side(tmp_path: Path) -> None:
    budgets = write(tmp_path / "b.json", {"budgets": [{"metric": "x", "max": 1, "min": 0}]})
    results = write(tmp_path / "r.json", {"x": 1})
    result = run("--budgets", budgets, results)
    assert result.returncode == 2
    assert "budgets[0]: give exactly one of 'max' or 'min'" in result.stderr
