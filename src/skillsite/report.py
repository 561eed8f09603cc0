"""Catalog diagnostics -> text for people, JSON for tools, GitHub annotations for CI."""

from __future__ import annotations

import json
import posixpath

from skillsite.diagnostics import Diagnostic, Severity
from skillsite.model import Catalog

FORMATS = ("text", "json", "github")


def summary_line(catalog: Catalog) -> str:
    return (
        f"{len(catalog.skills)} skills, {len(catalog.valid_skills)} valid, "
        f"{catalog.error_count} errors, {catalog.warning_count} warnings"
    )


STRICT_LISTED = 20


def strict_failure(catalog: Catalog) -> str:
    """Why a strict build stops: the counts and the first diagnostics, in one message
    (a quiet build prints no warnings)."""
    shown = [f"  {d.to_text()}" for d in catalog.diagnostics[:STRICT_LISTED]]
    more = len(catalog.diagnostics) - len(shown)
    if more > 0:
        shown.append(f"  ... and {more} more (run `skillsite check` for the full list)")
    return (
        f"strict build: the catalog at {catalog.root} has {catalog.error_count} errors "
        f"and {catalog.warning_count} warnings; fix them or build without --strict\n"
        + "\n".join(shown)
    )


def as_text(catalog: Catalog) -> str:
    lines = [d.to_text() for d in catalog.diagnostics]
    lines.append(summary_line(catalog))
    return "\n".join(lines) + "\n"


def as_json(catalog: Catalog) -> str:
    """The counts, then one diagnostic per line.

    Each diagnostic goes through the C encoder (it only serves compact output): an
    indented document takes the pure-Python encoder, several times slower on a large
    catalog.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    rows = [encode(d.to_dict()) for d in catalog.diagnostics]
    listed = "[\n    " + ",\n    ".join(rows) + "\n  ]" if rows else "[]"
    return (
        "{\n"
        f'  "skills": {len(catalog.skills)},\n'
        f'  "valid": {len(catalog.valid_skills)},\n'
        f'  "errors": {catalog.error_count},\n'
        f'  "warnings": {catalog.warning_count},\n'
        f'  "diagnostics": {listed}\n'
        "}\n"
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(diagnostic: Diagnostic, prefix: str = "") -> str:
    """One workflow command; `prefix` is the catalog folder as seen from the repository."""
    level = "error" if diagnostic.severity is Severity.ERROR else "warning"
    path = (
        posixpath.normpath(posixpath.join(prefix, diagnostic.path)) if prefix else diagnostic.path
    )
    message = diagnostic.message + (f" ({diagnostic.hint})" if diagnostic.hint else "")
    return (
        f"::{level} file={_escape_property(path)},line={diagnostic.line},"
        f"col={diagnostic.column},title={_escape_property(diagnostic.code)}::"
        f"{_escape_data(message)}"
    )


def as_github(catalog: Catalog, prefix: str = "") -> str:
    lines = [github_annotation(d, prefix) for d in catalog.diagnostics]
    lines.append(summary_line(catalog))
    return "\n".join(lines) + "\n"
