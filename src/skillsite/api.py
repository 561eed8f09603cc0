"""The JSON API: api/skills.json, api/skills/<name>.json and api/categories.json.

Documented in docs/api.md; schemas/api-*.schema.json describe every document. Each one
carries `"schema": API_SCHEMA`, raised when a field changes meaning or goes away.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import quote

from skillsite import layout
from skillsite.dates import iso_utc
from skillsite.model import Catalog
from skillsite.published import PublishedSkill, is_served_raw
from skillsite.site_info import SiteInfo
from skillsite.trust import provenance_document, scan_document

API_SCHEMA = 1


def skill_entry(published: PublishedSkill, site: SiteInfo) -> dict[str, object]:
    """What api/skills.json says about one skill."""
    skill = published.skill
    return {
        "name": skill.name,
        "category": skill.category,
        "description": skill.description,
        "license": skill.license or None,
        "compatibility": skill.compatibility or None,
        "tags": list(skill.tags),
        "url": site.skill_url(skill.name),
        "raw_url": site.raw_url(skill.name),
        "archive_url": site.archive_url(skill.name),
        "skill_md_sha256": hashlib.sha256(skill.raw).hexdigest(),
        "archive_sha256": hashlib.sha256(published.archive).hexdigest(),
        # Not the hash of any one download: see digest.py (`python -m skillsite.digest`).
        "folder_sha256": skill.sha256,
        "files": [
            {
                "path": file.path,
                "size": file.size,
                "sha256": file.sha256,
                "url": raw_file_url(site, skill.name, file.path),
            }
            for file in published.files
        ],
        "updated": iso_utc(published.updated) if published.updated else None,
        "provenance": provenance_document(skill, site),
        "risk": scan_document(skill),
    }


def skill_detail(published: PublishedSkill, site: SiteInfo) -> dict[str, object]:
    """What api/skills/<name>.json says: the index entry plus the rest of the frontmatter."""
    skill = published.skill
    return {
        "schema": API_SCHEMA,
        **skill_entry(published, site),
        "body_lines": len(skill.body.splitlines()),
        "allowed_tools": list(skill.allowed_tools),
        "metadata": dict(skill.metadata),
    }


def raw_file_url(site: SiteInfo, name: str, relative_path: str) -> str | None:
    """URL of a published supporting file; None when the skill archive occupies its path
    or the file is only in the archive (see published.is_served_raw)."""
    # is_served_raw is False for a name that is not printable UTF-8 (which quote() could
    # not encode); the loader has refused such files already.
    if relative_path == archive_file_name(name) or not is_served_raw(relative_path):
        return None
    return site.raw_url(name, quote(relative_path, safe="/", errors="surrogateescape"))


archive_file_name = layout.archive_name


def skills_index(
    skills: Sequence[PublishedSkill], site: SiteInfo, generated: datetime | None
) -> dict[str, object]:
    entries = [skill_entry(p, site) for p in sorted(skills, key=lambda p: p.skill.name)]
    return {
        "schema": API_SCHEMA,
        "generated": iso_utc(generated) if generated else None,
        "count": len(entries),
        "skills": entries,
    }


def categories_index(
    catalog: Catalog,
    skills: Sequence[PublishedSkill],
    site: SiteInfo,
    generated: datetime | None,
) -> dict[str, object]:
    counts: dict[str, int] = {}
    for published in skills:
        counts[published.skill.category] = counts.get(published.skill.category, 0) + 1
    known = {category.key for category in catalog.categories}
    entries = [
        {
            "key": category.key,
            "title": category.title,
            "description": category.description,
            "count": counts.get(category.key, 0),
            "url": site.site_url + layout.category_folder(category.key),
        }
        for category in catalog.categories
    ]
    entries += [
        {
            "key": key,
            "title": key,
            "description": "",
            "count": counts[key],
            "url": site.site_url + layout.category_folder(key),
        }
        for key in sorted(counts.keys() - known)
    ]
    return {
        "schema": API_SCHEMA,
        "generated": iso_utc(generated) if generated else None,
        "count": len(entries),
        "categories": entries,
    }


def json_bytes(document: object) -> bytes:
    # Compact separators keep json's C encoder (indent would switch to the Python one,
    # which is the slower part of writing a file per skill).
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text += "\n"
    # A lone surrogate (from a YAML "\ud800" escape) has no UTF-8 form; it becomes "?".
    return text.encode("utf-8", errors="replace")
