"""Accessible names for markup that Markdown extensions leave unnamed.

pymdownx.tasklist renders `- [ ] text` as a checkbox inside an empty label followed by the
item's text, so the checkbox has no accessible name. It gets the item's text as
`aria-label`: everything up to the item's end or its nested list, markup removed
(`<code>x</code> done` is "x done"), so a screen reader says what the task is.
"""

from __future__ import annotations

import html
import re

MAX_NAME_CHARS = 120
# How far after a checkbox its item's text is looked for: a bound on the work per box.
MAX_ITEM_CHARS = 2000
FALLBACK_NAME = "Task"
_TASK_CHECKBOX = re.compile(
    r'<input type="checkbox"(?P<state>(?:\s+(?:disabled|checked)(?:="[^"<>]*")?)*)\s*/?>'
    r'(?P<rest><span class="task-list-indicator"></span></label>)'
)
_ITEM_END = re.compile(r"</li\s*>|<(?:li|ul|ol)[\s>]", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")


def task_name(item_html: str) -> str:
    """The text of a task item's HTML (from after its checkbox), short enough for a name."""
    end = _ITEM_END.search(item_html)
    text = _TAG.sub("", item_html[: end.start()] if end else item_html)
    text = " ".join(html.unescape(text).split())
    if len(text) > MAX_NAME_CHARS:
        text = text[: MAX_NAME_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text or FALLBACK_NAME


def _named(match: re.Match[str]) -> str:
    item = match.string[match.end() : match.end() + MAX_ITEM_CHARS]
    state = "".join(f' {word}=""' for word in ("disabled", "checked") if word in match["state"])
    name = html.escape(task_name(item))
    return f'<input type="checkbox"{state} aria-label="{name}">' + match["rest"]


def label_task_checkboxes(page_html: str) -> str:
    if "task-list-indicator" not in page_html:
        return page_html
    return _TASK_CHECKBOX.sub(_named, page_html)
