"""Which pages a site has and how they are reached, from the core (no site build): the
generated pages, the navigation, category icons and the guard against hook-less builds."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from core_cases import load, skill_md

from skillsite import engine_guard
from skillsite.diagnostics import Severity
from skillsite.icons import ICON_FOLDER, with_known_icons
from skillsite.model import Catalog
from skillsite.site_info import SiteInfo
from skillsite.site_nav import navigation
from skillsite.site_pages import generate_pages

SITE = SiteInfo(site_url="https://skills.example.org/", download_base="https://skills.example.org/")
FILES = {
    "data/category.yml": "title: Data <Stores>\norder: 2\n",
    "data/table-builder/SKILL.md": skill_md("table-builder"),
    "data/broken-one/SKILL.md": "---\nname: broken-one\n---\n# No description\n",
    "tools/category.yml": "title: Tools\norder: 1\n",
    "tools/queue-tamer/SKILL.md": skill_md("queue-tamer"),
    "empty/category.yml": "title: Only broken skills\n",
    "empty/also-broken/SKILL.md": "",
}


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load(tmp_path / "catalog", FILES)


def digests(catalog: Catalog) -> dict[str, str]:
    return {skill.name: "0" * 64 for skill in catalog.valid_skills}


def test_every_valid_skill_and_category_with_skills_has_a_page(catalog: Catalog) -> None:
    pages = generate_pages(catalog, SITE, digests(catalog))
    assert set(pages) == {
        "index.md",
        "skills/index.md",
        "categories/data/index.md",
        "categories/tools/index.md",
        "skills/table-builder/index.md",
        "skills/queue-tamer/index.md",
    }


def test_while_serving_an_invalid_skill_shows_its_errors_at_its_address(
    catalog: Catalog,
) -> None:
    pages = generate_pages(catalog, SITE, digests(catalog), show_invalid=True)
    page = pages["skills/broken-one/index.md"]
    assert "This skill has errors and is not published" in page
    assert "data/broken-one/SKILL.md:" in page and "description" in page
    assert "skills/also-broken/index.md" in pages


def test_a_skill_without_an_archive_is_not_published(catalog: Catalog) -> None:
    pages = generate_pages(catalog, SITE, {"queue-tamer": "0" * 64})
    assert "skills/queue-tamer/index.md" in pages
    assert "skills/table-builder/index.md" not in pages


def test_an_empty_catalog_has_a_home_page_and_nothing_to_browse(tmp_path: Path) -> None:
    catalog = load(tmp_path / "catalog", {"data/category.yml": "title: Data\n"})
    assert list(generate_pages(catalog, SITE, {})) == ["index.md"]


def test_the_navigation_is_home_all_skills_categories_then_hand_written_pages(
    catalog: Catalog,
) -> None:
    pages = generate_pages(catalog, SITE, digests(catalog))
    nav = navigation(catalog, pages, [{"About": "about.md"}])
    assert nav == [
        {"Home": "index.md"},
        {"All skills": "skills/index.md"},
        # Catalog order (by `order`), only categories with a page, titles without <>.
        {"Categories": [
            {"Tools": "categories/tools/index.md"},
            {"Data Stores": "categories/data/index.md"},
        ]},
        {"About": "about.md"},
    ]  # fmt: skip


def test_unknown_category_icons_are_dropped_and_reported_at_their_line(tmp_path: Path) -> None:
    custom = tmp_path / "overrides"
    (custom / ICON_FOLDER / "team").mkdir(parents=True)
    (custom / ICON_FOLDER / "team" / "logo.svg").write_text("<svg/>")
    catalog = load(
        tmp_path / "catalog",
        {
            "known/category.yml": "title: Known\nicon: material/database\n",
            "known/b-skill/SKILL.md": skill_md("b-skill"),
            "custom/category.yml": "title: Custom\nicon: team/logo\n",
            "custom/c-skill/SKILL.md": skill_md("c-skill"),
            "unknown/category.yml": "title: Unknown\n\nicon: material/no-such-icon\n",
            "unknown/a-skill/SKILL.md": skill_md("a-skill"),
        },
    )
    checked = with_known_icons(catalog, custom)
    assert {c.key: c.icon for c in checked.categories} == {
        "known": "material/database",
        "custom": "team/logo",
        "unknown": "",
    }
    [problem] = [d for d in checked.diagnostics if d.code == "category-icon-unknown"]
    assert (problem.path, problem.line, problem.severity) == (
        "unknown/category.yml",
        3,
        Severity.WARNING,
    )
    assert "'material/no-such-icon'" in problem.message
    assert with_known_icons(checked, custom) == checked  # nothing more to report


def test_a_build_that_skipped_the_hook_fails_and_says_what_to_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_guard, "_hook_ran", False)  # a fresh engine process
    guarded = markdown.Markdown(extensions=[engine_guard.EXTENSION])
    with pytest.raises(engine_guard.HookNotRunError, match=r"skillsite build --engine zensical"):
        guarded.convert("# A page\n")
    engine_guard.mark_hook_ran()
    assert guarded.convert("# A page\n") == "<h1>A page</h1>"
