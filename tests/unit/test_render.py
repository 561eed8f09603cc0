"""Pages from the core, without a site build: skill, category, home and error pages.

Front matter is read back with the engine's own parser (MkDocs' `get_data`), so a value
that would break it shows up here as missing meta, not only on a built site.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data

from skillsite.diagnostics import Diagnostic, Severity
from skillsite.install import install_commands
from skillsite.model import Catalog, Category, Skill, SupportingFile
from skillsite.render import (
    BODY_MARKER,
    RECENT_SKILLS_ON_HOME,
    category_page,
    home_page,
    invalid_skill_page,
    skill_page,
)
from skillsite.site_info import InstallTool, SiteInfo

SITE = SiteInfo(
    site_name="Test <Skills>",
    site_url="https://example.org/skills-site/",
    download_base="https://example.org/skills-site/",
    tools=(
        InstallTool("claude", "Claude Code", folder=".claude/skills", user_folder=".claude/s"),
        InstallTool(key="mine", title='My "tool"', command="get {name} --into {folder}"),
    ),
)
CATEGORY = Category(key="data", title="Data & Stores", description="Line one\nline two")
HOSTILE = 'Ends "quotes" </script><script>alert(1)</script> & {{ x }}\n---\nkey: value'
DIGEST = "0" * 64


def skill(name: str, description: str = "Does a thing. Use when testing.", **extra) -> Skill:
    body = extra.pop("body", "# Big Title\n\nText with <b>bold</b>.\n")
    return Skill(
        name=name,
        category=extra.pop("category", "data"),
        folder=f"data/{name}",
        skill_file=f"data/{name}/SKILL.md",
        description=description,
        body=body,
        raw=b"---\nname: x\n---\n",
        **extra,
    )


def engine_meta(page: str) -> tuple[dict, str]:
    """What the engine reads: the front matter as a dict, and the Markdown after it."""
    markdown, meta = get_data(page)
    assert meta, "the engine could not read the front matter: " + page[:300]
    return meta, markdown


def test_the_skill_page_front_matter_is_yaml_and_the_body_follows_the_marker() -> None:
    page = skill_page(skill("table-builder", "Builds tables: fast <fast>"), CATEGORY, SITE, DIGEST)
    _, front, rest = page.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == "table-builder"
    assert meta["description"] == "Builds tables: fast &lt;fast&gt;"
    assert meta["skill"]["subtitle"] == "Big Title"  # the leading h1 moves to the header
    assert meta["skill"]["archive"] == "table-builder.tar.gz"
    assert meta["template"] == "skill.html"
    _, body = rest.split(BODY_MARKER)
    assert "# Big Title" not in body and "<b>" not in body


def test_hostile_text_and_file_names_reach_the_header_as_the_same_text() -> None:
    files = (
        SupportingFile("references/api notes.md", 10, DIGEST),
        SupportingFile("bad-\udcff-name.md", 3, DIGEST),  # a name that is not UTF-8
        SupportingFile("emoji-\U0001f600.txt", 3, DIGEST),
    )
    tags = ("a: b", "#x", "\u2028line")
    item = skill("table-builder", HOSTILE, tags=tags, files=files, license="MIT\n---")
    meta, _ = engine_meta(skill_page(item, CATEGORY, SITE, DIGEST))
    header = meta["skill"]
    # The header template escapes these itself; they arrive as the catalog wrote them.
    assert header["description"] == HOSTILE
    assert header["license"] == "MIT\n---"
    assert header["tags"] == list(tags)
    assert [f["path"] for f in header["files"]] == [
        "references/api notes.md",
        "bad-\\xff-name.md",
        "emoji-\U0001f600.txt",
    ]
    # Material prints these two unescaped, so they are escaped already.
    assert "<" not in meta["description"] and unescape(meta["description"]) == HOSTILE
    assert meta["tags"][0] == "a: b"


def test_supporting_files_link_only_when_served_as_they_are() -> None:
    files = (
        SupportingFile("references/api notes.md", 2048, DIGEST),
        SupportingFile("scripts/check.py", 10, DIGEST),
        SupportingFile("assets/page.html", 10, DIGEST),
        SupportingFile("bin/tool.exe", 10, DIGEST),
    )
    meta, _ = engine_meta(skill_page(skill("table-builder", files=files), CATEGORY, SITE, DIGEST))
    shown = {f["path"]: (f["url"], f["size"]) for f in meta["skill"]["files"]}
    assert shown == {
        "references/api notes.md": ("./references/api%20notes.md", "2.0 KiB"),
        "scripts/check.py": ("./scripts/check.py", "10 B"),
        "assets/page.html": ("", "10 B"),  # a browser would run it on the site's origin
        "bin/tool.exe": ("", "10 B"),
    }


def test_the_install_box_has_a_tab_per_tool_holding_its_commands() -> None:
    item = skill("table-builder")
    _, markdown = engine_meta(skill_page(item, CATEGORY, SITE, DIGEST))
    box = markdown.split(BODY_MARKER)[0]
    tabs = re.findall(r'^ *=== "([^"]*)"$', box, re.M)
    assert tabs == ["Claude Code", "This project", "All projects (user)", "My 'tool'"]
    fenced = re.findall(r"```bash\n\s*(.*?)\n\s*```", box)
    assert fenced == [c.command for c in install_commands(item, SITE, DIGEST)]


def test_the_body_is_sanitised_html_without_allow_comments() -> None:
    body = (
        "# Title\n\nRun it.\n\n<script>alert(1)</script>\n\n"
        "curl x | sh <!-- skillsite-allow: remote-pipe-shell the docs say so -->\n"
    )
    page = skill_page(skill("table-builder", body=body), CATEGORY, SITE, DIGEST)
    html = page.split(BODY_MARKER)[1]
    assert "<script" not in html
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in html  # shown as text
    assert "skillsite-allow" not in html
    assert "<p>Run it.</p>" in html


def test_the_category_page_escapes_its_text_and_lists_its_skills() -> None:
    category = Category(key="data", title='<img src=x onerror="a()">', description=HOSTILE)
    skills = (skill("alpha-one", tags=("x&y",)), skill("beta-two", "<b>bold</b>"))
    page = category_page(category, skills)
    meta, html = engine_meta(page)
    assert "<img" not in html and "<b>bold" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=&quot;a()&quot;&gt;" in html
    assert '<p class="skillsite-count">2 skills</p>' in html
    assert re.findall(r'href="(\.\./\.\./skills/[^"]+)"', html) == [
        "../../skills/alpha-one/",
        "../../skills/?tag=x%26y",
        "../../skills/beta-two/",
    ]
    # Titles lose angle brackets: Material prints them unescaped in places.
    assert unescape(meta["title"]) == 'img src=x onerror="a()"'
    assert "1 skill</p>" in category_page(category, skills[:1])


def test_a_category_icon_is_kept_only_when_it_names_an_icon() -> None:
    for icon, kept in (("material/database", True), ('x" onload="y', False), ("../x/y", False)):
        meta, _ = engine_meta(category_page(Category("data", "Data", icon=icon), ()))
        assert ("icon" in meta) is kept, icon


def test_the_home_page_counts_skills_and_shows_the_newest_first() -> None:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    many = tuple(skill(f"skill-{n:02d}") for n in range(12))
    updated = {s.folder: start + timedelta(days=n) for n, s in enumerate(many)}
    broken = skill(
        "broken-one",
        diagnostics=(Diagnostic("data/broken-one/SKILL.md", 1, 1, Severity.ERROR, "x", "y"),),
    )
    empty = Category(key="empty", title="Nothing here")
    catalog = Catalog(Path("."), (CATEGORY, empty), (*many, broken), ())
    site = SiteInfo(site_name="My <Site>", updated=updated)
    _, html = engine_meta(home_page(catalog, site))
    assert "12 skills in 1 categories" in html  # the invalid skill and empty category are out
    assert "Nothing here" not in html and "broken-one" not in html
    assert "# My Site\n" in html
    recent = html.split("## Recently updated")[1]
    names = re.findall(r'href="skills/(skill-\d\d)/"', recent)
    assert names == [f"skill-{n:02d}" for n in range(11, 11 - RECENT_SKILLS_ON_HOME, -1)]
    assert "Updated 2024-01-12" in recent


def test_the_error_page_of_an_invalid_skill_lists_every_problem_as_text() -> None:
    diagnostics = (
        Diagnostic("data/x/SKILL.md", 3, 7, Severity.ERROR, "yaml-invalid", "bad <b>yaml</b>"),
        Diagnostic("data/x/SKILL.md", 9, 1, Severity.WARNING, "unknown-key", "x", "use <y>"),
    )
    item = skill('<img src=x onerror="a()">', diagnostics=diagnostics)
    meta, html = engine_meta(invalid_skill_page(item))
    assert meta["search"] == {"exclude": True}
    assert "<img" not in html and "<b>" not in html
    items = re.findall(r"<li>(.*?)</li>", html)
    assert [unescape(re.sub(r"<[^>]+>", "", i)) for i in items] == [
        "data/x/SKILL.md:3:7 error yaml-invalid: bad <b>yaml</b>",
        "data/x/SKILL.md:9:1 warning unknown-key: x use <y>",
    ]
