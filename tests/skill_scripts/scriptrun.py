"""Run a catalog skill's bundled script the way its SKILL.md tells the agent to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CATALOG = Path(__file__).resolve().parents[2] / "catalog"


def script_path(skill: str, relative: str) -> Path:
    matches = list(CATALOG.glob(f"*/{skill}/{relative}"))
    assert len(matches) == 1, f"{skill}/{relative} not found once in the catalog"
    return matches[0]


def run_script(
    skill: str, relative: str, *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    path = script_path(skill, relative)
    command = [sys.executable, str(path)] if path.suffix == ".py" else ["bash", str(path)]
    return subprocess.run(
        [*command, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
