"""The files of a skill as they are published: SKILL.md plus supporting files read safely."""

from __future__ import annotations

import hashlib
import os
import posixpath
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from skillsite.layout import SKILL_FILE
from skillsite.model import Skill
from skillsite.safe_files import (
    FileRefused,
    FileTooLarge,
    hidden_part,
    read_regular_file,
    unsafe_name_reason,
)

# Supporting files served as raw files of the site: types a browser shows as text or as
# an image, never as a document that runs script with the site's origin. Anything else
# (HTML, SVG, XML and its many dialects, PDF, JavaScript...) ships in the archive only.
# JavaScript is code, but a copy on the site's origin could be loaded as a service worker
# or past a policy that trusts the site's own scripts, so it is archive-only too; so is
# Rust (`.rs` is registered as an XML type, application/rls-services+xml).
RAW_SUFFIXES = frozenset(
    {
        # text and Markdown
        ".txt", ".text", ".md", ".markdown", ".rst", ".adoc", ".csv", ".tsv", ".log",
        # code
        ".py", ".pyi", ".sh", ".bash", ".zsh", ".fish", ".ps1", ".bat", ".cmd",
        ".ts", ".tsx", ".jsx", ".rb", ".go", ".java", ".kt", ".kts", ".scala",
        ".swift", ".c", ".h", ".cc", ".cpp", ".hpp", ".cs", ".fs", ".pl", ".lua",
        ".r", ".jl", ".sql", ".graphql", ".proto", ".tf", ".hcl", ".nix", ".dart",
        ".ex", ".exs", ".erl", ".hs", ".ml", ".clj", ".el", ".vim", ".dockerfile",
        ".css", ".scss", ".sass", ".less",
        # data and configuration
        ".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf",
        ".properties", ".lock",
        # images a browser shows as pictures only
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".ico",
    }
)  # fmt: skip
RAW_NAMES = frozenset(
    {"license", "licence", "copying", "notice", "readme", "makefile", "dockerfile"}
)


def is_served_raw(relative_path: str) -> bool:
    """Whether a supporting file is published as a raw file of the site (an allow-list
    of plain types; see RAW_SUFFIXES)."""
    if unsafe_name_reason(relative_path):
        return False
    # posixpath, not PurePosixPath: this runs for every file of every skill.
    name = posixpath.basename(relative_path).lower()
    suffix = posixpath.splitext(name)[1]
    return suffix in RAW_SUFFIXES if suffix else name in RAW_NAMES


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
        read = _read_regular_file(folder, os.path.join(folder, *parts), supporting.size)
        if read is not None:
            data, executable = read
            published.append(PublishedFile("/".join(parts), data, executable))
    return tuple(sorted(published, key=lambda file: file.path))


def _safe_parts(relative_path: str) -> tuple[str, ...] | None:
    path = PurePosixPath(relative_path)
    if path.is_absolute() or unsafe_name_reason(relative_path):
        return None
    if not path.parts or any(part in ("", ".", "..") for part in path.parts):
        return None
    return path.parts


def _is_inside(path: str, folder: str) -> bool:
    return path == folder or os.path.commonpath([path, folder]) == folder


def _read_regular_file(folder: str, path: str, size: int) -> tuple[bytes, bool] | None:
    """The file as the loader measured it, or None when it is no longer publishable."""
    real = os.path.realpath(path)
    if real == folder or not _is_inside(real, folder):
        return None
    if hidden_part(tuple(os.path.relpath(real, folder).split(os.sep))):
        return None
    try:
        data = read_regular_file(real, size)
        mode = os.stat(real).st_mode
    except (OSError, FileRefused, FileTooLarge):
        return None
    if len(data) != size:
        return None  # changed since the check: what was checked is what is published
    return data, bool(mode & 0o111)
