"""Links from one skill's body to another skill of the catalog.

A relative link that leaves its skill folder and names another skill's folder or its
SKILL.md (`[x](../../security/threat-model/SKILL.md)`) is a cross-reference: when that
skill is published the page links to its page and `check` says nothing; when it is not,
`check` reports `skill-link-missing` (an error). Other links leaving a skill keep their
`link-leaves-skill` warning.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, replace

from skillsite import layout
from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic
from skillsite.markdown_reader import read_markdown
from skillsite.model import Skill
from skillsite.validate import link_target

SKILL_FILE = layout.SKILL_FILE


@dataclass(frozen=True, slots=True)
class SkillLink:
    line: int
    column: int
    written: str  # the target as written in the body
    folder: str  # catalog-relative folder of the skill it names


def published_skill_paths(skills: list[Skill] | tuple[Skill, ...]) -> dict[str, str]:
    """Folder and skill file of every valid skill -> its name (what links may name)."""
    paths: dict[str, str] = {}
    for skill in skills:
        if skill.valid:
            paths[skill.folder] = skill.name
            paths[skill.skill_file] = skill.name
    return paths


def _named_folder(target: str, skill_folders: set[str]) -> str | None:
    if target in skill_folders:
        return target
    folder, _, name = target.rpartition("/")
    return folder if name == SKILL_FILE else None


def skill_links(skill: Skill, skill_folders: set[str]) -> list[SkillLink]:
    """Every link of the body that names another skill (present or not)."""
    if "../" not in skill.body and "..\\" not in skill.body:
        return []
    reading = read_markdown(skill.body)
    found: list[SkillLink] = []
    for offset, raw in reading.link_targets():
        target = link_target(raw)
        if target is None or target.startswith("/"):
            continue
        resolved = posixpath.normpath(posixpath.join(skill.folder, target.replace("\\", "/")))
        if resolved == ".." or resolved.startswith("../"):
            continue  # outside the catalog: not a skill
        inside = resolved == skill.folder or resolved.startswith(skill.folder + "/")
        folder = None if inside else _named_folder(resolved, skill_folders)
        if folder is not None:
            index, column = reading.locate(offset)
            found.append(SkillLink(skill.body_start_line + index, column, target, folder))
    return found


def check_skill_links(skills: list[Skill]) -> list[Skill]:
    """Skills with their cross-references checked against the skills that are published.

    A broken cross-reference makes its skill invalid, which can break links to it in
    turn: repeated until nothing changes (each round only removes published skills).
    """
    folders = {skill.folder for skill in skills}
    links = {index: skill_links(skill, folders) for index, skill in enumerate(skills)}
    links = {index: found for index, found in links.items() if found}
    if not links:
        return skills
    original = list(skills)
    result = list(skills)
    while True:
        published = {s.folder: s.name for s in result if s.valid}
        changed = False
        for index, found in links.items():
            updated = _with_links_checked(original[index], found, published)
            if updated.valid != result[index].valid or updated != result[index]:
                changed |= updated.valid != result[index].valid
                result[index] = updated
        if not changed:
            return result


def _with_links_checked(
    skill: Skill, found: list[SkillLink], published: Mapping[str, str]
) -> Skill:
    places = {(link.line, link.column) for link in found}
    kept = [
        d
        for d in skill.diagnostics
        if not (d.code == "link-leaves-skill" and (d.line, d.column) in places)
    ]
    for link in found:
        if link.folder in published:
            continue
        kept.append(
            diagnostic(
                "skill-link-missing",
                skill.skill_file,
                f"link to {link.written!r} names the skill folder {link.folder!r}, "
                "which holds no published skill",
                link.line,
                link.column,
            )
        )
    return replace(skill, diagnostics=tuple(sorted(kept, key=Diagnostic.sort_key)))
