"""The dependency scanner bundled with catalog/architecture/domain-model-boundaries-mapper."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scriptrun import run_script


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script(
        "domain-model-boundaries-mapper", "scripts/module_deps.py", *args, stdin=stdin
    )


def make_codebase(root: Path) -> None:
    for module in ("ordering", "billing", "shared", "web"):
        (root / module).mkdir(parents=True)
    (root / "ordering" / "__init__.py").write_text("")
    (root / "ordering" / "service.py").write_text(
        "import json\nfrom shared.money import Money\nfrom billing import invoices\n"
    )
    (root / "billing" / "__init__.py").write_text("")
    (root / "billing" / "invoices.py").write_text("from ..ordering.service import place\n")
    (root / "shared" / "money.py").write_text("class Money: ...\n")
    (root / "web" / "app.ts").write_text(
        "import { place } from '../ordering/service';\nimport React from 'react';\n"
    )


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--allow" in result.stdout


def test_edges_and_cycles_across_python_and_typescript(tmp_path: Path) -> None:
    make_codebase(tmp_path)
    result = run(str(tmp_path), "--fail-on-cycles")
    assert result.returncode == 1
    out = result.stdout
    assert "ordering -> shared  (1 files)" in out
    assert "ordering -> billing  (1 files)" in out
    assert "billing -> ordering  (1 files)" in out
    assert "web -> ordering  (1 files)" in out
    assert "cycle: billing <-> ordering" in out
    assert "json" not in out and "react" not in out


def test_rules_report_violations(tmp_path: Path) -> None:
    make_codebase(tmp_path)
    rules = tmp_path / "boundaries.txt"
    rules.write_text("# allowed\nbilling -> ordering\nordering -> shared\nweb -> *\n")
    result = run(str(tmp_path), "--allow", str(rules))
    assert result.returncode == 1
    assert "violation: ordering -> billing is not allowed (1 files)" in result.stdout
    assert "violation: web" not in result.stdout
    assert result.stdout.rstrip().endswith("4 dependencies, 1 cycles, 1 violations")


def test_bad_rule_line_names_file_and_line(tmp_path: Path) -> None:
    make_codebase(tmp_path)
    rules = tmp_path / "rules.txt"
    rules.write_text("ordering -> shared\nbilling shared\n")
    result = run(str(tmp_path), "--allow", str(rules))
    assert result.returncode == 2
    assert "rules.txt:2: expected 'from -> to'" in result.stderr
