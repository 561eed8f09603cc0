"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest
from sitebuild import BuiltSite, build_site


@pytest.fixture(scope="session")
def catalog_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own catalog, built once per test process (strict, as CI does)."""
    site = build_site(tmp_path_factory.mktemp("catalog-site") / "site", strict=True)
    assert site.returncode == 0, site.output
    return site
