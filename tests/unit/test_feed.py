"""feed.xml from the core, without a site build: what a feed reader shows."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

from skillsite.feed import FEED_SIZE, atom_feed
from skillsite.model import Catalog, Category, Skill
from skillsite.published import PublishedSkill
from skillsite.site_info import SiteInfo

SITE = SiteInfo(
    site_name="Test <Skills> & Co",
    site_url="https://example.org/skills-site/",
    download_base="https://example.org/skills-site/2.0/",
)
CATEGORY = Category(key="data", title="Data & <Stores>")
ATOM = "{http://www.w3.org/2005/Atom}"
OLD = datetime(2024, 1, 1, tzinfo=UTC)
NEW = datetime(2025, 6, 1, tzinfo=UTC)


def skill(name: str, description: str = "Does a thing. Use when testing.", **extra) -> Skill:
    category = extra.pop("category", "data")
    return Skill(
        name=name,
        category=category,
        folder=f"{category}/{name}",
        skill_file=f"{category}/{name}/SKILL.md",
        description=description,
        **extra,
    )


def published(item: Skill, updated: datetime | None) -> PublishedSkill:
    return PublishedSkill(item, (), b"", updated)


def catalog_of(*categories: Category) -> Catalog:
    return Catalog(root=Path("."), categories=categories, skills=(), diagnostics=())


def entries(feed: bytes) -> list[ET.Element]:
    return ET.fromstring(feed).findall(f"{ATOM}entry")


def test_the_feed_lists_dated_skills_newest_first() -> None:
    items = [
        published(skill("older"), OLD),
        published(skill("newer", "Bad \x01 char. Use when testing."), NEW),
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


def test_each_entry_links_its_page_and_names_its_category() -> None:
    items = [published(skill("alpha-one"), OLD), published(skill("lost", category="gone"), OLD)]
    found = entries(atom_feed(catalog_of(CATEGORY), items, SITE, None))
    assert len(found) == 2  # one entry per skill
    by_title = {e.findtext(f"{ATOM}title"): e for e in found}
    alpha = by_title["alpha-one"]
    link = alpha.find(f"{ATOM}link")
    assert (link.get("href"), link.get("rel")) == (SITE.skill_url("alpha-one"), "alternate")
    assert alpha.find(f"{ATOM}category").attrib == {"term": "data", "label": "Data & <Stores>"}
    # A category without a category.yml is labelled with its key.
    assert by_title["lost"].find(f"{ATOM}category").get("label") == "gone"


def test_markup_from_the_catalog_is_text_in_the_feed() -> None:
    description = 'Signs <script>alert("x")</script> & checks; use when "auth" breaks'
    feed = atom_feed(catalog_of(CATEGORY), [published(skill("a-b", description), OLD)], SITE, None)
    text = feed.decode("utf-8")
    assert "<script>" not in text and "<Skills>" not in text and "<Stores>" not in text
    [entry] = entries(feed)
    summary = entry.find(f"{ATOM}summary")
    assert (summary.text, summary.get("type")) == (description, "text")
    assert ET.fromstring(feed).findtext(f"{ATOM}title") == "Test <Skills> & Co"


def test_text_xml_cannot_carry_is_replaced_and_the_feed_still_parses() -> None:
    description = "Nul \x00, escape \x1b, lone \udcff and \ufffe. Use when testing."
    feed = atom_feed(catalog_of(), [published(skill("a-b", description), OLD)], SITE, None)
    [entry] = entries(feed)
    assert entry.findtext(f"{ATOM}summary") == (
        "Nul \ufffd, escape \ufffd, lone \ufffd and \ufffd. Use when testing."
    )


def test_the_newest_skills_are_kept_and_ties_are_in_name_order() -> None:
    items = [published(skill(f"s-{n:03d}"), OLD + timedelta(days=n)) for n in range(60)]
    items += [published(skill("tie-b"), NEW), published(skill("tie-a"), NEW)]
    found = entries(atom_feed(catalog_of(), items, SITE, None))
    titles = [e.findtext(f"{ATOM}title") for e in found]
    assert len(titles) == FEED_SIZE
    assert titles[:3] == ["tie-a", "tie-b", "s-059"]
    assert titles[-1] == f"s-{60 - FEED_SIZE + 2:03d}"


def test_a_feed_without_dated_skills_is_valid_and_dated_by_the_build() -> None:
    build = datetime(2023, 3, 3, 3, 3, 3, tzinfo=UTC)
    items = [published(skill("undated"), None)]
    root = ET.fromstring(atom_feed(catalog_of(), items, SITE, build))
    assert root.findall(f"{ATOM}entry") == []
    assert root.findtext(f"{ATOM}updated") == "2023-03-03T03:03:03Z"
    assert ET.fromstring(atom_feed(catalog_of(), [], SITE, None)).findtext(f"{ATOM}updated") == (
        "1970-01-01T00:00:00Z"
    )
    self_link = next(link for link in root.iter(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://example.org/skills-site/feed.xml"
