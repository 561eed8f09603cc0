"""`skillsite build --engine mkdocs|properdocs|zensical`: the site, by any engine."""

from __future__ import annotations

import argparse
from pathlib import Path

from skillsite.commands.site_options import add_site_options, config_file
from skillsite.engines import DEFAULT_ENGINE, ENGINES, BuildRequest, build

HELP = "build the site with MkDocs, ProperDocs or Zensical"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine", choices=ENGINES, default=DEFAULT_ENGINE, help="default: %(default)s"
    )
    parser.add_argument("--site-dir", metavar="DIR", help="output folder (default: from config)")
    add_site_options(parser, "fail on any warning, catalog problems included")


def run(args: argparse.Namespace) -> int:
    config = config_file("build", args)
    if config is None:
        return 2
    request = BuildRequest(
        config=config,
        site_dir=Path(args.site_dir).resolve() if args.site_dir else None,
        strict=args.strict,
        catalog=Path(args.catalog) if args.catalog else None,
    )
    return build(args.engine, request)
