import json
from datetime import date, timedelta

from scriptrun import run_script


def _history(tmp_path):
    rows = ["date,peak_rps"]
    for day in range(0, 120, 7):
        rows.append(f"{date(2026, 8, 1) + timedelta(days=day)},{1000 + 5 * day}")
    path = tmp_path / "history.csv"
    path.write_text("\n".join(rows) + "\n")
    return str(path)


def test_help():
    result = run_script("capacity-planning-helper", "scripts/forecast_capacity.py", "--help")
    assert result.returncode == 0
    assert "--target-utilisation" in result.stdout


def test_linear_forecast_dates_follow_the_trend(tmp_path):
    result = run_script(
        "capacity-planning-helper",
        "scripts/forecast_capacity.py",
        _history(tmp_path),
        "--limit",
        "2500",
        "--growth-model",
        "linear",
        "--json",
    )
    # The planning line (70% of 2500) is 31 days away: within the 90-day warning.
    assert result.returncode == 1
    forecast = json.loads(result.stdout)["forecasts"][0]
    assert forecast["current_peak"] == 1595.0
    assert forecast["growth_per_30_days"] == 150.0
    assert forecast["planning_line_date"] == "2026-12-29"
    assert forecast["limit_date"] == "2027-05-28"
    assert "WARN: planning line crossed in 31 days" in result.stderr


def test_compound_growth_crosses_sooner_and_far_limit_is_quiet(tmp_path):
    history = _history(tmp_path)
    both = run_script(
        "capacity-planning-helper",
        "scripts/forecast_capacity.py",
        history,
        "--limit",
        "2500",
        "--json",
    )
    linear, compound = json.loads(both.stdout)["forecasts"]
    assert compound["planning_line_date"] < linear["planning_line_date"]
    quiet = run_script(
        "capacity-planning-helper",
        "scripts/forecast_capacity.py",
        history,
        "--limit",
        "10000",
        "--growth-model",
        "linear",
    )
    assert quiet.returncode == 0, quiet.stderr


def test_bad_rows_name_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,peak\n2026-01-01,10\n2026-01-08,eleven\n2026-01-15,12\n")
    result = run_script(
        "capacity-planning-helper", "scripts/forecast_capacity.py", str(path), "--limit", "20"
    )
    assert result.returncode == 2
    assert "bad.csv:3" in result.stderr
