"""The immutable catalog model that every later step (render, emit, diff) reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from skillsite.diagnostics import Diagnostic
from skillsite.risk import RiskFinding, ScriptFile

UNCATEGORIZED = "uncategorized"


def frozen_mapping(values: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(values or {}))


@dataclass(frozen=True, slots=True)
class SupportingFile:
    """A regular file inside a skill folder other than SKILL.md."""

    path: str  # POSIX path relative to the skill folder, e.g. "references/api.md"
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Category:
    key: str  # folder name, used in URLs
    title: str
    description: str = ""
    icon: str = ""  # Material icon shortcode such as "material/database"; empty for none
    order: int = 1000  # lower sorts first; ties sort by title


@dataclass(frozen=True, slots=True)
class Skill:
    """One SKILL.md as found, valid or not.

    An invalid skill keeps what could be read (at least its folder and file) so that it
    can be reported; `valid` is False when any of its diagnostics is an error.
    """

    name: str  # the frontmatter name when it is a string, else the folder name
    category: str  # category key
    folder: str  # skill folder, POSIX path relative to the catalog root
    skill_file: str  # the SKILL.md file, POSIX path relative to the catalog root
    description: str = ""
    license: str = ""
    compatibility: str = ""
    allowed_tools: tuple[str, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=frozen_mapping)
    tags: tuple[str, ...] = ()
    body: str = ""  # Markdown after the frontmatter, newlines normalised to "\n"
    body_start_line: int = 1  # line of SKILL.md on which the body starts
    raw: bytes = b""  # the file's exact bytes, for the raw copy and "copy SKILL.md"
    files: tuple[SupportingFile, ...] = ()
    sha256: str = ""  # digest of the skill folder's content (names and bytes), see digest.py
    size: int = 0  # bytes of SKILL.md plus supporting files
    line_count: int = 0  # lines of SKILL.md
    # The static risk scan (risk.py): findings in any of its files, allowed ones included,
    # and the scripts it ships.
    risks: tuple[RiskFinding, ...] = ()
    scripts: tuple[ScriptFile, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    # Line hashes of the body (related.body_line_hashes, packed 4 bytes each: a tuple of
    # ints costs 9 times the memory), kept for the near-duplicate check when the body
    # itself is not (`skillsite check`).
    body_fingerprint: bytes = b""

    @property
    def valid(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


@dataclass(frozen=True, slots=True)
class Catalog:
    root: Path
    categories: tuple[Category, ...]  # sorted by (order, title)
    skills: tuple[Skill, ...]  # every SKILL.md found, sorted by (category, name, folder)
    diagnostics: tuple[Diagnostic, ...]  # every diagnostic, sorted by Diagnostic.sort_key

    @property
    def valid_skills(self) -> tuple[Skill, ...]:
        return tuple(s for s in self.skills if s.valid)

    @property
    def error_count(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warning_count(self) -> int:
        return sum(1 for d in self.diagnostics if not d.is_error)

    def category(self, key: str) -> Category | None:
        return next((c for c in self.categories if c.key == key), None)

    def skills_in(self, key: str) -> tuple[Skill, ...]:
        return tuple(s for s in self.valid_skills if s.category == key)
