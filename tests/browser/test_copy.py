"""Copy buttons put exactly the right text on the clipboard."""

from __future__ import annotations

import urllib.request

import pytest

from .conftest import ServedSite

pytestmark = pytest.mark.browser

# Material 9.8 names its code copy button md-code__button; older releases md-clipboard.
CODE_COPY_BUTTON = "button.md-clipboard, button.md-code__button[data-md-type='copy']"
BUILT_IN_FOLDERS = {
    "Claude Code": ".claude/skills",
    "GitHub Copilot": ".github/skills",
    "Cursor": ".cursor/skills",
    "Codex and other agents": ".agents/skills",
}
SENTINEL = "clipboard before the click"


def clipboard_after_click(page, button) -> str:
    page.evaluate("text => navigator.clipboard.writeText(text)", SENTINEL)
    button.click()
    page.wait_for_function(
        "sentinel => navigator.clipboard.readText().then(text => text !== sentinel)", arg=SENTINEL
    )
    return page.evaluate("navigator.clipboard.readText()")


def test_each_install_tab_copies_its_own_command(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/token-keeper/"), clipboard=True)
    archive = small_site.page("skills/token-keeper/token-keeper.tar.gz")
    labels = page.locator("#install ~ .tabbed-set .tabbed-labels label")
    titles = [label.inner_text().strip() for label in labels.all()]
    assert titles[: len(BUILT_IN_FOLDERS)] == list(BUILT_IN_FOLDERS)
    copied = {}
    for index, title in enumerate(titles):
        labels.nth(index).click()
        block = page.locator("#install ~ .tabbed-set .tabbed-block").nth(index)
        assert block.is_visible()
        shown = block.locator("code").inner_text().rstrip("\n")
        copied[title] = clipboard_after_click(page, block.locator(CODE_COPY_BUTTON))
        assert copied[title] == shown
    for title, folder in BUILT_IN_FOLDERS.items():
        assert copied[title] == (
            f"mkdir -p {folder} && curl -fsSL {archive} | tar -xzf - -C {folder}"
        )
    assert len(set(copied.values())) == len(titles)
    with urllib.request.urlopen(archive) as response:
        assert response.status == 200
        assert response.read(2) == b"\x1f\x8b"  # gzip


@pytest.mark.parametrize("name", ["token-keeper", "markup-minder"])
def test_copy_skill_md_copies_the_file_text(name: str, small_site: ServedSite, open_page) -> None:
    source = next(small_site.catalog.glob(f"*/{name}/SKILL.md")).read_text("utf-8")
    page = open_page(small_site.page(f"skills/{name}/"), clipboard=True)
    copied = clipboard_after_click(page, page.locator("button.skillsite-copy-skill"))
    assert copied == source


def test_skill_md_text_kept_for_the_copy_button_is_not_shown(
    small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page("skills/token-keeper/"))
    assert page.locator("#skillsite-source").count() == 1
    assert not page.locator("#skillsite-source").is_visible()


def test_copy_skill_md_keeps_the_final_newline(small_site: ServedSite, open_page) -> None:
    source = next(small_site.catalog.glob("*/token-keeper/SKILL.md")).read_text("utf-8")
    assert source.endswith("\n")
    page = open_page(small_site.page("skills/token-keeper/"), clipboard=True)
    assert clipboard_after_click(page, page.locator("button.skillsite-copy-skill")) == source
