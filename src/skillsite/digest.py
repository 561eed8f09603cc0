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


def folder_sha256_on_disk(folder: str) -> str:
    """The folder digest of an unpacked skill (e.g. an installed copy): every regular file
    below `folder`, links not followed."""
    entries = []
    for directory, subfolders, names in os.walk(folder):
        subfolders.sort()
        for name in names:
            path = os.path.join(directory, name)
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as stream:
                    data = stream.read()
                relative = os.path.relpath(path, folder).replace(os.sep, "/")
                entries.append((relative, file_sha256(data)))
    return folder_sha256(entries)


def main(argv: list[str] | None = None) -> int:
    """`python -m skillsite.digest FOLDER...`: print each folder's digest, as the API's
    `folder_sha256` gives it."""
    import sys

    folders = sys.argv[1:] if argv is None else argv
    if not folders:
        print("usage: python -m skillsite.digest SKILL_FOLDER...", file=sys.stderr)
        return 2
    for folder in folders:
        if not os.path.isdir(folder):
            print(f"{folder}: not a folder", file=sys.stderr)
            return 1
        print(f"{folder_sha256_on_disk(folder)}  {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
