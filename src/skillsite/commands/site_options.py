"""The options every command that reads the site config shares."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_site_options(parser: argparse.ArgumentParser, strict_help: str) -> None:
    parser.add_argument(
        "--config", default="mkdocs.yml", metavar="FILE", help="site config (default: mkdocs.yml)"
    )
    parser.add_argument("--catalog", metavar="DIR", help="catalog folder (default: from config)")
    parser.add_argument("--strict", action="store_true", help=strict_help)


def config_file(command: str, args: argparse.Namespace) -> Path | None:
    """The config file named by `--config`, or None after saying it is missing."""
    config = Path(args.config)
    if not config.is_file():
        print(f"skillsite {command}: no config file at {config}", file=sys.stderr)
        return None
    return config
