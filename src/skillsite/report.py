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


def as_text(catalog: Catalog) -> str:
    lines = [d.to_text() for d in catalog.diagnostics]
    lines.append(summary_line(catalog))
    return "\n".join(lines) + "\n"


def as_json(catalog: Catalog) -> str:
    document = {
        "skills": len(catalog.skills),
        "valid": len(catalog.valid_skills),
        "errors": catalog.error_count,
        "warnings": catalog.warning_count,
        "diagnostics": [d.to_dict() for d in catalog.diagnostics],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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
