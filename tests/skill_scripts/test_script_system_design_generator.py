import json

from scriptrun import run_script


def test_help():
    result = run_script("system-design-generator", "scripts/capacity_estimate.py", "--help")
    assert result.returncode == 0
    assert "--dau" in result.stdout


def test_estimate_for_a_million_users():
    result = run_script(
        "system-design-generator",
        "scripts/capacity_estimate.py",
        "--dau",
        "1000000",
        "--writes-per-user",
        "2",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    estimate = json.loads(result.stdout)
    # 2 million writes a day over 86,400 s, peak three times the average.
    assert round(estimate["writes_per_second_avg"], 1) == 23.1
    assert round(estimate["writes_per_second_peak"], 1) == 69.4
    assert estimate["reads_per_second_avg"] > estimate["writes_per_second_avg"]
