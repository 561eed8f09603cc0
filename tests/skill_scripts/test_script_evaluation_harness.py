import json

from scriptrun import run_script


def test_help():
    result = run_script("evaluation-harness", "scripts/score_report.py", "--help")
    assert result.returncode == 0
    assert "--min-pass-rate" in result.stdout


def test_gate_fails_below_the_minimum_and_reports_each_tag(tmp_path):
    runs = tmp_path / "run.jsonl"
    cases = [("a", True, ["billing"]), ("b", False, ["billing"]), ("c", True, [])]
    runs.write_text(
        "".join(json.dumps({"id": i, "passed": p, "tags": t}) + "\n" for i, p, t in cases)
    )
    result = run_script(
        "evaluation-harness",
        "scripts/score_report.py",
        str(runs),
        "--by-tag",
        "--min-pass-rate",
        "0.9",
    )
    assert result.returncode == 1
    assert "66.7%" in result.stdout
    assert "tag:billing" in result.stdout
    assert "always failing (1): b" in result.stdout
    passing = run_script(
        "evaluation-harness", "scripts/score_report.py", str(runs), "--min-pass-rate", "0.5"
    )
    assert passing.returncode == 0
