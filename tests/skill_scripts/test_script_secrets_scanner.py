from scriptrun import run_script


def test_help():
    result = run_script("secrets-scanner", "scripts/scan_secrets.py", "--help")
    assert result.returncode == 0
    assert "--git" in result.stdout


def test_finds_an_aws_key_and_redacts_it(tmp_path):
    key = "AKIA" + "Z7QWERTYUIOPASDF"  # split so the repository itself holds no key-shaped string
    (tmp_path / "config.py").write_text(f'aws_key = "{key}"\nname = "ok"\n')
    result = run_script("secrets-scanner", "scripts/scan_secrets.py", str(tmp_path))
    assert result.returncode == 1
    assert "config.py:1: aws-access-key-id" in result.stdout
    assert key not in result.stdout


def test_clean_tree_exits_zero(tmp_path):
    (tmp_path / "app.py").write_text('print("hello")\n')
    result = run_script("secrets-scanner", "scripts/scan_secrets.py", str(tmp_path))
    assert result.returncode == 0, result.stdout
