"""The tool a reader picks in one install box is the one shown on the next skill page."""

from __future__ import annotations

import pytest

from .conftest import ServedSite

pytestmark = pytest.mark.browser


def selected_tab(page) -> str:
    return page.locator("#install ~ .tabbed-set").evaluate(
        "set => set.querySelector(`label[for='${set.querySelector('input:checked').id}']`)"
        ".innerText.trim()"
    )


def visible_command(page) -> str:
    blocks = page.locator("#install ~ .tabbed-set .tabbed-block")
    return next(b for b in blocks.all() if b.is_visible()).locator("code").inner_text()


def test_choosing_cursor_shows_cursor_first_on_the_next_skill_page(
    small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page("skills/token-keeper/"))
    assert selected_tab(page) == "Claude Code"
    page.locator("#install ~ .tabbed-set .tabbed-labels label", has_text="Cursor").click()
    assert ".cursor/skills" in visible_command(page)
    page.goto(small_site.page("skills/queue-tamer/"))
    assert selected_tab(page) == "Cursor"
    assert ".cursor/skills" in visible_command(page)
    assert "queue-tamer.tar.gz" in visible_command(page)


def test_a_new_reader_starts_on_the_first_tool(small_site: ServedSite, open_page) -> None:
    page = open_page(small_site.page("skills/queue-tamer/"))
    assert selected_tab(page) == "Claude Code"
    assert ".claude/skills" in visible_command(page)
