"""A Markdown extension that puts a skill body's headings into the page's table of contents.

The core renders each body to finished HTML (body_html.py), which reaches the page as one
raw HTML block; the engine's own `toc` extension sees no heading inside it. With MkDocs
the hook adds them (from the page's `skill_toc`). Zensical runs no hook but reads
`md.toc_tokens` after converting a page, so for Zensical builds this extension appends
the body's headings there, read back from the block the core made: their ids and text are
the core's own (made from the text, escaped), the same that `skill_toc` holds.
"""

from __future__ import annotations

import html
import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from skillsite.body_html import nest_toc

EXTENSION = "skillsite.body_toc"  # its name in `markdown_extensions`

_BODY_BLOCK = '<div class="skillsite-body">'
_HEADING = re.compile(r'<h([2-6]) id="([^"<>]+)">(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]*>")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def body_toc_tokens(block: str) -> list[dict]:
    """Nested toc tokens, as Python-Markdown's `toc` extension makes them, for every
    heading of a body block."""
    flat: list[dict] = []
    for level, anchor, inner in _HEADING.findall(block):
        text = html.unescape(_TAG.sub("", _PERMALINK.sub("", inner))).strip()
        name = html.escape(text)
        flat.append(
            {
                "level": int(level),
                "id": html.unescape(anchor),
                "name": name,
                "html": name,
                "data-toc-label": "",
                "children": [],
            }
        )
    return nest_toc(flat)


class _BodyHeadings(Postprocessor):
    def run(self, text: str) -> str:
        blocks = [b for b in self.md.htmlStash.rawHtmlBlocks if isinstance(b, str)]
        body = next((b for b in blocks if b.lstrip().startswith(_BODY_BLOCK)), None)
        if body is not None:
            tokens = list(getattr(self.md, "toc_tokens", []))
            self.md.toc_tokens = [*tokens, *body_toc_tokens(body)]  # type: ignore[attr-defined]
        return text


class BodyTocExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before the raw HTML goes back into the page (priority 30): read from the stash.
        md.postprocessors.register(_BodyHeadings(md), "skillsite_body_toc", 35)


def makeExtension(**kwargs: object) -> BodyTocExtension:
    return BodyTocExtension(**kwargs)
