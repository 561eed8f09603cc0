"""Zensical: generate the pages with the core, write a config for them, build, add files.

Zensical reads mkdocs.yml-style YAML but runs no hooks, so the hook's work happens here
first (`skillsite generate`), and Zensical gets a config whose `docs_dir` holds the
generated pages and whose `nav` is the one the hook would set.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import pathspec
import yaml

from skillsite.body_toc import EXTENSION as BODY_TOC_EXTENSION
from skillsite.commands import generate
from skillsite.engine_guard import EXTENSION as GUARD_EXTENSION
from skillsite.engines import BuildRequest
from skillsite.engines.built_pages import (
    add_sections_to_search_index,
    add_sitemap_dates,
    sanitize_skill_pages,
)
from skillsite.settings import VERSION_ENV, read_mkdocs_config
from skillsite.site_nav import NAV_FILE

CONFIG_NAME = "zensical.yml"
# MkDocs-only keys: Zensical has no hooks; the rest is applied here to the generated docs.
DROPPED_KEYS = ("hooks", "exclude_docs", "not_in_nav")


def _extension_name(entry: object) -> object:
    return next(iter(entry)) if isinstance(entry, dict) and len(entry) == 1 else entry


ZENSICAL_CSS = "assets/skillsite-zensical.css"


def zensical_config(config: dict, config_dir: Path, work: Path) -> dict:
    """The site's mkdocs.yml, pointed at the generated pages (other paths made absolute).

    Zensical wants docs_dir and site_dir inside the config's folder: both are in `work`.
    """
    result = {key: value for key, value in config.items() if key not in DROPPED_KEYS}
    result["docs_dir"] = "docs"
    result["site_dir"] = "site"
    result["nav"] = json.loads((work / NAV_FILE).read_text(encoding="utf-8"))
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((config_dir / str(theme["custom_dir"])).resolve())
    result["theme"] = theme
    # Zensical's modern theme draws some parts differently (a light footer): its own
    # contrast fixes come after the site's stylesheets.
    result["extra_css"] = [*(config.get("extra_css") or []), ZENSICAL_CSS]
    result["markdown_extensions"] = [
        *(
            entry
            for entry in config.get("markdown_extensions") or []
            if _extension_name(entry) != GUARD_EXTENSION
        ),
        BODY_TOC_EXTENSION,  # the hook's part of the table of contents (body_toc.py)
    ]
    # Zensical always builds its own search index unless told not to; MkDocs builds one
    # only with its search plugin (the site's own index, search/skills.json, is a file).
    search = _plugin(config.get("plugins"), "search")
    result["plugins"] = {
        "search": {**search, "enabled": True} if search is not None else {"enabled": False}
    }
    extra = dict(config.get("extra") or {})
    if not os.environ.get(VERSION_ENV):
        # As the hook does: only a version published by mike has versions.json.
        extra.pop("version", None)
    result["extra"] = extra
    return result


def _plugin(plugins: object, name: str) -> dict | None:
    """The options of plugin `name` in MkDocs' `plugins` list, or None when it is absent."""
    for entry in plugins if isinstance(plugins, list) else []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return dict(entry[name] or {})
    return None


def _remove_excluded(docs: Path, patterns: object) -> None:
    """`exclude_docs` (gitignore patterns) applied to the generated docs folder."""
    if not isinstance(patterns, str):
        return
    spec = pathspec.GitIgnoreSpec.from_lines(patterns.splitlines())
    for path in sorted(docs.rglob("*")):
        if path.is_file() and spec.match_file(path.relative_to(docs).as_posix()):
            path.unlink()


def _run_zensical(config_file: Path, strict: bool) -> int:
    import zensical

    try:
        zensical.build(str(config_file), {"clean": True, "strict": strict})
    except Exception as error:  # the engine reports every failure as a RuntimeError
        print(f"zensical: {error}", file=sys.stderr)
        return 1
    return 0


def build_with_zensical(request: BuildRequest) -> int:
    config_path = request.config.resolve()
    config_dir = config_path.parent
    config = read_mkdocs_config(config_path)
    site_dir = (request.site_dir or config_dir / str(config.get("site_dir") or "site")).resolve()
    with tempfile.TemporaryDirectory(prefix="skillsite-zensical-") as folder:
        work = Path(folder)
        status = generate.run(
            argparse.Namespace(
                out=str(work),
                catalog=str(request.catalog) if request.catalog else None,
                config=str(config_path),
                strict=request.strict,
            )
        )
        if status == 2 or (status and request.strict):
            print("zensical: aborted: the catalog has problems (listed above)", file=sys.stderr)
            return 1
        _remove_excluded(work / "docs", config.get("exclude_docs"))
        config_file = work / CONFIG_NAME
        generated = zensical_config(config, config_dir, work)
        config_file.write_text(yaml.safe_dump(generated, sort_keys=False), encoding="utf-8")
        status = _run_zensical(config_file, request.strict)
        if status:
            return status
        # Raw files, archives, API, feeds, search: as the hook's on_post_build writes them.
        shutil.copytree(work / "files", work / "site", dirs_exist_ok=True)
        sanitize_skill_pages(work / "site")
        add_sections_to_search_index(work / "site")
        build_date = (work / generate.BUILD_DATE_FILE).read_text(encoding="utf-8")
        add_sitemap_dates(work / "site", datetime.fromisoformat(build_date))
        if site_dir.exists():
            shutil.rmtree(site_dir)
        shutil.move(work / "site", site_dir)
    return 0
