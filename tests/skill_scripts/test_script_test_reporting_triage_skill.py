import json

from scriptrun import run_script

REPORT = """<testsuites><testsuite name="api">
<testcase classname="tests.test_orders" name="test_create">
  <failure type="sqlalchemy.exc.OperationalError"
   message="connection to server at &quot;db&quot; (172.18.0.2), port 5432 failed:
   timeout after 5000 ms"
  >trace</failure></testcase>
<testcase classname="tests.test_orders" name="test_list">
  <failure type="sqlalchemy.exc.OperationalError"
   message="connection to server at &quot;db&quot; (172.18.0.3), port 5432 failed:
   timeout after 5012 ms"
  >trace</failure></testcase>
<testcase classname="tests.test_price" name="test_rounding">
  <failure type="AssertionError" message="assert 2499 == 2500">trace</failure></testcase>
<testcase classname="tests.test_ok" name="test_fine"/>
</testsuite></testsuites>
"""


def test_help():
    result = run_script("test-reporting-triage-skill", "scripts/triage_failures.py", "--help")
    assert result.returncode == 0
    assert "signature" in result.stdout


def test_failures_with_one_cause_form_one_group(tmp_path):
    report = tmp_path / "junit.xml"
    report.write_text(REPORT)
    result = run_script(
        "test-reporting-triage-skill", "scripts/triage_failures.py", str(report), "--json"
    )
    assert result.returncode == 1
    groups = json.loads(result.stdout)
    assert [g["count"] for g in groups] == [2, 1]
    assert groups[0]["signature"].startswith("OperationalError: connection to server")
    assert groups[0]["tests"] == [
        "tests.test_orders::test_create",
        "tests.test_orders::test_list",
    ]
    assert groups[1]["tests"] == ["tests.test_price::test_rounding"]


def test_green_report_exits_zero(tmp_path):
    report = tmp_path / "junit.xml"
    report.write_text('<testsuite><testcase classname="t" name="ok"/></testsuite>')
    result = run_script("test-reporting-triage-skill", "scripts/triage_failures.py", str(report))
    assert result.returncode == 0
    assert "0 failure(s)" in result.stdout
