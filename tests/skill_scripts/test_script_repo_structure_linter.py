"""The repo-structure-linter script against a small folder and its bundled rules."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script, script_path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script("repo-structure-linter", "scripts/lint_repo_structure.py", *args)


def make_repo(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--rules" in result.stdout


def test_reports_each_kind_of_violation(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_repo(
        repo,
        {
            "README.md": "# x\n",
            "src/components/userCard.tsx": "export {}\n",
            "src/components/UserList.tsx": "export {}\n",
            "src/api/.env": "TOKEN=x\n",
            "tmp/big.bin": "x" * 3000,
        },
    )
    rules = tmp_path / "rules.json"
    rules.write_text(
        json.dumps(
            {
                "required": ["README.md", ["LICENSE", "LICENSE.md"]],
                "forbidden": ["**/.env"],
                "allowed_top_level": ["README.md", "src"],
                "naming": [{"glob": "src/components/**/*.tsx", "pattern": "^[A-Z]"}],
                "max_file_kb": 2,
            }
        )
    )

    result = run("--rules", str(rules), str(repo), "--json")

    assert result.returncode == 1
    found = {(v["path"], v["rule"]) for v in json.loads(result.stdout)}
    assert found == {
        ("LICENSE", "required"),
        ("src/api/.env", "forbidden"),
        ("src/components/userCard.tsx", "naming"),
        ("tmp/big.bin", "max_file_kb"),
        ("tmp", "allowed_top_level"),
    }


def test_bundled_rules_pass_a_conforming_repo(tmp_path: Path) -> None:
    make_repo(
        tmp_path,
        {
            "README.md": "# x\n",
            "LICENSE": "MIT\n",
            ".gitignore": "node_modules/\n",
            ".editorconfig": "root = true\n",
            ".github/CODEOWNERS": "* @acme/team\n",
            "uv.lock": "version = 1\n",
            "src/app/main.py": "print('hi')\n",
            "src/components/Button.tsx": "export {}\n",
            "docs/adr/0001-use-postgres.md": "# Use Postgres\n",
        },
    )
    result = run(
        "--rules",
        str(script_path("repo-structure-linter", "assets/repo-rules.json")),
        str(tmp_path),
    )
    assert result.returncode == 0, result.stdout
    assert "0 violation(s)" in result.stdout


def test_unknown_rule_key_is_a_clear_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text('{"requird": ["README.md"]}')
    result = run("--rules", str(rules), str(tmp_path))
    assert result.returncode == 2
    assert "unknown rule keys: requird" in result.stderr
