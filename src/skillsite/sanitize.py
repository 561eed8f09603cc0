"""The allowlist every piece of skill-body HTML passes before it reaches a page.

`body_html.render_body` produces the body's HTML without raw HTML, with attribute lists
cut down and URLs checked; this is the second, independent check of the result (and the
MkDocs hook runs it once more on what the engine made of the page body): tags, attributes,
classes, ids and URL schemes outside the lists below are removed.
"""

from __future__ import annotations

import re

import nh3
from pygments.token import STANDARD_TYPES

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
    # aria-label: task-list checkboxes are named by their item's text (a11y.py).
    "input": {"type", "checked", "disabled", "name", "aria-label"},
    "label": {"for"},
    "ol": {"start"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "details": {"open"},
}
_ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Classes the Markdown extensions of a body produce; content cannot add others (a class
# of the theme could restyle or cover the page).
_ADMONITION_TYPES = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution",
    "attention", "failure", "fail", "missing", "danger", "error", "bug", "example", "quote",
    "cite",
}  # fmt: skip
_EXTENSION_CLASSES = {
    "admonition", "admonition-title", "highlight", "highlighttable", "linenos",
    "linenodiv", "filename", "hll", "tabbed-set", "tabbed-alternate", "tabbed-labels",
    "tabbed-content", "tabbed-block", "task-list", "task-list-item", "task-list-control",
    "task-list-indicator", "footnote", "footnote-ref", "footnote-backref", "headerlink",
    "skillsite-unrendered", "skillsite-body",
}  # fmt: skip
_ALLOWED_CLASSES = (
    _EXTENSION_CLASSES | _ADMONITION_TYPES | {name for name in STANDARD_TYPES.values() if name}
)
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")
_BODY_ID = re.compile(r"(?:fn|fnref):[^\s]{1,100}|__tabbed_b\d+(?:_\d+)?|[a-z0-9][a-z0-9-]{0,80}")
_RESERVED_IDS = {"install", "skillsite-source"}


def _classes(value: str) -> str | None:
    kept = [c for c in value.split() if c in _ALLOWED_CLASSES or _LANGUAGE_CLASS.fullmatch(c)]
    return " ".join(kept) or None


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        return _classes(value)
    if attribute == "id":
        # Ids the page's own controls look up ("#__code_N" for copy buttons,
        # "#skillsite-source", "#install") stay the theme's and the header's.
        ok = _BODY_ID.fullmatch(value) and value not in _RESERVED_IDS
        return value if ok and not value.startswith("skillsite-") else None
    if tag == "input" and attribute == "type":
        # Task lists render as disabled checkboxes, content tabs as radio buttons.
        return value if value in ("checkbox", "radio") else None
    if attribute in ("name", "for"):
        return value if value.startswith("__tabbed_b") else None
    return value


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
