"""Task-list checkboxes get the item's text as their accessible name (no site build).

The HTML is what a page really carries: a skill body as the core renders and sanitises
it, and a hand-written page as MkDocs renders it with pymdownx.tasklist (XHTML-style
`<input ... disabled/>`), so a change in either markup shows up here as an unnamed box.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

import markdown
import pytest

from skillsite.a11y import MAX_NAME_CHARS, label_task_checkboxes
from skillsite.body_html import LinkContext, render_body
from skillsite.sanitize import sanitize_html


def skill_body_html(text: str) -> str:
    return sanitize_html(render_body(text, LinkContext("tools/x", {})).html)


def hand_written_html(text: str) -> str:
    renderer = markdown.Markdown(  # as mkdocs.structure.pages.Page.render builds it
        extensions=["pymdownx.tasklist"],
        extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}},
    )
    return renderer.convert(text)


PAGES = pytest.mark.parametrize("tasks_html", [skill_body_html, hand_written_html])


def checkbox_names(page: str) -> list[str | None]:
    names = []
    for tag in re.findall(r'<input type="checkbox"[^>]*>', page):
        found = re.search(r'aria-label="([^"]*)"', tag)
        names.append(unescape(found.group(1)) if found else None)
    return names


@PAGES
def test_each_checkbox_is_named_by_its_item(tasks_html: Callable[[str], str]) -> None:
    page = tasks_html("- [ ] Write the tests\n- [x] Read   the *issue*\n- [ ] \n")
    named = label_task_checkboxes(page)
    assert checkbox_names(named) == ["Write the tests", "Read the issue", "Task"]
    assert "checked" in re.findall(r'<input type="checkbox"[^>]*>', named)[1]
    # The visible text is unchanged.
    visible = re.sub(r"<input[^>]*>", "", named)
    assert visible == re.sub(r"<input[^>]*>", "", page)
    # A second pass (the MkDocs hook after the core) changes nothing.
    assert label_task_checkboxes(named) == named


def test_skill_bodies_are_named_by_the_core_and_hand_written_pages_by_the_hook() -> None:
    assert checkbox_names(skill_body_html("- [ ] Ship\n")) == ["Ship"]
    assert checkbox_names(hand_written_html("- [ ] Ship\n")) == [None]


@PAGES
def test_the_name_is_the_whole_item_with_markup_removed_and_without_its_sublist(
    tasks_html: Callable[[str], str],
) -> None:
    page = tasks_html(
        "- [x] `README.md`, `LICENSE` and **`.gitignore`** present.\n"
        "- [ ] 429 with `Retry-After`; headers for [API clients](https://example.org)\n"
        "- [ ] Parent task\n"
        "    - [ ] Child task\n"
    )
    assert checkbox_names(label_task_checkboxes(page)) == [
        "README.md, LICENSE and .gitignore present.",
        "429 with Retry-After; headers for API clients",
        "Parent task",
        "Child task",
    ]


@PAGES
def test_markup_in_an_item_stays_text_in_its_name(tasks_html: Callable[[str], str]) -> None:
    page = tasks_html('- [ ] Close &quot;"><img src=x onerror=alert(1)>\n')
    named = label_task_checkboxes(page)
    [name] = checkbox_names(named)
    assert name is not None and "<img" not in named.split("aria-label=")[1].split(">")[0]
    assert name.startswith('Close ""')


@PAGES
def test_long_items_get_a_bounded_name_and_pages_without_tasks_are_untouched(
    tasks_html: Callable[[str], str],
) -> None:
    named = label_task_checkboxes(tasks_html("- [ ] " + "word " * 200 + "\n"))
    [name] = checkbox_names(named)
    assert name is not None and len(name) <= MAX_NAME_CHARS and name.endswith("…")
    plain = "<p>No tasks [ ] here</p>"
    assert label_task_checkboxes(plain) is plain
