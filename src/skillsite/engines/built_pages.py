"""A second sanitising pass over the skill bodies of a site built without the hook.

The hook sanitises each skill body once more after the engine rendered it
(`on_page_content`); Zensical offers no such step, so the same pass runs over the built
HTML files: the body is what lies between the body marker and the hidden SKILL.md source
that the theme's template prints after the page content.
"""

from __future__ import annotations

from pathlib import Path

from skillsite.render import BODY_MARKER
from skillsite.sanitize import sanitize_html

# Printed by overrides/partials/skill-source.html right after the page content.
SOURCE_BLOCK = '<pre id="skillsite-source"'


def sanitize_body(page: str) -> str:
    head, marker, rest = page.partition(BODY_MARKER)
    end = rest.rfind(SOURCE_BLOCK)
    if not marker or end < 0:
        return page
    # As the hook does, the marker goes too.
    return head + sanitize_html(rest[:end]) + rest[end:]


def sanitize_skill_pages(site_dir: Path) -> None:
    for path in sorted((site_dir / "skills").glob("*/index.html")):
        text = path.read_text(encoding="utf-8")
        cleaned = sanitize_body(text)
        if cleaned != text:
            path.write_text(cleaned, encoding="utf-8")
