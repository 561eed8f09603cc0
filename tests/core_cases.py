"""Build small catalogs on disk for the core tests (bytes exactly as given)."""

from __future__ import annotations

from pathlib import Path

from skillsite.diagnostics import Diagnostic
from skillsite.loader import LoadOptions, load_catalog
from skillsite.model import Catalog


def skill_md(
    name: str,
    description: str = "Does one thing. Use when testing.",
    extra: str = "",
    body: str = "# Title\n\nText.\n",
) -> str:
    return f"---\nname: {name}\ndescription: {description}\n{extra}---\n{body}"


def write_tree(root: Path, files: dict[str, bytes | str]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
    return root


def load(root: Path, files: dict[str, bytes | str], **options: int) -> Catalog:
    write_tree(root, files)
    return load_catalog(root, LoadOptions(**options))


def codes(catalog: Catalog) -> set[str]:
    return {d.code for d in catalog.diagnostics}


def only(catalog: Catalog, code: str) -> Diagnostic:
    found = [d for d in catalog.diagnostics if d.code == code]
    assert len(found) == 1, (code, [d.to_text() for d in catalog.diagnostics])
    return found[0]
