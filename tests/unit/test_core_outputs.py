"""Unit tests of the core's outputs, without a site build: the skill page's Markdown, the
Atom feed and llms.txt (install commands: test_install_clients.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import yaml

from skillsite.feed import atom_feed
from skillsite.llms import llms_txt
from skillsite.model import Catalog, Category, Skill
from skillsite.published import PublishedSkill
from skillsite.render import BODY_MARKER, skill_page
from skillsite.site_info import InstallTool, SiteInfo

SITE = SiteInfo(
    site_name="Test <Skills>",
    site_url="https://example.org/skills-site/",
    download_base="https://example.org/skills-site/",
    tools=(
        InstallTool(key="claude", title="Claude Code", folder=".claude/skills"),
        InstallTool(key="mine", title='My "tool"', command="get {name} --into {folder}"),
    ),
)
CATEGORY = Category(key="data", title="Data & Stores", description="Line one\nline two")
ATOM = "{http://www.w3.org/2005/Atom}"


def skill(name: str, description: str = "Does a thing. Use when testing.", **extra) -> Skill:
    body = extra.pop("body", "# Big Title\n\nText with <b>bold</b>.\n")
    return Skill(
        name=name,
        category="data",
        folder=f"data/{name}",
        skill_file=f"data/{name}/SKILL.md",
        description=description,
        body=body,
        raw=b"---\nname: x\n---\n",
        **extra,
    )


def published(item: Skill, updated: datetime | None) -> PublishedSkill:
    return PublishedSkill(item, (), b"", updated)


def catalog_of(*skills: Skill) -> Catalog:
    return Catalog(root=Path("."), categories=(CATEGORY,), skills=skills, diagnostics=())


def test_the_skill_page_front_matter_is_yaml_and_the_body_follows_the_marker() -> None:
    page = skill_page(
        skill("table-builder", "Builds tables: fast <fast>"), CATEGORY, SITE, "0" * 64
    )
    _, front, rest = page.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == "table-builder"
    assert meta["description"] == "Builds tables: fast &lt;fast&gt;"
    assert meta["skill"]["subtitle"] == "Big Title"  # the leading h1 moves to the header
    assert meta["skill"]["archive"] == "table-builder.tar.gz"
    assert meta["template"] == "skill.html"
    _, body = rest.split(BODY_MARKER)
    assert "# Big Title" not in body and "<b>" not in body


def test_the_feed_lists_dated_skills_newest_first() -> None:
    old = datetime(2024, 1, 1, tzinfo=UTC)
    new = datetime(2025, 6, 1, tzinfo=UTC)
    items = [
        published(skill("older"), old),
        published(skill("newer", "Bad \x01 char. Use when testing."), new),
        published(skill("undated"), None),
    ]
    root = ET.fromstring(atom_feed(catalog_of(), items, SITE, None))
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["newer", "older"]
    assert root.find(f"{ATOM}updated").text == "2025-06-01T00:00:00Z"
    summaries = [e.find(f"{ATOM}summary").text for e in root.iter(f"{ATOM}entry")]
    assert "\x01" not in summaries[0]
    first = next(root.iter(f"{ATOM}entry"))
    assert first.find(f"{ATOM}id").text == "https://example.org/skills-site/skills/newer/"


def test_llms_txt_groups_by_category_on_one_line_each() -> None:
    items = [
        published(skill("b-skill", "Two\nlines."), None),
        published(skill("a-skill", "First. Use when [testing]."), None),
    ]
    text = llms_txt(catalog_of(), items, SITE).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Test <Skills>"
    section = lines.index("## Data & Stores")
    assert lines[section + 2] == "Line one line two"
    skill_lines = [line for line in lines if line.startswith("- [")][:2]
    assert skill_lines == [
        "- [a-skill](https://example.org/skills-site/skills/a-skill/SKILL.md): "
        "First. Use when [testing].",
        "- [b-skill](https://example.org/skills-site/skills/b-skill/SKILL.md): Two lines.",
    ]
    assert "https://example.org/skills-site/api/skills.json" in text
