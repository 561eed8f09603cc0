"""The tool and the scope a reader picks in one install box are the ones shown on the next
skill page."""

from __future__ import annotations

import pytest

from .conftest import ServedSite

pytestmark = pytest.mark.browser

TOOLS = "#install ~ .tabbed-set"


def selected_label(tab_set) -> str:
    return tab_set.evaluate(
        "set => set.querySelector(`label[for='${set.querySelector(':scope > input:checked').id}']`)"
        ".innerText.trim()"
    )


def visible_tab(tab_set):
    blocks = tab_set.locator(":scope > .tabbed-content > .tabbed-block")
    return next(block for block in blocks.all() if block.is_visible())


def visible_scope_set(page):
    return visible_tab(page.locator(TOOLS).first).locator(":scope > .tabbed-set").first


def visible_commands(page) -> list[str]:
    block = visible_tab(visible_scope_set(page))
    return [code.inner_text().strip() for code in block.locator("pre code").all()]


def test_choosing_cursor_shows_cursor_first_on_the_next_skill_page(
    small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page("skills/token-keeper/"))
    tools = page.locator(TOOLS).first
    assert selected_label(tools) == "Claude Code"
    tools.locator(":scope > .tabbed-labels > label", has_text="Cursor").click()
    assert any(".cursor/skills" in command for command in visible_commands(page))
    page.goto(small_site.page("skills/queue-tamer/"))
    assert selected_label(page.locator(TOOLS).first) == "Cursor"
    commands = visible_commands(page)
    assert any(".cursor/skills" in c and "queue-tamer.tar.gz" in c for c in commands)
    assert any("-a cursor" in command for command in commands)


def test_a_new_reader_starts_on_the_first_tool_in_this_project(
    small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page("skills/queue-tamer/"))
    assert selected_label(page.locator(TOOLS).first) == "Claude Code"
    assert selected_label(visible_scope_set(page)) == "This project"
    commands = visible_commands(page)
    assert any(" .claude/skills " in command for command in commands)
    assert not any(" -g" in command or "$HOME" in command for command in commands)


def test_choosing_user_scope_is_remembered_for_every_tool_and_page(
    small_site: ServedSite, open_page
) -> None:
    page = open_page(small_site.page("skills/token-keeper/"))
    visible_scope_set(page).locator(
        ":scope > .tabbed-labels > label", has_text="All projects"
    ).click()
    commands = visible_commands(page)
    assert any(c.endswith(" -g") for c in commands)
    assert any('"$HOME"/.claude/skills' in c for c in commands)
    page.goto(small_site.page("skills/queue-tamer/"))
    page.locator(TOOLS).first.locator(
        ":scope > .tabbed-labels > label", has_text="GitHub Copilot"
    ).click()
    assert selected_label(visible_scope_set(page)) == "All projects (user)"
    assert any('"$HOME"/.copilot/skills' in c for c in visible_commands(page))
