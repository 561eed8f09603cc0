"""Write a map of relative paths to bytes under a folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    # Folders first, each once; then the writes, in threads since they wait on the disk.
    for directory in sorted({os.path.dirname(path) for path in files}):
        (folder / directory).mkdir(parents=True, exist_ok=True)

    def write(item: tuple[str, bytes]) -> None:
        (folder / item[0]).write_bytes(item[1])

    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in pool.map(write, files.items(), chunksize=64):
            pass
