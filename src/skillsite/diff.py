"""What changed between two catalogs: skills added, removed, renamed and changed.

Skills are paired by name. A skill that exists under a name only in the base and one that
exists only in the head are reported as one *renamed* skill when

1. their SKILL.md files are identical apart from the top-level `name:` line of the
   frontmatter, and their supporting files (paths and bytes) are identical; or, failing
   that,
2. their SKILL.md bodies (the Markdown after the frontmatter) and supporting files are
   identical, and the body or the supporting files are not empty (other frontmatter
   fields may differ; they are listed as field changes of the rename).

The content digest (`Skill.sha256`) covers the name line too, so a rename always changes
the digest; the two rules above are what "same content, new name" means here. Pairs are
formed one to one, rule 1 before rule 2, in name order.

A skill present under the same name on both sides is *changed* when its content digest,
SKILL.md bytes, supporting files, category or folder differ.
"""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from skillsite.diagnostics import Diagnostic
from skillsite.model import Catalog, Skill

# GitHub rejects comments over 65,536 characters; stay clear of it.
DEFAULT_MARKDOWN_LIMIT = 60_000
BODY_DIFF_MAX_LINES = 80
SHORT_VALUE_CHARS = 60
DESCRIPTION_CHARS = 160


@dataclass(frozen=True, slots=True)
class SkillRef:
    """A skill on one side of the comparison."""

    name: str
    category: str
    folder: str
    description: str
    valid: bool

    @classmethod
    def of(cls, skill: Skill) -> SkillRef:
        return cls(skill.name, skill.category, skill.folder, skill.description, skill.valid)

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "category": self.category,
            "folder": self.folder,
            "description": self.description,
            "valid": self.valid,
        }


@dataclass(frozen=True, slots=True)
class FieldChange:
    """A frontmatter field whose value differs; None means the field is absent."""

    field: str  # "description", "license", "compatibility", "allowed-tools",
    # "metadata.<key>", "category", "folder", or "frontmatter" (formatting, other keys)
    before: str | None
    after: str | None

    def to_dict(self) -> dict[str, object]:
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class FilesChange:
    """Supporting files (paths relative to the skill folder) that differ."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_dict(self) -> dict[str, object]:
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": list(self.changed),
        }


@dataclass(frozen=True, slots=True)
class SkillChange:
    """One skill present on both sides (under the same name, or renamed)."""

    before: SkillRef
    after: SkillRef
    fields: tuple[FieldChange, ...]
    body_added: int
    body_removed: int
    body_diff: tuple[str, ...]  # unified diff of the body, without the file header lines
    files: FilesChange

    @property
    def renamed(self) -> bool:
        return self.before.name != self.after.name

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.after.name,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "fields": [f.to_dict() for f in self.fields],
            "body": {
                "added": self.body_added,
                "removed": self.body_removed,
                "diff": list(self.body_diff),
            },
            "files": self.files.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class CatalogDiff:
    added: tuple[SkillRef, ...]
    removed: tuple[SkillRef, ...]
    renamed: tuple[SkillChange, ...]
    changed: tuple[SkillChange, ...]
    # Diagnostics of every added, renamed or changed skill (head side), plus catalog-level
    # diagnostics (such as a category file) that the base did not have.
    diagnostics: tuple[Diagnostic, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.changed)

    @property
    def error_count(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warning_count(self) -> int:
        return sum(1 for d in self.diagnostics if not d.is_error)


def diff_catalogs(base: Catalog, head: Catalog) -> CatalogDiff:
    base_only, head_only, pairs = _pair_by_name(base.skills, head.skills)
    renames, base_only, head_only = _pair_renames(base_only, head_only)
    changed = [
        change for old, new in pairs if _differs(old, new) for change in [_skill_change(old, new)]
    ]
    renamed = [_skill_change(old, new) for old, new in renames]
    touched = [
        *head_only,
        *(new for _, new in renames),
        *(new for old, new in pairs if _differs(old, new)),
    ]
    diagnostics = sorted(
        [d for skill in touched for d in skill.diagnostics] + _new_catalog_diagnostics(base, head),
        key=Diagnostic.sort_key,
    )
    return CatalogDiff(
        added=tuple(SkillRef.of(s) for s in sorted(head_only, key=_order)),
        removed=tuple(SkillRef.of(s) for s in sorted(base_only, key=_order)),
        renamed=tuple(sorted(renamed, key=lambda c: (c.after.name, c.after.folder))),
        changed=tuple(sorted(changed, key=lambda c: (c.after.name, c.after.folder))),
        diagnostics=tuple(dict.fromkeys(diagnostics)),
    )


def _order(skill: Skill) -> tuple[str, str, str]:
    return (skill.category, skill.name, skill.folder)


def _pair_by_name(
    base: Sequence[Skill], head: Sequence[Skill]
) -> tuple[list[Skill], list[Skill], list[tuple[Skill, Skill]]]:
    """Pair skills by name; a name used more than once pairs by folder, then in order."""
    base_by_name: dict[str, list[Skill]] = defaultdict(list)
    for skill in base:
        base_by_name[skill.name].append(skill)
    head_by_name: dict[str, list[Skill]] = defaultdict(list)
    for skill in head:
        head_by_name[skill.name].append(skill)

    base_only: list[Skill] = []
    head_only: list[Skill] = []
    pairs: list[tuple[Skill, Skill]] = []
    for name in sorted(base_by_name.keys() | head_by_name.keys()):
        olds = sorted(base_by_name.get(name, []), key=lambda s: s.folder)
        news = sorted(head_by_name.get(name, []), key=lambda s: s.folder)
        new_folders = {s.folder for s in news}
        same_folder = [s for s in olds if s.folder in new_folders]
        for old in same_folder:
            new = next(s for s in news if s.folder == old.folder)
            pairs.append((old, new))
            olds.remove(old)
            news.remove(new)
        pairs.extend(zip(olds, news, strict=False))
        base_only.extend(olds[len(news) :])
        head_only.extend(news[len(olds) :])
    return base_only, head_only, pairs


def _pair_renames(
    base_only: list[Skill], head_only: list[Skill]
) -> tuple[list[tuple[Skill, Skill]], list[Skill], list[Skill]]:
    renames: list[tuple[Skill, Skill]] = []
    for key in (_content_without_name, _body_and_files):
        found, base_only, head_only = _pair_by_key(base_only, head_only, key)
        renames.extend(found)
    return renames, base_only, head_only


def _pair_by_key(
    olds: list[Skill], news: list[Skill], key: Callable[[Skill], Hashable | None]
) -> tuple[list[tuple[Skill, Skill]], list[Skill], list[Skill]]:
    waiting: dict[Hashable, list[Skill]] = defaultdict(list)
    for new in sorted(news, key=lambda s: (s.name, s.folder)):
        k = key(new)
        if k is not None:
            waiting[k].append(new)
    pairs: list[tuple[Skill, Skill]] = []
    unpaired_olds: list[Skill] = []
    for old in sorted(olds, key=lambda s: (s.name, s.folder)):
        k = key(old)
        if k is not None and waiting.get(k):
            pairs.append((old, waiting[k].pop(0)))
        else:
            unpaired_olds.append(old)
    taken = {id(new) for _, new in pairs}
    return pairs, unpaired_olds, [s for s in news if id(s) not in taken]


def _files_key(skill: Skill) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((f.path, f.sha256) for f in skill.files))


def _content_without_name(skill: Skill) -> Hashable:
    frontmatter, body = split_skill_text(skill.raw)
    return (
        tuple(line for line in frontmatter if not _is_name_line(line)),
        body,
        _files_key(skill),
    )


def _body_and_files(skill: Skill) -> Hashable | None:
    if not skill.body.strip() and not skill.files:
        return None  # two empty skills are not the same skill
    return (skill.body, _files_key(skill))


def _is_name_line(line: str) -> bool:
    return line.startswith("name:") or line.startswith('"name":') or line.startswith("'name':")


def split_skill_text(raw: bytes) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """SKILL.md as (frontmatter lines, other lines); no frontmatter gives ((), all lines)."""
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return (), tuple(lines)
    for index in range(1, len(lines)):
        if lines[index].rstrip() == "---":
            return tuple(lines[1:index]), tuple(lines[index + 1 :])
    return (), tuple(lines)


def _differs(old: Skill, new: Skill) -> bool:
    return (
        old.sha256 != new.sha256
        or old.raw != new.raw
        or _files_key(old) != _files_key(new)
        or old.category != new.category
        or old.folder != new.folder
        # Files that are never read (an unsafe name, a hard link, a FIFO) change no bytes
        # above, only what is reported.
        or _problems(old) != _problems(new)
    )


def _problems(skill: Skill) -> set[tuple[str, str]]:
    return {(d.path, d.code) for d in skill.diagnostics}


def _skill_change(old: Skill, new: Skill) -> SkillChange:
    body_diff = tuple(
        difflib.unified_diff(old.body.split("\n"), new.body.split("\n"), lineterm="", n=1)
    )[2:]
    added = sum(1 for line in body_diff if line.startswith("+"))
    removed = sum(1 for line in body_diff if line.startswith("-"))
    return SkillChange(
        before=SkillRef.of(old),
        after=SkillRef.of(new),
        fields=_field_changes(old, new),
        body_added=added,
        body_removed=removed,
        body_diff=body_diff,
        files=_files_change(old, new),
    )


def _field_values(skill: Skill) -> dict[str, str]:
    values = {
        "description": skill.description,
        "license": skill.license,
        "compatibility": skill.compatibility,
        "allowed-tools": " ".join(skill.allowed_tools),
    }
    values = {k: v for k, v in values.items() if v}
    values.update({f"metadata.{k}": v for k, v in skill.metadata.items()})
    return values


def _field_changes(old: Skill, new: Skill) -> tuple[FieldChange, ...]:
    changes: list[FieldChange] = []
    for attribute in ("category", "folder"):
        before, after = getattr(old, attribute), getattr(new, attribute)
        if before != after:
            changes.append(FieldChange(attribute, before, after))
    before_values, after_values = _field_values(old), _field_values(new)
    for key in sorted(before_values.keys() | after_values.keys(), key=_field_order):
        before, after = before_values.get(key), after_values.get(key)
        if before != after:
            changes.append(FieldChange(key, before, after))
    old_frontmatter = [x for x in split_skill_text(old.raw)[0] if not _is_name_line(x)]
    new_frontmatter = [x for x in split_skill_text(new.raw)[0] if not _is_name_line(x)]
    if old_frontmatter != new_frontmatter and not any(
        c.field not in ("category", "folder") for c in changes
    ):
        changes.append(FieldChange("frontmatter", None, None))
    return tuple(changes)


_FIELD_ORDER = ("description", "license", "compatibility", "allowed-tools")


def _field_order(key: str) -> tuple[int, str]:
    return (_FIELD_ORDER.index(key), key) if key in _FIELD_ORDER else (len(_FIELD_ORDER), key)


def _files_change(old: Skill, new: Skill) -> FilesChange:
    before = {f.path: f.sha256 for f in old.files}
    after = {f.path: f.sha256 for f in new.files}
    return FilesChange(
        added=tuple(sorted(after.keys() - before.keys())),
        removed=tuple(sorted(before.keys() - after.keys())),
        changed=tuple(sorted(p for p in before.keys() & after.keys() if before[p] != after[p])),
    )


def _catalog_level(catalog: Catalog) -> list[Diagnostic]:
    per_skill = {d for skill in catalog.skills for d in skill.diagnostics}
    return [d for d in catalog.diagnostics if d not in per_skill]


def _new_catalog_diagnostics(base: Catalog, head: Catalog) -> list[Diagnostic]:
    def key(d: Diagnostic) -> tuple[str, str, str]:
        return (d.path, d.code, d.message)

    known = {key(d) for d in _catalog_level(base)}
    return [d for d in _catalog_level(head) if key(d) not in known]


# --- rendering ---------------------------------------------------------------------------


def to_json(diff: CatalogDiff, base_label: str, head_label: str, preview_url: str = "") -> str:
    preview = _with_slash(preview_url)

    def url(ref: SkillRef) -> str | None:
        return f"{preview}skills/{ref.name}/" if preview and ref.valid else None

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
        return f"[{name}]({preview}skills/{ref.name}/)" if preview and ref.valid else name

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
