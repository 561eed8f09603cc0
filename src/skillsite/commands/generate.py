"""`skillsite generate`: write the generated pages and artifacts as plain files.

For engines that do not run MkDocs hooks (Zensical): point the engine's docs folder at
`OUT/docs` (hand-written pages from docs/ are copied in too), its `nav` at `OUT/nav.json`,
and copy `OUT/files` over the built site's root. `OUT/build-date` holds the build's
date (ISO 8601), for the sitemap. `skillsite build --engine zensical` does all of that.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

from skillsite.artifacts import build_artifacts
from skillsite.commands.site_options import add_site_options, config_file
from skillsite.dates import SourceDateEpochError
from skillsite.loader import CatalogRootError
from skillsite.output import write_files
from skillsite.search_index import search_index_files
from skillsite.settings import (
    BuildEnvironment,
    SiteConfigError,
    parse_settings,
    read_mkdocs_config,
)
from skillsite.site_build import prepare_site
from skillsite.site_config import LOCAL_SITE_WARNING, site_url_missing
from skillsite.site_nav import NAV_FILE, navigation

HELP = "write the site's generated pages and files to a folder"
BUILD_DATE_FILE = "build-date"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    add_site_options(parser, "exit 1 on any catalog warning, as a strict build")


def run(args: argparse.Namespace) -> int:
    config_path = config_file("generate", args)
    if config_path is None:
        return 2
    try:
        config = read_mkdocs_config(config_path)
        extra = config.get("extra") or {}
        settings = parse_settings(extra.get("skillsite") if isinstance(extra, dict) else None)
        environment = BuildEnvironment.read(os.environ)
        if args.catalog:
            environment = replace(environment, catalog=str(Path(args.catalog).resolve()))
        prepared = prepare_site(
            config_dir=config_path.resolve().parent,
            site_name=str(config.get("site_name") or "Skills catalog"),
            site_url=config.get("site_url"),
            repo_url=config.get("repo_url"),
            settings=settings,
            environment=environment,
            custom_dir=theme_custom_dir(config_path.resolve().parent, config),
        )
    except (CatalogRootError, SiteConfigError, SourceDateEpochError) as error:
        print(f"skillsite generate: {error}", file=sys.stderr)
        return 2
    if site_url_missing(prepared.site.site_url, environment):
        print(
            f"skillsite generate: warning: {LOCAL_SITE_WARNING.format(url=prepared.site.site_url)}",
            file=sys.stderr,
        )
    out = Path(args.out)
    docs_out, files_out = out / "docs", out / "files"
    for folder in (docs_out, files_out):
        if folder.exists():
            shutil.rmtree(folder)
    hand_written = config_path.resolve().parent / str(config.get("docs_dir") or "docs")
    if hand_written.is_dir():
        shutil.copytree(hand_written, docs_out)
    write_files(docs_out, {uri: text.encode("utf-8") for uri, text in prepared.pages.items()})
    artifacts = build_artifacts(
        prepared.catalog, prepared.site, prepared.published, prepared.build_date
    )
    # Without rendered pages, section links in the index lead to the top of each page.
    artifacts.update(search_index_files(prepared.catalog))
    write_files(files_out, artifacts)
    nav = navigation(prepared.catalog, prepared.pages, list(settings.nav))
    (out / NAV_FILE).write_text(json.dumps(nav, indent=1), encoding="utf-8")
    (out / BUILD_DATE_FILE).write_text(prepared.build_date.isoformat(), encoding="utf-8")
    problems = (*prepared.catalog.diagnostics, *prepared.render_problems)
    for diagnostic in problems:
        print(diagnostic.to_text(), file=sys.stderr)
    print(
        f"wrote {len(prepared.pages)} pages to {docs_out} and {len(artifacts)} files to "
        f"{files_out}; {len(prepared.catalog.valid_skills)} of "
        f"{len(prepared.catalog.skills)} skills are valid"
    )
    if args.strict and problems:
        print(
            f"skillsite generate: {len(problems)} problems in the catalog "
            "(strict: every warning counts)",
            file=sys.stderr,
        )
        return 1
    return 1 if prepared.catalog.error_count or prepared.render_problems else 0


def theme_custom_dir(config_dir: Path, config: dict) -> Path | None:
    """`theme.custom_dir` of mkdocs.yml, resolved from the config's folder."""
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return (config_dir / str(custom)).resolve() if custom else None
