"""MkDocs adapter: load the catalog with the core and hand MkDocs its pages and files.

Hooks load once per `mkdocs serve` process, so state lives in one small object that
`on_config` rebuilds for every build (serve rebuilds call it again).
"""

from __future__ import annotations

import html
import logging
import os
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from skillsite import report
from skillsite.a11y import label_task_checkboxes
from skillsite.artifacts import build_artifacts
from skillsite.dates import SOURCE_DATE_EPOCH, SourceDateEpochError
from skillsite.engine_guard import mark_hook_ran
from skillsite.loader import CatalogRootError
from skillsite.model import Catalog, Skill
from skillsite.output import write_files
from skillsite.published import PublishedSkill
from skillsite.render import BODY_MARKER, skill_page_uri
from skillsite.sanitize import sanitize_html
from skillsite.search_index import search_index_files
from skillsite.settings import (
    CATALOG_ENV,
    BuildEnvironment,
    Settings,
    SiteConfigError,
    parse_settings,
    resolve_catalog,
)
from skillsite.site_build import prepare_site
from skillsite.site_config import LOCAL_SITE_WARNING, site_url_missing
from skillsite.site_info import SiteInfo
from skillsite.site_nav import navigation

# Only loggers under "mkdocs." count towards `mkdocs build --strict`.
log = logging.getLogger("mkdocs.plugins.skillsite")
site_url_log = logging.getLogger("skillsite.site_url")


@dataclass
class BuildState:
    command: str = "build"
    catalog: Catalog | None = None
    # SOURCE_DATE_EPOCH was set by this module (for MkDocs), not by the caller.
    own_epoch: bool = False
    source_date: datetime | None = None  # the caller's SOURCE_DATE_EPOCH, read once
    build_date: datetime | None = None  # dates.build_date, computed by the core
    site: SiteInfo | None = None
    pages: dict[str, str] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)  # page uri -> valid skill
    published: list[PublishedSkill] = field(default_factory=list)
    warned_local_site_url: bool = False
    # skill name -> (heading text, anchor) of its rendered page, for the search index
    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


state = BuildState()


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


def _settings(config: MkDocsConfig) -> Settings:
    try:
        return parse_settings(config.extra.get("skillsite"))
    except SiteConfigError as error:
        raise PluginError(str(error)) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    mark_hook_ran()
    settings = _settings(config)
    try:
        environment = BuildEnvironment.read(os.environ)
        if state.own_epoch:  # a serve rebuild: SOURCE_DATE_EPOCH is this module's own
            environment = replace(environment, source_date=state.source_date)
        state.source_date = environment.source_date
        prepared = prepare_site(
            config_dir=Path(config.config_file_path).parent,
            site_name=config.site_name,
            site_url=config.site_url,
            repo_url=config.repo_url,
            settings=settings,
            show_invalid=state.command == "serve",
            environment=environment,
            custom_dir=Path(config.theme.custom_dir) if config.theme.custom_dir else None,
        )
    except (CatalogRootError, SiteConfigError, SourceDateEpochError) as error:
        raise PluginError(str(error)) from None
    catalog = prepared.catalog
    for diagnostic in (*catalog.diagnostics, *prepared.render_problems):
        log.warning(diagnostic.to_text())
    if catalog.diagnostics:
        log.warning(
            "%d errors and %d warnings in the catalog at %s; invalid skills are %s",
            catalog.error_count,
            catalog.warning_count,
            catalog.root,
            "shown with their errors" if state.command == "serve" else "left out",
        )
    if config.strict and catalog.diagnostics:
        # MkDocs only counts the warnings it prints, and `-q` prints none: a strict build
        # must not depend on the log level to fail.
        raise PluginError(report.strict_failure(catalog))
    if prepared.site.edit_url_template and not config.repo_url:
        config.repo_url = environment.repo_url
    # Material asks the server for versions.json when a version provider is set: only
    # a build that mike publishes as a version has one.
    if not environment.version:
        config.extra.pop("version", None)
    if state.source_date is None:
        # MkDocs dates the sitemap from SOURCE_DATE_EPOCH: hand it the build's date.
        os.environ[SOURCE_DATE_EPOCH] = str(int(prepared.build_date.timestamp()))
        state.own_epoch = True
    _warn_local_site_url(config.site_url, environment)
    state.catalog, state.site, state.pages = catalog, prepared.site, prepared.pages
    state.published = prepared.published
    state.build_date = prepared.build_date
    state.skills = {skill_page_uri(s.name): s for s in catalog.valid_skills}
    state.sections = {}
    config.nav = navigation(catalog, state.pages, list(settings.nav))
    return config


def _warn_local_site_url(site_url: str | None, environment: BuildEnvironment) -> None:
    """Once per process, and not while serving (where localhost is right). Logged outside
    the `mkdocs.` loggers so that a plain `mkdocs build --strict` still succeeds."""
    if state.command == "serve" or state.warned_local_site_url:
        return
    if site_url_missing(site_url, environment):
        state.warned_local_site_url = True
        site_url_log.warning("WARNING -  %s", LOCAL_SITE_WARNING.format(url=site_url))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for uri, markdown in state.pages.items():
        existing = files.get_file_from_path(uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, uri, content=markdown))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    skill = state.skills.get(page.file.src_uri)
    if skill and state.site:
        # Generated pages have no file in docs/: point "edit" at the SKILL.md itself.
        page.edit_url = state.site.edit_url(skill.skill_file) or None
    return markdown


def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    skill = state.skills.get(page.file.src_uri)
    if skill is None:
        return label_task_checkboxes(content)
    # The core rendered the body (headings included) to HTML: the engine's own table of
    # contents saw only the install box. Body entries carry ids made by the core and
    # titles as escaped text.
    body_toc = page.meta.get("skill_toc")
    if isinstance(body_toc, list):
        page.toc = TableOfContents([*page.toc, *get_toc(body_toc)])
    state.sections[skill.name] = _page_sections(page)
    head, marker, body = content.partition(BODY_MARKER)
    if not marker:
        return label_task_checkboxes(content)
    # The body is sanitised HTML already; this is a second, independent pass. The marker
    # stays: the page template puts the skill's facts between install and body.
    return head + marker + label_task_checkboxes(sanitize_html(body))


def _page_sections(page: Page) -> list[tuple[str, str]]:
    """(heading, anchor) of the page's second and third level headings, the install box
    left out. Toc titles arrive as HTML; the index holds plain text."""
    sections: list[tuple[str, str]] = []
    pending = list(page.toc)
    while pending:
        item = pending.pop(0)
        if item.level in (2, 3) and item.id != "install":
            sections.append((html.unescape(item.title), item.id))
        pending[:0] = item.children
    return sections


def on_post_build(config: MkDocsConfig) -> None:
    if state.catalog is None or state.site is None:
        return
    try:
        artifacts = build_artifacts(state.catalog, state.site, state.published, state.build_date)
        artifacts.update(search_index_files(state.catalog, state.sections))
        write_files(Path(config.site_dir), artifacts)
    except (OSError, SourceDateEpochError) as error:
        raise PluginError(f"could not write the catalog's files: {error}") from None


def on_serve(server, config: MkDocsConfig, builder):
    # The catalog lives outside docs/: watch it so that saving a SKILL.md rebuilds.
    config_dir = Path(config.config_file_path).parent
    server.watch(str(resolve_catalog(config_dir, _settings(config), os.environ.get(CATALOG_ENV))))
    return server
