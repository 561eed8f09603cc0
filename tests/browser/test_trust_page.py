"""The skill page a reader decides on: install box on the first screen, the copy button
beside the command, the risk scan and related skills."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import DESKTOP, MOBILE, ServedSite
from .test_copy import CODE_COPY_BUTTON

pytestmark = pytest.mark.browser

REAL_CATALOG = Path(__file__).resolve().parents[2] / "catalog"


def real_skill_names() -> list[str]:
    return sorted(path.parent.name for path in REAL_CATALOG.glob("*/*/SKILL.md"))


@pytest.mark.parametrize(("device", "viewport"), [("desktop", DESKTOP), ("phone", MOBILE)])
def test_install_box_is_on_the_first_screen(
    device: str, viewport: dict[str, int], real_site: ServedSite, open_page
) -> None:
    page = open_page(real_site.page(""), viewport=viewport)
    below = []
    for name in real_skill_names():
        page.goto(real_site.page(f"skills/{name}/"))
        # The tab row and the first command, the part a reader copies.
        install = page.locator("#install ~ .tabbed-set pre").first
        box = install.bounding_box()
        assert box is not None, name
        if box["y"] < 0 or box["y"] + box["height"] > viewport["height"]:
            below.append(f"{name}: first install command ends at {box['y'] + box['height']:.0f} px")
    assert below == []


@pytest.mark.parametrize(("device", "viewport"), [("desktop", DESKTOP), ("phone", MOBILE)])
@pytest.mark.parametrize("name", ["long-liner", "token-keeper"])
def test_copy_button_never_covers_the_command(
    device: str, viewport: dict[str, int], name: str, small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page(f"skills/{name}/"), viewport=viewport)
    install = page.locator("#install ~ .tabbed-set").first
    labels = install.locator(":scope > .tabbed-labels > label")
    checked = 0
    for index in range(labels.count()):
        labels.nth(index).click()
        for pre in install.locator("pre").all():
            if not pre.is_visible():
                continue
            code = pre.locator(":scope > code").bounding_box()
            button = pre.locator(CODE_COPY_BUTTON).bounding_box()
            assert code is not None and button is not None
            overlap_x = min(code["x"] + code["width"], button["x"] + button["width"]) - max(
                code["x"], button["x"]
            )
            overlap_y = min(code["y"] + code["height"], button["y"] + button["height"]) - max(
                code["y"], button["y"]
            )
            assert overlap_x <= 0 or overlap_y <= 0, (index, code, button)
            checked += 1
    assert checked >= labels.count()


def test_risk_scan_and_related_skills_are_on_the_page(real_site: ServedSite, open_page) -> None:
    page = open_page(real_site.page("skills/guardrails-safety-filter-builder/"))
    scan = page.locator("#skillsite-risk-scan")
    assert scan.is_visible()
    reason = page.locator(".skillsite-finding--allowed .skillsite-finding__reason")
    assert "quoted as test data" in reason.first.inner_text()
    related = page.locator(".skillsite-related .skillsite-card__name")
    assert 3 <= related.count() <= 5
    related.first.click()
    page.wait_for_load_state()
    assert "/skills/" in page.url and "guardrails-safety-filter-builder" not in page.url
