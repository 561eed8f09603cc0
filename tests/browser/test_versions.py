"""The version selector of a site deployed by mike: two versions, same page, outdated banner."""

from __future__ import annotations

import urllib.request

import pytest

from .conftest import VersionedSite

pytestmark = pytest.mark.browser


SKILL = "skills/token-keeper/"


def outdated_banner(page):
    return page.locator("[data-md-component='outdated']")


def test_selector_lists_both_versions(versioned_site: VersionedSite, open_page) -> None:
    page = open_page(versioned_site.page("2.0", SKILL))
    page.wait_for_selector(".md-version__current")
    assert page.locator(".md-version__current").inner_text().strip() == "2.0"
    listed = [link.inner_text().strip() for link in page.locator(".md-version__link").all()]
    assert sorted(listed) == sorted(versioned_site.versions)


def test_switching_version_keeps_the_reader_on_the_same_skill(
    versioned_site: VersionedSite, open_page
) -> None:
    page = open_page(versioned_site.page("1.0", SKILL))
    page.wait_for_selector(".md-version__current")
    page.locator(".md-version").hover()
    page.locator(".md-version__link", has_text="2.0").click()
    page.wait_for_url(versioned_site.page("2.0", SKILL))
    assert page.locator("h1").first.inner_text() == "token-keeper"
    assert page.locator(".md-version__current").inner_text().strip() == "2.0"


def test_older_version_shows_the_outdated_banner_and_latest_does_not(
    versioned_site: VersionedSite, open_page
) -> None:
    old = open_page(versioned_site.page("1.0", SKILL))
    banner = outdated_banner(old)
    banner.wait_for(state="visible")
    assert "older version" in banner.inner_text()
    banner.get_by_role("link").click()
    old.wait_for_url(versioned_site.page("latest", ""))
    latest = open_page(versioned_site.page("2.0", SKILL))
    latest.wait_for_selector(".md-version__current")
    assert not outdated_banner(latest).is_visible()


def test_site_root_opens_the_default_version(versioned_site: VersionedSite, open_page) -> None:
    page = open_page(versioned_site.url)
    page.wait_for_url(versioned_site.page("latest", ""))
    assert page.locator(".md-version__current").inner_text().strip() == versioned_site.latest


def test_install_command_of_a_version_downloads_from_that_version(
    versioned_site: VersionedSite, open_page
) -> None:
    page = open_page(versioned_site.page("2.0", SKILL))
    box = page.locator("#install ~ .tabbed-set").first
    command = box.locator("code", has_text="curl").first.inner_text()
    archive = versioned_site.page("2.0", "skills/token-keeper/token-keeper.tar.gz")
    assert f" {archive} " in command
    with urllib.request.urlopen(archive) as response:
        assert response.status == 200
