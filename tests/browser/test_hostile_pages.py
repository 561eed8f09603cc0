"""The hostile catalog in Chromium: no content makes script run, on load, focus or hover.

The site is the same hostile catalog tests/build/test_security_site.py scans as HTML; here a
real browser loads each page the review found a way into (table of contents, category
heading, file list, body links and attributes), tabs through it and hovers every link,
while any dialog (`alert(document.domain)`) is recorded.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sitebuild import build_site

sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures" / "hostile"))
from make_catalog import write_hostile_catalog

from skillsite.engines import ENGINES

PAGES = (
    "skills/toc-breakout/",
    "skills/url-variants/",
    "skills/file-link/",
    "skills/markdown-links/",
    "skills/body-html/",
    "skills/frontmatter-values/",
    "categories/tools-breakout/",
    "categories/content/",
    "",
)


@pytest.fixture(scope="module", params=ENGINES)
def hostile_url(
    request: pytest.FixtureRequest, server, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """The hostile catalog built by each engine."""
    engine = request.param
    catalog = write_hostile_catalog(tmp_path_factory.mktemp(f"hostile-browser-{engine}"))
    url = server.url(f"hostile-{engine}/")
    site = build_site(
        server.root / f"hostile-{engine}",
        catalog=catalog.root,
        engine=engine,
        SKILLSITE_SITE_URL=url,
    )
    assert site.returncode == 0, site.output
    return url


def _visit(browser, url: str) -> tuple[list[str], list[str]]:
    """Dialogs seen while loading, tabbing and hovering; and every link's href."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for _ in range(20):
        page.keyboard.press("Tab")
    page.keyboard.press("Escape")  # tabbing may open the search dialog over the page
    links = page.locator("article a, .md-sidebar--secondary a")
    for index in range(min(links.count(), 60)):
        link = links.nth(index)
        if link.is_visible():
            # Forced: the mouse goes over the link even if an overlay would take it.
            link.hover(timeout=2000, force=True)
    page.wait_for_timeout(200)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    context.close()
    return dialogs, hrefs


def test_the_dialog_watch_sees_a_script_that_runs(browser, hostile_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url)
    page.evaluate("() => setTimeout(() => alert('control'), 0)")
    page.wait_for_timeout(300)
    context.close()
    assert seen == ["control"]


@pytest.mark.parametrize("path", PAGES)
def test_no_script_from_content_runs(browser, hostile_url: str, path: str) -> None:
    dialogs, hrefs = _visit(browser, hostile_url + path)
    assert dialogs == []
    scripted = [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]
    assert set(scripted) <= {"javascript:void(0)"}, scripted
