from scriptrun import run_script


def test_help():
    result = run_script("adr-writer", "scripts/new_adr.py", "--help")
    assert result.returncode == 0
    assert "--supersedes" in result.stdout


def test_creates_numbered_adrs_and_supersedes(tmp_path):
    first = run_script(
        "adr-writer",
        "scripts/new_adr.py",
        "--dir",
        "adr",
        "--title",
        "Use PostgreSQL",
        "--date",
        "2026-11-30",
        cwd=tmp_path,
    )
    assert first.returncode == 0, first.stderr
    created = tmp_path / "adr" / "0001-use-postgresql.md"
    assert created.read_text().startswith("# 1. Use PostgreSQL")
    second = run_script(
        "adr-writer",
        "scripts/new_adr.py",
        "--dir",
        "adr",
        "--title",
        "Use CockroachDB",
        "--supersedes",
        "1",
        "--date",
        "2026-11-30",
        cwd=tmp_path,
    )
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "adr" / "0002-use-cockroachdb.md").is_file()
    assert "Superseded" in created.read_text()
