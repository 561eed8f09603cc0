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
    known: Mapping[str, datetime],
    fallback: datetime | None = None,
) -> dict[str, datetime]:
    """Last change time (UTC) of each skill folder (POSIX paths relative to catalog_root).

    `known` holds the times read from git (`provenance.changed_times`: the newest commit
    touching anything under a folder; files of a nested skill count for it alone). Folders
    git does not know fall back to `fallback` (the caller's SOURCE_DATE_EPOCH) when
    given, else to the newest file modification time inside them; a folder with neither
    is left out. The environment is never read here: a build tool that sets
    SOURCE_DATE_EPOCH for itself must not change the dates of the next build.
    """
    # Keys of the result are the folders as given; matching uses a normalised form
    # ("" is the catalog root itself, a skill folder too in a one-skill catalog).
    given = {_normalise(folder): folder for folder in folders}
    found = {_normalise(folder): moment for folder, moment in known.items()}
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
