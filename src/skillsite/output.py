"""Write a map of relative paths to bytes under a folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    # Each folder is made once, not once per file: a catalog has thousands of files.
    for directory in sorted({os.path.dirname(path) for path in files}):
        (folder / directory).mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        with open(folder / path, "wb") as stream:
            stream.write(content)
