"""The affected-package finder bundled with catalog/ci-cd/monorepo-ci-optimizer."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from gitrepo import commit_all, git
from scriptrun import run_script


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script("monorepo-ci-optimizer", "scripts/affected.py", *args, stdin=stdin)


def package(root: Path, folder: str, name: str, deps: dict[str, str] | None = None) -> None:
    (root / folder).mkdir(parents=True)
    (root / folder / "package.json").write_text(
        json.dumps({"name": name, "dependencies": deps or {}})
    )


def make_workspace(root: Path) -> None:
    (root / "pnpm-workspace.yaml").write_text("packages:\n  - 'apps/*'\n  - \"packages/*\"\n")
    (root / "package.json").write_text(json.dumps({"name": "root", "private": True}))
    package(root, "packages/utils", "@acme/utils")
    package(root, "packages/ui", "@acme/ui", {"@acme/utils": "workspace:*", "react": "^19"})
    package(root, "apps/web", "@acme/web", {"@acme/ui": "workspace:*"})
    package(root, "apps/api", "@acme/api", {"@acme/utils": "workspace:*"})
    package(root, "apps/docs", "@acme/docs")


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--base" in result.stdout


def test_change_in_a_library_reaches_its_dependents(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    result = run(str(tmp_path), "--files", "-", "--json", stdin="packages/ui/src/Button.tsx\n")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["all"] is False
    assert [p["name"] for p in data["packages"]] == ["@acme/ui", "@acme/web"]
    assert data["packages"][1]["path"] == "apps/web"


def test_transitive_and_global_changes(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    result = run(str(tmp_path), "--files", "-", stdin="packages/utils/index.ts\n")
    assert "changed directly: @acme/utils" in result.stdout
    assert "affected through dependencies: @acme/api, @acme/ui, @acme/web" in result.stdout
    assert "run: 4 of 5 packages" in result.stdout
    everything = run(str(tmp_path), "--files", "-", stdin="pnpm-lock.yaml\n")
    assert "every package is affected" in everything.stdout
    assert "run: 5 of 5 packages" in everything.stdout


def test_base_ref_uses_git_diff(tmp_path: Path) -> None:
    make_workspace(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "init")
    (tmp_path / "apps/docs/README.md").write_text("docs\n")
    commit_all(tmp_path, "docs")
    result = run(str(tmp_path), "--base", "HEAD~1", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["packages"] == [{"name": "@acme/docs", "path": "apps/docs"}]


def test_missing_workspace_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}")
    result = run(str(tmp_path), "--files", "-", stdin="x\n")
    assert result.returncode == 2
    assert "no workspaces found" in result.stderr
