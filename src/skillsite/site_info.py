"""What the renderers need to know about the site being built (URLs, dates, tools)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from urllib.parse import quote


@dataclass(frozen=True, slots=True)
class InstallTool:
    """One tab of the install box."""

    key: str  # stable id, e.g. "claude-code"
    title: str  # tab label, e.g. "Claude Code"
    folder: str = ""  # skills folder the tool reads, e.g. ".claude/skills"
    # A custom command template instead of the archive download; fields: {name},
    # {category}, {archive_url}, {raw_url}, {folder}. Values are shell-quoted on use.
    command: str = ""


DEFAULT_TOOLS: tuple[InstallTool, ...] = (
    InstallTool("claude-code", "Claude Code", ".claude/skills"),
    InstallTool("copilot", "GitHub Copilot", ".github/skills"),
    InstallTool("cursor", "Cursor", ".cursor/skills"),
    InstallTool("agents", "Codex and other agents", ".agents/skills"),
)


@dataclass(frozen=True, slots=True)
class SiteInfo:
    site_name: str = "Skills catalog"
    # Absolute URL of the site root (ends with "/"); pages and feeds link here.
    site_url: str = "http://127.0.0.1:8000/"
    # Absolute URL (ends with "/") that install commands and raw/API links point into:
    # the site root, or the root of a published version such as ".../1.2/".
    download_base: str = "http://127.0.0.1:8000/"
    # Browse/edit URLs of catalog files: "{path}" is the file's path from the repo root.
    source_url_template: str = ""
    edit_url_template: str = ""
    catalog_path_in_repo: str = "catalog"  # prefix of skill folders in the repository
    tools: tuple[InstallTool, ...] = DEFAULT_TOOLS
    # Last-updated time per skill folder (Skill.folder); see dates.py.
    updated: Mapping[str, datetime] = field(default_factory=lambda: MappingProxyType({}))

    def skill_url(self, name: str) -> str:
        return f"{self.site_url}skills/{name}/"

    def archive_url(self, name: str) -> str:
        return f"{self.download_base}skills/{name}/{name}.tar.gz"

    def raw_url(self, name: str, relative_path: str = "SKILL.md") -> str:
        return f"{self.download_base}skills/{name}/{relative_path}"

    def _repository_url(self, template: str, catalog_relative_path: str) -> str:
        if not template:
            return ""
        prefix = self.catalog_path_in_repo.strip("/")
        path = f"{prefix}/{catalog_relative_path}" if prefix else catalog_relative_path
        return template.format(path=quote(path))

    def source_url(self, catalog_relative_path: str) -> str:
        return self._repository_url(self.source_url_template, catalog_relative_path)

    def edit_url(self, catalog_relative_path: str) -> str:
        return self._repository_url(self.edit_url_template, catalog_relative_path)
