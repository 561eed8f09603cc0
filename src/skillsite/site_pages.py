"""Every generated page of the site, as a map from docs-relative path to Markdown."""

from __future__ import annotations

from collections.abc import Mapping

from skillsite import layout
from skillsite.body_html import LinkContext, render_body
from skillsite.browse import BROWSE_PAGE_URI, browse_page
from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic
from skillsite.model import Catalog, Category, Skill
from skillsite.related import related_skills
from skillsite.render import (
    category_page,
    category_page_uri,
    home_page,
    invalid_skill_page,
    skill_page,
    skill_page_uri,
    split_body_title,
    strip_allow_comments,
)
from skillsite.site_info import SiteInfo
from skillsite.skill_links import published_skill_paths


def _category_of(catalog: Catalog, key: str) -> Category:
    return catalog.category(key) or Category(key=key, title=key)


def generate_pages(
    catalog: Catalog,
    site: SiteInfo,
    archive_digests: Mapping[str, str],
    *,
    show_invalid: bool = False,
    home_intro: str = "",
    problems: list[Diagnostic] | None = None,
) -> dict[str, str]:
    """Home, the list of all skills, one page per category and per published skill
    (`archive_digests`: skill name -> sha256 of its archive, for the install commands).

    With `show_invalid` (while serving), an invalid skill gets a page listing its
    diagnostics at its usual URL instead of being left out. A body that could not be
    rendered (time budget) is reported into `problems`; its page shows a notice.
    """
    pages = {layout.HOME_PAGE: home_page(catalog, site, home_intro)}
    if catalog.valid_skills:
        pages[BROWSE_PAGE_URI] = browse_page(catalog, site)
    published = published_skill_paths(catalog.skills)
    for category in catalog.categories:
        skills = catalog.skills_in(category.key)
        if skills:
            pages[category_page_uri(category.key)] = category_page(category, skills)
    valid = {skill.name: skill for skill in catalog.valid_skills}
    related = related_skills(tuple(valid.values()))
    for skill in catalog.skills:
        uri = skill_page_uri(skill.name)
        if skill.valid and skill.name in archive_digests:
            _, body = split_body_title(skill.body)
            rendered = render_body(strip_allow_comments(body), LinkContext(skill.folder, published))
            if rendered.refusal and problems is not None:
                problems.append(_not_rendered(skill, rendered.refusal))
            category = _category_of(catalog, skill.category)
            digest = archive_digests[skill.name]
            neighbours = [valid[name] for name in related.get(skill.name, ())]
            pages[uri] = skill_page(
                skill, category, site, digest, published, rendered=rendered, related=neighbours
            )
        elif show_invalid and uri not in pages:
            pages[uri] = invalid_skill_page(skill)
    return pages


def _not_rendered(skill: Skill, reason: str) -> Diagnostic:
    return diagnostic(
        "body-not-rendered",
        skill.skill_file,
        f"the body is published without its text: {reason}",
        skill.body_start_line,
    )
