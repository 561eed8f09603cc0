"""The one type every problem in a catalog is reported as."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from skillsite.safe_files import shown_name


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at a place in a file.

    `path` is POSIX-style and relative to the catalog root; `line` and `column` are
    1-based and point into that file as an author's editor numbers it.
    """

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        # A path from the file system may hold bytes that are not UTF-8 or control
        # characters: shown escaped, so that every report can print and encode it.
        object.__setattr__(self, "path", shown_name(self.path))
        for name in ("message", "hint"):
            text = getattr(self, name)
            if not _encodable(text):
                object.__setattr__(self, name, shown_name(text))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def to_text(self) -> str:
        text = f"{self.location()}: {self.severity.value} {self.code}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
