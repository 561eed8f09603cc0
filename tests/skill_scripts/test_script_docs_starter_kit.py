"""The docs-starter-kit scaffolder creates the skeleton and never overwrites."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scriptrun import run_script

SCRIPT = (
    Path(__file__).resolve().parents[2]
    / "catalog/foundation/docs-starter-kit/scripts/scaffold_docs.py"
)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_script("docs-starter-kit", "scripts/scaffold_docs.py", *args, cwd=cwd)


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--dry-run" in result.stdout


def test_creates_skeleton_and_keeps_existing_pages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Our own front page\n")

    result = run("Acme CLI", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "kept: docs/index.md" in result.stdout
    assert "created: docs/tutorials/getting-started.md" in result.stdout
    assert (docs / "index.md").read_text() == "# Our own front page\n"
    tutorial = (docs / "tutorials/getting-started.md").read_text()
    assert tutorial.startswith("# Getting started with Acme CLI")
    assert sorted(p.name for p in docs.iterdir()) == [
        "explanation",
        "how-to",
        "index.md",
        "reference",
        "tutorials",
    ]


def test_dry_run_writes_nothing_and_bad_name_is_refused(tmp_path: Path) -> None:
    result = run("Acme", "--docs-dir", str(tmp_path / "site-docs"), "--dry-run")
    assert "would create:" in result.stdout
    assert not (tmp_path / "site-docs").exists()
    refused = run("<script>", cwd=tmp_path)
    assert refused.returncode == 2
    assert "project name" in refused.stderr
