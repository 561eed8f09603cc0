import json

from scriptrun import run_script


def _write(path, results):
    path.write_text("".join(json.dumps({"id": i, "passed": p}) + "\n" for i, p in results))
    return str(path)


def test_help():
    result = run_script("prompt-regression-tester", "scripts/compare_runs.py", "--help")
    assert result.returncode == 0
    assert "baseline" in result.stdout


def test_a_newly_failing_case_fails_the_gate(tmp_path):
    baseline = _write(tmp_path / "base.jsonl", [("a", True), ("b", True)])
    candidate = _write(tmp_path / "cand.jsonl", [("a", True), ("b", False)])
    result = run_script("prompt-regression-tester", "scripts/compare_runs.py", baseline, candidate)
    assert result.returncode == 1
    assert "newly failing (1)" in result.stdout
    assert "GATE FAILED" in result.stdout
    same = run_script("prompt-regression-tester", "scripts/compare_runs.py", baseline, baseline)
    assert same.returncode == 0
