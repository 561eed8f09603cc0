"""Search finds skills the way readers ask for them, in the dialog and from `/?q=`."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote_plus, urlsplit

import pytest
import yaml

from .conftest import MOBILE, ServedSite

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text("utf-8"))
TOP = 3


def query_params() -> list:
    params = []
    for row in QUERIES:
        marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
        params.append(pytest.param(row, marks=marks, id=f"{row['kind']}: {row['query']}"))
    return params


def result_paths(page, site: ServedSite) -> list[str]:
    """Site-relative paths of the result pages, best first."""
    # The page may still be loading (a tag link navigates): the element can be missing.
    page.wait_for_function(
        "() => /matching/i.test("
        "document.querySelector('.md-search-result__meta')?.textContent ?? '')"
    )
    hrefs = page.evaluate(
        """() => [...document.querySelectorAll('li.md-search-result__item')]
            .map(item => item.querySelector('a').href)"""
    )
    site_path = urlsplit(site.url).path
    return [urlsplit(href).path.removeprefix(site_path) for href in hrefs]


def type_query(page, query: str) -> None:
    """Put the query in the search box and release a key, as the last keystroke would.

    One key release sends one query: typing letter by letter would send one per letter,
    and their answers, arriving late on a busy machine, cannot be told from the last.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")


@pytest.mark.parametrize("row", query_params())
def test_search_dialog_lists_the_expected_skill_in_the_top_three(
    row: dict, real_site: ServedSite, open_page
) -> None:
    page = open_page(real_site.page())
    type_query(page, row["query"])
    found = result_paths(page, real_site)
    assert f"skills/{row['expect']}/" in found[:TOP], found[:TOP]


@pytest.mark.parametrize("row", query_params())
def test_search_link_with_q_shows_the_same_results_as_typing(
    row: dict, real_site: ServedSite, open_page
) -> None:
    page = open_page(real_site.page())
    type_query(page, row["query"])
    typed = result_paths(page, real_site)
    linked_page = open_page(real_site.page(f"?q={quote_plus(row['query'])}"))
    assert linked_page.locator("input.md-search__input").input_value() == row["query"]
    linked = result_paths(linked_page, real_site)
    assert linked == typed
    assert f"skills/{row['expect']}/" in linked[:TOP], linked[:TOP]


def test_tag_link_on_a_skill_page_searches_for_the_tag(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/token-keeper/"))
    page.locator(".skillsite-tags a", has_text="jwt").click()
    page.wait_for_url("**/?q=jwt")
    found = result_paths(page, small_site)
    assert found[:1] == ["skills/token-keeper/"]


def test_search_works_on_a_phone(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/queue-tamer/"), viewport=MOBILE)
    # On a narrow screen the search box opens from the magnifier button in the header.
    page.locator("label.md-header__button[for='__search']").click()
    type_query(page, "flaky")
    found = result_paths(page, small_site)
    assert found[:1] == ["skills/flaky-finder/"]
    page.locator("li.md-search-result__item a").first.click()
    page.wait_for_url("**/skills/flaky-finder/**")
    assert page.locator("h1").first.inner_text() == "flaky-finder"
