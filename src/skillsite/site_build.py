"""From settings to everything a site build needs: catalog, SiteInfo, pages.

Both the MkDocs hooks and `skillsite generate` call `prepare_site`, so the two produce
the same pages from the same mkdocs.yml.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from skillsite.artifacts import publish_skills
from skillsite.dates import skill_updated_times
from skillsite.loader import load_catalog
from skillsite.model import Catalog
from skillsite.provenance import catalog_history, git_remote_url
from skillsite.published import PublishedSkill
from skillsite.site_config import catalog_root, load_options, path_in_repository, site_info
from skillsite.site_info import SiteInfo
from skillsite.site_pages import generate_pages


@dataclass(frozen=True, slots=True)
class PreparedSite:
    catalog: Catalog
    site: SiteInfo
    pages: dict[str, str]
    published: list[PublishedSkill]


def prepare_site(
    *,
    config_dir: Path,
    site_name: str,
    site_url: str | None,
    repo_url: str | None,
    settings: Mapping[str, object],
    show_invalid: bool = False,
    before_publish: Callable[[SiteInfo], None] | None = None,
) -> PreparedSite:
    """Raises CatalogRootError (unreadable catalog), SiteConfigError (bad settings) or
    SourceDateEpochError.

    `before_publish` runs once the skills' dates are known and before their archives are
    packed (the MkDocs adapter pins SOURCE_DATE_EPOCH there)."""
    root = catalog_root(config_dir, settings)
    catalog = load_catalog(root, load_options(settings))
    folders = [s.folder for s in catalog.valid_skills]
    history = catalog_history(root, folders)
    # One git log gives both: dates come from the history, other folders fall back.
    known = {folder: found.changed for folder, found in history.folders.items()}
    site = site_info(
        site_name=site_name,
        site_url=site_url,
        repo_url=os.environ.get("SKILLSITE_REPO_URL") or repo_url or git_remote_url(root),
        settings=settings,
        catalog_path_in_repo=path_in_repository(root),
        updated=skill_updated_times(root, folders, known=known if history.under_git else None),
        history=history,
    )
    if before_publish is not None:
        before_publish(site)
    published = publish_skills(catalog, site)
    archive_digests = {p.skill.name: hashlib.sha256(p.archive).hexdigest() for p in published}
    pages = generate_pages(catalog, site, archive_digests, show_invalid=show_invalid)
    return PreparedSite(catalog, site, pages, published)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running anything: `!ENV` resolves, other tags are None."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    names = loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[v] for v in variables if v in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_config(path: Path) -> dict:
    """The parts of mkdocs.yml `generate` needs, read with a safe loader."""
    with path.open(encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}
