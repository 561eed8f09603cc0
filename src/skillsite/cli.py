"""`skillsite <command>`: argparse front door; commands load lazily by module name."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from skillsite import __version__

COMMANDS = ("check", "generate", "diff", "docs-diagnostics", "build")


def available_commands() -> tuple[str, ...]:
    return tuple(name for name in COMMANDS if importlib.util.find_spec(_module_name(name)))


def _module_name(command: str) -> str:
    return f"skillsite.commands.{command.replace('-', '_')}"


def _load(name: str) -> ModuleType:
    return importlib.import_module(_module_name(name))


def build_parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="skillsite", description="Publish a catalog of agent skills as a static site."
    )
    parser.add_argument("--version", action="version", version=f"skillsite {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = available_commands()
    chosen = next((arg for arg in argv if not arg.startswith("-")), None)
    for name in names:
        # Only the command being run is imported; listing help imports them all.
        if chosen in names and name != chosen:
            subparsers.add_parser(name)
            continue
        module = _load(name)
        sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, also at interpreter exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        if os.environ.get("SKILLSITE_DEBUG"):
            raise
        print(
            f"skillsite {args.command}: unexpected {type(error).__name__}: {error} "
            "(set SKILLSITE_DEBUG=1 for details and report it)",
            file=sys.stderr,
        )
        return 2
