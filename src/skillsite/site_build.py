"""From settings to everything a site build needs: catalog, SiteInfo, pages.

Both the MkDocs hooks and `skillsite generate` call `prepare_site`, so the two produce
the same pages from the same mkdocs.yml.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from skillsite.artifacts import publish_skills
from skillsite.dates import build_date, skill_updated_times
from skillsite.diagnostics import Diagnostic
from skillsite.icons import with_known_icons
from skillsite.loader import load_catalog
from skillsite.model import Catalog
from skillsite.provenance import catalog_history, changed_times, git_remote_url
from skillsite.published import PublishedSkill
from skillsite.settings import BuildEnvironment, Settings, resolve_catalog
from skillsite.site_config import load_options, path_in_repository, site_info
from skillsite.site_info import SiteInfo
from skillsite.site_pages import generate_pages


@dataclass(frozen=True, slots=True)
class PreparedSite:
    catalog: Catalog
    site: SiteInfo
    pages: dict[str, str]
    published: list[PublishedSkill]
    build_date: datetime  # see dates.build_date; computed once per build
    source_date: datetime | None = None  # the caller's SOURCE_DATE_EPOCH, if any
    # Found while rendering (a body past its time budget), beside catalog.diagnostics.
    render_problems: tuple[Diagnostic, ...] = ()


def prepare_site(
    *,
    config_dir: Path,
    site_name: str,
    site_url: str | None,
    repo_url: str | None,
    settings: Settings,
    show_invalid: bool = False,
    environment: BuildEnvironment | None = None,
    custom_dir: Path | None = None,
) -> PreparedSite:
    """Raises CatalogRootError (unreadable catalog) or SiteConfigError (bad settings).

    `environment` is what the caller read from its environment (a catalog given on the
    command line replaces `environment.catalog`); the core reads none itself.
    """
    environment = environment or BuildEnvironment()
    source_date = environment.source_date
    root = resolve_catalog(config_dir, settings, environment.catalog)
    catalog = with_known_icons(load_catalog(root, load_options(settings)), custom_dir)
    folders = [s.folder for s in catalog.valid_skills]
    history = catalog_history(root, folders)
    # One git log gives both: dates come from the history, other folders fall back.
    updated = skill_updated_times(root, folders, changed_times(history), source_date)
    site = site_info(
        site_name=site_name,
        site_url=site_url,
        repo_url=environment.repo_url or repo_url or git_remote_url(root),
        settings=settings,
        catalog_path_in_repo=path_in_repository(root),
        updated=updated,
        version=environment.version,
        history=history,
    )
    date = build_date(config_dir, source_date, updated)
    # A skill without any date is packed with the build's date.
    published = publish_skills(catalog, site, date)
    archive_digests = {p.skill.name: hashlib.sha256(p.archive).hexdigest() for p in published}
    problems: list[Diagnostic] = []
    pages = generate_pages(
        catalog, site, archive_digests, show_invalid=show_invalid, problems=problems
    )
    return PreparedSite(
        catalog, site, pages, published, date, source_date, render_problems=tuple(problems)
    )
