"""Read the install box of a built skill page the way a reader copies it."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from html import unescape


def install_box_commands(page_html: str) -> list[str]:
    """The text of every code block of the install box, in page order."""
    box = page_html[page_html.index('id="install"') :]
    box = box.split("<h2", 1)[0]
    blocks = []
    for chunk in box.split("<pre>")[1:]:
        code = chunk.split("<code>", 1)[1].split("</code>", 1)[0]
        blocks.append(unescape(_strip_tags(code)).strip())
    return blocks


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
