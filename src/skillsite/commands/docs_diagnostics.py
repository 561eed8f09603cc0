"""`skillsite docs-diagnostics`: write docs/diagnostics.md from the rule table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skillsite.codes import markdown_page

HELP = "write the diagnostics reference page (docs/diagnostics.md) from the rule table"
DEFAULT_PAGE = "docs/diagnostics.md"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", default=DEFAULT_PAGE, metavar="FILE", help="page to write (default: %(default)s)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when the page differs from the table",
    )


def run(args: argparse.Namespace) -> int:
    page = Path(args.out)
    wanted = markdown_page()
    if args.check:
        try:
            current = page.read_text(encoding="utf-8")
        except OSError:
            current = ""
        if current != wanted:
            print(
                f"skillsite docs-diagnostics: {page} is out of date with the rule table; "
                "run `skillsite docs-diagnostics`",
                file=sys.stderr,
            )
            return 1
        return 0
    try:
        page.write_text(wanted, encoding="utf-8")
    except OSError as error:
        print(f"skillsite docs-diagnostics: cannot write {page}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"wrote {page}")
    return 0
