"""MkDocs and ProperDocs: their own command line, run in this process with a list of
arguments; the hook in mkdocs.yml does the rest."""

from __future__ import annotations

import importlib
import os

import click

from skillsite.engines import BuildRequest
from skillsite.settings import CATALOG_ENV


def build_with_hooks(engine: str, request: BuildRequest) -> int:
    # Both ship a click command group at <engine>.__main__.cli.
    cli = importlib.import_module(f"{engine}.__main__").cli
    arguments = ["build", "--config-file", str(request.config)]
    if request.site_dir is not None:
        arguments += ["--site-dir", str(request.site_dir)]
    if request.strict:
        arguments.append("--strict")
    if request.catalog is not None:
        os.environ[CATALOG_ENV] = str(request.catalog.resolve())
    try:
        cli.main(arguments, prog_name=engine, standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return error.exit_code or 1
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    return 0
