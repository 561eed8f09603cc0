"""The rule table: frontmatter fields and the Markdown body -> diagnostics.

Pure functions over parsed values; nothing here touches the file system (the set of
files a skill publishes is passed in).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic
from skillsite.markdown_reader import read_markdown

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


class _FieldReport:
    """Diagnostics about one SKILL.md's frontmatter, each placed on its key's line."""

    def __init__(self, path: str, key_lines: Mapping[str, int]) -> None:
        self.path = path
        self.key_lines = key_lines
        self.diagnostics: list[Diagnostic] = []

    def __call__(self, key: str | None, code: str, message: str, hint: str | None = None) -> None:
        line = self.key_lines.get(key, 1) if key else 1
        self.diagnostics.append(diagnostic(code, self.path, message, line, 1, hint))


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _name(frontmatter: Mapping[str, Any], folder_name: str, report: _FieldReport) -> str | None:
    value = frontmatter.get("name")
    if value is None:
        where = "name" if "name" in frontmatter else None
        report(where, "name-missing", "frontmatter has no `name`", f"add `name: {folder_name}`")
        return None
    if not isinstance(value, str):
        report(
            "name",
            "name-type",
            f"`name` is a {_type_name(value)}, not a string",
            f"write the skill name as text: `name: {folder_name}`",
        )
        return None
    if len(value) > MAX_NAME:
        report("name", "name-too-long", f"`name` is {len(value)} characters, over {MAX_NAME}")
    if not NAME_RE.fullmatch(value):
        report(
            "name",
            "name-format",
            f"`name` {value!r} is not lowercase letters, digits and single hyphens",
            f"use `name: {slugify(value) or 'my-skill'}` (and the same folder name)",
        )
    elif value != folder_name:
        report(
            "name",
            "name-mismatch",
            f"`name` {value!r} differs from the folder name {folder_name!r}",
            f"rename the folder to {value!r} or set `name: {folder_name}`",
        )
    return value


def _description(frontmatter: Mapping[str, Any], report: _FieldReport) -> str:
    if "description" not in frontmatter:
        report(None, "description-missing", "frontmatter has no `description`")
        return ""
    value = frontmatter["description"]
    if _is_blank(value):
        report("description", "description-empty", "`description` is empty")
        return ""
    if not isinstance(value, str):
        report(
            "description",
            "description-type",
            f"`description` is a {_type_name(value)}, not a string",
        )
        return ""
    if len(value) > MAX_DESCRIPTION:
        report(
            "description",
            "description-too-long",
            f"`description` is {len(value)} characters, over {MAX_DESCRIPTION}",
        )
    return value


def _license(frontmatter: Mapping[str, Any], report: _FieldReport) -> str:
    value = frontmatter.get("license", "")
    if isinstance(value, str):
        return value
    report("license", "license-type", f"`license` is a {_type_name(value)}, not a string")
    return ""


def _compatibility(frontmatter: Mapping[str, Any], report: _FieldReport) -> str:
    if "compatibility" not in frontmatter:
        return ""
    value = frontmatter["compatibility"]
    if _is_blank(value):
        report("compatibility", "compatibility-empty", "`compatibility` is empty")
        return ""
    if not isinstance(value, str):
        report(
            "compatibility",
            "compatibility-type",
            f"`compatibility` is a {_type_name(value)}, not a string",
        )
        return ""
    if len(value) > MAX_COMPATIBILITY:
        report(
            "compatibility",
            "compatibility-too-long",
            f"`compatibility` is {len(value)} characters, over {MAX_COMPATIBILITY}",
        )
    return value


def _metadata(frontmatter: Mapping[str, Any], report: _FieldReport) -> dict[str, str]:
    if "metadata" not in frontmatter:
        return {}
    value = frontmatter["metadata"]
    if not isinstance(value, dict):
        report("metadata", "metadata-type", f"`metadata` is a {_type_name(value)}, not a mapping")
        return {}
    metadata: dict[str, str] = {}
    bad: list[str] = []
    for key, item in value.items():
        if isinstance(key, str) and isinstance(item, str):
            metadata[key] = item
        else:
            bad.append(str(key))
    if bad:
        report(
            "metadata",
            "metadata-value-type",
            f"`metadata` values must be strings; not used: {', '.join(bad)}",
        )
    return metadata


def _allowed_tools(frontmatter: Mapping[str, Any], report: _FieldReport) -> tuple[str, ...]:
    if "allowed-tools" not in frontmatter:
        return ()
    value = frontmatter["allowed-tools"]
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list):
        tools = tuple(str(item) for item in value if isinstance(item, str | int))
        report(
            "allowed-tools",
            "allowed-tools-list",
            "`allowed-tools` is a list; the specification wants a space-separated string",
            f'write allowed-tools: "{" ".join(tools)}"',
        )
        return tools
    report(
        "allowed-tools",
        "allowed-tools-type",
        f"`allowed-tools` is a {_type_name(value)}, not a string; ignored",
    )
    return ()


def _unknown_keys(frontmatter: Mapping[str, Any], report: _FieldReport) -> None:
    for key in frontmatter:
        if key not in SPEC_KEYS:
            shown = str(key)
            report(
                shown,
                "unknown-key",
                f"unknown top-level key {shown!r}",
                "the specification allows name, description, license, compatibility, "
                f"metadata, allowed-tools; move {shown!r} under `metadata:`",
            )


def check_fields(
    path: str, frontmatter: Mapping[str, Any], key_lines: Mapping[str, int], folder_name: str
) -> Fields:
    """Each frontmatter rule in turn; values that cannot be used are left empty."""
    report = _FieldReport(path, key_lines)
    fields = Fields(
        name=_name(frontmatter, folder_name, report),
        description=_description(frontmatter, report),
        license=_license(frontmatter, report),
        compatibility=_compatibility(frontmatter, report),
        metadata=_metadata(frontmatter, report),
        allowed_tools=_allowed_tools(frontmatter, report),
    )
    _unknown_keys(frontmatter, report)
    return replace(fields, diagnostics=tuple(report.diagnostics))


# --- body ---------------------------------------------------------------------------

_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


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
    """Fences, raw HTML, relative links and rendering bounds, from one reading of the body.

    `first_line` is the SKILL.md line the body starts on. `published` holds the paths
    (relative to the skill folder) a link may point to: the skill's files, their parent
    folders and SKILL.md.
    """
    diagnostics: list[Diagnostic] = []
    line_total = body.count("\n") + (1 if body and not body.endswith("\n") else 0)
    if line_total > MAX_BODY_LINES:
        diagnostics.append(
            diagnostic(
                "body-too-long",
                path,
                f"body is {line_total} lines, over {MAX_BODY_LINES}",
                first_line + MAX_BODY_LINES,
            )
        )
    # One reading of the body, shared with the renderer (markdown_reader.py).
    reading = read_markdown(body)
    found: list[tuple[int, str, str]] = []  # (offset, kind, detail)
    found += [(offset, "raw-html", name) for offset, name in reading.raw_html_tags()]
    for offset, raw_target in reading.link_targets():
        if raw_target in published:
            continue  # the common case: a plain path to a published file
        target = _link_target(raw_target)
        if target is not None and not _link_is_fine(target, published):
            found.append((offset, "link", target))
    found += [(offset, "fence-unclosed", "") for offset in reading.unclosed_fences]
    found += [(excess.offset, "body-too-complex", excess.what) for excess in reading.excesses]
    found.sort()

    for offset, kind, value in found:
        index, column = reading.locate(offset)
        line = first_line + index
        if kind == "raw-html":
            diagnostics.append(
                diagnostic("raw-html", path, f"raw HTML tag <{value}> outside code", line, column)
            )
        elif kind == "link":
            broken = _check_link(path, line, column, value, published)
            if broken:
                diagnostics.append(broken)
        elif kind == "body-too-complex":
            diagnostics.append(
                diagnostic(
                    "body-too-complex",
                    path,
                    f"the body has {value}; rendering it could take minutes or crash the build",
                    line,
                    column,
                )
            )
        else:
            fence = body[offset : offset + 3]
            diagnostics.append(
                diagnostic(
                    "fence-unclosed",
                    path,
                    f"code fence {fence} opened here is never closed",
                    line,
                    column,
                    f"close it with a line of {fence} at the same indentation; until then "
                    "the page shows the fence and what follows as plain text",
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
    for found in diagnostics:
        count = counts[found.code] = counts.get(found.code, 0) + 1
        if count <= MAX_REPEATS:
            kept.append(found)
            last[found.code] = found
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


def _link_is_fine(target: str, published: Collection[str]) -> bool:
    """Whether a relative link leads to a file or folder the skill publishes."""
    if target in published and not target.startswith("/"):
        return True  # the common case, without normalising the path
    resolved = posixpath.normpath(target)
    if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
        return False
    return resolved == "." or resolved in published


def _check_link(
    path: str, line: int, column: int, target: str, published: Collection[str]
) -> Diagnostic | None:
    resolved = posixpath.normpath(target)
    if target.startswith("/") or resolved == ".." or resolved.startswith("../"):
        return diagnostic(
            "link-leaves-skill",
            path,
            f"link to {target!r} points outside the skill folder",
            line,
            column,
            "link only to files inside the skill folder (they are published with it), "
            "or use a full https:// URL",
        )
    if resolved == "." or resolved in published:
        return None
    return diagnostic(
        "link-missing",
        path,
        f"link to {target!r}: no such file in the skill folder",
        line,
        column,
        "fix the path (it is relative to SKILL.md) or add the file; the page would "
        "carry a broken link",
    )


def link_target(raw: str) -> str | None:
    """The file path a relative link points to, or None when it is not a file link."""
    return _link_target(raw)
