"""Read the install box of a built skill page the way a reader copies it."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from html import unescape


def install_box_commands(page_html: str) -> list[str]:
    """The text of every code block of the install box, in page order."""
    after = page_html[page_html.index('id="install"') :]
    box = _first_div(after[after.index('<div class="tabbed-set') :])
    blocks = []
    for chunk in box.split("<pre>")[1:]:
        code = chunk.split("<code>", 1)[1].split("</code>", 1)[0]
        blocks.append(unescape(_strip_tags(code)).strip())
    return blocks


def _first_div(html: str) -> str:
    """`html` up to the end of the <div> it starts with (the skill body comes after)."""
    depth, position = 0, 0
    while True:
        opening, closing = html.find("<div", position), html.find("</div>", position)
        if opening != -1 and opening < closing:
            depth, position = depth + 1, opening + 4
        else:
            depth, position = depth - 1, closing + 6
            if depth == 0:
                return html[:position]


def _strip_tags(html: str) -> str:
    out, depth = [], 0
    for character in html:
        if character == "<":
            depth += 1
        elif character == ">":
            depth -= 1
        elif depth == 0:
            out.append(character)
    return "".join(out)


@dataclass(frozen=True)
class CurlCommand:
    folder: str  # as the shell receives it, e.g. "$HOME/.claude/skills"
    archive_url: str
    sha256: str
    name: str


def curl_command(command: str) -> CurlCommand | None:
    """The arguments of the checksum-checking curl command, or None for other commands."""
    words = shlex.split(command)
    if words[:2] != ["sh", "-c"]:
        return None
    assert len(words) == 8 and words[3] == "sh", command
    return CurlCommand(*words[4:8])
