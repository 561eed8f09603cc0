"""Fuzz the parser and the renderer with hostile fragments (hypothesis).

Any bytes and any frontmatter give diagnostics or a page, never an exception; the body as
the site renders it (Python-Markdown with mkdocs.yml's extensions, then the sanitizer)
never carries a script, an event handler or a `javascript:`/`data:` URL.
"""

from __future__ import annotations

import json

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import REPO
from test_security_site import scan_html

from skillsite.api import json_bytes
from skillsite.model import Category, Skill
from skillsite.parse import parse_skill_file
from skillsite.render import BODY_MARKER, skill_page
from skillsite.sanitize import escape_raw_html, sanitize_html
from skillsite.settings import read_mkdocs_config
from skillsite.site_info import SiteInfo
from skillsite.validate import check_fields, split_tags

FRAGMENTS = [
    "<script>alert(1)</script>", "<ScRiPt>", "</script>", "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>", "<iframe src=//x>", "<style>", "<form>", "<object>", "<a href=",
    "javascript:alert(1)", "jav&#x61;script:", "&#106;avascript:", "java\tscript:",
    "data:text/html,",
    "vbscript:", "[x](", "![x](", ")", "](", "{: onclick=alert(1) }", "{ #id .c onmouseover=1 }",
    "`", "```", "~~~", "    ", "\n", "\n\n", "<", ">", '"', "'", "&", "&amp;", "&lt;", "#",
    "## ", "!!! note ", "??? ", "=== ", "<!--", "-->", "<![CDATA[", "*[", "]: ", "[^1]",
    "[^1]: ", "<div markdown>", "</div>", "<javascript:alert(1)>", "<https://x.test/>",
    "- [ ] ", "| a | b |\n|---|---|\n", ":   ", "\\", "{{ x }}", "{% x %}", "---",
]  # fmt: skip
hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=24
).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _markdown() -> markdown.Markdown:
    config = read_mkdocs_config(REPO / "mkdocs.yml")
    names: list[str] = []
    configs: dict[str, dict] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=configs)


MARKDOWN = _markdown()


def rendered_body(body: str) -> str:
    MARKDOWN.reset()
    return sanitize_html(MARKDOWN.convert(escape_raw_html(body)))


def assert_inert(html: str) -> None:
    scan = scan_html(html, "fuzz")
    assert scan.findings == []
    assert not {tag for tag in scan.guarded if tag.split()[0] in ("script", "iframe", "form")}


@SETTINGS
@given(st.binary(max_size=2048))
def test_any_bytes_parse_to_a_result_or_diagnostics(data: bytes) -> None:
    parsed = parse_skill_file("x/SKILL.md", data, 64 * 1024)
    if parsed.frontmatter is not None:
        check_fields("x/SKILL.md", parsed.frontmatter, parsed.key_lines, "x")
    for diagnostic in parsed.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.message


@SETTINGS
@given(st.dictionaries(st.sampled_from(["name", "description", "license", "compatibility",
                                        "allowed-tools", "metadata", "x"]),
                       st.one_of(hostile_text, st.integers(), st.none(), st.lists(hostile_text),
                                 st.dictionaries(hostile_text, hostile_text, max_size=3)),
                       max_size=7),
       hostile_text)  # fmt: skip
def test_any_frontmatter_gives_diagnostics_or_a_page(frontmatter: dict, body: str) -> None:
    text = "---\n" + yaml.safe_dump(frontmatter, allow_unicode=True) + "---\n" + body
    parsed = parse_skill_file("x/SKILL.md", text.encode("utf-8", "replace"), 64 * 1024)
    fields = check_fields("x/SKILL.md", parsed.frontmatter or {}, parsed.key_lines, "x")
    skill = Skill(
        name="x",
        category="c",
        folder="c/x",
        skill_file="c/x/SKILL.md",
        description=fields.description,
        license=fields.license,
        compatibility=fields.compatibility,
        allowed_tools=fields.allowed_tools,
        metadata=fields.metadata,
        tags=split_tags(fields.metadata.get("tags", "")),
        body=parsed.body,
        raw=text.encode("utf-8", "replace"),
    )
    page = skill_page(skill, Category(key="c", title="C"), SiteInfo(), "0" * 64)
    _, front, rest = page.split("---\n", 2)
    meta = yaml.safe_load(front)
    # Values Material prints without escaping are escaped already.
    for value in (meta["description"], *meta["tags"]):
        assert "<" not in value and '"' not in value
    assert meta["skill"]["description"] == skill.description  # escaped by the template
    json.loads(json_bytes({"tags": list(skill.tags), "metadata": dict(skill.metadata)}))
    assert_inert(rendered_body(rest.partition(BODY_MARKER)[2]))


@SETTINGS
@given(hostile_text)
def test_rendered_bodies_are_inert(body: str) -> None:
    assert_inert(rendered_body(body))
