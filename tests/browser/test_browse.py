"""The All skills page: every skill listed, filtered and sorted on the client, state in
the URL, and a plain list without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import ServedSite

pytestmark = pytest.mark.browser

ALL_SKILLS = {
    "flaky-finder",
    "long-liner",
    "markup-minder",
    "node-pinner",
    "queue-tamer",
    "token-keeper",
}


def visible_skills(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-skillsite-list] > li')]
            .filter(item => !item.hidden && item.offsetParent !== null)
            .map(item => item.dataset.name)"""
    )


def url_state(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_every_skill_is_listed_and_filters_narrow_it(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/"))
    assert set(visible_skills(page)) == ALL_SKILLS
    assert page.locator("[data-skillsite-count]").inner_text() == f"{len(ALL_SKILLS)} skills"
    page.select_option("select[name=category]", "alpha")
    assert visible_skills(page) == ["queue-tamer", "token-keeper"]
    assert url_state(page) == {"category": ["alpha"]}
    page.check("input[name=scripts]")
    assert visible_skills(page) == ["token-keeper"]
    assert page.locator("[data-skillsite-count]").inner_text() == f"1 of {len(ALL_SKILLS)} skills"
    page.locator("button[type=reset]").click()
    page.wait_for_function("() => !location.search")
    assert set(visible_skills(page)) == ALL_SKILLS


def test_compatibility_filter_keeps_skills_that_declare_it(
    small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page("skills/?compatibility=*"))
    assert visible_skills(page) == ["node-pinner"]
    page.select_option("select[name=compatibility]", "Requires Node.js 22 or later")
    assert visible_skills(page) == ["node-pinner"]


def test_shared_url_restores_filters_and_sort(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/?category=beta&sort=updated"))
    assert page.locator("select[name=category]").input_value() == "beta"
    assert page.locator("select[name=sort]").input_value() == "updated"
    shown = visible_skills(page)
    assert set(shown) == {"flaky-finder", "long-liner", "markup-minder", "node-pinner"}
    dates = page.evaluate(
        """() => [...document.querySelectorAll('[data-skillsite-list] > li:not([hidden])')]
            .map(item => [item.dataset.updated, item.dataset.name])"""
    )
    assert dates == sorted(dates, key=lambda pair: (tuple(-ord(c) for c in pair[0]), pair[1]))


def test_tag_on_a_skill_page_opens_the_filtered_list(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/token-keeper/"))
    page.locator(".skillsite-tags a", has_text="jwt").click()
    page.wait_for_url("**/skills/?tag=jwt")
    assert page.locator("select[name=tag]").input_value() == "jwt"
    assert visible_skills(page) == ["token-keeper"]
    # A tag inside the list filters in place.
    page.select_option("select[name=tag]", "")
    page.locator("[data-skillsite-list] a.skillsite-tag", has_text="flaky").click()
    assert visible_skills(page) == ["flaky-finder"]
    assert url_state(page) == {"tag": ["flaky"]}


def test_list_works_without_javascript(small_site: ServedSite, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(small_site.page("skills/?category=alpha"))
        assert not page.locator("[data-skillsite-filters]").is_visible()
        assert set(visible_skills(page)) == ALL_SKILLS
        page.locator("[data-skillsite-list] a", has_text="Token Keeper").first.click()
        page.wait_for_url("**/skills/token-keeper/")
    finally:
        context.close()
