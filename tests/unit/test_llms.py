"""llms.txt from the core, without a site build: every skill once, with its raw URL."""

from __future__ import annotations

import re
from pathlib import Path

from skillsite.llms import llms_txt
from skillsite.model import Catalog, Category, Skill
from skillsite.published import PublishedSkill
from skillsite.site_info import SiteInfo

SITE = SiteInfo(
    site_name="Test <Skills>",
    site_url="https://example.org/skills-site/",
    download_base="https://example.org/skills-site/2.0/",
)
DATA = Category(key="data", title="Data & Stores", description="Line one\nline two", order=2)
TOOLS = Category(key="tools", title="Tools", order=1)
LINK = re.compile(r"^- \[(?P<text>(?:\\.|[^\]\\])*)\]\((?P<url>[^)\s]+)\): (?P<rest>.*)$")


def skill(name: str, category: str = "data", description: str = "Does. Use when.") -> Skill:
    return Skill(
        name=name,
        category=category,
        folder=f"{category}/{name}",
        skill_file=f"{category}/{name}/SKILL.md",
        description=description,
    )


def published(*skills: Skill) -> list[PublishedSkill]:
    return [PublishedSkill(item, (), b"", None) for item in skills]


def catalog_of(*categories: Category) -> Catalog:
    return Catalog(root=Path("."), categories=categories, skills=(), diagnostics=())


def text_of(catalog: Catalog, skills: list[PublishedSkill]) -> str:
    return llms_txt(catalog, skills, SITE).decode("utf-8")


def test_llms_txt_groups_by_category_on_one_line_each() -> None:
    items = published(
        skill("b-skill", description="Two\nlines."),
        skill("a-skill", description="First. Use when [testing]."),
    )
    text = text_of(catalog_of(DATA), items)
    lines = text.splitlines()
    assert lines[0] == "# Test <Skills>"
    section = lines.index("## Data & Stores")
    assert lines[section + 2] == "Line one line two"
    skill_lines = [line for line in lines if line.startswith("- [")][:2]
    assert skill_lines == [
        "- [a-skill](https://example.org/skills-site/2.0/skills/a-skill/SKILL.md): "
        "First. Use when [testing].",
        "- [b-skill](https://example.org/skills-site/2.0/skills/b-skill/SKILL.md): Two lines.",
    ]
    assert "https://example.org/skills-site/2.0/api/skills.json" in text


def test_every_published_skill_is_listed_once_with_its_raw_url() -> None:
    items = published(
        *(skill(f"data-{n}") for n in range(5)),
        *(skill(f"tool-{n}", "tools") for n in range(3)),
        skill("stray", "no-yml"),  # a category folder without category.yml
    )
    text = text_of(catalog_of(TOOLS, DATA), items)
    links = [LINK.match(line) for line in text.splitlines() if line.startswith("- [")]
    listed = {m["text"]: m["url"] for m in links if m and "/skills/" in m["url"]}
    assert listed == {p.skill.name: SITE.raw_url(p.skill.name) for p in items}
    assert "> 9 agent skills (SKILL.md, Agent Skills format) in 3 categories." in text
    headings = re.findall(r"^## (.*)$", text, re.M)
    assert headings == ["Tools", "Data & Stores", "no-yml", "Optional"]  # catalog order


def test_hostile_descriptions_and_titles_cannot_break_a_line_or_a_link() -> None:
    # Names are checked by the loader ([a-z0-9-]); descriptions and titles are free text.
    category = Category(key="data", title="Data\n## Fake section\r\n- [x](y)", description="")
    item = skill("real-one", description="a\r\nb\x1b[31m\u2028c\x85d\n- [evil](https://evil)")
    lines = text_of(catalog_of(category), published(item)).splitlines()
    assert [line for line in lines if line.startswith("## ")] == [
        "## Data ## Fake section - [x](y)",
        "## Optional",
    ]
    [line] = [line for line in lines if "/skills/" in line and line.startswith("- [")]
    match = LINK.match(line)
    assert match, line
    assert (match["text"], match["url"]) == ("real-one", SITE.raw_url("real-one"))
    assert match["rest"] == "a b [31m c d - [evil](https://evil)"


def test_one_skill_in_one_category_is_counted_in_the_singular() -> None:
    text = text_of(catalog_of(DATA), published(skill("only-one")))
    assert "> 1 agent skill (SKILL.md, Agent Skills format) in 1 category." in text
