"""The well-known skills index: `.well-known/agent-skills/index.json` and what it points to.

One document serves both shapes that clients read:

- the discovery RFC v0.2.0 (`$schema`; per skill `type`, `url`, `digest`): a skill with
  supporting files is an `archive` (`<name>.tar.gz`, files at the archive root), a skill
  that is only SKILL.md is a `skill-md`; `digest` is the sha256 of the exact bytes at `url`;
- the older shape (per skill `files[]`, each served at `<name>/<file>` beside the index),
  which clients that predate `$schema` read; v0.2.0 clients ignore the extra field.

URLs in the index are relative to it, so the same bytes work at the site root, inside a
published version and on a local server. Files an install tool would refuse are left
out (the loader warns about each, code `file-not-installable`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from skillsite import layout
from skillsite.api import json_bytes
from skillsite.archive import deterministic_tar_gz
from skillsite.install_paths import is_installable_name, path_problem
from skillsite.published import SKILL_FILE, PublishedFile, PublishedSkill, is_served_raw

WELL_KNOWN_DIR = layout.WELL_KNOWN_DIR
INDEX_PATH = f"{WELL_KNOWN_DIR}/index.json"
DISCOVERY_SCHEMA = "https://schemas.agentskills.io/discovery/0.2.0/schema.json"
MAX_DESCRIPTION = 1024


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def installable_files(published: PublishedSkill) -> tuple[PublishedFile, ...]:
    """SKILL.md and the supporting files every install tool accepts."""
    supporting = tuple(
        file
        for file in published.files
        if file.path != SKILL_FILE and path_problem(file.path) is None
    )
    return (PublishedFile(SKILL_FILE, published.skill.raw), *supporting)


def well_known_files(
    skills: Iterable[PublishedSkill], fallback_time: datetime | None
) -> dict[str, bytes]:
    """Path (relative to the site or version root) -> bytes of the index and its targets."""
    files: dict[str, bytes] = {}
    entries = []
    for published in sorted(skills, key=lambda p: p.skill.name):
        skill = published.skill
        if not is_installable_name(skill.name) or not 0 < len(skill.description) <= MAX_DESCRIPTION:
            continue  # the loader reports these as errors; a slip must not break the index
        contents = installable_files(published)
        folder = f"{WELL_KNOWN_DIR}/{skill.name}/"
        served = [file for file in contents if is_served_raw(file.path)]
        for file in served:
            files[folder + file.path] = file.data
        if len(contents) == 1:
            kind, url, artifact = "skill-md", f"{skill.name}/{SKILL_FILE}", skill.raw
        else:
            kind, url = "archive", layout.archive_name(skill.name)
            stamp = published.updated or fallback_time
            artifact = deterministic_tar_gz("", contents, int(stamp.timestamp()) if stamp else 0)
            files[f"{WELL_KNOWN_DIR}/{url}"] = artifact
        entries.append(
            {
                "name": skill.name,
                "description": skill.description,
                "type": kind,
                "url": url,
                "digest": sha256_digest(artifact),
                "files": [file.path for file in served],
            }
        )
    files[INDEX_PATH] = json_bytes({"$schema": DISCOVERY_SCHEMA, "skills": entries})
    return files
