import json

from scriptrun import run_script

REPORT = """<?xml version="1.0" ?>
<coverage version="7.6" line-rate="0.25">
  <sources><source>/home/ci/project/src</source></sources>
  <packages><package name="app"><classes>
    <class name="billing.py" filename="app/billing.py">
      <lines><line number="1" hits="1"/><line number="2" hits="0"/>
             <line number="3" hits="0"/><line number="4" hits="0"/></lines>
    </class>
    <class name="legacy.py" filename="app/legacy.py">
      <lines><line number="1" hits="0"/><line number="2" hits="0"/><line number="3" hits="0"/>
             <line number="4" hits="0"/><line number="5" hits="0"/>
             <line number="6" hits="0"/></lines>
    </class>
    <class name="util.py" filename="app/util.py">
      <lines><line number="1" hits="3"/><line number="2" hits="3"/></lines>
    </class>
  </classes></package></packages>
</coverage>
"""


def _files(tmp_path):
    (tmp_path / "coverage.xml").write_text(REPORT)
    (tmp_path / "churn.txt").write_text(
        "  12 src/app/billing.py\n   1 src/app/legacy.py\n   4 src/app/util.py\n"
    )
    (tmp_path / "changed.txt").write_text("src/app/billing.py\nsrc/app/util.py\nREADME.md\n")
    return tmp_path


def test_help():
    result = run_script("coverage-strategist", "scripts/coverage_gaps.py", "--help")
    assert result.returncode == 0
    assert "--min-changed-rate" in result.stdout


def test_churn_ranks_a_small_busy_gap_above_a_large_quiet_one(tmp_path):
    folder = _files(tmp_path)
    result = run_script(
        "coverage-strategist",
        "scripts/coverage_gaps.py",
        str(folder / "coverage.xml"),
        "--churn",
        str(folder / "churn.txt"),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    ranked = json.loads(result.stdout)["files"]
    assert [f["path"] for f in ranked] == ["app/billing.py", "app/legacy.py", "app/util.py"]
    assert ranked[0]["risk"] == 3 * (1 + 12)


def test_diff_gate_fails_on_poorly_covered_changes(tmp_path):
    folder = _files(tmp_path)
    args = [str(folder / "coverage.xml"), "--changed", str(folder / "changed.txt")]
    failing = run_script(
        "coverage-strategist", "scripts/coverage_gaps.py", *args, "--min-changed-rate", "0.8"
    )
    assert failing.returncode == 1
    assert "changed files: 3/6 lines covered (50.0%)" in failing.stdout
    passing = run_script(
        "coverage-strategist", "scripts/coverage_gaps.py", *args, "--min-changed-rate", "0.5"
    )
    assert passing.returncode == 0
