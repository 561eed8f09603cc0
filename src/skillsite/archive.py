"""Deterministic .tar.gz archives: the same files always give the same bytes."""

from __future__ import annotations

import gzip
import io
import tarfile
from collections.abc import Iterable

from skillsite.published import PublishedFile


def deterministic_tar_gz(top_folder: str, files: Iterable[PublishedFile], mtime: int) -> bytes:
    """Archive `files` under `top_folder/`, sorted, as root-owned regular files.

    Nothing from the machine or the clock goes in: owner ids and names are blank, every
    member carries `mtime`, and the gzip header has no name and a zero time. With an empty
    `top_folder` the files sit at the archive root, in plain ustar headers (no pax
    records), which is what the discovery index's `archive` type asks for; the caller
    passes only paths that fit them (see install_paths.path_problem).
    """
    buffer = io.BytesIO()
    tar_format = tarfile.PAX_FORMAT if top_folder else tarfile.USTAR_FORMAT
    prefix = f"{top_folder}/" if top_folder else ""
    with tarfile.open(fileobj=buffer, mode="w", format=tar_format) as tar:
        for file in sorted(files, key=lambda file: file.path):
            member = tarfile.TarInfo(f"{prefix}{file.path}")
            member.type = tarfile.REGTYPE
            member.size = len(file.data)
            member.mode = 0o755 if file.executable else 0o644
            member.mtime = int(mtime)
            member.uid = member.gid = 0
            member.uname = member.gname = ""
            tar.addfile(member, io.BytesIO(file.data))
    return gzip.compress(buffer.getvalue(), compresslevel=9, mtime=0)
