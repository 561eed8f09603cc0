"""Search finds skills the way readers ask for them, in the dialog and from `?q=`.

The contract other tools rely on: opening any page with `?q=<words>` shows the results;
they sit inside the element with `data-skillsite-results`; each result holds a link whose
href contains `skills/<name>/`, best first.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote_plus, urlsplit

import pytest
import yaml

from .conftest import LONG_DESCRIPTION, MOBILE, ServedSite

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text("utf-8"))
SEARCH_BOX = "[data-skillsite-search] input[name=q]"
RESULT_LINKS = "[data-skillsite-results] a"
STATUS = "[data-skillsite-status]"
# The goals are 95 % first and 98 % in the top three (bench/README.md has the figures).
# Measured over the 98 queries: 95.9 % first, 98.0 % in the top three; the floors sit a
# query or two below, for the catalog growing.
TOP1_FLOOR = 0.93
TOP3_FLOOR = 0.96


def query_params(rows: list[dict]) -> list:
    params = []
    for row in rows:
        marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
        params.append(pytest.param(row, marks=marks, id=f"{row['kind']}: {row['query']}"))
    return params


def wait_for_results(page) -> None:
    """Until the dialog has answered the query in the box."""
    page.wait_for_function(
        "() => document.querySelector('[data-skillsite-results]')"
        ".getAttribute('aria-busy') === 'false'"
    )


def found_skills(page) -> list[str]:
    """Skill names of the results, best first, read from the contract's links."""
    hrefs = page.evaluate(
        "sel => [...document.querySelectorAll(sel)].map(a => a.href)", RESULT_LINKS
    )
    names = []
    for href in hrefs:
        path = urlsplit(href).path
        names.append(path.split("/skills/", 1)[1].split("/", 1)[0])
    return names


def type_query(page, query: str) -> list[str]:
    """Put the query in the real search box, release a key, return the skills found."""
    box = page.locator(SEARCH_BOX)
    box.click()
    box.fill(query)
    box.press("End")
    wait_for_results(page)
    return found_skills(page)


def answered_well(row: dict, found: list[str], top: int) -> bool:
    if row["expect"] is None:
        return found == []
    return row["expect"] in found[:top]


@pytest.mark.parametrize("row", query_params(QUERIES))
def test_query_finds_the_expected_skill_in_the_top_three(
    row: dict, real_site: ServedSite, open_page
) -> None:
    page = open_page(real_site.page())
    found = type_query(page, row["query"])
    assert answered_well(row, found, 3), found[:3]


def test_search_quality_rates_on_the_query_set(real_site: ServedSite, open_page, capsys) -> None:
    page = open_page(real_site.page())
    misses = []
    top1 = top3 = 0
    for row in QUERIES:
        found = type_query(page, row["query"])
        top1 += answered_well(row, found, 1)
        top3 += answered_well(row, found, 3)
        if not answered_well(row, found, 1):
            misses.append(f"  {row['query']!r}: wanted {row['expect']}, got {found[:3]}")
    rate1, rate3 = top1 / len(QUERIES), top3 / len(QUERIES)
    with capsys.disabled():
        print(
            f"\nsearch quality over {len(QUERIES)} queries: top-1 {top1} ({rate1:.1%}), "
            f"top-3 {top3} ({rate3:.1%})"
        )
        print("\n".join(misses))
    assert rate1 >= TOP1_FLOOR
    assert rate3 >= TOP3_FLOOR


# One query of each kind, opened as a link on each kind of page.
LINKED = [
    ("", "flaky tests"),
    ("skills/secrets-scanner/", "review a PR for security issues"),
    ("categories/testing/", "evals"),
    ("skills/", "postmortm"),
    ("about/", "auth-module-builder"),
    ("", "ios app store screenshots"),
]


@pytest.mark.parametrize(("path", "query"), LINKED, ids=[f"{p or 'home'}: {q}" for p, q in LINKED])
def test_q_link_on_any_page_shows_the_same_results_as_typing(
    path: str, query: str, real_site: ServedSite, open_page
) -> None:
    typed = type_query(open_page(real_site.page()), query)
    linked_page = open_page(real_site.page(f"{path}?q={quote_plus(query)}"))
    wait_for_results(linked_page)
    assert linked_page.locator(SEARCH_BOX).input_value() == query
    assert linked_page.locator(SEARCH_BOX).is_visible()
    assert found_skills(linked_page) == typed


def test_results_count_skills_and_show_title_category_and_description(
    real_site: ServedSite, open_page
) -> None:
    page = open_page(real_site.page())
    found = type_query(page, "flaky tests")
    assert found[0] == "flaky-test-detective"
    assert len(found) == len(set(found)), "one entry per skill"
    status = page.locator(STATUS).inner_text()
    assert status.startswith(f"{len(found)} skill")
    first = page.locator("[data-skillsite-results] li").first.inner_text()
    assert "Flaky Test Detective" in first
    assert "Testing" in first
    assert "flaky tests that pass and fail" in first


def test_no_match_says_so_and_offers_the_nearest_names_tags_and_categories(
    real_site: ServedSite, open_page
) -> None:
    page = open_page(real_site.page())
    # Three edits from real words: too far to match, close enough to suggest.
    assert type_query(page, "zzzpostmortem zzzrunbook") == []
    assert "No skill matches" in page.locator(STATUS).inner_text()
    suggestions = page.locator("[data-skillsite-suggestions]")
    assert suggestions.is_visible()
    assert "Nearest skills" in suggestions.inner_text()
    assert suggestions.locator("a[href*='skills/postmortem-writer/']").count() == 1
    assert suggestions.locator("a[href*='?tag=postmortem']").count() == 1
    assert suggestions.locator("a", has_text="Browse all").count() == 1


HOSTILE_QUERIES = {
    "10,000 characters": ("flaky tests " * 900)[:10_000],
    "query syntax": "* ~ : ^ + - \"flaky\" 'tests' title:flaky +auth -jwt secret~2 ^3",
    "html": '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>',
    "right to left": "\u202eflaky\u202c \u05d1\u05d3\u05d9\u05e7\u05d5\u05ea"
    " \u0627\u062e\u062a\u0628\u0627\u0631",
    "zero width": "fla\u200bky\u200d te\ufeffsts\u2060",
    "only symbols": "!!! ??? ### $$$",
}


@pytest.mark.parametrize("query", list(HOSTILE_QUERIES.values()), ids=list(HOSTILE_QUERIES))
def test_hostile_query_gives_results_or_no_match(
    query: str, real_site: ServedSite, open_page
) -> None:
    page = open_page(real_site.page())
    found = type_query(page, query)
    status = page.locator(STATUS).inner_text()
    assert found or "No skill matches" in status
    if found:
        assert "match" in status
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("[data-skillsite-search] img, [data-skillsite-search] script").count() == 0


def test_catalog_text_in_results_is_shown_as_text(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page())
    assert type_query(page, "markup minder")[0] == "markup-minder"
    description = page.locator(".skillsite-result__description").first.inner_text()
    assert "Keeps <angle> & {{ braces }} intact." in description
    assert page.locator("[data-skillsite-results] angle").count() == 0


def test_index_loads_only_when_search_is_used(small_site: ServedSite, open_page) -> None:
    page = open_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.goto(small_site.page("skills/token-keeper/"))
    page.wait_for_load_state("networkidle")
    assert not [p for p in requested if p.endswith((".json", "minisearch.js"))]
    page.keyboard.press("/")
    page.keyboard.type("jwt")
    wait_for_results(page)
    assert any(p.endswith("/search/skills.json") for p in requested)
    assert any(p.endswith("/search/skill-details.json") for p in requested)
    assert found_skills(page)[0] == "token-keeper"


def search_with_details_held(page, query: str) -> list:
    """Type `query` while the details file is held back; wait for the first results.
    Returns the held request, for `release_details`."""
    held: list = []
    page.route("**/search/skill-details.json", lambda route: held.append(route))
    box = page.locator(SEARCH_BOX)
    box.click()
    box.fill(query)
    page.wait_for_function(
        "() => document.querySelector('[data-skillsite-results]')"
        ".getAttribute('data-skillsite-stage') === 'summary'"
    )
    return held


def type_a_no_match_then_release_details(page, query: str, held: list) -> None:
    """Type `query`, see "No skill" from the first results, then let the details in."""
    page.locator(SEARCH_BOX).fill(query)
    page.wait_for_function(
        "() => document.querySelector('[data-skillsite-status]').innerText.startsWith('No skill')"
    )
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    wait_for_results(page)


def test_first_results_come_before_the_details_and_improve_with_them(
    small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page())
    held = search_with_details_held(page, "jwt")
    assert found_skills(page)[0] == "token-keeper"
    assert page.locator("[data-skillsite-results]").get_attribute("aria-busy") == "true"
    # "checker" is only in token-keeper's body: the details file brings the body words.
    type_a_no_match_then_release_details(page, "checker", held)
    assert page.locator("[data-skillsite-results]").get_attribute("data-skillsite-stage") == "full"
    assert found_skills(page) == ["token-keeper"]


def test_first_results_show_a_long_description_cut_then_whole_with_the_details(
    small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page())
    held = search_with_details_held(page, "long liner")
    assert found_skills(page)[0] == "long-liner"
    description = page.locator(".skillsite-result__description").first.inner_text()
    assert description.endswith("…")
    assert "hyphenation" not in description
    # Only the cut-off part of its description says "hyphenation".
    type_a_no_match_then_release_details(page, "hyphenation", held)
    assert found_skills(page) == ["long-liner"]
    description = page.locator(".skillsite-result__description").first.inner_text()
    assert description == LONG_DESCRIPTION


def test_search_is_driven_by_the_keyboard(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("categories/alpha/"))
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.name") == "q"
    page.keyboard.type("flaky")
    wait_for_results(page)
    assert found_skills(page)[0] == "flaky-finder"
    page.keyboard.press("ArrowDown")
    assert "skills/flaky-finder/" in page.evaluate("() => document.activeElement.href")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    page.keyboard.press("/")
    page.keyboard.press("Enter")  # the box still holds "flaky": Enter opens the best result
    page.wait_for_url("**/skills/flaky-finder/**")
    assert page.locator("h1").first.inner_text() == "flaky-finder"


def test_home_page_search_field_hands_over_to_the_dialog(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page())
    home_field = page.locator("[data-skillsite-search-start]")
    assert home_field.is_visible()
    home_field.click()
    page.keyboard.type("queue")
    wait_for_results(page)
    assert page.locator(SEARCH_BOX).input_value() == "queue"
    assert found_skills(page)[0] == "queue-tamer"


def test_search_works_on_a_phone(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/queue-tamer/"), viewport=MOBILE)
    # On a narrow screen the search box opens from the magnifier button in the header.
    page.locator("label.md-header__button[for='__search']").click()
    assert type_query(page, "flaky")[0] == "flaky-finder"
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url("**/skills/flaky-finder/**")
    assert page.locator("h1").first.inner_text() == "flaky-finder"
