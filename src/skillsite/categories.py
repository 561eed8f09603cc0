"""Category keys and the optional `category.yml` beside the skills.

Which category a skill belongs to follows its folder (POSIX, relative to the root):
- `<category>/<skill>`: the first component;
- `<skill>` (directly under the root): `metadata.category` when that is a valid key,
  else `uncategorized`;
- deeper layouts (`.curated/<skill>`, `<a>/<b>/<skill>`): the first component, too.
A first component is used as the key with leading dots removed (`.curated` ->
`curated`); one that is not lowercase letters, digits and hyphens is turned into such
a key (`My Tools` -> `my-tools`), with a `category-name` warning.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import yaml

from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic
from skillsite.model import UNCATEGORIZED, Category
from skillsite.safe_files import FileRefused, FileTooLarge, read_regular_file
from skillsite.validate import is_valid_key, slugify

CATEGORY_FILE = "category.yml"
CATEGORY_KEYS = ("title", "description", "icon", "order")
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_CATEGORY_FILE_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class CategoryPlace:
    key: str
    folder: str | None  # POSIX folder relative to the root that may hold category.yml


def fallback_title(key: str) -> str:
    return " ".join(part.capitalize() for part in key.split("-") if part) or key


def category_of(folder: str, metadata_category: str | None) -> CategoryPlace:
    parts = folder.split("/")
    if folder == "." or len(parts) == 1:
        if is_valid_key(metadata_category):
            return CategoryPlace(str(metadata_category), str(metadata_category))
        return CategoryPlace(UNCATEGORIZED, None)
    first = parts[0]
    key = first.lstrip(".")
    if not is_valid_key(key):
        key = slugify(key) or UNCATEGORIZED
    return CategoryPlace(key, first)


def category_name_warning(place: CategoryPlace, path: str) -> Diagnostic | None:
    if place.folder is None or place.folder.lstrip(".") == place.key:
        return None
    return diagnostic(
        "category-name",
        path,
        f"category folder {place.folder!r} is used as category {place.key!r}",
        hint=f"rename the folder to {place.key!r} (lowercase letters, digits and hyphens)",
    )


def load_category(root_real: str, place: CategoryPlace) -> tuple[Category, list[Diagnostic]]:
    """The category with its `category.yml` values, falling back field by field."""
    fallback = Category(key=place.key, title=fallback_title(place.key))
    if place.folder is None:
        return fallback, []
    rel = f"{place.folder}/{CATEGORY_FILE}"
    path = os.path.join(root_real, place.folder, CATEGORY_FILE)
    if not os.path.lexists(path):
        return fallback, []

    def problem(message: str, hint: str, line: int = 1, column: int = 1) -> Diagnostic:
        return diagnostic("category-file-invalid", rel, message, line, column, hint)

    real = os.path.realpath(path)
    if not (real == root_real or real.startswith(root_real + os.sep)):
        return fallback, [problem("category.yml is a link leading outside the catalog", "copy it")]
    if os.path.basename(real) != CATEGORY_FILE:
        # A link to `.env` or any other file must not turn its content into a title.
        return fallback, [
            problem("category.yml is a link to a file of another name", "make it a plain file")
        ]
    too_large = [problem("category.yml is over 64 KiB", "keep it to four short keys")]
    try:
        data = read_regular_file(path, MAX_CATEGORY_FILE_BYTES)
    except FileTooLarge:
        return fallback, too_large
    except FileRefused as refused:
        return fallback, [problem(refused.message, refused.hint)]
    except OSError as error:
        return fallback, [problem(f"cannot read: {error.strerror}", "fix its permissions")]
    if len(data) > MAX_CATEGORY_FILE_BYTES:
        return fallback, too_large
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return fallback, [problem("category.yml is not UTF-8", "re-save it as UTF-8")]
    if text.count("&") + text.count("*") > 32 or text.count("[") + text.count("{") > 32:
        return fallback, [problem("category.yml is too complex", "keep it to four short keys")]
    try:
        values = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        return fallback, [
            problem(
                f"invalid YAML: {error.problem}",
                "quote values that contain `: `",
                (mark.line + 1) if mark else 1,
                (mark.column + 1) if mark else 1,
            )
        ]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        return fallback, [problem(f"invalid YAML: {error}", "fix the YAML syntax")]
    if values is None:
        return fallback, []
    if not isinstance(values, dict):
        return fallback, [
            problem(
                "category.yml is not a mapping",
                "write `title:`, `description:`, `icon:`, `order:` lines",
            )
        ]
    diagnostics: list[Diagnostic] = []
    fields: dict[str, object] = {}
    for key, value in values.items():
        if key in ("title", "description", "icon"):
            if isinstance(value, str):
                fields[str(key)] = value.strip()
            else:
                diagnostics.append(problem(f"`{key}` must be a string", f'quote it: {key}: "..."'))
        elif key == "order":
            if isinstance(value, int) and not isinstance(value, bool):
                fields["order"] = value
            else:
                diagnostics.append(problem("`order` must be a whole number", "write order: 10"))
        else:
            diagnostics.append(
                diagnostic(
                    "category-key-unknown",
                    rel,
                    f"unknown key {key!r} in category.yml",
                    hint=f"category.yml knows {', '.join(CATEGORY_KEYS)}",
                )
            )
    if not fields.get("title"):
        fields["title"] = fallback.title
    return Category(key=place.key, **fields), diagnostics  # type: ignore[arg-type]
