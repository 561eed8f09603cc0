"""The codebase-summarizer inventory script, run as a user would run it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script

SCRIPT = (
    Path(__file__).resolve().parents[2]
    / "catalog/foundation/codebase-summarizer/scripts/repo_inventory.py"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script("codebase-summarizer", "scripts/repo_inventory.py", *args)


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--json" in result.stdout


def test_inventory_of_small_repository(tmp_path: Path) -> None:
    (tmp_path / "src/app").mkdir(parents=True)
    (tmp_path / "src/app/main.py").write_text("import os\n\nprint(os.name)\n")
    (tmp_path / "src/app/util.py").write_text("X = 1\n")
    (tmp_path / "web").mkdir()
    (tmp_path / "web/index.ts").write_text("export const a = 1;\nexport const b = 2;\n")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'app'\n")

    result = run(str(tmp_path), "--json")

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    languages = {x["language"]: (x["files"], x["lines"]) for x in data["languages"]}
    assert languages == {"Python": (2, 4), "TypeScript": (1, 2)}
    assert data["manifests"] == ["pyproject.toml"]
    assert sorted(data["entry_points"]) == ["src/app/main.py", "web/index.ts"]
    assert data["largest_source_files"][0] == {"path": "src/app/main.py", "lines": 3}


def test_markdown_output_and_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/x\n")
    markdown = run(str(tmp_path)).stdout
    assert "## Manifests" in markdown and "- `go.mod`" in markdown
    missing = run(str(tmp_path / "nope"))
    assert missing.returncode == 2
    assert "is not a folder" in missing.stderr
