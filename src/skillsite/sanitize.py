"""Make untrusted skill Markdown safe to publish.

Two layers. Before rendering, raw HTML outside code in a skill body is escaped, so
pseudo-tags such as `<HARD-GATE>` show as the text their author wrote instead of
vanishing. After rendering, the HTML of the body passes an allowlist sanitizer (nh3), which
removes whatever Markdown itself can produce that a reader's browser must not run:
`javascript:` links, event handlers added with attribute lists, and the like.
"""

from __future__ import annotations

import re

import nh3

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# `<` that would open an HTML tag, comment, declaration or processing instruction.
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def _escape_tags(text: str) -> str:
    """Escape tag openers in prose, keeping `<https://...>` autolinks as links."""
    pieces: list[str] = []
    position = 0
    for match in _AUTOLINK.finditer(text):
        pieces.append(_TAG_START.sub("&lt;", text[position : match.start()]))
        target = match.group(0)
        # An autolink is kept only for a web or mail address; anything else is text.
        if target.startswith(("<http://", "<https://", "<mailto:")) or "@" in target:
            pieces.append(target)
        else:
            pieces.append("&lt;" + target[1:])
        position = match.end()
    pieces.append(_TAG_START.sub("&lt;", text[position:]))
    return "".join(pieces)


def _escape_prose(line: str) -> str:
    pieces: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(line):
        pieces.append(_escape_tags(line[position : match.start()]))
        pieces.append(match.group(0))
        position = match.end()
    pieces.append(_escape_tags(line[position:]))
    return "".join(pieces)


def escape_raw_html(markdown: str) -> str:
    """Escape raw HTML outside fenced code and code spans, line by line."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        opener = _FENCE.match(line)
        if fence is not None:
            closes = (
                opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence)
            )
            if closes and not line.strip().lstrip(fence[0]):
                fence = None
            out.append(line)
        elif opener:
            fence = opener.group(1)
            out.append(line)
        elif line.startswith(("    ", "\t")) and (not out or not out[-1].strip()):
            out.append(line)  # an indented code block's first line: code, not prose
        else:
            out.append(_escape_prose(line))
    return "\n".join(out)


_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul", "var",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "input": {"type", "checked", "disabled"},
    "label": {"for"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "details": {"open"},
}
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
_RESERVED_ID_PREFIXES = ("__", "skillsite-")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Task lists render as disabled checkboxes; no other input may appear.
    if tag == "input" and attribute == "type":
        return value if value == "checkbox" else None
    # Ids the page's own controls look up (copy buttons target "#__code_N" and
    # "#skillsite-source"; the first element with an id wins) stay the theme's.
    # Tabbed blocks in a body keep their own "__tabbed_" ids, which their labels use.
    reserved = value.startswith(_RESERVED_ID_PREFIXES) and not value.startswith("__tabbed_")
    return None if attribute == "id" and reserved else value


def sanitize_html(html: str) -> str:
    """Keep the markup Markdown produces for prose, tables and code; drop the rest."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_ALLOWED_URL_SCHEMES,
        attribute_filter=_attribute_filter,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
