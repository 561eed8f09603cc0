"""Subcommands of `skillsite`; each module exposes HELP, add_arguments and run."""
