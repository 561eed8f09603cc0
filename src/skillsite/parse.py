"""SKILL.md bytes -> text -> frontmatter block -> YAML mapping and body.

Every problem becomes a `Diagnostic` located in the file as an editor numbers it:
lines are 1-based and counted in the original file (a BOM changes no line, CRLF
counts as one line break).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic
from skillsite.frontmatter_yaml import load_frontmatter

BOM = b"\xef\xbb\xbf"
FENCE = "---"


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What could be read from one SKILL.md. `frontmatter` is None when unusable."""

    text: str = ""
    frontmatter: dict[str, Any] | None = None
    key_lines: dict[str, int] = field(default_factory=dict)  # key -> 1-based file line
    body: str = ""
    body_start_line: int = 1
    line_count: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()


def _error(path: str, line: int, column: int, code: str, message: str, hint: str) -> Diagnostic:
    return diagnostic(code, path, message, line, column, hint)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _count_lines(text: str) -> int:
    if not text:
        return 0
    return text.count("\n") + (0 if text.endswith("\n") else 1)


def decode(path: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """Bytes -> text with "\\n" line breaks, or None with the error that stops reading."""
    diagnostics: list[Diagnostic] = []
    if data.startswith(BOM):
        diagnostics.append(diagnostic("bom", path, "file starts with a UTF-8 byte order mark"))
        data = data[len(BOM) :]
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _line_col(data, nul)
        diagnostics.append(
            _error(
                path,
                line,
                column,
                "nul-bytes",
                "file contains NUL bytes",
                "SKILL.md must be a text file: remove the NUL bytes or re-save it as UTF-8",
            )
        )
        return None, diagnostics
    try:
        text = normalized_text(data)
    except UnicodeDecodeError as error:
        line, column = _line_col(data, error.start)
        diagnostics.append(
            _error(
                path,
                line,
                column,
                "not-utf8",
                f"file is not valid UTF-8 (byte 0x{data[error.start]:02x})",
                "re-save the file with UTF-8 encoding",
            )
        )
        return None, diagnostics
    return text, diagnostics


def normalized_text(data: bytes, errors: str = "strict") -> str:
    """UTF-8 bytes -> text without BOM, with "\n" line breaks (raises UnicodeDecodeError
    unless `errors` says otherwise)."""
    text = data.removeprefix(BOM).decode("utf-8", errors)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _is_fence(line: str) -> bool:
    return line.rstrip(" \t") == FENCE


@dataclass(frozen=True, slots=True)
class FrontmatterSplit:
    """Where the frontmatter block of a SKILL.md text is."""

    yaml_text: str  # between the fences
    body: str  # after the closing fence line
    closing_line: int  # 1-based line of the closing fence


def split_frontmatter(text: str) -> FrontmatterSplit | None:
    """The frontmatter block, or None when line 1 is not `---` or no line closes it.

    The closing fence is found line by line: a "---" inside a value never ends the
    block. `text` has "\n" line breaks (see normalized_text).
    """
    first_end = text.find("\n")
    if first_end < 0 or not _is_fence(text[:first_end]):
        return None
    position = start = first_end + 1
    line_number = 1
    while position <= len(text):
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        line_number += 1
        if _is_fence(line):
            body = "" if end < 0 else text[end + 1 :]
            return FrontmatterSplit(text[start:position], body, line_number)
        if end < 0:
            return None
        position = end + 1
    return None


def parse_skill_file(path: str, data: bytes, max_frontmatter_bytes: int) -> ParsedFile:
    text, diagnostics = decode(path, data)
    if text is None:
        return ParsedFile(diagnostics=tuple(diagnostics))
    line_count = _count_lines(text)
    if not text.strip():
        diagnostics.append(
            _error(
                path,
                1,
                1,
                "file-empty",
                "SKILL.md is empty",
                "start the file with a frontmatter block: ---, name: ..., description: ..., ---",
            )
        )
        return ParsedFile(text=text, line_count=line_count, diagnostics=tuple(diagnostics))

    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if not _is_fence(first_line):
        diagnostics.append(
            _error(
                path,
                1,
                1,
                "frontmatter-missing",
                "SKILL.md does not start with a frontmatter block",
                'put "---" alone on line 1, then name and description, then "---"',
            )
        )
        return ParsedFile(
            text=text, body=text, line_count=line_count, diagnostics=tuple(diagnostics)
        )

    split = split_frontmatter(text)
    if split is None:
        diagnostics.append(
            _error(
                path,
                1,
                1,
                "frontmatter-unclosed",
                "frontmatter block opened on line 1 is never closed",
                'add a line with only "---" after the last frontmatter key',
            )
        )
        return ParsedFile(text=text, line_count=line_count, diagnostics=tuple(diagnostics))

    yaml_text, body, body_start_line = split.yaml_text, split.body, split.closing_line + 1
    yaml_size = len(yaml_text.encode("utf-8"))
    if yaml_size > max_frontmatter_bytes:
        diagnostics.append(
            _error(
                path,
                2,
                1,
                "yaml-too-large",
                f"frontmatter is {yaml_size} bytes, over the limit of {max_frontmatter_bytes}",
                "keep the frontmatter short; move long text into the body",
            )
        )
        return ParsedFile(
            text=text,
            body=body,
            body_start_line=body_start_line,
            line_count=line_count,
            diagnostics=tuple(diagnostics),
        )

    result = load_frontmatter(yaml_text)
    if result.problem is not None:
        problem = result.problem
        diagnostics.append(
            _error(
                path,
                problem.line + 2,
                problem.column + 1,
                problem.code,
                problem.message,
                problem.hint,
            )
        )
        frontmatter = None
    elif result.data is None:
        frontmatter = {}  # an empty block: the missing keys are reported one by one
    elif not isinstance(result.data, dict):
        diagnostics.append(
            _error(
                path,
                2,
                1,
                "yaml-not-mapping",
                f"frontmatter is a YAML {type(result.data).__name__}, not a mapping of keys",
                "write the frontmatter as `key: value` lines (name:, description:)",
            )
        )
        frontmatter = None
    else:
        frontmatter = result.data
    return ParsedFile(
        text=text,
        frontmatter=frontmatter,
        key_lines={key: line + 2 for key, line in result.key_lines.items()},
        body=body,
        body_start_line=body_start_line,
        line_count=line_count,
        diagnostics=tuple(diagnostics),
    )
