"""A skill body, Markdown from the catalog, rendered to sanitised HTML by the core.

Every engine gets the body as finished HTML, so a site built without the MkDocs hooks
(`skillsite generate`) is as safe as one built with them. The rendering itself refuses
what content must not do, and nh3 then checks the result against an allowlist:

- raw HTML is not read at all: `<div>` or `<HARD-GATE>` shows as the text written;
- attribute lists may set only a few harmless attributes (`_ATTR_LIST_ALLOWED`); ids of
  headings are derived from their text here, never taken from the body;
- every URL passes `safe_url`: http, https, mailto, a fragment, or a relative path that
  stays inside the skill folder; a path to another skill of the catalog becomes a link to
  that skill's page;
- bodies past the bounds of `markdown_reader` are not rendered (check reports them), and
  rendering stops after `RENDER_SECONDS` of CPU time whatever the input.
"""

from __future__ import annotations

import html
import posixpath
import re
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, unquote
from xml.etree.ElementTree import Element, SubElement

import markdown
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.toc import render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from skillsite import layout
from skillsite.a11y import label_task_checkboxes
from skillsite.budget import RenderTimeout, run_with_budget
from skillsite.markdown_reader import read_markdown
from skillsite.sanitize import sanitize_html

RENDER_SECONDS = 1.0
_EXTENSIONS = [
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "tables",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
]
_EXTENSION_CONFIGS = {
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
}
_ATTR_LIST_ALLOWED = {"title", "lang", "dir", "alt", "width", "height"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")
# Python-Markdown's placeholder for a backslash-escaped character (`\\` -> STX 92 ETX).
_ESCAPED_CHARACTER = re.compile("\x02(\\d+)\x03")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
# Ids the page's own parts use: the install box, the copy buttons, the SKILL.md source.
_RESERVED_IDS = {"install", "skillsite-source"}
_BODY_TAB_PREFIX = "__tabbed_b"


@dataclass(frozen=True, slots=True)
class LinkContext:
    """Where the body lives, for resolving its relative links."""

    skill_folder: str  # POSIX path relative to the catalog root
    # Catalog-relative folder of every published skill -> its name.
    skills: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RenderedBody:
    html: str
    toc: list[dict]  # nested {"level", "id", "name", "children"}; "name" is escaped text
    # Why the body was not rendered (empty when it was).
    refusal: str = ""


def _browser_url(raw: str) -> str:
    # What a browser's URL parser does first: entities decoded (the HTML attribute),
    # leading and trailing C0 controls and spaces trimmed, tabs and newlines removed.
    text = raw.replace(AMP_SUBSTITUTE, "&")
    text = _ESCAPED_CHARACTER.sub(lambda match: chr(int(match.group(1))), text)
    text = html.unescape(text)
    return _URL_NOISE.sub("", text.strip(_C0_AND_SPACE))


def safe_url(raw: str, context: LinkContext) -> str | None:
    """The URL to publish for a URL written in a body, or None when it must not be a link."""
    url = _browser_url(raw)
    scheme = _SCHEME.match(url)
    if scheme:
        return url if scheme.group(1).lower() in ("http", "https", "mailto") else None
    if url.startswith("#"):
        return "#" + quote(unquote(url[1:]), safe="/:@!$&'()*+,;=-._~?")
    path = url.replace("\\", "/")
    if path.startswith("/"):
        return None  # site-absolute or network-path: outside the skill
    path, _, fragment = path.partition("#")
    path = path.split("?", 1)[0]
    suffix = "#" + quote(unquote(fragment), safe="/:@!$&'()*+,;=-._~?") if fragment else ""
    target = posixpath.normpath(posixpath.join(context.skill_folder, unquote(path)))
    inside = target == context.skill_folder or target.startswith(context.skill_folder + "/")
    if inside:
        relative = posixpath.relpath(target, context.skill_folder)
        if relative == ".":
            return "./" + suffix
        return "./" + quote(relative, safe="/") + ("/" if path.endswith("/") else "") + suffix
    other = linked_skill(target, context.skills)
    if other is not None:
        return f"../{quote(other)}/" + suffix
    return None


def linked_skill(target: str, skills: Mapping[str, str]) -> str | None:
    """The skill a catalog path names (its folder or its SKILL.md), if it is published."""
    if target in skills:
        return skills[target]
    folder, _, name = target.rpartition("/")
    return skills.get(folder) if name == layout.SKILL_FILE else None


def heading_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:64].strip("-")
    return slug or "section"


class _FilteredAttrList(AttrListTreeprocessor):
    """attr_list, but a body may set only the attributes in `_ATTR_LIST_ALLOWED`."""

    def assign_attrs(self, elem: Element, attrs_string: str, *, strict: bool = False) -> str:
        probe = Element(elem.tag)
        remainder = super().assign_attrs(probe, attrs_string, strict=strict)
        for key, value in probe.attrib.items():
            if key.lower() in _ATTR_LIST_ALLOWED and value is not None:
                elem.set(key.lower(), value)
        return remainder


class _BodyTreeprocessor(Treeprocessor):
    """Heading ids from text, URLs through `safe_url`, body tab ids of their own."""

    context = LinkContext(skill_folder="")
    toc: list[dict]

    def run(self, root: Element) -> None:
        self.toc = []
        self.taken: set[str] = set()
        counters: dict[str, int] = {}
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None:
                    safe = safe_url(value, self.context)
                    if safe is None:
                        del element.attrib[attribute]
                    else:
                        element.set(attribute, safe)
            for attribute in ("id", "for", "name"):
                value = element.get(attribute)
                if value and value.startswith("__tabbed_"):
                    element.set(attribute, _BODY_TAB_PREFIX + value.removeprefix("__tabbed_"))
            if element.tag in _HEADINGS:
                self._name_heading(element, counters)
        self.toc = nest_toc(self.toc)

    def _name_heading(self, element: Element, counters: dict[str, int]) -> None:
        text = html.unescape(strip_tags(render_inner_html(element, self.md)))
        base = heading_slug(text)
        if base in _RESERVED_IDS or base.startswith("skillsite-"):
            base = "section-" + base
        count = counters.get(base, 0)
        slug = base if count == 0 else f"{base}-{count}"
        while slug in self.taken:
            count += 1
            slug = f"{base}-{count}"
        counters[base] = count + 1
        self.taken.add(slug)
        element.set("id", slug)
        link = SubElement(element, "a", {"class": "headerlink", "href": "#" + slug})
        link.set("title", "Permanent link")
        link.text = "\u00b6"
        level = int(element.tag[1])
        self.toc.append({"level": level, "id": slug, "name": html.escape(text), "children": []})


def nest_toc(flat: list[dict]) -> list[dict]:
    top: list[dict] = []
    stack: list[dict] = []
    for token in flat:
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else top).append(token)
        stack.append(token)
    return top


class _Renderer:
    def __init__(self) -> None:
        self.md = markdown.Markdown(
            extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS, output_format="html"
        )
        # Raw HTML is text: no HTML blocks, no inline tags (autolinks stay).
        self.md.preprocessors.deregister("html_block")
        self.md.inlinePatterns.deregister("html")
        self.md.treeprocessors.register(_FilteredAttrList(self.md), "attr_list", 8)
        self.body = _BodyTreeprocessor(self.md)
        self.md.treeprocessors.register(self.body, "skillsite_body", 4)

    def convert(self, text: str, context: LinkContext) -> tuple[str, list[dict]]:
        self.md.reset()
        self.body.context = context
        self.body.toc = []  # an empty body skips the tree processors
        return self.md.convert(text), self.body.toc


_local = threading.local()
_WARM_UP = "# A\n\n```python\nx = 1\n```\n\n!!! note\n    *b* `c` [d](e) [^1]\n\n[^1]: f\n"


def _renderer() -> _Renderer:
    renderer = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = _local.renderer = _Renderer()
        # Loading extensions and lexers happens on first use: not on a body's budget.
        renderer.convert(_WARM_UP, LinkContext(skill_folder="warm-up"))
    return renderer


def refusal_html(reason: str) -> str:
    return (
        '<div class="admonition failure skillsite-unrendered">'
        '<p class="admonition-title">This skill\'s text is not shown</p>'
        f"<p>{html.escape(reason)}. Read it in the SKILL.md file above.</p></div>"
    )


def render_body(body: str, context: LinkContext) -> RenderedBody:
    """The body as sanitised HTML with its table of contents; never raises on content."""
    excesses = read_markdown(body).excesses
    if excesses:
        reason = f"the text is too complex to show: {excesses[0].what}"
        return RenderedBody(refusal_html(reason), [], reason)
    renderer = _renderer()
    try:
        rendered, toc = run_with_budget(lambda: renderer.convert(body, context), RENDER_SECONDS)
    except RenderTimeout:
        _local.renderer = None  # stopped halfway: start the next body afresh
        reason = f"rendering it took longer than {RENDER_SECONDS:g} s"
        return RenderedBody(refusal_html(reason), [], reason)
    except RecursionError:
        _local.renderer = None
        reason = "the text nests too deeply to show"
        return RenderedBody(refusal_html(reason), [], reason)
    except Exception as error:  # a renderer bug must cost one page, not the build
        _local.renderer = None
        reason = f"the renderer failed on it ({type(error).__name__})"
        return RenderedBody(refusal_html(reason), [], reason)
    # Named after sanitising: the name is the item's text as the reader will see it.
    return RenderedBody(label_task_checkboxes(sanitize_html(rendered)), toc)
