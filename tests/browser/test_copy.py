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
SCOPES = ("This project", "All projects (user)")
SENTINEL = "clipboard before the click"


def clipboard_after_click(page, button) -> str:
    page.evaluate("text => navigator.clipboard.writeText(text)", SENTINEL)
    button.click()
    page.wait_for_function(
        "sentinel => navigator.clipboard.readText().then(text => text !== sentinel)", arg=SENTINEL
    )
    return page.evaluate("navigator.clipboard.readText()")


def test_each_install_command_copies_exactly_what_it_shows(
    small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page("skills/token-keeper/"), clipboard=True)
    archive = small_site.page("skills/token-keeper/token-keeper.tar.gz")
    tools = page.locator("#install ~ .tabbed-set").first
    labels = tools.locator(":scope > .tabbed-labels > label")
    assert [label.inner_text().strip() for label in labels.all()] == list(BUILT_IN_FOLDERS)
    copied: list[str] = []
    for index, (title, folder) in enumerate(BUILT_IN_FOLDERS.items()):
        labels.nth(index).click()
        tool = tools.locator(":scope > .tabbed-content > .tabbed-block").nth(index)
        scopes = tool.locator(":scope > .tabbed-set").first
        scope_labels = scopes.locator(":scope > .tabbed-labels > label")
        assert [s.inner_text().strip() for s in scope_labels.all()] == list(SCOPES)
        for scope_index, scope in enumerate(SCOPES):
            scope_labels.nth(scope_index).click()
            block = scopes.locator(":scope > .tabbed-content > .tabbed-block").nth(scope_index)
            codes = block.locator("div.highlight")
            assert codes.count() == 2, title  # no repository configured: no gh command
            for code in codes.all():
                shown = code.locator("code").inner_text().rstrip("\n")
                assert clipboard_after_click(page, code.locator(CODE_COPY_BUTTON)) == shown
                copied.append(shown)
            npx, curl = copied[-2:]
            assert npx.startswith(f"npx skills add {small_site.url} --skill token-keeper -a ")
            assert curl.startswith("sh -c ") and archive in curl
            if scope == "This project":
                assert f" sh {folder} " in curl, title
            else:
                assert ' sh "$HOME"/' in curl and npx.endswith(" -g"), title
    assert len(set(copied)) == len(copied)
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
