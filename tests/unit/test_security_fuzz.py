"""Fuzz the parser and the renderer with hostile fragments (hypothesis).

Any bytes and any frontmatter give diagnostics or a page, never an exception; the body as
the core renders it, and the whole generated page as an engine without the hooks renders
it (Python-Markdown with mkdocs.yml's extensions, no sanitizer after it), never carries a
script, an event handler or a `javascript:`/`data:` URL, and every generated front
matter parses with MkDocs' own reader.
"""

from __future__ import annotations

import json

import markdown
import yaml
from htmlscan import scan_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from sitebuild import REPO

from skillsite.api import json_bytes
from skillsite.body_html import LinkContext, render_body
from skillsite.engine_guard import EXTENSION as GUARD_EXTENSION
from skillsite.model import Category, Skill, SupportingFile
from skillsite.parse import parse_skill_file
from skillsite.render import BODY_MARKER, skill_page
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
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        # The guard fails a build of mkdocs.yml that skipped the hook; an engine given the
        # generated pages gets a config without it, as `skillsite build` writes for Zensical.
        if name == GUARD_EXTENSION:
            continue
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=configs)


MARKDOWN = _markdown()


def rendered_body(body: str) -> str:
    return render_body(body, LinkContext("c/x", {"c/y": "y"})).html


def engine_render(page: str) -> tuple[dict, str]:
    """What an engine without the hooks makes of a generated page: meta and HTML."""
    text, meta = get_data(page)
    MARKDOWN.reset()
    return meta, MARKDOWN.convert(text)


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
    meta, html = engine_render(page)
    assert meta["skill"]["name"] == "x"  # the front matter parsed: not left as page text
    # Values Material prints without escaping are escaped already.
    for value in (meta["description"], *meta["tags"]):
        assert "<" not in value and '"' not in value
    assert meta["skill"]["description"] == skill.description  # escaped by the template
    json.loads(json_bytes({"tags": list(skill.tags), "metadata": dict(skill.metadata)}))
    assert_inert(html.partition(BODY_MARKER)[2])


@SETTINGS
@given(hostile_text)
def test_rendered_bodies_are_inert(body: str) -> None:
    assert_inert(rendered_body(body))


@SETTINGS
@given(
    st.lists(st.one_of(st.binary(min_size=1, max_size=12), hostile_text), max_size=5), hostile_text
)
def test_front_matter_parses_whatever_the_file_names(names: list, value: str) -> None:
    # File names that are not UTF-8 reach Python as lone surrogates (surrogateescape).
    paths = [n.decode("utf-8", "surrogateescape") if isinstance(n, bytes) else n for n in names] + [
        "caf\udce9/\udcff.txt",
        "javascript:alert(document.domain)",
        "\U0001f600.md",
    ]
    skill = Skill(
        name="x",
        category="c",
        folder="c/x",
        skill_file="c/x/SKILL.md",
        description=value or "d",
        files=tuple(SupportingFile(p or "f", 1, "0" * 64) for p in paths),
        body=value,
    )
    page = skill_page(skill, Category(key="c", title=value), SiteInfo(), "0" * 64)
    meta, html = engine_render(page)
    assert meta["skill"]["description"] == (value or "d")
    files = meta["skill"]["files"]
    assert len(files) == len(paths)
    for entry in files:
        assert entry["url"] == "" or entry["url"].startswith("./")
        entry["path"].encode("utf-8")  # no lone surrogate left: the page can be written
    assert_inert(html)
    # Undecodable bytes are shown escaped.
    assert any(entry["path"] == "caf\\xe9/\\xff.txt" for entry in files)
