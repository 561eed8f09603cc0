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
    member carries `mtime`, and the gzip header has no name and a zero time.
    """
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for file in sorted(files, key=lambda file: file.path):
            member = tarfile.TarInfo(f"{top_folder}/{file.path}")
            member.type = tarfile.REGTYPE
            member.size = len(file.data)
            member.mode = 0o755 if file.executable else 0o644
            member.mtime = int(mtime)
            member.uid = member.gid = 0
            member.uname = member.gname = ""
            tar.addfile(member, io.BytesIO(file.data))
    return gzip.compress(buffer.getvalue(), compresslevel=9, mtime=0)
