"""Every static file the site serves besides its pages, as a map from path to bytes.

Raw SKILL.md and supporting files, one archive per skill, the JSON API, llms.txt and
feed.xml, for valid skills only. Paths are POSIX and relative to the site (or version)
root; writing them out is the caller's job.
"""

from __future__ import annotations

import re
from datetime import datetime

from skillsite import layout
from skillsite.api import (
    categories_index,
    json_bytes,
    skill_detail,
    skills_index,
)
from skillsite.archive import deterministic_tar_gz
from skillsite.feed import atom_feed
from skillsite.llms import llms_txt
from skillsite.model import Catalog, Skill
from skillsite.published import (
    SKILL_FILE,
    PublishedFile,
    PublishedSkill,
    is_served_raw,
    read_supporting_files,
)
from skillsite.site_info import SiteInfo
from skillsite.wellknown import well_known_files

# A skill name becomes a folder of the site, so only a plain path segment is acceptable.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def publish_skills(
    catalog: Catalog, site: SiteInfo, fallback_time: datetime | None = None
) -> list[PublishedSkill]:
    """Every valid skill with its files and archive, as the site publishes them.

    `fallback_time` dates skills without a date (the caller's SOURCE_DATE_EPOCH); without
    it, their archives carry time 0.
    """
    return [
        publish_skill(catalog, skill, site.updated.get(skill.folder), fallback_time)
        for skill in _publishable(catalog.valid_skills)
    ]


def build_artifacts(
    catalog: Catalog,
    site: SiteInfo,
    published: list[PublishedSkill] | None = None,
    fallback_time: datetime | None = None,
) -> dict[str, bytes]:
    """Site-relative path -> bytes for every static artifact of the catalog's valid skills.

    `published` (from publish_skills) saves packing the archives again when the pages
    already needed their digests; `fallback_time` is as for publish_skills.
    """
    if published is None:
        published = publish_skills(catalog, site, fallback_time)
    dates = [p.updated for p in published if p.updated is not None]
    generated = max(dates) if dates else fallback_time

    artifacts: dict[str, bytes] = {}
    for item in published:
        name = item.skill.name
        artifacts[layout.raw_file_path(name)] = item.skill.raw
        for file in item.files:
            if file.path != layout.archive_name(name) and is_served_raw(file.path):
                artifacts[layout.raw_file_path(name, file.path)] = file.data
        artifacts[layout.archive_path(name)] = item.archive
        artifacts[layout.api_skill_path(name)] = json_bytes(skill_detail(item, site))
    artifacts[layout.API_SKILLS] = json_bytes(skills_index(published, site, generated))
    artifacts[layout.API_CATEGORIES] = json_bytes(
        categories_index(catalog, published, site, generated)
    )
    artifacts.update(well_known_files(published, fallback_time))
    artifacts[layout.LLMS] = llms_txt(catalog, published, site)
    artifacts[layout.FEED] = atom_feed(catalog, published, site, fallback_time)
    return artifacts


def publish_skill(
    catalog: Catalog, skill: Skill, updated: datetime | None, fallback_time: datetime | None
) -> PublishedSkill:
    """Read a skill's supporting files and pack its archive."""
    files = read_supporting_files(catalog.root, skill)
    stamp = updated or fallback_time
    archive = deterministic_tar_gz(
        skill.name,
        (PublishedFile(SKILL_FILE, skill.raw), *files),
        int(stamp.timestamp()) if stamp else 0,
    )
    return PublishedSkill(skill, files, archive, updated)


def _publishable(skills: tuple[Skill, ...]) -> list[Skill]:
    # The loader reports unsafe and duplicate names as errors; this guard keeps a slip
    # there from writing outside skills/ or letting one skill overwrite another.
    seen: set[str] = set()
    kept = []
    for skill in skills:
        if _SAFE_NAME.fullmatch(skill.name) and skill.name not in seen:
            seen.add(skill.name)
            kept.append(skill)
    return kept
