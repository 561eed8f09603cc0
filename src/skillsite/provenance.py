"""Where each skill came from: its git history and the repository it is published from.

One `git log` over the whole catalog gives, per skill folder, the dates of its first and
last commit, the number of commits and the authors' names (never their e-mail addresses).
A shallow clone (CI checks out `--depth 1`) has lost the early history: there the date
added is unknown and the number of changes is a lower bound. Outside git nothing is known,
and nothing is made up.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from skillsite.dates import GIT_TIMEOUT_SECONDS, _normalise, iso_utc

MAX_CONTRIBUTORS = 20
MAX_NAME_CHARS = 100


@dataclass(frozen=True, slots=True)
class FolderHistory:
    added: datetime | None  # None in a shallow clone: the first commit is not known
    changed: datetime
    changes: int
    contributors: tuple[str, ...]  # most commits first


@dataclass(frozen=True, slots=True)
class CatalogHistory:
    under_git: bool = False
    shallow: bool = False
    folders: Mapping[str, FolderHistory] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Repository:
    """Browse URLs of a GitHub or GitLab repository (or one of the same URL shape)."""

    url: str  # https://github.com/owner/name, no trailing slash
    branch: str = "main"

    @property
    def gitlab(self) -> bool:
        return "gitlab" in self.url.split("/")[2]

    def _url(self, kind: str, path: str) -> str:
        separator = "/-/" if self.gitlab else "/"
        return f"{self.url}{separator}{kind}/{quote(self.branch)}/{quote(path)}"

    def source(self, path: str) -> str:
        return self._url("blob", path)

    def edit(self, path: str) -> str:
        return self._url("edit", path)

    def history(self, path: str) -> str:
        return self._url("commits", path)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), "-c", "log.showSignature=false", *args],
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT_SECONDS,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None


def catalog_history(catalog_root: Path, folders: Iterable[str]) -> CatalogHistory:
    """History of each skill folder (POSIX paths relative to catalog_root)."""
    state = _git(catalog_root, "rev-parse", "--is-shallow-repository")
    if state is None or state.returncode != 0:
        return CatalogHistory()
    shallow = state.stdout.strip() == b"true"
    log = _git(
        catalog_root,
        "-c",
        "core.quotePath=false",
        "log",
        "-z",
        "--no-color",
        "--no-renames",
        "--relative",
        "--name-only",
        "--format=%x00@%ct %an",
        "--",
        ".",
    )
    if log is None or log.returncode != 0:
        return CatalogHistory()
    wanted = {_normalise(folder): folder for folder in folders}
    text = log.stdout.decode("utf-8", errors="replace")
    return CatalogHistory(True, shallow, _folder_histories(text, wanted, shallow))


def changed_times(history: CatalogHistory) -> dict[str, datetime]:
    """Each folder's last change in git, for `dates.skill_updated_times` (empty outside
    git): the one log read for the whole catalog serves both."""
    return {folder: found.changed for folder, found in history.folders.items()}


def _owning_folder(directory: str, folders: set[str]) -> str | None:
    """The innermost skill folder holding `directory`: a nested skill owns its files."""
    while directory:
        if directory in folders:
            return directory
        directory = directory.rpartition("/")[0]
    return "" if "" in folders else None


def _folder_histories(text: str, wanted: dict[str, str], shallow: bool) -> dict[str, FolderHistory]:
    folders = set(wanted)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    counts: Counter[str] = Counter()
    authors: dict[str, Counter[str]] = {}
    owners: dict[str, str | None] = {}
    when, who = -1, ""
    seen_in_commit: set[str] = set()
    after_separator = True
    for record in text.split("\0"):
        if not record:
            after_separator = True
            continue
        if after_separator and record.startswith("@"):
            stamp, _, name = record[1:].partition(" ")
            when = int(stamp) if stamp.isdigit() else -1
            who = _clean_name(name)
            seen_in_commit = set()
            after_separator = False
            continue
        after_separator = False
        path = record.lstrip("\n")
        directory = path.rpartition("/")[0]
        if directory not in owners:
            owners[directory] = _owning_folder(directory, folders)
        owner = owners[directory]
        if owner is None or owner in seen_in_commit or when < 0:
            continue
        seen_in_commit.add(owner)
        counts[owner] += 1
        first[owner] = min(first.get(owner, when), when)
        last[owner] = max(last.get(owner, when), when)
        if who:
            authors.setdefault(owner, Counter())[who] += 1
    result: dict[str, FolderHistory] = {}
    for folder, count in counts.items():
        names = authors.get(folder, Counter())
        ranked = sorted(names, key=lambda n: (-names[n], n.casefold()))[:MAX_CONTRIBUTORS]
        result[wanted[folder]] = FolderHistory(
            added=None if shallow else datetime.fromtimestamp(first[folder], UTC),
            changed=datetime.fromtimestamp(last[folder], UTC),
            changes=count,
            contributors=tuple(ranked),
        )
    return result


_EMAIL = re.compile(r"<?[^\s<>@]+@[^\s<>@]+>?")


def _clean_name(name: str) -> str:
    """An author name as shown: no e-mail address even when typed into the name."""
    cleaned = " ".join(_EMAIL.sub("", name).split())
    return cleaned[:MAX_NAME_CHARS]


_SSH_REMOTE = re.compile(r"^(?:ssh://)?git@(?P<host>[^:/]+)[:/](?P<path>.+?)(?:\.git)?/?$")
_HTTPS_REMOTE = re.compile(r"^https?://(?:[^@/]+@)?(?P<host>[^/]+)/(?P<path>.+?)(?:\.git)?/?$")


def repository_from_remote(remote: str) -> str:
    """The https URL of a GitHub or GitLab remote (https or ssh form), else "".

    Credentials in an https remote (`https://token@github.com/...`) are dropped."""
    remote = remote.strip()
    match = _SSH_REMOTE.match(remote) or _HTTPS_REMOTE.match(remote)
    if not match:
        return ""
    host, path = match.group("host").lower(), match.group("path")
    if not ("github" in host or "gitlab" in host) or path.count("/") < 1:
        return ""
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", path) or ".." in path:
        return ""
    return f"https://{host}/{path}"


def git_remote_url(start: Path) -> str:
    """The repository URL from `git remote` (origin first), "" when there is none."""
    result = _git(start, "config", "--get-regexp", r"^remote\..*\.url$")
    if result is None or result.returncode != 0:
        return ""
    remotes: dict[str, str] = {}
    for line in result.stdout.decode("utf-8", errors="replace").splitlines():
        key, _, value = line.partition(" ")
        remotes[key.removeprefix("remote.").removesuffix(".url")] = value
    for name in sorted(remotes, key=lambda n: (n != "origin", n)):
        url = repository_from_remote(remotes[name])
        if url:
            return url
    return ""


def history_document(history: CatalogHistory, folder: str) -> dict[str, object]:
    """What the API says about a skill's history."""
    found = history.folders.get(folder)
    return {
        "version_control": "git" if history.under_git else None,
        "shallow_clone": history.shallow,
        "added": iso_utc(found.added) if found and found.added else None,
        "changed": iso_utc(found.changed) if found else None,
        "changes": found.changes if found else None,
        "contributors": list(found.contributors) if found else [],
    }
