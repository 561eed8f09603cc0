"""The content digest of a skill folder.

Definition (stable; other tools may recompute it):

    sha256( for each file, sorted by its path relative to the skill folder:
                utf8(path) + b"\\0" + hex(sha256(file bytes)) + b"\\n" )

`path` is POSIX-style and relative to the skill folder, so SKILL.md contributes
"SKILL.md" (or the exact name it was found under, e.g. "skill.md"). The files are
SKILL.md plus `Skill.files`. The digest depends on names and bytes only: the same
content has the same digest wherever the folder lives, and renaming the folder keeps
it (the `name` inside SKILL.md is part of the bytes, so a real rename changes it).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder_sha256(entries: Iterable[tuple[str, str]]) -> str:
    """Digest of (relative path, file sha256 hex) pairs, in any order."""
    digest = hashlib.sha256()
    for path, sha in sorted(entries):
        digest.update(os.fsencode(path))
        digest.update(b"\0")
        digest.update(sha.encode("ascii"))
        digest.update(b"\n")
    return digest.hexdigest()
