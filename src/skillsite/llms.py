"""llms.txt: the catalog as one Markdown index for language models (llmstxt.org)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from skillsite import layout
from skillsite.model import Catalog
from skillsite.published import PublishedSkill
from skillsite.site_info import SiteInfo

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def llms_txt(catalog: Catalog, skills: Sequence[PublishedSkill], site: SiteInfo) -> bytes:
    """`# name`, a `> ` summary, then one `## category` section of raw SKILL.md links."""
    by_category: dict[str, list[PublishedSkill]] = {}
    for published in skills:
        by_category.setdefault(published.skill.category, []).append(published)
    ordered_keys = [c.key for c in catalog.categories if c.key in by_category]
    ordered_keys += sorted(by_category.keys() - set(ordered_keys))

    lines = [
        f"# {_one_line(site.site_name)}",
        "",
        f"> {_count(len(skills), 'agent skill')} (SKILL.md, Agent Skills format) in "
        f"{_count(len(ordered_keys), 'category', 'categories')}. "
        "Each link below is a skill's raw SKILL.md; "
        f"`{site.archive_url('<name>')}` holds the whole skill folder.",
        "",
    ]
    for key in ordered_keys:
        category = catalog.category(key)
        lines += [f"## {_one_line(category.title if category else key)}", ""]
        if category and category.description:
            lines += [_one_line(category.description), ""]
        for published in sorted(by_category[key], key=lambda p: p.skill.name):
            skill = published.skill
            link = f"[{_link_text(skill.name)}]({site.raw_url(skill.name)})"
            lines.append(f"- {link}: {_one_line(skill.description)}")
        lines.append("")
    lines += [
        "## Optional",
        "",
        f"- [skills.json]({site.download_base}{layout.API_SKILLS}): every skill as JSON, "
        "with file lists, checksums and archive links",
        f"- [categories.json]({site.download_base}{layout.API_CATEGORIES}): the categories",
        "",
    ]
    return "\n".join(lines).encode("utf-8", errors="replace")


def _count(number: int, singular: str, plural: str = "") -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _link_text(text: str) -> str:
    return _one_line(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
