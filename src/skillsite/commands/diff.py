"""`skillsite diff BASE HEAD`: what changed in the catalog between two revisions or folders."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from skillsite.diff import diff_catalogs
from skillsite.diff_report import to_json, to_markdown
from skillsite.loader import CatalogRootError, load_catalog
from skillsite.model import Catalog
from skillsite.revisions import (
    RevisionError,
    catalog_path_in_repo,
    repository_root,
    write_revision,
)
from skillsite.settings import CATALOG_ENV, SiteConfigError, settings_from_file

HELP = "report skills added, removed, renamed and changed between two revisions or folders"

DESCRIPTION = """\
Compare the catalog of BASE with the catalog of HEAD. Each of them is a catalog folder or
a git revision (branch, tag, commit); for a revision, the catalog folder (--catalog) is
read from the commit, not from the working tree.

Exit status: 0 when no added, renamed or changed skill has an error, 1 when one has,
2 for bad arguments or unreadable input.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = DESCRIPTION
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("base", metavar="BASE", help="catalog folder or git revision")
    parser.add_argument("head", metavar="HEAD", help="catalog folder or git revision")
    parser.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="markdown (for a pull request comment, the default) or json",
    )
    parser.add_argument(
        "--preview-url",
        default="",
        metavar="URL",
        help="site root of a preview build; skill names link to their pages there",
    )
    parser.add_argument(
        "--catalog",
        default=None,
        metavar="PATH",
        help="catalog folder inside the repository, for revisions (default: "
        "$SKILLSITE_CATALOG, else extra.skillsite.catalog of the repository's mkdocs.yml, "
        "else 'catalog')",
    )
    parser.add_argument(
        "--repo",
        default=".",
        metavar="DIR",
        help="git repository the revisions belong to (default: the current directory)",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout"
    )


def run(args: argparse.Namespace) -> int:
    try:
        with ExitStack() as stack:
            base = _load(args.base, args, stack)
            head = _load(args.head, args, stack)
            diff = diff_catalogs(base, head)
    except (RevisionError, CatalogRootError, SiteConfigError) as error:
        print(f"skillsite diff: {error}", file=sys.stderr)
        return 2

    if args.format == "json":
        report = to_json(diff, args.base, args.head, args.preview_url)
    else:
        report = to_markdown(diff, args.base, args.head, args.preview_url)
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as error:
            print(f"skillsite diff: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(report)
    return 1 if diff.error_count else 0


def _load(source: str, args: argparse.Namespace, stack: ExitStack) -> Catalog:
    folder = Path(source)
    if folder.is_dir():
        return load_catalog(folder)
    try:
        repo = repository_root(Path(args.repo))
    except RevisionError as error:
        raise RevisionError(f"{source!r} is not a folder, and {error}") from error
    # Resolved when run, as the build resolves it: SKILLSITE_CATALOG, then the setting.
    catalog_dir = (
        args.catalog
        or os.environ.get(CATALOG_ENV)
        or settings_from_file(repo / "mkdocs.yml").catalog
    )
    catalog = catalog_path_in_repo(repo, catalog_dir)
    scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="skillsite-diff-")))
    return load_catalog(write_revision(repo, source, catalog, scratch / "catalog"))
