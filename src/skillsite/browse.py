"""The "All skills" page: every skill as a plain HTML list, with filter controls that
assets/skillsite-browse.js brings to life (the list works without them).

Every catalog string is escaped here with `html.escape`; filter values travel in data
attributes and the script compares them as strings, never inserting markup.
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote

from skillsite import layout
from skillsite.model import Catalog, Skill
from skillsite.render import _front_matter as front_matter
from skillsite.render import format_date, page_title, split_body_title
from skillsite.site_info import SiteInfo

BROWSE_PAGE_URI = layout.BROWSE_PAGE
BROWSE_TITLE = "All skills"
COMPATIBILITY_OPTIONS = 40  # distinct declared values offered one by one; more are "declared"
OPTION_LABEL_CHARS = 70


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def has_scripts(skill: Skill) -> bool:
    return any(f.path.startswith("scripts/") for f in skill.files)


def skill_title(skill: Skill) -> str:
    title, _ = split_body_title(skill.body)
    return title.strip() or skill.name


def tag_link(tag: str, prefix: str = "") -> str:
    """Link to the list filtered by one tag; `prefix` leads from the page to skills/."""
    return f"{prefix}?tag={quote(tag, safe='')}"


def _option(value: str, label: str) -> str:
    short = label if len(label) <= OPTION_LABEL_CHARS else label[: OPTION_LABEL_CHARS - 1] + "…"
    return f'<option value="{_attr(value)}">{html.escape(short)}</option>'


def _select(name: str, label: str, options: list[str]) -> str:
    return (
        f'<label class="skillsite-filter">{html.escape(label)} '
        f'<select name="{name}">{"".join(options)}</select></label>'
    )


def _filters(catalog: Catalog, skills: tuple[Skill, ...]) -> str:
    categories = [c for c in catalog.categories if any(s.category == c.key for s in skills)]
    tags = sorted({tag for s in skills for tag in s.tags}, key=str.lower)
    declared = sorted({s.compatibility for s in skills if s.compatibility}, key=str.lower)
    compatibility = [_option("", "Any"), _option("*", "Declared")]
    if len(declared) <= COMPATIBILITY_OPTIONS:
        compatibility += [_option(value, value) for value in declared]
    controls = [
        _select(
            "category",
            "Category",
            [_option("", "All")] + [_option(c.key, c.title) for c in categories],
        ),
        _select("tag", "Tag", [_option("", "All")] + [_option(t, t) for t in tags]),
        _select("compatibility", "Compatibility", compatibility),
        '<label class="skillsite-filter"><input type="checkbox" name="scripts" value="1"> '
        "Has scripts</label>",
        _select("sort", "Sort by", [_option("name", "Name"), _option("updated", "Last updated")]),
        '<button type="reset" class="md-button skillsite-filter__reset">Clear</button>',
    ]
    return (
        '<form class="skillsite-filters" data-skillsite-filters hidden '
        'aria-label="Filter and sort the skills">' + "".join(controls) + "</form>\n"
    )


def _item(skill: Skill, category_title: str, updated: str) -> str:
    tags = "".join(
        f'<li><a class="skillsite-tag" href="{_attr(tag_link(tag))}">{html.escape(tag)}</a></li>'
        for tag in skill.tags
    )
    scripts = has_scripts(skill)
    facts = [
        f'<a href="../{layout.category_folder(skill.category)}">{html.escape(category_title)}</a>',
        f'<time datetime="{_attr(updated)}">Updated {html.escape(updated)}</time>'
        if updated
        else "",
        "Has scripts" if scripts else "",
        f"Compatibility: {html.escape(skill.compatibility)}" if skill.compatibility else "",
    ]
    data = {
        "name": skill.name,
        "category": skill.category,
        "tags": json.dumps(list(skill.tags), ensure_ascii=False),
        "scripts": "1" if scripts else "",
        "compatibility": skill.compatibility,
        "updated": updated,
    }
    attributes = " ".join(f'data-{key}="{_attr(value)}"' for key, value in data.items())
    return (
        f'<li class="skillsite-card" {attributes}>'
        f'<a class="skillsite-card__name" href="{quote(skill.name)}/">'
        f"{html.escape(skill_title(skill))}</a> "
        f'<code class="skillsite-card__id">{html.escape(skill.name)}</code>'
        f'<p class="skillsite-card__description">{html.escape(skill.description)}</p>'
        f'<p class="skillsite-card__facts">{" · ".join(f for f in facts if f)}</p>'
        + (f'<ul class="skillsite-tags" aria-label="Tags">{tags}</ul>' if tags else "")
        + "</li>"
    )


def browse_page(catalog: Catalog, site: SiteInfo) -> str:
    skills = tuple(sorted(catalog.valid_skills, key=lambda s: s.name))
    titles = {c.key: c.title for c in catalog.categories}
    items = "\n".join(
        _item(s, titles.get(s.category, s.category), format_date(site.updated.get(s.folder)))
        for s in skills
    )
    count = f"{len(skills)} skill{'s' if len(skills) != 1 else ''}"
    return (
        front_matter({"title": BROWSE_TITLE, "hide": ["toc"]})
        + f"# {page_title(BROWSE_TITLE)}\n\n"
        + _filters(catalog, skills)
        + f'<p class="skillsite-count" data-skillsite-count role="status">{count}</p>\n\n'
        + '<div class="grid cards">\n'
        + f'<ul class="skillsite-list" data-skillsite-list>\n{items}\n</ul>\n</div>\n'
    )
