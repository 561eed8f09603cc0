"""Settings are parsed once: a misspelt key is an error naming the nearest known key, and
every command finds the catalog the way the build does."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sitecatalog import small_catalog

from skillsite.cli import main
from skillsite.settings import (
    BuildEnvironment,
    Settings,
    SiteConfigError,
    parse_settings,
    resolve_catalog,
)
from skillsite.site_config import site_info


def test_a_misspelt_key_names_the_nearest_known_one() -> None:
    with pytest.raises(SiteConfigError, match=r"extra\.skillsite\.extra_tool .*'extra_tools'"):
        parse_settings({"extra_tool": []})
    with pytest.raises(SiteConfigError, match="must be a mapping"):
        parse_settings(["catalog"])
    with pytest.raises(SiteConfigError, match=r"extra\.skillsite\.nav must be a list"):
        parse_settings({"nav": "about.md"})


def test_settings_are_frozen_and_typed() -> None:
    settings = parse_settings({"catalog": "skills", "nav": [{"About": "about.md"}]})
    assert settings == Settings(catalog="skills", nav=({"About": "about.md"},))
    with pytest.raises(AttributeError):
        settings.catalog = "other"  # type: ignore[misc]
    assert parse_settings(None) == Settings()


def test_tools_and_branch_reach_the_site_info() -> None:
    settings = parse_settings(
        {"branch": "trunk", "extra_tools": [{"title": "Mine", "command": "get {name}"}]}
    )
    site = site_info(
        site_name="S",
        site_url="https://example.org/cat",
        repo_url="https://github.com/o/r",
        settings=settings,
        catalog_path_in_repo="catalog",
        updated={},
    )
    assert site.site_url == "https://example.org/cat/"
    assert (
        site.source_url("a/b/SKILL.md") == "https://github.com/o/r/blob/trunk/catalog/a/b/SKILL.md"
    )
    assert site.tools[-1].title == "Mine" and site.tools[-1].command == "get {name}"
    assert len(site.tools) > 1  # the built-in tabs stay


def test_the_override_wins_over_the_setting(tmp_path: Path) -> None:
    settings = Settings(catalog="skills")
    assert resolve_catalog(tmp_path, settings) == tmp_path / "skills"
    assert resolve_catalog(tmp_path, settings, "other") == tmp_path / "other"


def test_check_without_a_path_reads_the_catalog_setting_of_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    small_catalog(tmp_path / "skills")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nsite_url: !ENV [NO_SUCH_VARIABLE, 'http://x/']\n"
        "extra:\n  skillsite:\n    catalog: skills\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SKILLSITE_CATALOG", raising=False)
    assert main(["check", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["skills"] == 3

    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nextra:\n  skillsite:\n    catalgo: skills\n", encoding="utf-8"
    )
    assert main(["check"]) == 2
    assert "did you mean 'catalog'" in capsys.readouterr().err


def test_the_environment_is_read_once_into_a_build_environment() -> None:
    environment = BuildEnvironment.read(
        {
            "SKILLSITE_CATALOG": "other",
            "SKILLSITE_REPO_URL": "https://github.com/o/r",
            "SKILLSITE_VERSION": "/1.2/",
            "SOURCE_DATE_EPOCH": "1700000000",
        }
    )
    assert environment == BuildEnvironment(
        catalog="other",
        repo_url="https://github.com/o/r",
        version="1.2",
        source_date=datetime.fromtimestamp(1_700_000_000, UTC),
    )
    assert BuildEnvironment.read({}) == BuildEnvironment()
    site = site_info(
        site_name="S",
        site_url="https://example.org/",
        repo_url=None,
        settings=Settings(),
        catalog_path_in_repo="catalog",
        updated={},
        version=environment.version,
    )
    assert site.archive_url("x") == "https://example.org/1.2/skills/x/x.tar.gz"
    assert site.skill_url("x") == "https://example.org/skills/x/"
