"""The template checker bundled with catalog/ai-engineering/prompt-template-builder."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from scriptrun import run_script

SKILL = Path(__file__).resolve().parents[2] / "catalog/ai-engineering/prompt-template-builder"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script("prompt-template-builder", "scripts/check_template.py", *args, stdin=stdin)


def example_template() -> str:
    """The ticket-triage template shown in SKILL.md, step 3."""
    body = SKILL.joinpath("SKILL.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n( *---\n *name: ticket-triage.*?)\n *```", body, re.S)
    assert block is not None
    return "\n".join(line.removeprefix("   ") for line in block.group(1).splitlines()) + "\n"


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--render" in result.stdout


def test_the_documented_example_passes_strict(tmp_path: Path) -> None:
    template = tmp_path / "ticket-triage.md"
    template.write_text(example_template())
    result = run(str(template), "--strict")
    assert result.returncode == 0, result.stdout
    assert "ok: 1 template(s) checked" in result.stdout


def test_undeclared_unused_and_unfenced_variables(tmp_path: Path) -> None:
    template = tmp_path / "bad.md"
    template.write_text(
        "---\nname: bad\nversion: 1\nvariables: [ticket, unused]\nuntrusted: [ticket]\n---\n"
        "Sort tickets.\n\n\n\n\nTicket: {{ ticket }} for {{ user_name }}\n"
    )
    result = run(str(template))
    assert result.returncode == 1
    assert "bad.md:12: {{ user_name }} is not declared" in result.stdout
    assert "untrusted {{ ticket }} must sit alone inside a tag pair" in result.stdout
    assert "variable 'unused' is declared but never used" in result.stdout


def test_render_fills_values_and_rejects_missing(tmp_path: Path) -> None:
    template = tmp_path / "t.md"
    template.write_text("---\nname: t\nversion: 1\nvariables: [a]\n---\nx\n<a>{{ a }}</a>\n")
    values = tmp_path / "v.json"
    values.write_text(json.dumps({"a": "hello"}))
    result = run(str(template), "--render", str(values))
    assert result.returncode == 0
    assert result.stdout.endswith("x\n<a>hello</a>\n")
    values.write_text("{}")
    result = run(str(template), "--render", str(values))
    assert result.returncode == 2
    assert "missing values for: a" in result.stderr
