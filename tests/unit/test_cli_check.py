"""`skillsite check` as a user runs it: output formats and exit codes, through `main()` in
this process (the console script and `python -m skillsite` each run once as a process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run_cli
from core_cases import skill_md, write_tree

from skillsite.cli import main

BROKEN = {
    "tools/good-skill/SKILL.md": skill_md("good-skill"),
    "tools/colon-skill/SKILL.md": "---\nname: colon-skill\ndescription: Use: this\n---\n",
    "tools/warned-skill/SKILL.md": skill_md(
        "warned-skill", description="Warns about one thing.", extra="version: '1'\n"
    ),
    "tools/empty-skill/SKILL.md": "",
}


@pytest.fixture
def broken_catalog(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "catalog", BROKEN)


def test_text_format_lines_and_summary(broken_catalog: Path) -> None:
    result = run_cli("check", str(broken_catalog))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "tools/colon-skill/SKILL.md:3:17: error yaml-invalid: mapping values are not allowed"
    )
    assert "quote the value" in lines[0]
    assert lines[1].startswith("tools/empty-skill/SKILL.md:1:1: error file-empty: ")
    assert lines[2].startswith("tools/warned-skill/SKILL.md:4:1: warning unknown-key: ")
    assert lines[-1] == "4 skills, 2 valid, 2 errors, 1 warnings"
    assert "Traceback" not in result.stderr


def test_json_format(broken_catalog: Path) -> None:
    result = run_cli("check", str(broken_catalog), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert {k: report[k] for k in ("skills", "valid", "errors", "warnings")} == {
        "skills": 4,
        "valid": 2,
        "errors": 2,
        "warnings": 1,
    }
    first = report["diagnostics"][0]
    assert set(first) == {"path", "line", "column", "severity", "code", "message", "hint"}
    assert (first["path"], first["line"], first["code"], first["severity"]) == (
        "tools/colon-skill/SKILL.md",
        3,
        "yaml-invalid",
        "error",
    )


def test_github_format_annotations(broken_catalog: Path) -> None:
    result = run_cli("check", "catalog", "--format", "github", cwd=broken_catalog.parent)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=catalog/tools/colon-skill/SKILL.md,line=3,col=17,title=yaml-invalid::"
    )
    assert lines[2].startswith("::warning file=catalog/tools/warned-skill/SKILL.md,line=4,")
    assert all("\n" not in line for line in lines)


def test_clean_catalog_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_tree(tmp_path, {"tools/good-skill/SKILL.md": skill_md("good-skill")})
    assert main(["check", str(root)]) == 0
    assert capsys.readouterr().out == "1 skills, 1 valid, 0 errors, 0 warnings\n"


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path, {"a/warned-skill/SKILL.md": skill_md("warned-skill", extra="x: y\n")}
    )
    assert main(["check", str(root)]) == 0
    assert main(["check", str(root), "--strict"]) == 1


def test_default_catalog_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(tmp_path / "elsewhere", {"a/good-skill/SKILL.md": skill_md("good-skill")})
    monkeypatch.setenv("SKILLSITE_CATALOG", str(root))
    assert main(["check"]) == 0
    assert "1 skills, 1 valid" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "xml"],
        ["check", "--no-such-option"],
        ["check", "--max-file-bytes", "-3"],
        ["no-such-command"],
        [],
    ],
)
def test_bad_arguments_exit_two(tmp_path: Path, args: list[str]) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage:" in result.stderr


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_unreadable_root_exits_two(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "catalog"
    if kind == "file":
        root.write_text("x")
    result = run_cli("check", str(root))
    assert result.returncode == 2
    assert "catalog" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_version_and_console_script(tmp_path: Path) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("skillsite ")
    # The console script and `python -m skillsite` are what a user types: one real run each.
    root = write_tree(tmp_path, {"a/good-skill/SKILL.md": skill_md("good-skill")})
    script = str(Path(sys.executable).parent / "skillsite")
    for command in ([script], [sys.executable, "-m", "skillsite"]):
        installed = subprocess.run(
            [*command, "check", str(root)], capture_output=True, text=True, check=False
        )
        assert installed.returncode == 0, installed.stderr
        assert installed.stdout == "1 skills, 1 valid, 0 errors, 0 warnings\n"


def test_help_lists_check() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "check" in result.stdout


def test_file_names_that_are_not_utf8_do_not_break_the_report(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "catalog", {"a/good-skill/SKILL.md": skill_md("good-skill")})
    folder = os.fsencode(root / "a") + b"/bad-\xff-skill"
    os.mkdir(folder)
    with open(folder + b"/SKILL.md", "wb") as handle:
        handle.write(b"")
    result = run_cli("check", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "file-empty" in result.stdout
    # The folder name is an error of its own, shown with the bad byte escaped.
    assert "a/bad-\\xff-skill/SKILL.md:1:1: error file-name-unsafe:" in result.stdout
    assert result.stdout.splitlines()[-1] == "2 skills, 1 valid, 2 errors, 0 warnings"


def test_table_catalog_reports_every_case(tmp_path: Path) -> None:
    from test_core_rules import CASES

    root = tmp_path / "catalog"
    expected = set()
    for index, case in enumerate(CASES):
        folder = f"t{index:02d}/{case.folder.rsplit('/', 1)[1]}"
        write_tree(root, {f"{folder}/{case.file_name}": case.content})
        expected.add((f"{folder}/{case.file_name}", case.line, case.code, case.severity.value))
    result = run_cli("check", str(root), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    reported = {(d["path"], d["line"], d["code"], d["severity"]) for d in report["diagnostics"]}
    assert expected <= reported, sorted(expected - reported)
    assert report["skills"] == len(CASES)
