"""Walk a catalog and find skill folders and the files each one publishes.

One `os.scandir` pass over the tree. Rules:
- `.git` and `node_modules` are skipped; other dot-folders are walked (catalogs keep
  skills under `.curated/`), but dot-files and dot-folders are never published files.
- A folder is a skill folder when it holds `SKILL.md`; `skill.md`, `SKILL.MD` or
  ` SKILL.md` are recognised too (with a `file-name` warning).
- Links are never followed out of the catalog root (`link-outside`, error); broken
  links are errors (`link-broken`). Directory links inside the catalog are not
  followed (their target is walked under its real path anyway, and following them
  could loop); file links leaving their skill folder are not published
  (`link-not-followed`, warning), nor one that leads to a dot-file, into a dot-folder or
  to anything but a regular file.
- A skill folder inside another one is its own skill (`nested-skill`, warning); its
  files belong to it, not to the outer skill.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field

from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic
from skillsite.layout import SKILL_FILE
from skillsite.safe_files import hidden_part

SKIPPED_FOLDERS = frozenset({".git", "node_modules"})


@dataclass(slots=True)
class FoundSkill:
    folder: str  # POSIX, relative to the catalog root; "." for the root itself
    skill_file: str  # POSIX, relative to the catalog root
    skill_path: str  # where to read SKILL.md
    outer: FoundSkill | None = None  # the skill folder this one is nested in
    files: list[tuple[str, str]] = field(default_factory=list)  # (path in folder, os path)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def relative(self, rel: str) -> str:
        return rel if self.folder == "." else rel[len(self.folder) + 1 :]


@dataclass(frozen=True, slots=True)
class Discovery:
    skills: tuple[FoundSkill, ...]
    diagnostics: tuple[Diagnostic, ...]  # problems outside any skill folder


def is_skill_file_name(name: str) -> bool:
    return name == SKILL_FILE or name.strip().lower() == "skill.md"


def _join(rel: str, name: str) -> str:
    return name if rel == "." else f"{rel}/{name}"


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + os.sep)


Folder = tuple[str, str, "FoundSkill | None", bool]
"""A folder to walk: os path, POSIX path relative to the root, owning skill, hidden
inside the owner (under a dot-folder of the skill folder)."""


def discover(root_real: str) -> Discovery:
    """Walk `root_real` (an absolute path without links) and find every skill."""
    return walk(root_real, [(root_real, ".", None, False)])


def walk(root_real: str, start: list[Folder]) -> Discovery:
    """Find every skill in the given folders and everything below them."""
    skills: list[FoundSkill] = []
    loose: list[Diagnostic] = []
    stack = list(reversed(start))
    while stack:
        found, subfolders = _visit(root_real, stack.pop(), loose)
        if found is not None:
            skills.append(found)
        stack.extend(subfolders)
    return Discovery(tuple(skills), tuple(loose))


def frontier(root_real: str, depth: int = 2) -> tuple[list[Folder], Discovery] | None:
    """Split the walk for parallel workers: the folders `depth` levels down, or None
    when the root itself is a skill folder (then everything belongs to it).

    Folders on the way that are skill folders are returned whole (as one item), so a
    worker walking an item never needs a skill found by another. The Discovery holds
    the problems found on the way; it has no skills.
    """
    loose: list[Diagnostic] = []
    level: list[Folder] = [(root_real, ".", None, False)]
    for _ in range(depth):
        below: list[Folder] = []
        for folder in level:
            probe: list[Diagnostic] = []
            found, subfolders = _visit(root_real, folder, probe)
            if found is not None:
                if folder[1] == ".":
                    return None
                below.append(folder)  # walked whole by one worker
                continue
            loose.extend(probe)
            below.extend(subfolders)
        level = below
    return level, Discovery((), tuple(loose))


def _visit(
    root_real: str, folder: Folder, loose: list[Diagnostic]
) -> tuple[FoundSkill | None, list[Folder]]:
    """List one folder: the skill it holds (if any), its files and its subfolders."""
    directory, rel, owner, hidden = folder
    try:
        with os.scandir(directory) as iterator:
            entries = list(iterator)
    except OSError as error:
        report = owner.diagnostics if owner else loose
        report.append(
            diagnostic("folder-unreadable", rel, f"folder cannot be read: {error.strerror}")
        )
        return None, []

    found: FoundSkill | None = None
    skill_entry = _pick_skill_file(entries, root_real)
    if skill_entry is not None:
        found = FoundSkill(
            folder=rel,
            skill_file=_join(rel, skill_entry.name),
            skill_path=skill_entry.path,
            outer=owner,
        )
        if skill_entry.name != SKILL_FILE:
            found.diagnostics.append(
                diagnostic(
                    "file-name",
                    found.skill_file,
                    f"skill file is named {skill_entry.name!r}, not {SKILL_FILE!r}",
                    hint=f"rename it to {SKILL_FILE} (exact case, no spaces); "
                    "tools look for that exact name",
                )
            )
        owner, hidden = found, False
    else:
        loose.extend(_irregular_skill_files(entries, rel))
    owner_real = (
        None
        if owner is None
        else root_real
        if owner.folder == "."
        else os.path.join(root_real, owner.folder)
    )

    subfolders: list[Folder] = []
    for entry in entries:
        name = entry.name
        entry_rel = _join(rel, name)
        if owner is not None and entry.path == owner.skill_path:
            continue
        try:
            if entry.is_symlink():
                _handle_link(entry, entry_rel, root_real, owner, owner_real, hidden, loose)
                continue
            if entry.is_dir(follow_symlinks=False):
                if name not in SKIPPED_FOLDERS:
                    subfolders.append(
                        (entry.path, entry_rel, owner, hidden or name.startswith("."))
                    )
            elif (
                owner is not None
                and not hidden
                and not name.startswith(".")
                and entry.is_file(follow_symlinks=False)
            ):
                owner.files.append((owner.relative(entry_rel), entry.path))
            elif owner is not None and not hidden and not name.startswith("."):
                # A FIFO, socket or device: reading it could hang or leak the machine.
                owner.diagnostics.append(
                    diagnostic(
                        "file-not-regular",
                        entry_rel,
                        "not a regular file (a FIFO, socket or device); it is not published",
                    )
                )
        except OSError:
            continue
    return found, subfolders


def _irregular_skill_files(entries: list[os.DirEntry[str]], rel: str) -> list[Diagnostic]:
    """A `SKILL.md` that is a folder, FIFO, socket or device: reported, never read."""
    problems = []
    for entry in entries:
        try:
            irregular = (
                entry.name == SKILL_FILE
                and not entry.is_symlink()
                and not entry.is_file(follow_symlinks=False)
            )
        except OSError:
            continue
        if irregular:
            problems.append(
                diagnostic(
                    "skill-file-not-regular",
                    _join(rel, entry.name),
                    f"{SKILL_FILE} is not a regular file (a folder, FIFO or device); "
                    "the skill is not read",
                    hint=f"make {SKILL_FILE} a plain text file",
                )
            )
    return problems


def _pick_skill_file(entries: list[os.DirEntry[str]], root_real: str) -> os.DirEntry[str] | None:
    candidates = [e for e in entries if is_skill_file_name(e.name)]
    if not candidates:
        return None
    candidates.sort(key=lambda e: (e.name != SKILL_FILE, e.name))
    for entry in candidates:
        try:
            if entry.is_symlink():
                target = os.path.realpath(entry.path)
                if (
                    _inside(target, root_real)
                    and is_skill_file_name(os.path.basename(target))
                    and _is_regular(target)
                ):
                    return entry
            elif entry.is_file(follow_symlinks=False):
                return entry
        except OSError:
            continue
    return None


def _handle_link(
    entry: os.DirEntry[str],
    entry_rel: str,
    root_real: str,
    owner: FoundSkill | None,
    owner_real: str | None,
    hidden: bool,
    loose: list[Diagnostic],
) -> None:
    report = owner.diagnostics if owner else loose
    target = os.path.realpath(entry.path)
    if _is_loop(entry.path):
        report.append(
            diagnostic(
                "link-broken",
                entry_rel,
                "link loops back on itself (it leads to a link that leads back to it)",
                hint="remove the link or point it at an existing file inside the catalog",
            )
        )
        return
    if not os.path.exists(target):
        report.append(
            diagnostic(
                "link-broken",
                entry_rel,
                f"link points to {os.readlink(entry.path)!r}, which does not exist",
            )
        )
        return
    if not _inside(target, root_real):
        report.append(
            diagnostic("link-outside", entry_rel, "link leads outside the catalog; it is not read")
        )
        return
    if entry.name.startswith(".") or hidden:
        return
    if owner is None:
        if is_skill_file_name(entry.name):
            report.append(
                diagnostic(
                    "skill-file-not-regular",
                    entry_rel,
                    "skill file link does not lead to a regular file named SKILL.md; "
                    "the folder is not read as a skill",
                    hint="replace the link with the skill's SKILL.md file",
                )
            )
        return
    if os.path.isdir(target):
        report.append(
            diagnostic(
                "link-not-followed",
                entry_rel,
                "link to a folder is not followed; its files are not published with the skill",
                hint="copy the folder into the skill folder instead of linking to it",
            )
        )
    elif owner_real is not None and _inside(target, owner_real):
        inner = os.path.relpath(target, owner_real).split(os.sep)
        if hidden_part(tuple(inner)):
            report.append(
                diagnostic(
                    "link-not-followed",
                    entry_rel,
                    "link leads to a dot-file or into a dot-folder, which is never "
                    "published; the file is not published with the skill",
                    hint="copy the file under a plain name if it is meant to be published",
                )
            )
        elif not _is_regular(target):
            report.append(
                diagnostic(
                    "file-not-regular",
                    entry_rel,
                    "link leads to something that is not a regular file (a FIFO, socket "
                    "or device); it is not read or published",
                    hint="remove the link from the skill folder",
                )
            )
        else:
            owner.files.append((owner.relative(entry_rel), entry.path))
    else:
        report.append(
            diagnostic(
                "link-not-followed",
                entry_rel,
                "link leads outside the skill folder; the file is not published with the skill",
            )
        )


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _is_loop(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False
