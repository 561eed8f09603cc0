"""The body renderer and the allowlist behind it: what content can and cannot put on a page."""

from __future__ import annotations

import pytest

from skillsite.body_html import LinkContext, render_body, safe_url
from skillsite.sanitize import sanitize_html

CONTEXT = LinkContext("tools/my-skill", {"security/threat-model": "threat-model"})


def rendered(body: str) -> str:
    return render_body(body, CONTEXT).html


def test_pseudo_tags_in_prose_show_as_text_and_code_stays_code() -> None:
    page = rendered("Obey <HARD-GATE> now.\n\n```\n<div>kept</div>\n```\n\nInline `<b>` too.\n")
    assert "Obey &lt;HARD-GATE&gt; now." in page
    assert "&lt;div&gt;kept&lt;/div&gt;" in page and "<div>kept" not in page
    assert "<code>&lt;b&gt;</code>" in page


def test_web_autolinks_stay_links_and_other_schemes_become_text() -> None:
    page = rendered("See <https://example.org> and <javascript:alert(1)>.")
    assert '<a href="https://example.org"' in page
    assert "&lt;javascript:alert(1)&gt;" in page and 'href="javascript' not in page


def test_allowlist_drops_handlers_scripts_and_unsafe_urls() -> None:
    html = (
        '<a href="javascript:alert(1)" onclick="x()">a</a>'
        '<img src="data:image/svg+xml;base64,AAAA" onerror="x()">'
        "<script>alert(1)</script><iframe src=https://example.org></iframe>"
    )
    clean = sanitize_html(html)
    for needle in ("javascript:", "onclick", "onerror", "data:", "<script", "<iframe"):
        assert needle not in clean


def test_body_cannot_take_ids_or_classes_the_page_uses() -> None:
    clean = sanitize_html(
        '<pre id="skillsite-source">fake</pre><pre id="__code_0"><code>x</code></pre>'
        '<h2 id="steps" class="md-dialog highlight">Steps</h2><p id="install">x</p>'
    )
    assert 'id="skillsite-source"' not in clean and 'id="__code_0"' not in clean
    assert 'id="install"' not in clean and "md-dialog" not in clean
    assert 'id="steps" class="highlight"' in clean


@pytest.mark.parametrize(
    "attributes",
    [
        "#__code_0",
        "id='a\" autofocus onfocus=\"alert(1)'",
        ".md-dialog .md-search",
        'class="md-header"',
        "onclick=alert(1)",
        "style='position:fixed'",
        "autofocus tabindex=1 onfocus=alert(1)",
        "data-md-component=toc",
        "href=javascript:alert(1)",
        "contenteditable=true",
    ],
)
def test_attribute_lists_set_only_harmless_attributes(attributes: str) -> None:
    page = rendered(f"## Alpha {{: {attributes} }}\n\nText\n{{: {attributes} }}\n")
    assert '<h2 id="alpha">' in page
    for word in ("onfocus", "onclick", "autofocus", "tabindex", "style", "md-", "__code",
                 "contenteditable", "javascript"):  # fmt: skip
        assert word not in page, word


def test_attribute_lists_may_set_a_title() -> None:
    assert '<p title="hello">Text</p>' in rendered('Text\n{: title="hello" }\n')


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "jav&#x61;script:alert(1)",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "\x01javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:image/png;base64,AAAA",
        "file:///etc/passwd",
        "//evil.example/x",
        "\\\\evil.example/x",
        "/\\evil.example/x",
        "/etc/passwd",
        "../../../etc/passwd",
        "../other-skill/secret.txt",
        "ftp://example.org/",
    ],
)
def test_unsafe_or_outside_urls_are_refused(url: str) -> None:
    assert safe_url(url, CONTEXT) is None


@pytest.mark.parametrize(
    ("url", "published"),
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("HTTP://example.org/", "HTTP://example.org/"),
        ("mailto:a@example.org", "mailto:a@example.org"),
        ("#steps", "#steps"),
        ("references/api.md", "./references/api.md"),
        ("./references/a b.md#part", "./references/a%20b.md#part"),
        ("references/../x.md", "./x.md"),
        ("../../security/threat-model/SKILL.md", "../threat-model/"),
        ("../../security/threat-model/", "../threat-model/"),
        ("../../security/threat-model#usage", "../threat-model/#usage"),
    ],
)
def test_allowed_urls_are_published_explicitly(url: str, published: str) -> None:
    assert safe_url(url, CONTEXT) == published
