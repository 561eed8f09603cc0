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
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from skillsite.diagnostics import Diagnostic
from skillsite.model import Catalog, Skill
from skillsite.parse import normalized_text, split_frontmatter


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
    """SKILL.md as (frontmatter lines, other lines); no frontmatter gives ((), all lines).

    The same frontmatter split as `parse` (a `---` inside a value never ends the block).
    """
    text = normalized_text(raw, errors="replace")
    split = split_frontmatter(text)
    if split is None:
        return (), tuple(text.split("\n"))
    yaml_lines = split.yaml_text.split("\n")[:-1] if split.yaml_text else []
    return tuple(yaml_lines), tuple(split.body.split("\n"))


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
