"""What the renderers need to know about the site being built (URLs, dates, tools)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from urllib.parse import quote

from skillsite import layout
from skillsite.provenance import CatalogHistory


@dataclass(frozen=True, slots=True)
class InstallTool:
    """One tab of the install box.

    Folders are where the tool reads skills (see docs/install.md for each tool's source);
    agent ids are the `-a` value of `npx skills add` and the `--agent` value of
    `gh skill install`. An empty field leaves that command out of the tab.
    """

    key: str  # stable id, e.g. "claude-code"
    title: str  # tab label, e.g. "Claude Code"
    folder: str = ""  # project skills folder, e.g. ".claude/skills"
    user_folder: str = ""  # user-wide skills folder under the home folder
    skills_agent: str = ""  # `npx skills add ... -a <id>`
    gh_agent: str = ""  # `gh skill install ... --agent <id>`
    # A custom command template instead of the built-in commands; fields: {name},
    # {category}, {archive_url}, {archive_sha256}, {raw_url}, {source_url}, {folder}.
    # Values are shell-quoted on use.
    command: str = ""


DEFAULT_TOOLS: tuple[InstallTool, ...] = (
    InstallTool(
        "claude-code",
        "Claude Code",
        ".claude/skills",
        ".claude/skills",
        "claude-code",
        "claude-code",
    ),
    InstallTool(
        "copilot",
        "GitHub Copilot",
        ".github/skills",
        ".copilot/skills",
        "github-copilot",
        "github-copilot",
    ),
    InstallTool("cursor", "Cursor", ".cursor/skills", ".cursor/skills", "cursor", "cursor"),
    InstallTool(
        "agents", "Codex and other agents", ".agents/skills", ".agents/skills", "codex", "codex"
    ),
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
    history_url_template: str = ""  # the repository's commit list for "{path}"
    catalog_path_in_repo: str = "catalog"  # prefix of skill folders in the repository
    # "OWNER/REPO" when the repository is on GitHub (for `gh skill install`), else "".
    github_repository: str = ""
    tools: tuple[InstallTool, ...] = DEFAULT_TOOLS
    # Last-updated time per skill folder (Skill.folder); see dates.py.
    updated: Mapping[str, datetime] = field(default_factory=lambda: MappingProxyType({}))
    # Git history per skill folder (provenance.py); empty outside git.
    history: CatalogHistory = field(default_factory=CatalogHistory)

    def skill_url(self, name: str) -> str:
        return self.site_url + layout.skill_folder(name)

    def archive_url(self, name: str) -> str:
        return self.download_base + layout.archive_path(name)

    def raw_url(self, name: str, relative_path: str = layout.SKILL_FILE) -> str:
        return self.download_base + layout.raw_file_path(name, relative_path)

    @property
    def install_source_url(self) -> str:
        """What `npx skills add` is given: the root that holds `.well-known/agent-skills/`."""
        return self.download_base

    def _repository_url(self, template: str, catalog_relative_path: str) -> str:
        if not template:
            return ""
        prefix = self.catalog_path_in_repo.strip("/")
        path = f"{prefix}/{catalog_relative_path}" if prefix else catalog_relative_path
        return template.format(path=quote(path, errors="surrogateescape"))

    def source_url(self, catalog_relative_path: str) -> str:
        return self._repository_url(self.source_url_template, catalog_relative_path)

    def edit_url(self, catalog_relative_path: str) -> str:
        return self._repository_url(self.edit_url_template, catalog_relative_path)

    def history_url(self, catalog_relative_path: str) -> str:
        return self._repository_url(self.history_url_template, catalog_relative_path)
