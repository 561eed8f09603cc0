"""The rule table is the one source of codes, severities, hints and their documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitebuild import REPO

from skillsite.cli import main
from skillsite.codes import RULE_BY_CODE, RULES, diagnostic
from skillsite.diagnostics import Severity

SOURCE = REPO / "src" / "skillsite"


def test_docs_diagnostics_page_is_up_to_date() -> None:
    page = REPO / "docs" / "diagnostics.md"
    assert main(["docs-diagnostics", "--check", "--out", str(page)]) == 0, (
        "docs/diagnostics.md is stale: run `skillsite docs-diagnostics`"
    )


def test_a_stale_page_is_found_and_rewritten(tmp_path: Path, capsys) -> None:
    page = tmp_path / "diagnostics.md"
    page.write_text("# Diagnostics\n\nold text\n", encoding="utf-8")
    assert main(["docs-diagnostics", "--check", "--out", str(page)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["docs-diagnostics", "--out", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    for rule in RULES:
        assert f"### {rule.code}\n" in text
        assert rule.doc in text
    assert main(["docs-diagnostics", "--check", "--out", str(page)]) == 0


def test_every_rule_is_complete_and_listed_once() -> None:
    assert len(RULE_BY_CODE) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.code)
        assert rule.summary and rule.hint and rule.doc and rule.group, rule.code
        assert "\n" not in rule.summary


def test_every_code_the_source_reports_is_in_the_table() -> None:
    quoted = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        quoted |= set(re.findall(r'diagnostic\(\s*"([a-z0-9-]+)"', text))
        quoted |= set(re.findall(r'Severity\.(?:ERROR|WARNING),\s*"([a-z0-9-]+)"', text))
    assert quoted, "no diagnostic found in the source: the pattern is out of date"
    assert quoted <= RULE_BY_CODE.keys(), quoted - RULE_BY_CODE.keys()


def test_the_helper_takes_severity_and_hint_from_the_table() -> None:
    found = diagnostic("supporting-file-too-large", "a/b/big.bin", "file is 2 bytes, over 1")
    assert found.severity is Severity.WARNING
    assert found.hint == RULE_BY_CODE["supporting-file-too-large"].hint
    precise = diagnostic("name-missing", "a/b/SKILL.md", "no name", 3, 1, "add `name: b`")
    assert (precise.severity, precise.line, precise.hint) == (Severity.ERROR, 3, "add `name: b`")
    with pytest.raises(KeyError):
        diagnostic("no-such-code", "x", "y")
