"""The rbac-permissions-builder matrix script on the bundled policy and broken ones."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script, script_path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script("rbac-permissions-builder", "scripts/permission_matrix.py", *args)


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--json" in result.stdout


def test_example_policy_resolves_inheritance() -> None:
    result = run(
        str(script_path("rbac-permissions-builder", "assets/policy.example.json")), "--json"
    )
    assert result.returncode == 0, result.stderr
    effective = json.loads(result.stdout)
    assert effective["viewer"] == ["member:read", "project:read", "task:read"]
    assert "task:write" in effective["owner"] and "billing:manage" in effective["owner"]
    assert "project:delete" not in effective["admin"]
    assert "task:write" not in effective["billing-manager"]


def test_markdown_matrix_rows(tmp_path: Path) -> None:
    policy = {
        "permissions": ["doc:read", "doc:write:own", "doc:write"],
        "roles": {
            "reader": {"grants": ["doc:read"]},
            "author": {"inherits": ["reader"], "grants": ["doc:write:own"]},
            "writer": {"inherits": ["author"], "grants": ["doc:write"]},
        },
    }
    source = tmp_path / "policy.json"
    source.write_text(json.dumps(policy))
    lines = run(str(source)).stdout.splitlines()
    assert lines == [
        "| Permission | reader | author | writer |",
        "|---|---|---|---|",
        "| `doc:read` | yes | yes | yes |",
        "| `doc:write:own` |  | yes | yes |",
        "| `doc:write` |  |  | yes |",
    ]


def test_malformed_permission_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "policy.json"
    source.write_text(json.dumps({"permissions": ["Delete Everything"], "roles": {}}))
    result = run(str(source))
    assert result.returncode == 2
    assert "is not 'resource:action[:own]' in lowercase" in result.stderr


def test_errors_for_unknown_names_and_cycles(tmp_path: Path) -> None:
    policy = {
        "permissions": ["doc:read", "doc:delete"],
        "roles": {
            "a": {"inherits": ["b"], "grants": ["doc:read", "doc:publish"]},
            "b": {"inherits": ["a", "ghost"]},
        },
    }
    source = tmp_path / "policy.json"
    source.write_text(json.dumps(policy))
    result = run(str(source))
    assert result.returncode == 1
    assert "error: inheritance cycle: a -> b -> a" in result.stderr
    assert "error: role a: grants unknown permission 'doc:publish'" in result.stderr
    assert "error: role b: inherits unknown role 'ghost'" in result.stderr
    assert "warning: permission 'doc:delete' is granted to no role" in result.stderr
