"""The build date is computed once per build, and a rebuild by `mkdocs serve` (which
hands MkDocs the date through SOURCE_DATE_EPOCH) does not move an uncommitted skill's date."""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from gitrepo import commit_all, git
from mkdocs.config import load_config
from sitebuild import REPO, quiet_env
from sitecatalog import small_catalog

COMMITTED = datetime(2023, 1, 15, 10, 30, tzinfo=UTC)
FILE_TIME = 1_650_000_000  # 2022-04-15, the uncommitted skill's files


def _hook_module(monkeypatch: pytest.MonkeyPatch):
    """A fresh copy of the hook module, as one `mkdocs serve` process loads it."""
    name = "skillsite_hooks_under_test"
    spec = importlib.util.spec_from_file_location(name, REPO / "hooks" / "skillsite_hooks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module


def test_a_serve_rebuild_keeps_an_uncommitted_skills_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in quiet_env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = small_catalog(tmp_path / "catalog")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "catalog", when=COMMITTED)
    new_skill = root / "alpha" / "fresh-skill" / "SKILL.md"
    new_skill.parent.mkdir()
    new_skill.write_text(
        "---\nname: fresh-skill\ndescription: Not committed yet. Use when testing.\n---\n# Hi\n",
        encoding="utf-8",
    )
    os.utime(new_skill, (FILE_TIME, FILE_TIME))
    monkeypatch.setenv("SKILLSITE_CATALOG", str(root))

    hooks = _hook_module(monkeypatch)
    hooks.on_startup(command="serve", dirty=False)
    dates, handed_to_mkdocs = [], []
    for _ in range(2):  # the first build, then a rebuild in the same process
        config = load_config(str(REPO / "mkdocs.yml"))
        hooks.on_config(config)
        dates.append(hooks.state.site.updated["alpha/fresh-skill"])
        handed_to_mkdocs.append(os.environ["SOURCE_DATE_EPOCH"])
    assert dates == [datetime.fromtimestamp(FILE_TIME, UTC)] * 2
    # MkDocs gets one build date (the last commit of the site's repository), both times.
    assert handed_to_mkdocs[0] == handed_to_mkdocs[1] != str(FILE_TIME)
