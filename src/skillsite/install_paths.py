"""Which skill names and file paths every install tool accepts.

The well-known index is read by clients with strict rules: the `skills` CLI drops a whole
legacy index for one path that starts with `/` or contains `..` or NUL, and refuses an
archive holding such a member; the discovery RFC allows printable ASCII only. Paths here
are held to the narrowest of these, plus no spaces or quotes, so that an entry in the
index is one that every client installs and every shell command quotes plainly.
"""

from __future__ import annotations

import re

# The Agent Skills name rule (what the `skills` CLI checks before installing).
_SKILL_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PATH_SEGMENT = re.compile(r"[A-Za-z0-9._+-]+")
# ustar headers hold a name of 100 bytes and a prefix of 155: the `skills` CLI reads
# only these (no pax records), so a longer path would arrive cut short.
_USTAR_NAME = 100
_USTAR_PREFIX = 155


def is_installable_name(name: str) -> bool:
    return len(name) <= 64 and bool(_SKILL_NAME.fullmatch(name))


def path_problem(path: str) -> str | None:
    """Why an install tool would refuse `path` (relative to the skill folder), or None."""
    if not path or path.startswith(("/", "\\")):
        return "it is empty or absolute"
    if "\0" in path:
        return "it contains a NUL byte"
    if ".." in path:
        return "it contains `..`"
    segments = path.split("/")
    if any(segment in ("", ".") for segment in segments):
        return "it has an empty or `.` segment"
    if not all(_PATH_SEGMENT.fullmatch(segment) for segment in segments):
        return (
            "it has characters other than ASCII letters, digits, `.`, `_`, `+` and `-` "
            "(spaces, quotes and non-ASCII letters are refused by some clients)"
        )
    if not _fits_ustar(path):
        return "it is too long for a tar header that every client reads"
    return None


def _fits_ustar(path: str) -> bool:
    if len(path) <= _USTAR_NAME:
        return True
    for index, character in enumerate(path):
        if character == "/" and index <= _USTAR_PREFIX and len(path) - index - 1 <= _USTAR_NAME:
            return True
    return False
