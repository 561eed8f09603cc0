"""The rule table: frontmatter fields and the Markdown body -> diagnostics.

Pure functions over parsed values; nothing here touches the file system (the set of
files a skill publishes is passed in).
"""

from __future__ import annotations

import posixpath
import re
from bisect import bisect_right
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from skillsite.diagnostics import Diagnostic, Severity

NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_NAME = 64
MAX_DESCRIPTION = 1024
MAX_COMPATIBILITY = 500
MAX_BODY_LINES = 500
MAX_REPEATS = 20  # per kind of body problem and file
SPEC_KEYS = ("name", "description", "license", "compatibility", "metadata", "allowed-tools")


@dataclass(frozen=True, slots=True)
class Fields:
    """Frontmatter values in the types the model wants; unusable values are left empty."""

    name: str | None = None
    description: str = ""
    license: str = ""
    compatibility: str = ""
    allowed_tools: tuple[str, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()


def is_valid_key(value: object) -> bool:
    return (
        isinstance(value, str) and len(value) <= MAX_NAME and NAME_RE.fullmatch(value) is not None
    )


def slugify(value: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", value.lower()))[:MAX_NAME].strip("-")


def split_tags(value: str) -> tuple[str, ...]:
    tags: dict[str, None] = {}
    for part in value.split(","):
        tag = part.strip()
        if tag:
            tags.setdefault(tag, None)
    return tuple(tags)


def _type_name(value: object) -> str:
    return {dict: "mapping", list: "list", type(None): "null", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


def check_fields(
    path: str, frontmatter: Mapping[str, Any], key_lines: Mapping[str, int], folder_name: str
) -> Fields:
    diagnostics: list[Diagnostic] = []

    def report(key: str | None, severity: Severity, code: str, message: str, hint: str) -> None:
        line = key_lines.get(key, 1) if key else 1
        diagnostics.append(Diagnostic(path, line, 1, severity, code, message, hint))

    def error(key: str | None, code: str, message: str, hint: str) -> None:
        report(key, Severity.ERROR, code, message, hint)

    def warning(key: str | None, code: str, message: str, hint: str) -> None:
        report(key, Severity.WARNING, code, message, hint)

    name: str | None = None
    raw_name = frontmatter.get("name")
    if raw_name is None:
        where = "name" if "name" in frontmatter else None
        error(where, "name-missing", "frontmatter has no `name`", f"add `name: {folder_name}`")
    elif not isinstance(raw_name, str):
        error(
            "name",
            "name-type",
            f"`name` is a {_type_name(raw_name)}, not a string",
            f"write the skill name as text: `name: {folder_name}`",
        )
    else:
        name = raw_name
        if len(raw_name) > MAX_NAME:
            error(
                "name",
                "name-too-long",
                f"`name` is {len(raw_name)} characters, over {MAX_NAME}",
                "shorten the name and rename the folder to match",
            )
        if not NAME_RE.fullmatch(raw_name):
            suggestion = slugify(raw_name) or "my-skill"
            error(
                "name",
                "name-format",
                f"`name` {raw_name!r} is not lowercase letters, digits and single hyphens",
                f"use `name: {suggestion}` (and the same folder name)",
            )
        elif raw_name != folder_name:
            error(
                "name",
                "name-mismatch",
                f"`name` {raw_name!r} differs from the folder name {folder_name!r}",
                f"rename the folder to {raw_name!r} or set `name: {folder_name}`",
            )

    description = ""
    raw_description = frontmatter.get("description")
    if "description" not in frontmatter:
        error(
            None,
            "description-missing",
            "frontmatter has no `description`",
            "add `description:` saying what the skill does and when to use it",
        )
    elif raw_description is None or (
        isinstance(raw_description, str) and not raw_description.strip()
    ):
        error(
            "description",
            "description-empty",
            "`description` is empty",
            "say what the skill does and when to use it",
        )
    elif not isinstance(raw_description, str):
        error(
            "description",
            "description-type",
            f"`description` is a {_type_name(raw_description)}, not a string",
            'quote the description: description: "..."',
        )
    else:
        description = raw_description
        if len(raw_description) > MAX_DESCRIPTION:
            error(
                "description",
                "description-too-long",
                f"`description` is {len(raw_description)} characters, over {MAX_DESCRIPTION}",
                "shorten the description; move details into the body",
            )

    license_value = ""
    if "license" in frontmatter:
        raw_license = frontmatter["license"]
        if isinstance(raw_license, str):
            license_value = raw_license
        else:
            warning(
                "license",
                "license-type",
                f"`license` is a {_type_name(raw_license)}, not a string",
                'quote the value: license: "MIT"',
            )

    compatibility = ""
    if "compatibility" in frontmatter:
        raw = frontmatter["compatibility"]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            error(
                "compatibility",
                "compatibility-empty",
                "`compatibility` is empty",
                "remove the key or say what the skill needs",
            )
        elif not isinstance(raw, str):
            error(
                "compatibility",
                "compatibility-type",
                f"`compatibility` is a {_type_name(raw)}, not a string",
                'write it as one quoted sentence: compatibility: "..."',
            )
        else:
            compatibility = raw
            if len(raw) > MAX_COMPATIBILITY:
                error(
                    "compatibility",
                    "compatibility-too-long",
                    f"`compatibility` is {len(raw)} characters, over {MAX_COMPATIBILITY}",
                    "shorten it to the essential requirements",
                )

    metadata: dict[str, str] = {}
    if "metadata" in frontmatter:
        raw = frontmatter["metadata"]
        if not isinstance(raw, dict):
            error(
                "metadata",
                "metadata-type",
                f"`metadata` is a {_type_name(raw)}, not a mapping",
                "write metadata as indented `key: value` lines under `metadata:`",
            )
        else:
            bad: list[str] = []
            for key, value in raw.items():
                if isinstance(key, str) and isinstance(value, str):
                    metadata[key] = value
                else:
                    bad.append(str(key))
            if bad:
                warning(
                    "metadata",
                    "metadata-value-type",
                    f"`metadata` values must be strings; not used: {', '.join(bad)}",
                    'quote each value (version: "1.0"); nested mappings and lists are not allowed',
                )

    allowed_tools: tuple[str, ...] = ()
    if "allowed-tools" in frontmatter:
        raw = frontmatter["allowed-tools"]
        if isinstance(raw, str):
            allowed_tools = tuple(raw.split())
        elif isinstance(raw, list):
            allowed_tools = tuple(str(item) for item in raw if isinstance(item, str | int))
            warning(
                "allowed-tools",
                "allowed-tools-list",
                "`allowed-tools` is a list; the specification wants a space-separated string",
                f'write allowed-tools: "{" ".join(allowed_tools)}"',
            )
        else:
            warning(
                "allowed-tools",
                "allowed-tools-type",
                f"`allowed-tools` is a {_type_name(raw)}, not a string; ignored",
                'write allowed-tools: "Read Grep"',
            )

    for key in frontmatter:
        if key not in SPEC_KEYS:
            shown = str(key)
            warning(
                shown,
                "unknown-key",
                f"unknown top-level key {shown!r}",
                "the specification allows name, description, license, compatibility, "
                f"metadata, allowed-tools; move {shown!r} under `metadata:`",
            )

    return Fields(
        name=name,
        description=description,
        license=license_value,
        compatibility=compatibility,
        allowed_tools=allowed_tools,
        metadata=metadata,
        diagnostics=tuple(diagnostics),
    )


# --- body ---------------------------------------------------------------------------

_BACKTICKS_RE = re.compile(r"`+")
_NEWLINE_RE = re.compile(r"\n")
_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_LINK_RE = re.compile(r"\]\(\s*(<[^>\n]*>|[^)\s]+)")
# A link reference definition; `[^note]:` is a footnote, not a link.
_REFERENCE_RE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _link_target(raw: str) -> str | None:
    """The file path a relative link points to, or None when it is not a file link."""
    target = raw[1:-1] if raw.startswith("<") else raw
    if not target or target.startswith(("#", "//")) or _SCHEME_RE.match(target):
        return None
    for separator in ("#", "?"):
        target = target.split(separator, 1)[0]
    return unquote(target) if target else None


def _fence_lines(body: str) -> list[tuple[int, str, str]]:
    """(offset, marker, rest of line) of every line that starts with ``` or ~~~."""
    found: list[tuple[int, str, str]] = []
    for fence in ("```", "~~~"):
        position = body.find(fence)
        while position >= 0:
            line_start = body.rfind("\n", 0, position) + 1
            line_end = body.find("\n", position)
            if line_end < 0:
                line_end = len(body)
            if not body[line_start:position].strip(" \t"):
                run_end = position
                while run_end < line_end and body[run_end] == fence[0]:
                    run_end += 1
                found.append((line_start, body[position:run_end], body[run_end:line_end]))
            position = body.find(fence, line_end)
    found.sort()
    return found


def _fenced_blocks(body: str) -> tuple[list[tuple[int, int]], int | None]:
    """Offsets (start, end) of fenced code blocks, and the offset of an unclosed fence."""
    blocks: list[tuple[int, int]] = []
    opener: tuple[int, str] | None = None
    for offset, marker, rest in _fence_lines(body):
        if opener is None:
            if marker[0] == "`" and "`" in rest:
                continue  # an inline code span such as ```code```, not a fence
            opener = (offset, marker)
        elif marker[0] == opener[1][0] and len(marker) >= len(opener[1]) and not rest.strip():
            blocks.append((opener[0], offset + len(marker) + len(rest)))
            opener = None
    if opener is not None:
        blocks.append((opener[0], len(body)))
        return blocks, opener[0]
    return blocks, None


def _code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of the inline code spans of one line, in order.

    A run of n backticks opens a span that the next run of exactly n backticks closes;
    a run without such a partner is literal text. Linear in the line's length.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        partners = by_length[end - start]
        later = bisect_right(partners, index)
        if later < len(partners):
            closing = partners[later]
            spans.append((start, runs[closing][1]))
            index = closing + 1
        else:
            index += 1
    return spans


class _BodyMap:
    """Where an offset of the body is: its line and column, and whether it is code."""

    def __init__(self, body: str, first_line: int, blocks: list[tuple[int, int]]) -> None:
        self.body = body
        self.first_line = first_line
        self.line_starts = [0, *(m.end() for m in _NEWLINE_RE.finditer(body))]
        self.blocks = blocks
        self.block_starts = [start for start, _ in blocks]
        self.spans: dict[int, list[tuple[int, int]]] = {}  # per line index

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based line in SKILL.md and 1-based column."""
        index = bisect_right(self.line_starts, offset) - 1
        return self.first_line + index, offset - self.line_starts[index] + 1

    def is_code(self, offset: int) -> bool:
        block = bisect_right(self.block_starts, offset) - 1
        if block >= 0 and offset < self.blocks[block][1]:
            return True
        index = bisect_right(self.line_starts, offset) - 1
        spans = self.spans.get(index)
        if spans is None:
            start = self.line_starts[index]
            end = self.line_starts[index + 1] if index + 1 < len(self.line_starts) else None
            line = self.body[start:end]
            spans = self.spans[index] = _code_spans(line) if "`" in line else []
        position = offset - self.line_starts[index]
        span = bisect_right(spans, (position, len(self.body) + 1)) - 1
        return span >= 0 and position < spans[span][1]


def check_body(
    path: str,
    body: str,
    first_line: int,
    published: Collection[str],
) -> tuple[Diagnostic, ...]:
    """Fences, raw HTML and relative links, each one regex scan over the body.

    `first_line` is the SKILL.md line the body starts on. `published` holds the paths
    (relative to the skill folder) a link may point to: the skill's files, their parent
    folders and SKILL.md.
    """
    diagnostics: list[Diagnostic] = []
    line_total = body.count("\n") + (1 if body and not body.endswith("\n") else 0)
    if line_total > MAX_BODY_LINES:
        diagnostics.append(
            Diagnostic(
                path,
                first_line + MAX_BODY_LINES,
                1,
                Severity.WARNING,
                "body-too-long",
                f"body is {line_total} lines, over {MAX_BODY_LINES}",
                "move detail into files under references/ and link to them",
            )
        )
    blocks, unclosed = _fenced_blocks(body)
    where = _BodyMap(body, first_line, blocks)
    found: list[tuple[int, str, str]] = []  # (offset, kind, tag name or link target)
    if "<" in body:
        for match in _TAG_RE.finditer(body):
            if not where.is_code(match.start()):
                found.append((match.start(), "raw-html", match.group(1)))
    for marker, regex in (("](", _LINK_RE), ("]:", _REFERENCE_RE)):
        if marker in body:
            for match in regex.finditer(body):
                target = _link_target(match.group(1))
                if target is not None and not where.is_code(match.start(1)):
                    found.append((match.start(1), "link", target))
    if unclosed is not None:
        found.append((unclosed, "fence-unclosed", ""))
    found.sort()

    for offset, kind, value in found:
        line, column = where.locate(offset)
        if kind == "raw-html":
            diagnostics.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    Severity.WARNING,
                    "raw-html",
                    f"raw HTML tag <{value}> outside code",
                    "wrap it in backticks (`<tag>`) or a code block; the page would "
                    "hide or mangle it",
                )
            )
        elif kind == "link":
            diagnostic = _check_link(path, line, column, value, published)
            if diagnostic:
                diagnostics.append(diagnostic)
        else:
            fence = body[offset:].lstrip(" \t")[:3]
            diagnostics.append(
                Diagnostic(
                    path,
                    line,
                    column,
                    Severity.WARNING,
                    "fence-unclosed",
                    f"code fence {fence} opened here is never closed",
                    f"close it with a line of {fence}; the rest of the page is otherwise "
                    "shown as code",
                )
            )
    return _capped(diagnostics)


def _capped(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    """The first MAX_REPEATS diagnostics of each code, then one that counts the rest.

    A machine-made body can hold thousands of the same problem.
    """
    counts: dict[str, int] = {}
    kept: list[Diagnostic] = []
    last: dict[str, Diagnostic] = {}
    for diagnostic in diagnostics:
        count = counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
        if count <= MAX_REPEATS:
            kept.append(diagnostic)
            last[diagnostic.code] = diagnostic
    for code, count in counts.items():
        if count > MAX_REPEATS:
            kept.append(
                replace(
                    last[code],
                    message=f"{count - MAX_REPEATS} more {code} in this file, not listed",
                    hint=f"fix the ones listed and check again; the first {MAX_REPEATS} are shown",
                )
            )
    return tuple(kept)


def _check_link(
    path: str, line: int, column: int, target: str, published: Collection[str]
) -> Diagnostic | None:
    resolved = posixpath.normpath(target)
    if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
        return Diagnostic(
            path,
            line,
            column,
            Severity.WARNING,
            "link-leaves-skill",
            f"link to {target!r} points outside the skill folder",
            "link only to files inside the skill folder (they are published with it), "
            "or use a full https:// URL",
        )
    if resolved == "." or resolved in published:
        return None
    return Diagnostic(
        path,
        line,
        column,
        Severity.WARNING,
        "link-missing",
        f"link to {target!r}: no such file in the skill folder",
        "fix the path (it is relative to SKILL.md) or add the file; the page would "
        "carry a broken link",
    )
