"""Parsed settings (see settings.py) and the environment into a SiteInfo.

Kept free of MkDocs types: the adapter passes plain values, so `skillsite generate`
builds the same SiteInfo from the same mkdocs.yml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

from skillsite.loader import LoadOptions
from skillsite.provenance import CatalogHistory
from skillsite.settings import (
    CATALOG_ENV,
    VERSION_ENV,
    BuildEnvironment,
    Settings,
    SiteConfigError,
)
from skillsite.site_info import DEFAULT_TOOLS, InstallTool, SiteInfo

__all__ = [
    "CATALOG_ENV",
    "LOCAL_SITE_WARNING",
    "VERSION_ENV",
    "SiteConfigError",
    "load_options",
    "path_in_repository",
    "site_info",
    "site_url_missing",
]
LOCAL_SITE_URL = "http://127.0.0.1:8000/"
_GITHUB_REPOSITORY = re.compile(
    r"https://github\.com/(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?"
)


def load_options(settings: Settings) -> LoadOptions:
    """Per-skill limits from `extra.skillsite` (`max_skill_files`, `max_skill_bytes`)."""
    return LoadOptions(
        max_skill_files=settings.max_skill_files, max_skill_bytes=settings.max_skill_bytes
    )


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _tool(entry: object, where: str, *, command_required: bool) -> InstallTool:
    needs = "a title and a command" if command_required else "a title and a folder or command"
    if not isinstance(entry, Mapping) or not entry.get("title"):
        raise SiteConfigError(f"{where} needs {needs}")
    if command_required and not entry.get("command"):
        raise SiteConfigError(f"{where} needs {needs}")
    return InstallTool(
        key=str(entry.get("key") or entry["title"]).lower().replace(" ", "-"),
        title=str(entry["title"]),
        folder=str(entry.get("folder") or ""),
        user_folder=str(entry.get("user_folder") or ""),
        skills_agent=str(entry.get("skills_agent") or ""),
        gh_agent=str(entry.get("gh_agent") or ""),
        command=str(entry.get("command") or ""),
    )


def _tools(settings: Settings) -> tuple[InstallTool, ...]:
    """`tools` replaces the built-in tabs; `extra_tools` adds command tabs after them."""
    tools = list(DEFAULT_TOOLS) if settings.tools is None else []
    tools += [
        _tool(entry, f"extra.skillsite.tools[{index}]", command_required=False)
        for index, entry in enumerate(settings.tools or ())
    ]
    tools += [
        _tool(entry, f"extra.skillsite.extra_tools[{index}]", command_required=True)
        for index, entry in enumerate(settings.extra_tools)
    ]
    return tuple(tools)


def site_info(
    *,
    site_name: str,
    site_url: str | None,
    repo_url: str | None,
    settings: Settings,
    catalog_path_in_repo: str,
    updated: Mapping[str, datetime],
    version: str = "",
    history: CatalogHistory | None = None,
) -> SiteInfo:
    """`version` is the mike version being built (SKILLSITE_VERSION), if any."""
    base = _with_slash(site_url or LOCAL_SITE_URL)
    version = version.strip("/")
    # While mike builds a version, its plugin has already moved site_url into the
    # version's folder; a plain build with SKILLSITE_VERSION set has not.
    in_version = not version or base.endswith(f"/{version}/")
    download_base = base if in_version else f"{base}{version}/"
    branch = settings.branch
    source_template = edit_template = history_template = ""
    if repo_url:
        repository = repo_url.rstrip("/")
        # GitLab puts its views under "/-/"; GitHub (and the default) does not.
        views = (
            f"{repository}/-" if "gitlab" in (urlsplit(repository).hostname or "") else repository
        )
        source_template = f"{views}/blob/{branch}/{{path}}"
        edit_template = f"{views}/edit/{branch}/{{path}}"
        history_template = f"{views}/commits/{branch}/{{path}}"
    return SiteInfo(
        site_name=site_name,
        site_url=base,
        download_base=download_base,
        source_url_template=source_template,
        edit_url_template=edit_template,
        history_url_template=history_template,
        history=history or CatalogHistory(),
        catalog_path_in_repo=catalog_path_in_repo,
        github_repository=github_repository(repo_url or ""),
        tools=_tools(settings),
        updated=MappingProxyType(dict(updated)),
    )


def github_repository(repo_url: str) -> str:
    """ "OWNER/REPO" from a github.com repository URL, else ""."""
    match = _GITHUB_REPOSITORY.fullmatch(repo_url.strip())
    return f"{match['owner']}/{match['repo']}" if match else ""


def site_url_missing(site_url: str | None, environment: BuildEnvironment) -> bool:
    """Whether the build fell back to the local default: no SKILLSITE_SITE_URL and no
    other `site_url` (a URL chosen on purpose, even a local one, is not warned about)."""
    if environment.site_url:
        return False
    return _with_slash(site_url or LOCAL_SITE_URL) == LOCAL_SITE_URL


LOCAL_SITE_WARNING = (
    "site_url is {url}: install commands, API URLs and the feed point at this machine. "
    "Set SKILLSITE_SITE_URL (or site_url in mkdocs.yml) to the public URL of the site"
)


def path_in_repository(catalog: Path) -> str:
    """The catalog's path from the top of its git work tree, found without running git."""
    for parent in (catalog, *catalog.parents):
        if (parent / ".git").exists():
            return catalog.relative_to(parent).as_posix()
    return catalog.name
