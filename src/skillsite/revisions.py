"""Materialise the catalog folder of a git revision in a directory, without a checkout.

The files are read with `git ls-tree` and `git cat-file --batch`, so the result holds
exactly what the commit holds (file modes and symbolic links included, no export-ignore
or export-subst attributes applied) and the working tree is never touched.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SYMLINK_MODE = "120000"
EXECUTABLE_MODE = "100755"
FILE_MODES = ("100644", EXECUTABLE_MODE)


class RevisionError(Exception):
    """A git repository or revision that cannot be read; the message says what to do."""


@dataclass(frozen=True, slots=True)
class TreeEntry:
    mode: str
    object_id: str
    path: str  # relative to the catalog folder


def repository_root(start: Path) -> Path:
    result = _git(start, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise RevisionError(f"{start} is not inside a git repository")
    return Path(result.stdout.decode().strip())


def resolve_commit(repo: Path, revision: str) -> str:
    """The full commit id `revision` names in `repo`."""
    if revision.startswith("-"):
        raise RevisionError(f"{revision!r} is not a git revision")
    result = _git(
        repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
    )
    if result.returncode != 0:
        raise RevisionError(
            f"{revision!r} is neither a folder nor a commit of the git repository {repo} "
            "(fetch it first, e.g. `git fetch origin main`)"
        )
    return result.stdout.decode().strip()


def catalog_path_in_repo(repo: Path, catalog: str) -> str:
    """The catalog folder as a POSIX path relative to the repository root ("" for the root)."""
    path = Path(catalog)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(repo.resolve())
        except ValueError as error:
            raise RevisionError(
                f"the catalog folder {catalog} is outside the repository {repo}"
            ) from error
    posix = PurePosixPath(path.as_posix())
    if ".." in posix.parts:
        raise RevisionError(f"the catalog folder {catalog} must stay inside the repository")
    return "" if str(posix) == "." else str(posix)


def tree_entries(repo: Path, commit: str, catalog: str) -> list[TreeEntry]:
    """Files and links under `catalog` in `commit`; empty when the folder does not exist."""
    args = ["ls-tree", "-r", "-z", "--full-tree", commit]
    if catalog:
        args += ["--", catalog]
    result = _git(repo, *args)
    if result.returncode != 0:
        raise RevisionError(f"git ls-tree failed for {commit}: {result.stderr.decode().strip()}")
    prefix = f"{catalog}/" if catalog else ""
    entries: list[TreeEntry] = []
    for record in result.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, object_id = meta.decode().split(" ")
        path = raw_path.decode("utf-8", errors="surrogateescape")
        if kind != "blob" or not path.startswith(prefix):
            continue  # submodules, and a file that merely starts like the folder name
        entries.append(TreeEntry(mode, object_id, path[len(prefix) :]))
    return entries


def write_revision(repo: Path, revision: str, catalog: str, destination: Path) -> Path:
    """Write the catalog folder of `revision` into `destination` (created) and return it."""
    commit = resolve_commit(repo, revision)
    entries = [e for e in tree_entries(repo, commit, catalog) if _safe(e.path)]
    destination.mkdir(parents=True, exist_ok=True)
    contents = _read_blobs(repo, [e.object_id for e in entries])
    links: list[tuple[Path, str]] = []
    for entry in entries:
        target = destination.joinpath(*PurePosixPath(entry.path).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = contents[entry.object_id]
        if entry.mode == SYMLINK_MODE:
            links.append((target, os.fsdecode(data)))
        elif entry.mode in FILE_MODES:
            target.write_bytes(data)
            if entry.mode == EXECUTABLE_MODE:
                target.chmod(0o755)
    # Links last, so that no file is ever written through one.
    for target, link_to in links:
        target.symlink_to(link_to)
    return destination


def _safe(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return (
        bool(parts)
        and not path.startswith("/")
        and not any(p in ("..", ".", ".git") for p in parts)
    )


def _read_blobs(repo: Path, object_ids: list[str]) -> dict[str, bytes]:
    unique = list(dict.fromkeys(object_ids))
    if not unique:
        return {}
    result = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        input="".join(f"{oid}\n" for oid in unique).encode(),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise RevisionError(f"git cat-file failed: {result.stderr.decode().strip()}")
    blobs: dict[str, bytes] = {}
    output, position = result.stdout, 0
    for oid in unique:
        header_end = output.index(b"\n", position)
        header = output[position:header_end].decode().split(" ")
        if len(header) != 3:
            raise RevisionError(f"git could not read object {oid}: {' '.join(header)}")
        size = int(header[2])
        start = header_end + 1
        blobs[oid] = output[start : start + size]
        position = start + size + 1
    return blobs


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError as error:
        raise RevisionError("git is not installed or not on PATH") from error
