"""The error budget calculator bundled with catalog/architecture/reliability-strategy-builder."""

from __future__ import annotations

import subprocess

from scriptrun import run_script


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script("reliability-strategy-builder", "scripts/error_budget.py", *args, stdin=stdin)


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--slo" in result.stdout


def test_budget_and_burn_rate_thresholds_for_999() -> None:
    result = run("--slo", "99.9", "--window-days", "30", "--prometheus", "slo:err:rate")
    assert result.returncode == 0
    out = result.stdout
    assert "error budget: 0.1000% of events, 43.2 minutes of full outage" in out
    assert "page          2%    1h    5m   14.4        0.01440" in out
    assert "ticket       10%    3d    6h    1.0        0.00100" in out
    assert "expr: slo:err:rate1h > 0.0144 and slo:err:rate5m > 0.0144" in out


def test_burn_rates_scale_with_the_window() -> None:
    out = run("--slo", "99.5", "--window-days", "28").stdout
    # 2% of a 28-day budget in one hour: 0.02 * 672 = 13.44
    assert "page          2%    1h    5m   13.4        0.06720" in out


def test_consumed_budget_and_exhaustion_exit_code() -> None:
    within = run("--slo", "99.9", "--good", "2489020", "--total", "2491020")
    assert within.returncode == 0
    assert "budget consumed 80.3%" in within.stdout and "within budget" in within.stdout
    spent = run("--slo", "99.9", "--good", "2480113", "--total", "2491020")
    assert spent.returncode == 1
    assert "EXHAUSTED" in spent.stdout


def test_hundred_percent_is_refused() -> None:
    result = run("--slo", "100")
    assert result.returncode == 2
    assert "leaves no budget" in result.stderr
