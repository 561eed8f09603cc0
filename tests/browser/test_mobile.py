"""A phone-sized screen: no sideways scrolling, a working install box, screenshots."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS, DESKTOP, MOBILE, ServedSite
from .test_copy import CODE_COPY_BUTTON, clipboard_after_click

pytestmark = pytest.mark.browser

SCREENSHOT_PAGES = {
    "home": "",
    "category": "categories/alpha/",
    "skill": "skills/token-keeper/",
}


def horizontal_overflow(page) -> int:
    """How far the page scrolls sideways (0 when it fits; Zensical's layout can be
    narrower than the viewport, which is not scrolling)."""
    return max(
        0,
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        ),
    )


@pytest.mark.parametrize("name", ["token-keeper", "long-liner", "markup-minder"])
def test_skill_page_does_not_scroll_sideways_on_a_phone(
    name: str, small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page(f"skills/{name}/"), viewport=MOBILE)
    assert horizontal_overflow(page) == 0


def test_install_box_works_on_a_phone(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/token-keeper/"), viewport=MOBILE, clipboard=True)
    install = page.locator("#install ~ .tabbed-set").first
    install.locator(":scope > .tabbed-labels > label", has_text="Codex").click()
    block = install.locator(":scope > .tabbed-content > .tabbed-block").nth(3)
    assert block.is_visible()
    box = block.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"]
    code = block.locator("div.highlight").first
    copied = clipboard_after_click(page, code.locator(CODE_COPY_BUTTON))
    assert copied.startswith("npx skills add ") and " -a codex " in copied
    assert horizontal_overflow(page) == 0


@pytest.mark.parametrize(("device", "viewport"), [("desktop", DESKTOP), ("mobile", MOBILE)])
def test_screenshots_of_the_main_pages(
    device: str, viewport: dict[str, int], small_site: ServedSite, open_page
) -> None:
    """For a person to look at: tests/artifacts/<page>-<device>.png (light scheme)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for page_type, path in SCREENSHOT_PAGES.items():
        page = open_page(small_site.page(path), viewport=viewport)
        suffix = "" if small_site.engine == "mkdocs" else f"-{small_site.engine}"
        target = ARTIFACTS / f"{page_type}-{device}{suffix}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
        assert horizontal_overflow(page) == 0
