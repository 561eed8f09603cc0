"""Fixtures shared by every test folder, and a marker per folder.

Tests live in tests/unit (the core, no site build), tests/build (real sites built by an
engine) and tests/browser (those sites in Chromium); tests/skill_scripts runs the catalog's
own scripts. The helpers beside this file are imported by name from every folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import BuiltSite, build_site

FOLDER_MARKERS = {"unit": "unit", "skill_scripts": "unit", "build": "site", "browser": "browser"}
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = item.path.resolve()
        if TESTS in path.parents:
            marker = FOLDER_MARKERS.get(path.relative_to(TESTS).parts[0])
            if marker is not None:
                item.add_marker(marker)


@pytest.fixture(scope="session")
def catalog_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own catalog, built once per test process (strict, as CI does)."""
    site = build_site(tmp_path_factory.mktemp("catalog-site") / "site", strict=True)
    assert site.returncode == 0, site.output
    return site
