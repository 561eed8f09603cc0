"""The rule table: frontmatter fields and the Markdown body -> diagnostics.

Pure functions over parsed values; nothing here touches the file system (the set of
files a skill publishes is passed in).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from skillsite.diagnostics import Diagnostic, Severity

NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_NAME = 64
MAX_DESCRIPTION = 1024
MAX_COMPATIBILITY = 500
MAX_BODY_LINES = 500
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
    if "name" not in frontmatter:
        error(None, "name-missing", "frontmatter has no `name`", f"add `name: {folder_name}`")
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
    elif not isinstance(raw_description, str):
        error(
            "description",
            "description-type",
            f"`description` is a {_type_name(raw_description)}, not a string",
            'quote the description: description: "..."',
        )
    elif not raw_description.strip():
        error(
            "description",
            "description-empty",
            "`description` is empty",
            "say what the skill does and when to use it",
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
        if not isinstance(raw, str):
            error(
                "compatibility",
                "compatibility-type",
                f"`compatibility` is a {_type_name(raw)}, not a string",
                'write it as one quoted sentence: compatibility: "..."',
            )
        elif not raw.strip():
            error(
                "compatibility",
                "compatibility-empty",
                "`compatibility` is empty",
                "remove the key or say what the skill needs",
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

_FENCE_RE = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)")
_CODE_SPAN_RE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_LINK_RE = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]+)")
_REFERENCE_RE = re.compile(r"[ ]{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _blank_code_spans(line: str) -> str:
    # Same length, so columns found afterwards still point into the original line.
    return _CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line)


def _link_target(raw: str) -> str | None:
    """The file path a relative link points to, or None when it is not a file link."""
    target = raw[1:-1] if raw.startswith("<") else raw
    if not target or target.startswith(("#", "//")) or _SCHEME_RE.match(target):
        return None
    for separator in ("#", "?"):
        target = target.split(separator, 1)[0]
    return unquote(target) if target else None


def check_body(
    path: str,
    body: str,
    first_line: int,
    published: Collection[str],
) -> tuple[Diagnostic, ...]:
    """Fences, raw HTML and relative links in one pass over the body lines.

    `published` holds the paths (relative to the skill folder) a link may point to:
    the skill's files, their parent folders and SKILL.md.
    """
    diagnostics: list[Diagnostic] = []
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) > MAX_BODY_LINES:
        diagnostics.append(
            Diagnostic(
                path,
                first_line + MAX_BODY_LINES,
                1,
                Severity.WARNING,
                "body-too-long",
                f"body is {len(lines)} lines, over {MAX_BODY_LINES}",
                "move detail into files under references/ and link to them",
            )
        )
    fence_char = ""
    fence_len = 0
    fence_line = 0
    for index, line in enumerate(lines):
        number = first_line + index
        if "`" in line or "~" in line:
            match = _FENCE_RE.match(line)
            if match:
                marker, rest = match.group(1), match.group(2)
                if fence_char:
                    if marker[0] == fence_char and len(marker) >= fence_len and not rest.strip():
                        fence_char = ""
                    continue
                if marker[0] == "`" and "`" in rest:
                    pass  # an inline code span, not a fence
                else:
                    fence_char, fence_len, fence_line = marker[0], len(marker), number
                    continue
        if fence_char:
            continue
        has_tag = "<" in line
        has_link = "](" in line or "]:" in line
        if not (has_tag or has_link):
            continue
        if "`" in line:
            line = _blank_code_spans(line)
        if has_tag:
            for match in _TAG_RE.finditer(line):
                diagnostics.append(
                    Diagnostic(
                        path,
                        number,
                        match.start() + 1,
                        Severity.WARNING,
                        "raw-html",
                        f"raw HTML tag <{match.group(1)}> outside code",
                        "wrap it in backticks (`<tag>`) or a code block; the page would "
                        "hide or mangle it",
                    )
                )
        if has_link:
            targets = list(_LINK_RE.finditer(line))
            reference = _REFERENCE_RE.match(line)
            if reference:
                targets.append(reference)
            for match in targets:
                target = _link_target(match.group(1))
                if target is None:
                    continue
                diagnostic = _check_link(path, number, match.start(1) + 1, target, published)
                if diagnostic:
                    diagnostics.append(diagnostic)
    if fence_char:
        diagnostics.append(
            Diagnostic(
                path,
                fence_line,
                1,
                Severity.WARNING,
                "fence-unclosed",
                f"code fence opened here is never closed ({fence_char * fence_len})",
                f"close it with a line of {fence_char * fence_len}; the rest of the page "
                "is otherwise shown as code",
            )
        )
    return tuple(diagnostics)


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
