"""axe-core finds no serious or critical problem on the main page types, light and dark,
Material's own markup included."""

from __future__ import annotations

import pytest

from .conftest import AXE_SCRIPT, ServedSite

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "category": "categories/alpha/",
    "skill": "skills/token-keeper/",
    "all skills": "skills/?tag=jwt",
    "search results": "skills/token-keeper/?q=flaky",
    "search without a match": "?q=quantum+annealing",
}


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            target = " ".join(node["target"])
            found.append(
                f"{violation['id']} ({violation['impact']}) at {target}: {node['failureSummary']}"
            )
    return found


SCHEME_PAGES = [
    pytest.param(scheme, page, id=f"{scheme}-{page}")
    for scheme in ("light", "dark")
    for page in PAGES
]


@pytest.mark.parametrize(("scheme", "page_type"), SCHEME_PAGES)
def test_no_serious_accessibility_violations(
    scheme: str, page_type: str, small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page(PAGES[page_type]), color_scheme=scheme)
    if "?q=" in PAGES[page_type]:
        page.wait_for_function(
            "() => document.querySelector('[data-skillsite-results]')"
            ".getAttribute('aria-busy') === 'false'"
        )
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    assert serious_violations(page) == []
