"""Run the `skillsite` CLI in this process, through `main()`, as a user's shell would."""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from skillsite.cli import main


@dataclass(frozen=True)
class CliRun:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> CliRun:
    """`skillsite ARGS` in `cwd`. `env`, when given, is the whole environment (as for a
    subprocess); otherwise the test's environment without SKILLSITE_CATALOG.

    Exit codes are what the shell would see: argparse's exits (usage errors, --help,
    --version) are caught and returned like the code `main()` returns.
    """
    # Text streams over bytes, like a terminal's: the report is written to stdout.buffer.
    out, err = _stream(), _stream()
    with pytest.MonkeyPatch.context() as patch:
        if cwd is not None:
            patch.chdir(cwd)
        if env is None:
            patch.delenv("SKILLSITE_CATALOG", raising=False)
        else:
            for key in set(os.environ) - set(env):
                patch.delenv(key)
            for key, value in env.items():
                patch.setenv(key, value)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else 1
    return CliRun(code, _text(out), _text(err))


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")
