"""Every kind of page loads without console errors, exceptions or failed requests.

`open_page` checks this for every page any browser test opens; these tests make sure each
page type is visited at least once, including the 404 page and raw files.
"""

from __future__ import annotations

import pytest

from .conftest import ServedSite, VersionedSite

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "categories/alpha/",
    "categories/beta/",
    "skills/token-keeper/",
    "skills/markup-minder/",
    "about/",
]


def test_pages_load_without_errors(small_site: ServedSite, open_page) -> None:
    page = open_page()
    for path in PAGES:
        response = page.goto(small_site.page(path))
        page.wait_for_load_state("networkidle")
        assert response is not None and response.ok, path


def test_links_from_a_skill_page_resolve(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/token-keeper/"))
    hrefs = page.evaluate(
        """() => [...document.querySelectorAll('article a[href]')]
            .map(a => a.href).filter(h => h.startsWith(location.origin))"""
    )
    assert hrefs
    for href in dict.fromkeys(h.split("#")[0] for h in hrefs):
        response = page.request.get(href)
        assert response.ok, href


def test_versioned_pages_raise_no_script_errors(versioned_site: VersionedSite, open_page) -> None:
    page = open_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(versioned_site.page("1.0", "skills/token-keeper/"))
    page.wait_for_load_state("networkidle")
    assert errors == []
