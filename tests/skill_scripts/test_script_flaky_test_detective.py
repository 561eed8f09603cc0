from scriptrun import run_script

PASS = (
    '<testsuite name="s"><testcase classname="t" name="test_a"/>'
    '<testcase classname="t" name="test_b"/></testsuite>'
)
FAIL = (
    '<testsuite name="s"><testcase classname="t" name="test_a"><failure message="boom"/></testcase>'
    '<testcase classname="t" name="test_b"/></testsuite>'
)


def test_help():
    result = run_script("flaky-test-detective", "scripts/junit_flaky.py", "--help")
    assert result.returncode == 0
    assert "JUnit" in result.stdout


def test_lists_tests_that_passed_and_failed(tmp_path):
    (tmp_path / "a.xml").write_text(PASS)
    (tmp_path / "b.xml").write_text(FAIL)
    result = run_script(
        "flaky-test-detective",
        "scripts/junit_flaky.py",
        str(tmp_path / "a.xml"),
        str(tmp_path / "b.xml"),
    )
    assert result.returncode == 1
    assert "1 flaky" in result.stdout
    assert "t::test_a" in result.stdout and "boom" in result.stdout
    assert "test_b" not in result.stdout.split("1 flaky", 1)[1]
