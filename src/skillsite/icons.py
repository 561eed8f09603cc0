"""Category icons checked against the icon sets of the themes that may build the site.

Material (MkDocs, ProperDocs) and Zensical both fail a whole build on an icon they do not
ship; the core drops an unknown icon before any engine sees the page, and says so.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic
from skillsite.model import Catalog, Category

# Theme packages whose templates ship `.icons/<set>/<name>.svg`.
THEME_PACKAGES = ("material", "zensical")
ICON_FOLDER = ".icons"
_ICON_LINE = re.compile(r"^icon\s*:", re.MULTILINE)


def theme_icon_folders() -> list[Path]:
    """`.icons` of every installed theme package (found without importing it)."""
    folders = []
    for package in THEME_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / ICON_FOLDER
        if folder.is_dir():
            folders.append(folder)
    return folders


def icon_exists(icon: str, theme_folders: Sequence[Path], custom_dir: Path | None) -> bool:
    """The icon is in the site's own overrides, or in every installed theme."""
    relative = f"{icon}.svg"
    if custom_dir is not None and (custom_dir / ICON_FOLDER / relative).is_file():
        return True
    return bool(theme_folders) and all((f / relative).is_file() for f in theme_folders)


def _icon_line(root: Path, category: Category) -> tuple[str, int]:
    path = f"{category.key}/category.yml"
    try:
        text = (root / path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return path, 1
    match = _ICON_LINE.search(text)
    return path, (text.count("\n", 0, match.start()) + 1) if match else 1


def unknown_icon(root: Path, category: Category) -> Diagnostic:
    path, line = _icon_line(root, category)
    return diagnostic(
        "category-icon-unknown",
        path,
        f"the icon {category.icon!r} is not an icon of the theme; the category is shown without it",
        line,
    )


def with_known_icons(catalog: Catalog, custom_dir: Path | None = None) -> Catalog:
    """The catalog with unknown category icons removed and reported."""
    folders = theme_icon_folders()
    categories: list[Category] = []
    problems: list[Diagnostic] = []
    for category in catalog.categories:
        if category.icon and not icon_exists(category.icon, folders, custom_dir):
            problems.append(unknown_icon(catalog.root, category))
            category = replace(category, icon="")
        categories.append(category)
    if not problems:
        return catalog
    diagnostics = tuple(sorted((*catalog.diagnostics, *problems), key=Diagnostic.sort_key))
    return replace(catalog, categories=tuple(categories), diagnostics=diagnostics)
