from scriptrun import run_script


def test_help():
    result = run_script("tech-debt-prioritizer", "scripts/score_debt.py", "--help")
    assert result.returncode == 0
    assert "cost_of_delay" in result.stdout


def test_ranks_by_cost_of_delay_over_effort(tmp_path):
    register = tmp_path / "debt.csv"
    register.write_text(
        "id,title,impact,frequency,risk,effort_days\n"
        "2,Old logger,1,1,1,30\n"
        "1,Flaky deploys,5,5,4,3\n"
    )
    result = run_script(
        "tech-debt-prioritizer", "scripts/score_debt.py", str(register), "--budget", "10"
    )
    assert result.returncode == 0, result.stderr
    rows = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("| 1 ") or line.startswith("| 2 ")
    ]
    assert "Flaky deploys" in rows[0] and "in budget" in rows[0]
    assert "Old logger" in rows[1] and "split" in rows[1]
