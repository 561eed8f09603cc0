"""Accessible names for markup that Markdown extensions leave unnamed.

pymdownx.tasklist renders `- [ ] text` as a checkbox inside an empty label followed by the
text, so the checkbox has no accessible name; it gets the item's text as `aria-label`.
"""

from __future__ import annotations

import html
import re

MAX_NAME_CHARS = 120
# Skill bodies arrive re-serialised by the sanitiser (`disabled=""`); hand-written pages
# straight from Python-Markdown, whose default output is XHTML (`disabled/>`).
_TASK_CHECKBOX = re.compile(
    r'<input type="checkbox"(?P<state>(?: (?:disabled|checked)(?:="")?)*) ?/?>'
    r'(?P<rest><span class="task-list-indicator"></span></label>)(?P<text>[^<]{0,400})'
)


def _named(match: re.Match[str]) -> str:
    text = " ".join(html.unescape(match.group("text")).split())[:MAX_NAME_CHARS] or "Task"
    return (
        f'<input type="checkbox"{match.group("state")} aria-label="{html.escape(text)}">'
        + match.group("rest")
        + match.group("text")
    )


def label_task_checkboxes(page_html: str) -> str:
    if "task-list-indicator" not in page_html:
        return page_html
    return _TASK_CHECKBOX.sub(_named, page_html)
