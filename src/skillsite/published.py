"""The files of a skill as they are published: SKILL.md plus supporting files read safely."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from skillsite.model import Skill

SKILL_FILE = "SKILL.md"
# Browsers render files of these types as documents that can run script with the site's
# origin (and `index.html` would replace the skill's page); such files ship in the
# archive only, never as raw files of the site.
ACTIVE_DOCUMENT_SUFFIXES = (
    ".htm", ".html", ".shtml", ".xht", ".xhtml", ".mht", ".mhtml",
    ".svg", ".svgz", ".xml", ".xsl", ".xslt",
)  # fmt: skip


def is_served_raw(relative_path: str) -> bool:
    """Whether a supporting file is published as a raw file of the site."""
    return not relative_path.lower().endswith(ACTIVE_DOCUMENT_SUFFIXES)


@dataclass(frozen=True, slots=True)
class PublishedFile:
    path: str  # POSIX path relative to the skill folder
    data: bytes
    executable: bool = False

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class PublishedSkill:
    skill: Skill
    files: tuple[PublishedFile, ...]  # supporting files as read, sorted by path
    archive: bytes  # the skill's .tar.gz
    updated: datetime | None


def read_supporting_files(catalog_root: Path, skill: Skill) -> tuple[PublishedFile, ...]:
    """Read the skill's supporting files, keeping only regular files inside its folder.

    The loader already filtered them; this re-checks at read time, since the tree may have
    changed and a link must never pull in a file from outside the skill folder.
    """
    root = os.path.realpath(catalog_root)
    folder = os.path.realpath(os.path.join(root, *PurePosixPath(skill.folder).parts))
    if not _is_inside(folder, root):
        return ()
    skill_file_name = PurePosixPath(skill.skill_file).name
    published = []
    for supporting in skill.files:
        parts = _safe_parts(supporting.path)
        if parts is None or parts == (SKILL_FILE,) or parts == (skill_file_name,):
            continue
        read = _read_regular_file(folder, os.path.join(folder, *parts))
        if read is not None:
            data, executable = read
            published.append(PublishedFile("/".join(parts), data, executable))
    return tuple(sorted(published, key=lambda file: file.path))


def _safe_parts(relative_path: str) -> tuple[str, ...] | None:
    path = PurePosixPath(relative_path)
    if path.is_absolute() or "\\" in relative_path or "\0" in relative_path:
        return None
    if not path.parts or any(part in ("", ".", "..") for part in path.parts):
        return None
    return path.parts


def _is_inside(path: str, folder: str) -> bool:
    return path == folder or os.path.commonpath([path, folder]) == folder


def _read_regular_file(folder: str, path: str) -> tuple[bytes, bool] | None:
    real = os.path.realpath(path)
    if real == folder or not _is_inside(real, folder):
        return None
    try:
        # O_NOFOLLOW: a link swapped in after realpath is refused; O_NONBLOCK: a FIFO
        # does not hang the build before fstat rejects it.
        descriptor = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None
        try:
            data = file.read()
        except OSError:
            return None
    return data, bool(info.st_mode & 0o111)
