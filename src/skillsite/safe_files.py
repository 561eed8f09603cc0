"""Reading catalog files safely, and telling which file names can be published.

Every file of a skill is read through `read_regular_file`: it follows links, but opens
only a regular file (never a FIFO, socket or device, and without blocking on one), never a
file with other hard links (its content may live outside the catalog), and never reads
more than the caller's budget.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
_CHUNK = 1 << 16
# Characters that reorder text on screen: a name holding one can show as another name.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Format characters (zero-width space, joiners, BOM...) and line or paragraph separators.
_INVISIBLE = frozenset({"Cf", "Zl", "Zp"})


class FileRefused(Exception):
    """A file that is not read; `code`, message and `hint` make its diagnostic."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


class FileTooLarge(Exception):
    """A file over the caller's byte budget; nothing of it was read."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def read_regular_file(path: str, limit: int) -> bytes:
    """The bytes of the regular file at `path` (links followed), at most `limit` + 1 of them.

    Raises FileRefused (not a regular file, hard-linked), FileTooLarge (its size is over
    `limit`: nothing is read) or OSError.
    """
    before = os.stat(path)
    _check_kind(before)
    if before.st_size > limit:
        raise FileTooLarge(before.st_size)
    # O_NONBLOCK: should the path have become a FIFO since the stat, the open does not
    # wait for a writer, and the fstat below refuses it.
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        opened = os.fstat(descriptor)
        _check_kind(opened)
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            raise FileRefused(
                "file-not-regular",
                "the file changed while it was read; it is not published",
                "run the check again once nothing writes to the catalog",
            )
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(_CHUNK, remaining))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def regular_file_size(path: str, limit: int) -> int:
    """What `read_regular_file` would check, without reading: the size of the regular
    file at `path` that this process may read (for a check that needs no content).

    Raises FileRefused, FileTooLarge or OSError as read_regular_file does.
    """
    info = os.stat(path)
    _check_kind(info)
    if info.st_size > limit:
        raise FileTooLarge(info.st_size)
    if not os.access(path, os.R_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
    return info.st_size


def _check_kind(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(
            "file-not-regular",
            f"not a regular file ({_kind(info.st_mode)}); it is not read or published",
            "keep only plain files in a skill folder",
        )
    if info.st_nlink > 1:
        raise FileRefused(
            "file-hard-linked",
            f"the file has {info.st_nlink} hard links; its content may live outside the "
            "catalog, so it is not read or published",
            "replace the hard link with a copy of the file (e.g. `cp --remove-destination`)",
        )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def unsafe_name_reason(path: str) -> str | None:
    """Why a path (POSIX, relative) cannot be published, or None when it can.

    Paths come from the file system decoded with surrogateescape: a lone surrogate is a
    byte that is not UTF-8. Such a name cannot be written into JSON, a URL or a page.
    """
    if path.isascii() and path.isprintable() and "\\" not in path:
        return None
    for character in path:
        code = ord(character)
        if 0xDC80 <= code <= 0xDCFF:
            return "is not valid UTF-8"
        if 0xD800 <= code <= 0xDFFF:
            return "holds a lone surrogate"
        if unicodedata.category(character) == "Cc":
            return "holds a control character"
        if character in _BIDI_CONTROLS:
            return "holds a bidirectional text control, which makes it show as another name"
        if unicodedata.category(character) in _INVISIBLE:
            return (
                f"holds the invisible character U+{code:04X}, which makes it look like another name"
            )
        if character == "\\":
            return "holds a backslash, which is a folder separator on Windows and in URLs"
    return None


def shown_name(path: str) -> str:
    """`path` for a report: bytes that are not UTF-8 as `\\xNN`, control and bidi
    characters as `\\xNN`/`\\uNNNN`; everything else as it is."""
    if path.isascii() and path.isprintable():
        return path
    shown = []
    for character in path:
        code = ord(character)
        if 0xDC80 <= code <= 0xDCFF:
            shown.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(character) == "Cc":
            shown.append(f"\\x{code:02x}")
        elif 0xD800 <= code <= 0xDFFF or unicodedata.category(character) in _INVISIBLE:
            shown.append(f"\\u{code:04x}")
        else:
            shown.append(character)
    return "".join(shown)


def hidden_part(relative_parts: tuple[str, ...]) -> bool:
    """Whether a path below a skill folder passes through a dot-file or dot-folder."""
    return any(part.startswith(".") or part == "node_modules" for part in relative_parts)
