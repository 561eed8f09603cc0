"""The two layers that make skill bodies safe: escaping raw HTML, then an allowlist."""

from __future__ import annotations

from skillsite.sanitize import escape_raw_html, sanitize_html


def test_pseudo_tags_in_prose_show_as_text_but_code_is_untouched() -> None:
    body = "Obey <HARD-GATE> now.\n\n```html\n<div>kept</div>\n```\n\nInline `<b>` too.\n"
    escaped = escape_raw_html(body)
    assert "Obey &lt;HARD-GATE> now." in escaped
    assert "<div>kept</div>" in escaped
    assert "`<b>`" in escaped


def test_web_autolinks_stay_links_and_other_schemes_become_text() -> None:
    escaped = escape_raw_html("See <https://example.org> and <javascript:alert(1)>.")
    assert "<https://example.org>" in escaped
    assert "&lt;javascript:alert(1)>" in escaped


def test_allowlist_drops_handlers_scripts_and_unsafe_urls() -> None:
    html = (
        '<a href="javascript:alert(1)" onclick="x()">a</a>'
        '<img src="data:image/svg+xml;base64,AAAA" onerror="x()">'
        "<script>alert(1)</script><iframe src=https://example.org></iframe>"
    )
    clean = sanitize_html(html)
    for needle in ("javascript:", "onclick", "onerror", "data:", "<script", "<iframe"):
        assert needle not in clean


def test_body_cannot_take_ids_that_page_controls_look_up() -> None:
    clean = sanitize_html(
        '<pre id="skillsite-source">fake</pre><pre id="__code_0"><code>x</code></pre>'
        '<h2 id="steps">Steps</h2>'
    )
    assert 'id="skillsite-source"' not in clean
    assert 'id="__code_0"' not in clean
    assert 'id="steps"' in clean
