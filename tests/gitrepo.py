"""Git for tests: one helper that runs git in a repository with a fixed identity."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from pathlib import Path

IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}
# Author dates differ from committer dates on purpose: the committer date is what counts.
AUTHOR_DATE = "2001-01-01T00:00:00Z"


def git(repo: Path, *args: str, when: datetime | None = None, author: str | None = None) -> str:
    """Run `git -C repo ARGS`; `when` sets the committer date, `author` the author's name.
    Returns stdout (bytes that are not UTF-8 replaced)."""
    env = {**os.environ, **IDENTITY}
    if author is not None:
        env["GIT_AUTHOR_NAME"] = author
    if when is not None:
        env["GIT_AUTHOR_DATE"] = AUTHOR_DATE
        env["GIT_COMMITTER_DATE"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    result = subprocess.run(
        ["git", "-C", str(repo), *args],
        env=env,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed in {repo}:\n{result.stderr}")
    return result.stdout


def commit_all(
    repo: Path, message: str = "change", when: datetime | None = None, author: str | None = None
) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when, author=author)
