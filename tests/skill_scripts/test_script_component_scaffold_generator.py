from scriptrun import run_script


def test_help():
    result = run_script("component-scaffold-generator", "scripts/scaffold_component.py", "--help")
    assert result.returncode == 0
    assert "PascalCase" in result.stdout


def test_creates_the_component_folder(tmp_path):
    result = run_script(
        "component-scaffold-generator",
        "scripts/scaffold_component.py",
        "UserCard",
        "--dir",
        "src/components",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "src" / "components" / "UserCard"
    assert "export function UserCard" in (folder / "UserCard.tsx").read_text()
    assert (folder / "UserCard.test.tsx").is_file()
    assert "UserCard" in (folder / "index.ts").read_text()


def test_dry_run_writes_nothing(tmp_path):
    result = run_script(
        "component-scaffold-generator",
        "scripts/scaffold_component.py",
        "UserCard",
        "--dir",
        "src",
        "--dry-run",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "src").exists()
