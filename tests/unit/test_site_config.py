"""Site settings into what pages, install commands and links use, without a site build."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillsite.settings import (
    SITE_URL_ENV,
    BuildEnvironment,
    SiteConfigError,
    parse_settings,
    settings_from_file,
)
from skillsite.site_config import (
    github_repository,
    path_in_repository,
    site_info,
    site_url_missing,
)
from skillsite.site_info import DEFAULT_TOOLS, SiteInfo


def info(settings: dict | None = None, **arguments: object) -> SiteInfo:
    values: dict[str, object] = {
        "site_name": "Skills",
        "site_url": "https://skills.example.org/",
        "repo_url": None,
        "catalog_path_in_repo": "catalog",
        "updated": {},
    }
    values.update(arguments)
    return site_info(settings=parse_settings(settings), **values)  # type: ignore[arg-type]


def test_a_version_built_without_mike_downloads_from_its_own_folder() -> None:
    plain = info(site_url="https://skills.example.org", version="1.2")
    assert plain.site_url == "https://skills.example.org/"
    assert plain.archive_url("jwt-auth") == (
        "https://skills.example.org/1.2/skills/jwt-auth/jwt-auth.tar.gz"
    )
    # mike has already moved site_url into the version's folder: not twice.
    mike = info(site_url="https://skills.example.org/1.2/", version="/1.2/")
    assert mike.raw_url("jwt-auth") == "https://skills.example.org/1.2/skills/jwt-auth/SKILL.md"
    unversioned = info()
    assert unversioned.install_source_url == "https://skills.example.org/"


@pytest.mark.parametrize(
    ("repo_url", "source", "edit", "history"),
    [
        (
            "https://github.com/acme/skills/",
            "https://github.com/acme/skills/blob/trunk/content/catalog/a%20b/x%23y/SKILL.md",
            "https://github.com/acme/skills/edit/trunk/content/catalog/a%20b/x%23y/SKILL.md",
            "https://github.com/acme/skills/commits/trunk/content/catalog/a%20b/x%23y/SKILL.md",
        ),
        (
            "https://gitlab.example.com/acme/skills",
            "https://gitlab.example.com/acme/skills/-/blob/trunk/content/catalog/a%20b/x%23y/SKILL.md",
            "https://gitlab.example.com/acme/skills/-/edit/trunk/content/catalog/a%20b/x%23y/SKILL.md",
            "https://gitlab.example.com/acme/skills/-/commits/trunk/content/catalog/a%20b/x%23y/SKILL.md",
        ),
        (None, "", "", ""),
    ],
)
def test_source_edit_and_history_links_follow_the_repository_and_branch(
    repo_url: str | None, source: str, edit: str, history: str
) -> None:
    site = info({"branch": "trunk"}, repo_url=repo_url, catalog_path_in_repo="content/catalog")
    path = "a b/x#y/SKILL.md"
    assert (site.source_url(path), site.edit_url(path), site.history_url(path)) == (
        source,
        edit,
        history,
    )


@pytest.mark.parametrize(
    ("url", "repository"),
    [
        ("https://github.com/acme/skills", "acme/skills"),
        ("https://github.com/acme/skills.git", "acme/skills"),
        ("https://github.com/acme/my.skills/", "acme/my.skills"),
        ("https://github.com/acme/skills/tree/main", ""),
        ("https://gitlab.com/acme/skills", ""),
        ("https://github.com/acme/sk ills; rm -rf", ""),
        ("", ""),
    ],
)
def test_gh_install_is_offered_only_for_a_github_repository(url: str, repository: str) -> None:
    assert github_repository(url) == repository
    assert info(repo_url=url or None).github_repository == repository


def test_tools_replace_the_built_in_tabs_and_extra_tools_follow_them() -> None:
    replaced = info({"tools": [{"title": "Team Tool", "folder": ".team/skills"}]})
    assert [(t.key, t.title, t.folder) for t in replaced.tools] == [
        ("team-tool", "Team Tool", ".team/skills")
    ]
    assert info({"tools": []}).tools == ()
    added = info({"extra_tools": [{"title": "Mine", "key": "m", "command": "get {name}"}]})
    assert added.tools[: len(DEFAULT_TOOLS)] == DEFAULT_TOOLS
    assert [(t.key, t.command) for t in added.tools[len(DEFAULT_TOOLS) :]] == [("m", "get {name}")]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"tools": [{"folder": ".x"}]}, r"extra\.skillsite\.tools\[0\] needs a title"),
        ({"tools": ["Cursor"]}, r"extra\.skillsite\.tools\[0\] needs a title"),
        (
            {"extra_tools": [{"title": "A", "command": "a"}, {"title": "B"}]},
            r"extra\.skillsite\.extra_tools\[1\] needs a title and a command",
        ),
        ({"branch": ""}, r"extra\.skillsite\.branch must be a non-empty string"),
        ({"tools": "cursor"}, r"extra\.skillsite\.tools must be a list"),
    ],
)
def test_a_bad_tool_or_branch_names_the_setting_to_fix(settings: dict, message: str) -> None:
    with pytest.raises(SiteConfigError, match=message):
        info(settings)


def test_the_local_address_warning_is_given_only_when_no_url_was_chosen() -> None:
    unset = BuildEnvironment.read({})
    assert site_url_missing(None, unset)
    assert site_url_missing("http://127.0.0.1:8000", unset)
    assert not site_url_missing("https://skills.example.org/", unset)
    assert not site_url_missing("http://localhost:9000/", unset)
    chosen = BuildEnvironment.read({SITE_URL_ENV: "http://127.0.0.1:8000/"})
    assert not site_url_missing(None, chosen)


def test_the_catalogs_path_in_its_repository_is_found_without_git(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    catalog = tmp_path / "repo" / "content" / "catalog"
    catalog.mkdir(parents=True)
    assert path_in_repository(catalog) == "content/catalog"
    outside = tmp_path / "elsewhere" / "skills"
    outside.mkdir(parents=True)
    assert path_in_repository(outside) == "skills"


def test_settings_come_from_mkdocs_yml_with_env_tags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: S\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:x.y\n"
        "extra:\n  skillsite:\n    catalog: !ENV [SKILLS_DIR, catalog]\n    branch: trunk\n",
        encoding="utf-8",
    )
    assert settings_from_file(config).catalog == "catalog"
    monkeypatch.setenv("SKILLS_DIR", "other")
    settings = settings_from_file(config)
    assert (settings.catalog, settings.branch) == ("other", "trunk")
    assert settings_from_file(tmp_path / "missing.yml") == parse_settings(None)
    config.write_text("extra:\n  skillsite:\n    brnach: trunk\n", encoding="utf-8")
    with pytest.raises(SiteConfigError, match="did you mean 'branch'"):
        settings_from_file(config)
