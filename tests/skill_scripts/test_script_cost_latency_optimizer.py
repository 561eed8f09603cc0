"""The cost report bundled with catalog/ai-engineering/cost-latency-optimizer."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script("cost-latency-optimizer", "scripts/cost_report.py", *args, stdin=stdin)


def write_inputs(tmp_path: Path) -> tuple[Path, Path]:
    prices = tmp_path / "prices.json"
    prices.write_text(
        json.dumps(
            {
                "big": {"input": 3.0, "output": 15.0, "cached_input": 0.3},
                "small": {"input": 1.0, "output": 5.0},
            }
        )
    )
    calls = [
        {
            "route": "chat",
            "model": "big",
            "input_tokens": 1000,
            "output_tokens": 100,
            "cached_input_tokens": 1000,
            "latency_ms": 900,
            "ttft_ms": 300,
        },
        {
            "route": "chat",
            "model": "big",
            "input_tokens": 1000,
            "output_tokens": 100,
            "latency_ms": 2000,
        },
        {
            "route": "triage",
            "model": "small",
            "input_tokens": 500,
            "output_tokens": 10,
            "latency_ms": 400,
        },
    ]
    log = tmp_path / "usage.jsonl"
    log.write_text("\n".join(json.dumps(call) for call in calls) + "\n")
    return log, prices


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--prices" in result.stdout


def test_costs_per_route_from_prices(tmp_path: Path) -> None:
    log, prices = write_inputs(tmp_path)
    result = run(str(log), "--prices", str(prices), "--json", "--input-includes-cached")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # chat: (1000*0.3 + 100*15) + (1000*3 + 100*15) per million = 0.0063
    assert report["chat"]["cost"] == 0.0063
    assert report["chat"]["cache_share"] == 0.5
    assert report["chat"]["latency_p95_ms"] == 2000
    assert report["triage"]["cost"] == 0.00055


def test_table_sorted_by_cost_and_budget_fails(tmp_path: Path) -> None:
    log, prices = write_inputs(tmp_path)
    result = run(str(log), "--prices", str(prices), "--max-cost-per-request", "0.001")
    assert result.returncode == 1
    rows = result.stdout.splitlines()
    assert rows[2].startswith("chat") and rows[3].startswith("triage")
    assert "over budget per request: chat" in result.stderr


def test_unknown_model_names_the_line(tmp_path: Path) -> None:
    log, prices = write_inputs(tmp_path)
    log.write_text(log.read_text() + json.dumps({"route": "x", "model": "nope"}) + "\n")
    result = run(str(log), "--prices", str(prices))
    assert result.returncode == 2
    assert "usage.jsonl:4" in result.stderr and "nope" in result.stderr
