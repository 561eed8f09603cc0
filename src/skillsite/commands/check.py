"""`skillsite check`: validate a catalog and report every problem."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from skillsite import report
from skillsite.loader import (
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_SKILL_BYTES,
    DEFAULT_MAX_SKILL_FILES,
    CatalogRootError,
    LoadOptions,
    load_catalog,
)
from skillsite.related import with_near_duplicates
from skillsite.settings import (
    CATALOG_ENV,
    DEFAULT_CATALOG,
    SiteConfigError,
    resolve_catalog,
    settings_from_file,
)

HELP = "validate every SKILL.md in a catalog"
CONFIG_FILE = "mkdocs.yml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "catalog",
        nargs="?",
        metavar="CATALOG_DIR",
        help="catalog folder (default: $SKILLSITE_CATALOG, else extra.skillsite.catalog "
        "of ./mkdocs.yml, else ./catalog)",
    )
    parser.add_argument(
        "--format",
        choices=report.FORMATS,
        default="text",
        help="text (default), json, or github workflow annotations",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too (exit 1)")
    parser.add_argument(
        "--max-file-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_FILE_BYTES,
        metavar="N",
        help="largest SKILL.md accepted (default: %(default)s)",
    )
    parser.add_argument(
        "--max-skill-files",
        type=_positive_int,
        default=DEFAULT_MAX_SKILL_FILES,
        metavar="N",
        help="most files a skill may hold besides SKILL.md (default: %(default)s)",
    )
    parser.add_argument(
        "--max-skill-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_SKILL_BYTES,
        metavar="N",
        help="most bytes a skill's files may add up to (default: %(default)s)",
    )
    parser.add_argument(
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="processes for large catalogs (default: idle CPUs, at most 8)",
    )


def default_workers() -> int:
    """Idle CPUs, at most 8: extra processes on a machine that is already busy only
    add the cost of handing results between them."""
    cpus = os.cpu_count() or 1
    try:
        busy = round(os.getloadavg()[0])
    except OSError:
        busy = 0
    return max(1, min(cpus - busy, 8))


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {value!r}")
    return number


def _configured_catalog() -> str:
    """The catalog the build would use: the same resolution as `mkdocs build` run here."""
    override = os.environ.get(CATALOG_ENV)
    config = Path(CONFIG_FILE)
    if not config.is_file():
        return override or DEFAULT_CATALOG
    folder = resolve_catalog(config.resolve().parent, settings_from_file(config), override)
    return os.path.relpath(folder)


def run(args: argparse.Namespace) -> int:
    try:
        catalog_dir = args.catalog or _configured_catalog()
    except SiteConfigError as error:
        print(f"skillsite check: {error}", file=sys.stderr)
        return 2
    options = LoadOptions(
        max_file_bytes=args.max_file_bytes,
        max_skill_files=args.max_skill_files,
        max_skill_bytes=args.max_skill_bytes,
        workers=args.jobs or default_workers(),
        diagnostics_only=True,
    )
    try:
        catalog = load_catalog(Path(catalog_dir), options)
    except CatalogRootError as error:
        print(f"skillsite check: {error}", file=sys.stderr)
        return 2
    catalog = with_near_duplicates(catalog)
    if args.format == "json":
        output = report.as_json(catalog)
    elif args.format == "github":
        # Annotations name files relative to the working directory (the repository).
        prefix = Path(os.path.relpath(catalog_dir)).as_posix()
        output = report.as_github(catalog, prefix=prefix)
    else:
        output = report.as_text(catalog)
    # File names that are not UTF-8 must not stop the report.
    sys.stdout.buffer.write(output.encode("utf-8", "backslashreplace"))
    sys.stdout.flush()
    if catalog.error_count or (args.strict and catalog.warning_count):
        return 1
    return 0
