"""The frontend-refactor-planner hotspot ranking on a small git repository."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from gitrepo import git
from scriptrun import run_script

SCRIPT = (
    Path(__file__).resolve().parents[2]
    / "catalog/frontend/frontend-refactor-planner/scripts/component_hotspots.py"
)

TANGLED = """import React, { useEffect, useState } from "react";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function Checkout(props: any) {
  const [a, setA] = useState(0);
  const [b, setB] = useState<string>("");
  useEffect(() => { setA(1); }, []);
  useEffect(() => { setB("x"); }, [a]);
  return <div>{a}{b}</div>;
}
"""
LEGACY = """import React from "react";
export class Profile extends React.Component {
  render() { return <p>hi</p>; }
}
"""
SIMPLE = "export const Badge = () => <span />;\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_script("frontend-refactor-planner", "scripts/component_hotspots.py", *args, cwd=cwd)


def test_help_exits_zero(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--since" in result.stdout


def test_ranks_tangled_often_changed_component_first(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "Checkout.tsx").write_text(TANGLED)
    (src / "Profile.jsx").write_text(LEGACY)
    (src / "Badge.tsx").write_text(SIMPLE)
    (src / "node_modules").mkdir()
    (src / "node_modules" / "Ignored.tsx").write_text(TANGLED)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "one")
    (src / "Checkout.tsx").write_text(TANGLED + "// change\n")
    git(tmp_path, "commit", "-qam", "two")

    result = run("src", "--json", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["path"] for r in rows] == ["src/Checkout.tsx", "src/Profile.jsx", "src/Badge.tsx"]
    checkout = rows[0]
    assert (checkout["use_state"], checkout["use_effect"]) == (2, 2)
    assert (checkout["any_types"], checkout["lint_disables"], checkout["commits"]) == (1, 1, 2)
    assert rows[1]["class_components"] == 1


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = run("nope", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope is not a folder" in result.stderr
