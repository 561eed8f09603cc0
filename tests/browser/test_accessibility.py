"""axe-core finds no serious or critical problem, Material's own markup included: on the
main page types of the fixture site, and on every page of the real catalog, light and dark,
with the search dialog open, and on a phone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote_plus

import pytest

from .conftest import AXE_SCRIPT, DESKTOP, MOBILE, ServedSite

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "category": "categories/alpha/",
    "skill": "skills/token-keeper/",
    "skill with a task list": "skills/node-pinner/",
    "all skills": "skills/?tag=jwt",
    "search results": "skills/token-keeper/?q=flaky",
    "search without a match": "?q=quantum+annealing",
}
SERIOUS = ("serious", "critical")
# Material's palette: the toggle in the header switches it and remembers the choice.
SCHEMES = {"light": "default", "dark": "slate"}
DARK_TOGGLE = "form[data-md-component=palette] label[title='Switch to dark mode']"
SEARCH_BOX = "[data-skillsite-search] input[name=q]"
RESULTS = "[data-skillsite-results]"
SEARCH_WITH_RESULTS = "set up database migrations"
SEARCH_WITHOUT_MATCH = "quantum annealing"


def axe_findings(page, where: str) -> list[str]:
    """Serious and critical violations of the page as it is now, axe already loaded:
    one line per element, naming the page, the rule, the element and what to fix."""
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node["failureSummary"].split())
            found.append(
                f"{where}: {violation['id']} ({violation['impact']}) at {target}: "
                f"{violation['help']}. {summary}"
            )
    return found


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    return axe_findings(page, page.url)


def wait_for_search_results(page) -> None:
    page.wait_for_function(
        "sel => document.querySelector(sel).getAttribute('aria-busy') === 'false'", arg=RESULTS
    )


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
        wait_for_search_results(page)
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    assert serious_violations(page) == []


def test_task_list_checkboxes_are_named_by_their_items(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/node-pinner/"))
    checklist = page.locator("article .task-list-item input[type=checkbox]")
    assert checklist.count() == 2
    assert page.get_by_role("checkbox", name=".nvmrc names the version", exact=True).is_checked()
    named = page.get_by_role(
        "checkbox", name="CI reads engines from package.json & fails otherwise", exact=True
    )
    assert named.count() == 1 and not named.is_checked()


# ---- every page of the real catalog ----------------------------------------------------


def built_pages(site_dir: Path) -> list[str]:
    """Paths (below the site URL) of every HTML page the build wrote, found in the built
    folder; a skill's own files, published as they are in the catalog, are not pages."""
    pages = []
    for file in sorted(site_dir.rglob("*.html")):
        parts = file.relative_to(site_dir).parts
        if parts[0] == "skills" and len(parts) > 2 and parts[2:] != ("index.html",):
            continue
        path = "/".join(parts)
        pages.append(path.removesuffix("index.html"))
    return pages


def test_built_pages_are_every_page_of_the_real_catalog(real_site: ServedSite) -> None:
    pages = built_pages(real_site.path)
    skill_files = list(real_site.catalog.glob("*/*/SKILL.md"))
    skills = {f"skills/{path.parent.name}/" for path in skill_files}
    categories = {f"categories/{path.parent.parent.name}/" for path in skill_files}
    assert skills and skills <= set(pages)
    assert categories <= set(pages)
    assert {"", "404.html", "skills/", "diagnostics/", "risk-scan/", "about/"} <= set(pages)
    assert len(pages) == len(set(pages))


def use_scheme(page, scheme: str, site: ServedSite) -> None:
    """Choose the palette as a reader does: the header's toggle, remembered by the theme
    for every later page."""
    page.goto(site.page())
    if scheme == "dark":
        page.locator(DARK_TOGGLE).click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]


# Until what the theme animates on load or on opening (the dialog fades in on a phone) has
# reached its end: axe judges colours as the reader finally sees them.
SETTLED = """() => new Promise(done => requestAnimationFrame(() => Promise.all(
    document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map(a => a.finished.catch(() => null))
).then(done)))"""


def check(page, scheme: str, where: str) -> list[str]:
    page.evaluate(SETTLED)
    shown = page.locator("body").get_attribute("data-md-color-scheme")
    assert shown == SCHEMES[scheme], f"{where}: palette {shown}"
    return axe_findings(page, f"{where} [{scheme}]")


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url


def check_search_dialog(page, scheme: str, site: ServedSite, where: str) -> list[str]:
    """The dialog opened from the keyboard with a query typed, then opened by a `?q=`
    link for words that match nothing (it suggests names instead)."""
    visit(page, site.page("skills/"))
    page.keyboard.press("/")
    page.locator(SEARCH_BOX).press_sequentially(SEARCH_WITH_RESULTS)
    wait_for_search_results(page)
    assert page.locator(f"{RESULTS} a").count() > 0
    found = check(page, scheme, f"{where} search dialog with results")
    visit(page, site.page(f"?q={quote_plus(SEARCH_WITHOUT_MATCH)}"))
    wait_for_search_results(page)
    assert page.locator(SEARCH_BOX).is_visible()
    return found + check(page, scheme, f"{where} search dialog without a match")


# Page types looked at on a phone as well: the layout, the drawer and the dialog change.
PHONE_PAGES = ("", "categories/testing/", "skills/flaky-test-detective/", "skills/", "404.html")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_problem_on_any_real_page(
    scheme: str, real_site: ServedSite, open_page
) -> None:
    page = open_page()
    # axe loads with every page from here on, before the page's own scripts.
    page.add_init_script(path=str(AXE_SCRIPT))
    use_scheme(page, scheme, real_site)
    found = []
    for path in built_pages(real_site.path):
        visit(page, real_site.page(path))
        found += check(page, scheme, path or "home")
    found += check_search_dialog(page, scheme, real_site, "skills/")

    page.set_viewport_size(MOBILE)
    for path in PHONE_PAGES:
        visit(page, real_site.page(path))
        found += check(page, scheme, f"{path or 'home'} on a phone")
    page.locator("label.md-header__button[for=__drawer]").click()
    assert page.locator(".md-sidebar--primary nav").first.is_visible()
    found += check(page, scheme, "navigation drawer on a phone")
    found += check_search_dialog(page, scheme, real_site, "phone")
    page.set_viewport_size(DESKTOP)
    assert found == [], "\n".join(found)
