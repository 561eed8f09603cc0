"""`skillsite build --engine mkdocs|properdocs|zensical`: the site, by any engine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from skillsite.engines import DEFAULT_ENGINE, ENGINES, BuildRequest, build

HELP = "build the site with MkDocs, ProperDocs or Zensical"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine", choices=ENGINES, default=DEFAULT_ENGINE, help="default: %(default)s"
    )
    parser.add_argument(
        "--config", default="mkdocs.yml", metavar="FILE", help="site config (default: mkdocs.yml)"
    )
    parser.add_argument("--site-dir", metavar="DIR", help="output folder (default: from config)")
    parser.add_argument("--catalog", metavar="DIR", help="catalog folder (default: from config)")
    parser.add_argument(
        "--strict", action="store_true", help="fail on any warning, catalog problems included"
    )


def run(args: argparse.Namespace) -> int:
    config = Path(args.config)
    if not config.is_file():
        print(f"skillsite build: no config file at {config}", file=sys.stderr)
        return 2
    request = BuildRequest(
        config=config,
        site_dir=Path(args.site_dir).resolve() if args.site_dir else None,
        strict=args.strict,
        catalog=Path(args.catalog) if args.catalog else None,
    )
    return build(args.engine, request)
