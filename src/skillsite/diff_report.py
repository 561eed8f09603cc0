"""A catalog diff as a report: JSON for tools, Markdown for a pull request comment."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from skillsite import layout
from skillsite.diagnostics import Diagnostic
from skillsite.diff import CatalogDiff, FieldChange, SkillChange, SkillRef

# GitHub rejects comments over 65,536 characters; stay clear of it.
DEFAULT_MARKDOWN_LIMIT = 60_000
BODY_DIFF_MAX_LINES = 80
SHORT_VALUE_CHARS = 60
DESCRIPTION_CHARS = 160


def to_json(diff: CatalogDiff, base_label: str, head_label: str, preview_url: str = "") -> str:
    preview = _with_slash(preview_url)

    def url(ref: SkillRef) -> str | None:
        return preview + layout.skill_folder(ref.name) if preview and ref.valid else None

    document = {
        "base": base_label,
        "head": head_label,
        "preview_url": preview or None,
        "summary": {
            "added": len(diff.added),
            "removed": len(diff.removed),
            "renamed": len(diff.renamed),
            "changed": len(diff.changed),
            "errors": diff.error_count,
            "warnings": diff.warning_count,
        },
        "added": [{**ref.to_dict(), "url": url(ref)} for ref in diff.added],
        "removed": [ref.to_dict() for ref in diff.removed],
        "renamed": [
            {**c.to_dict(), "from": c.before.name, "to": c.after.name, "url": url(c.after)}
            for c in diff.renamed
        ],
        "changed": [{**c.to_dict(), "url": url(c.after)} for c in diff.changed],
        "diagnostics": [d.to_dict() for d in diff.diagnostics],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_markdown(
    diff: CatalogDiff,
    base_label: str,
    head_label: str,
    preview_url: str = "",
    max_chars: int = DEFAULT_MARKDOWN_LIMIT,
) -> str:
    """The report as GitHub-flavoured Markdown, at most `max_chars` characters long.

    Everything taken from the catalog is escaped or put in code spans: the text comes
    from the pull request and ends up in a comment posted with a write token.
    """
    for with_body_diffs in (True, False):
        text = _markdown(diff, base_label, head_label, _with_slash(preview_url), with_body_diffs)
        if len(text) <= max_chars:
            return text
    note = (
        "\n\n_The report is too long for a comment; the full report is in the workflow artifact._\n"
    )
    cut = text.rfind("\n", 0, max_chars - len(note))
    return text[: max(cut, 0)] + note


def _with_slash(url: str) -> str:
    return url if not url or url.endswith("/") else url + "/"


def _markdown(
    diff: CatalogDiff, base_label: str, head_label: str, preview: str, with_body_diffs: bool
) -> str:
    lines = [
        "## Catalog changes",
        "",
        f"From {code(base_label)} to {code(head_label)}: {_summary(diff)}.",
    ]
    if preview:
        lines += ["", f"Preview: {preview}"]

    def link(ref: SkillRef) -> str:
        name = code(ref.name)
        url = preview + layout.skill_folder(ref.name)
        return f"[{name}]({url})" if preview and ref.valid else name

    if diff.added:
        lines += ["", "### Added", ""]
        lines += [
            f"- {link(r)} in {code(r.category)}"
            + (f": {text(_clip(r.description))}" if r.description else "")
            for r in diff.added
        ]
    if diff.removed:
        lines += ["", "### Removed", ""]
        lines += [f"- {code(r.name)} in {code(r.category)}" for r in diff.removed]
    if diff.renamed:
        lines += ["", "### Renamed", ""]
        for change in diff.renamed:
            lines.append(f"- {code(change.before.name)} → {link(change.after)}")
            lines += _change_details(change, with_body_diffs)
    if diff.changed:
        lines += ["", "### Changed", ""]
        for change in diff.changed:
            lines.append(f"- {link(change.after)} in {code(change.after.category)}")
            lines += _change_details(change, with_body_diffs)
    if diff.diagnostics:
        lines += ["", "### Diagnostics", ""]
        lines += [_diagnostic_line(d) for d in diff.diagnostics]
    return "\n".join(lines) + "\n"


def _summary(diff: CatalogDiff) -> str:
    if diff.empty and not diff.diagnostics:
        return "no skill changed"
    counts = [
        f"{len(diff.added)} added",
        f"{len(diff.removed)} removed",
        f"{len(diff.renamed)} renamed",
        f"{len(diff.changed)} changed",
    ]
    problems = f"{_plural(diff.error_count, 'error')}, {_plural(diff.warning_count, 'warning')}"
    return f"**{', '.join(counts)}**; {problems}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _change_details(change: SkillChange, with_body_diff: bool) -> list[str]:
    details: list[str] = []
    fields = [c for c in change.fields if c.field not in ("category", "folder")]
    for moved in (c for c in change.fields if c.field == "category"):
        details.append(f"category: {code(moved.before or '')} → {code(moved.after or '')}")
    if fields:
        details.append("frontmatter: " + ", ".join(_field_text(c) for c in fields))
    if change.body_added or change.body_removed:
        details.append(f"body: +{change.body_added} −{change.body_removed} lines")
    files = change.files
    for label, paths in (
        ("added", files.added),
        ("removed", files.removed),
        ("changed", files.changed),
    ):
        if paths:
            details.append(f"files {label}: " + ", ".join(code(p) for p in paths))
    lines = [f"  - {d}" for d in details]
    if with_body_diff and change.body_diff:
        shown = list(change.body_diff[:BODY_DIFF_MAX_LINES])
        if len(change.body_diff) > BODY_DIFF_MAX_LINES:
            shown.append(f"… {len(change.body_diff) - BODY_DIFF_MAX_LINES} more lines")
        fence = _fence_for(shown)
        lines += [
            "",
            "  <details><summary>body diff</summary>",
            "",
            f"  {fence}diff",
            *(f"  {line}" for line in shown),
            f"  {fence}",
            "",
            "  </details>",
            "",
        ]
    return lines


def _field_text(change: FieldChange) -> str:
    if change.field == "frontmatter":
        return "formatting or other keys"
    name = code(change.field)
    before, after = change.before, change.after
    if before is None:
        return f"{name} added"
    if after is None:
        return f"{name} removed"
    if (
        len(before) <= SHORT_VALUE_CHARS
        and len(after) <= SHORT_VALUE_CHARS
        and "\n" not in before + after
    ):
        return f"{name} {code(before)} → {code(after)}"
    return name


def _diagnostic_line(d: Diagnostic) -> str:
    hint = f" ({text(d.hint)})" if d.hint else ""
    return (
        f"- **{d.severity.value}** {code(d.code)} at {code(d.location())}: {text(d.message)}{hint}"
    )


def _clip(value: str, limit: int = DESCRIPTION_CHARS) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def code(value: str) -> str:
    """An inline code span holding `value` on one line, whatever backticks it contains."""
    value = " ".join(value.splitlines()) or " "
    longest = max((len(run) for run in _backtick_runs(value)), default=0)
    ticks = "`" * (longest + 1)
    padded = f" {value} " if value.startswith("`") or value.endswith("`") else value
    return f"{ticks}{padded}{ticks}"


def _backtick_runs(value: str) -> Iterable[str]:
    run = ""
    for char in value:
        if char == "`":
            run += char
        elif run:
            yield run
            run = ""
    if run:
        yield run


# Only characters that can start markup mid-line: each line of the report starts with our
# own text, so line-start markers ("#", "-", "1.") cannot occur.
_MARKDOWN_SPECIALS = set("\\`*_[]<>|~&")


def text(value: str) -> str:
    """Plain text safe inside a Markdown line: specials escaped, mentions defused."""
    escaped = "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in " ".join(value.split()))
    return escaped.replace("@", "@\u200b")


def _fence_for(lines: Sequence[str]) -> str:
    longest = max((len(run) for line in lines for run in _backtick_runs(line)), default=0)
    return "`" * max(3, longest + 1)
