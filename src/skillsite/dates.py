"""When each skill folder last changed: git history first, file times as a fallback.

Dates come from commits (or, outside git, from files or SOURCE_DATE_EPOCH), never from
the clock, so that building the same tree twice gives the same site.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
GIT_TIMEOUT_SECONDS = 300


class SourceDateEpochError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds."""


def source_date_epoch(environ: Mapping[str, str]) -> datetime | None:
    """The reproducible-builds timestamp from an environment, or None when unset."""
    value = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise SourceDateEpochError(
            f"{SOURCE_DATE_EPOCH}={value!r} is not a number of seconds since 1970-01-01 UTC; "
            f"set it to a non-negative integer (e.g. `git log -1 --format=%ct`) or unset it"
        )
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (OverflowError, OSError, ValueError) as error:
        raise SourceDateEpochError(
            f"{SOURCE_DATE_EPOCH}={value!r} is out of range; use a date before year 10000"
        ) from error


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a `Z` suffix, e.g. `2025-03-01T12:00:00Z`."""
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def skill_updated_times(
    catalog_root: Path,
    folders: Iterable[str],
    fallback: datetime | None = None,
    known: Mapping[str, datetime] | None = None,
) -> dict[str, datetime]:
    """Last change time (UTC) of each skill folder (POSIX paths relative to catalog_root).

    A folder's time is the newest commit touching anything under it (files of a skill
    nested in another count for the nested one only, as they belong to it). Folders git
    does not know fall back to `fallback` (the caller's SOURCE_DATE_EPOCH) when given,
    else to the newest file modification time inside them; a folder with neither is
    left out. The environment is never read here: a build tool that sets
    SOURCE_DATE_EPOCH for itself must not change the dates of the next build. `known` holds times
    already read from git (see provenance.py), which saves reading the log again.
    """
    # Keys of the result are the folders as given; matching uses a normalised form
    # ("" is the catalog root itself, a skill folder too in a one-skill catalog).
    given = {_normalise(folder): folder for folder in folders}
    if known is not None:
        found = {_normalise(folder): moment for folder, moment in known.items()}
    else:
        found = _git_folder_times(catalog_root, set(given))
    times = {given[folder]: moment for folder, moment in found.items() if folder in given}
    missing = sorted(folder for normalised, folder in given.items() if normalised not in found)
    if missing:
        for folder in missing:
            moment = fallback or _newest_file_time(catalog_root / _normalise(folder))
            if moment is not None:
                times[folder] = moment
    return times


def build_date(
    repository: Path, source_date: datetime | None, updated: Mapping[str, datetime]
) -> datetime:
    """The one date of a build (sitemap, feeds): the caller's SOURCE_DATE_EPOCH, else the
    last commit's time, else the newest skill date, else 1970-01-01: never the clock, so
    two builds of one commit are identical."""
    if source_date is not None:
        return source_date
    try:
        result = subprocess.run(
            ["git", "-C", str(repository), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
        epoch = result.stdout.strip() if result.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        epoch = ""
    if epoch.isascii() and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return max(updated.values(), default=datetime.fromtimestamp(0, UTC))


def _normalise(folder: str) -> str:
    return "/".join(part for part in folder.replace("\\", "/").split("/") if part not in ("", "."))


def _git_folder_times(catalog_root: Path, folders: set[str]) -> dict[str, datetime]:
    if not folders:
        return {}
    log = _git_log(catalog_root)
    return _parse_log(log, folders) if log is not None else {}


def _git_log(catalog_root: Path) -> str | None:
    # One process for the whole catalog. --relative makes paths relative to catalog_root
    # (not the repository top) and -z keeps unusual file names unquoted. Each commit
    # starts with an empty record (the %x00) followed by its committer time.
    command = [
        "git",
        "-C",
        str(catalog_root),
        "-c",
        "log.showSignature=false",
        "-c",
        "core.quotePath=false",
        "log",
        "-z",
        "--no-color",
        "--no-renames",
        "--relative",
        "--name-only",
        "--format=%x00%ct",
        "--",
        ".",
    ]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None  # git missing, catalog_root unusable, or a hung git
    if result.returncode != 0:
        return None  # not a git work tree (or git refuses it): fall back to file times
    return result.stdout.decode("utf-8", errors="surrogateescape")


def _parse_log(log: str, folders: set[str]) -> dict[str, datetime]:
    newest: dict[str, int] = {}
    owner_of_dir: dict[str, str | None] = {}
    commit_time: int | None = None
    expect_time = False
    first_path = False
    for record in log.split("\0"):
        if expect_time:
            commit_time = int(record) if record.isdigit() else None
            expect_time, first_path = False, True
            continue
        if not record:
            expect_time = True
            continue
        path = record[1:] if first_path and record.startswith("\n") else record
        first_path = False
        if commit_time is None:
            continue
        directory = path.rpartition("/")[0]
        if directory in owner_of_dir:
            owner = owner_of_dir[directory]
        else:
            owner = owner_of_dir[directory] = _owning_folder(directory, folders)
        # max rather than first seen: commit dates need not follow log order.
        if owner is not None and commit_time > newest.get(owner, -1):
            newest[owner] = commit_time
    return {folder: datetime.fromtimestamp(ct, UTC) for folder, ct in newest.items()}


def _owning_folder(directory: str, folders: set[str]) -> str | None:
    """The innermost skill folder holding `directory`: a nested skill owns its files."""
    while directory:
        if directory in folders:
            return directory
        directory = directory.rpartition("/")[0]
    return "" if "" in folders else None


def _newest_file_time(folder: Path) -> datetime | None:
    newest: float | None = None
    for directory, _subdirs, names in os.walk(folder):  # os.walk does not follow links
        for name in names:
            try:
                info = os.lstat(os.path.join(directory, name))
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode) and (newest is None or info.st_mtime > newest):
                newest = info.st_mtime
    return None if newest is None else datetime.fromtimestamp(int(newest), UTC)
