"""One case per row of the rule table: the code, severity and line an author sees."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from core_cases import load, only, skill_md, write_tree

from skillsite.codes import CODES
from skillsite.diagnostics import Severity
from skillsite.model import Catalog

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Case:
    id: str
    content: bytes | str
    code: str
    severity: Severity
    line: int
    folder: str = "tools/case-skill"
    file_name: str = "SKILL.md"
    column: int | None = None


def fm(body: str) -> str:
    """A frontmatter block around `body` (YAML lines), then a short Markdown body."""
    return f"---\n{body}---\n# Title\n"


NAME = "name: case-skill\n"
DESC = "description: Does one thing. Use when testing.\n"

CASES = [
    Case("empty file", "", "file-empty", E, 1),
    Case("only whitespace", "\n  \n", "file-empty", E, 1),
    Case("no frontmatter", "# Title\n\nname: case-skill\n", "frontmatter-missing", E, 1),
    Case("unclosed frontmatter", f"---\n{NAME}{DESC}# Title\n", "frontmatter-unclosed", E, 1),
    Case(
        "unquoted colon in description",
        fm(f"{NAME}description: Use this: for things\n"),
        "yaml-invalid",
        E,
        3,
        column=22,
    ),
    Case("bad indentation", fm(f"{NAME}{DESC}metadata:\n  a: b\n   c: d\n"), "yaml-invalid", E, 6),
    Case("a list, not a mapping", "---\n- a\n- b\n---\n", "yaml-not-mapping", E, 2),
    Case("a scalar, not a mapping", "---\njust text\n---\n", "yaml-not-mapping", E, 2),
    Case("duplicate key", fm(f"{NAME}{DESC}description: again\n"), "yaml-duplicate-key", E, 4),
    Case(
        "duplicate nested key",
        fm(f"{NAME}{DESC}metadata:\n  a: x\n  a: y\n"),
        "yaml-duplicate-key",
        E,
        6,
    ),
    Case("name missing", fm(DESC), "name-missing", E, 1),
    Case("name not a string", fm(f"name: 12\n{DESC}"), "name-type", E, 2),
    Case("name a list", fm(f"{DESC}name: [a, b]\n"), "name-type", E, 3),
    Case(
        "name in Title Case",
        fm(f"name: Case_Skill\n{DESC}"),
        "name-format",
        E,
        2,
        folder="tools/Case_Skill",
    ),
    Case("name with double hyphen", fm(f"name: case--skill\n{DESC}"), "name-format", E, 2),
    Case("name with leading hyphen", fm(f"name: -case-skill\n{DESC}"), "name-format", E, 2),
    Case(
        "name over 64 characters",
        fm(f"name: {'a' * 65}\n{DESC}"),
        "name-too-long",
        E,
        2,
        folder=f"tools/{'a' * 65}",
    ),
    Case("name differs from folder", fm(f"name: other-skill\n{DESC}"), "name-mismatch", E, 2),
    Case("description missing", fm(NAME), "description-missing", E, 1),
    Case("description empty", fm(f'{NAME}description: ""\n'), "description-empty", E, 3),
    Case("description blank", fm(f"{NAME}description:\n"), "description-empty", E, 3),
    Case("description a list", fm(f"{NAME}description: [a]\n"), "description-type", E, 3),
    Case(
        "description over 1024",
        fm(f"{NAME}description: {'x' * 1025}\n"),
        "description-too-long",
        E,
        3,
    ),
    Case(
        "compatibility a number", fm(f"{NAME}{DESC}compatibility: 5\n"), "compatibility-type", E, 4
    ),
    Case(
        "compatibility empty", fm(f'{NAME}{DESC}compatibility: ""\n'), "compatibility-empty", E, 4
    ),
    Case(
        "compatibility over 500",
        fm(f"{NAME}{DESC}compatibility: {'x' * 501}\n"),
        "compatibility-too-long",
        E,
        4,
    ),
    Case("metadata a string", fm(f"{NAME}{DESC}metadata: text\n"), "metadata-type", E, 4),
    Case(
        "metadata with a number",
        fm(f"{NAME}{DESC}metadata:\n  version: 1.0\n"),
        "metadata-value-type",
        W,
        4,
    ),
    Case(
        "metadata nested",
        fm(f"{NAME}{DESC}metadata:\n  author:\n    name: x\n"),
        "metadata-value-type",
        W,
        4,
    ),
    Case(
        "allowed-tools as a list",
        fm(f"{NAME}{DESC}allowed-tools:\n  - Read\n  - Grep\n"),
        "allowed-tools-list",
        W,
        4,
    ),
    Case("unknown top-level key", fm(f"{NAME}{DESC}version: '2'\n"), "unknown-key", W, 4),
    Case("UTF-8 BOM", "\ufeff" + fm(NAME + DESC), "bom", W, 1),
    Case(
        "CRLF keeps line numbers",
        fm(f"{NAME}description: Use this: for things\n").replace("\n", "\r\n"),
        "yaml-invalid",
        E,
        3,
    ),
    Case("file named skill.md", fm(NAME + DESC), "file-name", W, 1, file_name="skill.md"),
    Case("file named SKILL.MD", fm(NAME + DESC), "file-name", W, 1, file_name="SKILL.MD"),
    Case("file named ' SKILL.md'", fm(NAME + DESC), "file-name", W, 1, file_name=" SKILL.md"),
    Case("not UTF-8", b"---\nname: case-skill\ndescription: caf\xe9\n---\n", "not-utf8", E, 3),
    Case("NUL bytes", fm(NAME + DESC) + "text\0more\n", "nul-bytes", E, 6, column=5),
    Case(
        "body over 500 lines",
        fm(NAME + DESC) + "line\n" * 600,
        "body-too-long",
        W,
        5 + 500,
    ),
    Case(
        "unclosed code fence",
        fm(NAME + DESC) + "\ntext\n\n```python\nprint(1)\n",
        "fence-unclosed",
        W,
        9,
    ),
    Case(
        "raw HTML pseudo-tag",
        fm(NAME + DESC) + "\nText with `<code>` and <https://example.com>.\n\n<HARD-GATE>stop\n",
        "raw-html",
        W,
        9,
    ),
    Case(
        "link to a missing file",
        fm(NAME + DESC) + "\nSee [the guide](references/guide.md).\n",
        "link-missing",
        W,
        7,
        column=17,
    ),
    Case(
        "link leaving the skill folder",
        fm(NAME + DESC) + "\nSee [other](../other-skill/notes.md).\n",
        "link-leaves-skill",
        W,
        7,
    ),
    Case(
        "link to a skill that does not exist",
        fm(NAME + DESC) + "\nSee [other](../../security/threat-model-generator/SKILL.md).\n",
        "skill-link-missing",
        E,
        7,
        column=13,
    ),
    Case(
        "ordered list nested 40 deep",
        fm(NAME + DESC) + "\n" + "".join("    " * i + "1. x\n" for i in range(40)),
        "body-too-complex",
        E,
        40,
    ),
    Case(
        "a paragraph of 20,000 brackets",
        fm(NAME + DESC) + "\nIntro.\n\n" + "[" * 20000 + "\n",
        "body-too-complex",
        E,
        9,
    ),
    Case("frontmatter over 64 KiB", fm(NAME + DESC + f"# {'x' * 70000}\n"), "yaml-too-large", E, 2),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule(tmp_path: Path, case: Case) -> None:
    catalog = load(tmp_path, {f"{case.folder}/{case.file_name}": case.content})
    assert len(catalog.skills) == 1
    found = only(catalog, case.code)
    assert (found.severity, found.line) == (case.severity, case.line), found.to_text()
    if case.column is not None:
        assert found.column == case.column, found.to_text()
    assert found.path == f"{case.folder}/{case.file_name}"
    assert found.hint, "every diagnostic tells what to do"
    skill = catalog.skills[0]
    assert skill.valid is not any(d.is_error for d in catalog.diagnostics)
    assert skill.skill_file == found.path


def test_every_case_matches_the_documented_code_table() -> None:
    assert {case.code: case.severity for case in CASES}.items() <= CODES.items()


def test_colon_hint_says_quote_the_value(tmp_path: Path) -> None:
    catalog = load(tmp_path, {"a/case-skill/SKILL.md": fm(f"{NAME}description: Do: this\n")})
    assert "quote the value" in only(catalog, "yaml-invalid").hint


def test_bom_and_crlf_are_parsed(tmp_path: Path) -> None:
    text = "\ufeff" + skill_md("case-skill", extra="license: MIT\n", body="# Title\n\nText.\n")
    catalog = load(tmp_path, {"a/case-skill/SKILL.md": text.replace("\n", "\r\n")})
    skill = catalog.skills[0]
    assert skill.valid
    assert skill.license == "MIT"
    assert skill.body == "# Title\n\nText.\n"
    assert skill.body_start_line == 6
    assert skill.raw.startswith(b"\xef\xbb\xbf---\r\n")
    assert [d.code for d in catalog.diagnostics] == ["bom"]


def test_value_containing_three_dashes_is_whole(tmp_path: Path) -> None:
    text = skill_md(
        "case-skill",
        description="'Before --- after: the whole sentence'",
        extra="compatibility: needs a --- b\n",
    )
    catalog = load(tmp_path, {"a/case-skill/SKILL.md": text})
    skill = catalog.skills[0]
    assert skill.valid, [d.to_text() for d in catalog.diagnostics]
    assert skill.description == "Before --- after: the whole sentence"
    assert skill.compatibility == "needs a --- b"


def test_odd_file_names_are_recognised_as_the_skill(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "a/one-skill/skill.md": skill_md("one-skill"),
            "a/two-skill/ SKILL.md": skill_md("two-skill"),
            "a/three-skill/SKILL.MD": skill_md("three-skill"),
        },
    )
    assert [s.name for s in catalog.skills] == ["one-skill", "three-skill", "two-skill"]
    assert all(s.valid for s in catalog.skills)
    messages = [d.message for d in catalog.diagnostics if d.code == "file-name"]
    assert len(messages) == 3
    assert all("'SKILL.md'" in m for m in messages)


def test_duplicate_names_report_both_paths(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "alpha/same-name/SKILL.md": skill_md("same-name"),
            "beta/same-name/SKILL.md": skill_md("same-name"),
        },
    )
    found = sorted(
        (d for d in catalog.diagnostics if d.code == "name-duplicate"), key=lambda d: d.path
    )
    assert [(d.path, d.severity, d.line) for d in found] == [
        ("alpha/same-name/SKILL.md", E, 2),
        ("beta/same-name/SKILL.md", E, 2),
    ]
    assert "beta/same-name/SKILL.md" in found[0].message
    assert "alpha/same-name/SKILL.md" in found[1].message
    assert catalog.valid_skills == ()


def test_unknown_keys_are_named(tmp_path: Path) -> None:
    text = skill_md("case-skill", extra="version: '1'\nauthor: me\n")
    catalog = load(tmp_path, {"a/case-skill/SKILL.md": text})
    unknown = [d for d in catalog.diagnostics if d.code == "unknown-key"]
    assert [(d.line, "'version'" in d.message or "'author'" in d.message) for d in unknown] == [
        (4, True),
        (5, True),
    ]
    assert catalog.skills[0].valid


def test_file_too_large_is_an_error_and_configurable(tmp_path: Path) -> None:
    text = skill_md("case-skill", body="x" * 2000)
    catalog = load(tmp_path, {"a/case-skill/SKILL.md": text}, max_file_bytes=1000)
    found = only(catalog, "file-too-large")
    assert (found.severity, found.line) == (E, 1)
    assert not catalog.skills[0].valid
    assert load_default(tmp_path).skills[0].valid


@pytest.mark.parametrize("diagnostics_only", [False, True])
def test_a_large_supporting_file_is_a_warning_of_its_own(
    tmp_path: Path, diagnostics_only: bool
) -> None:
    files = {
        "a/case-skill/SKILL.md": skill_md("case-skill"),
        "a/case-skill/assets/big.bin": b"x" * 2000,
    }
    catalog = load(tmp_path, files, max_file_bytes=1000, diagnostics_only=diagnostics_only)
    found = only(catalog, "supporting-file-too-large")
    assert (found.path, found.severity) == ("a/case-skill/assets/big.bin", W)
    assert "2000 bytes, over 1000" in found.message
    assert catalog.skills[0].valid


def load_default(root: Path) -> Catalog:
    return load(root, {})


def test_file_over_one_mebibyte_by_default(tmp_path: Path) -> None:
    text = skill_md("case-skill", body="x" * (1024 * 1024))
    catalog = load(tmp_path, {"a/case-skill/SKILL.md": text})
    assert only(catalog, "file-too-large").is_error


def test_broken_link_and_link_outside_are_errors(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("secret\n")
    root = tmp_path / "catalog"
    catalog_files = {"a/case-skill/SKILL.md": skill_md("case-skill")}
    write_tree(root, catalog_files)
    (root / "a/case-skill/gone.md").symlink_to("missing.md")
    (root / "a/case-skill/leak.md").symlink_to(outside)
    (root / "a/leaked-skill").mkdir()
    (root / "a/leaked-skill/SKILL.md").symlink_to(outside)
    catalog = load(root, {})
    broken = only(catalog, "link-broken")
    assert (broken.path, broken.severity, broken.line) == ("a/case-skill/gone.md", E, 1)
    leaving = sorted(d.path for d in catalog.diagnostics if d.code == "link-outside")
    assert leaving == ["a/case-skill/leak.md", "a/leaked-skill/SKILL.md"]
    assert [s.name for s in catalog.skills] == ["case-skill"]
    assert not catalog.skills[0].valid
    assert catalog.skills[0].files == ()


def test_nested_skill_is_warned_and_both_are_reported(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "a/outer-skill/SKILL.md": skill_md("outer-skill"),
            "a/outer-skill/notes.md": "notes\n",
            "a/outer-skill/inner-skill/SKILL.md": skill_md("inner-skill"),
            "a/outer-skill/inner-skill/ref.md": "ref\n",
        },
    )
    nested = only(catalog, "nested-skill")
    assert (nested.path, nested.severity, nested.line) == (
        "a/outer-skill/inner-skill/SKILL.md",
        W,
        1,
    )
    assert "a/outer-skill" in nested.message
    by_name = {s.name: s for s in catalog.skills}
    assert set(by_name) == {"outer-skill", "inner-skill"}
    assert [f.path for f in by_name["outer-skill"].files] == ["notes.md"]
    assert [f.path for f in by_name["inner-skill"].files] == ["ref.md"]


def test_alias_bomb_and_deep_nesting_are_errors(tmp_path: Path) -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        levels.append(f"a{level}: &a{level} [{refs}]")
    bomb = fm(NAME + DESC + "\n".join(levels) + "\n")
    deep = fm(NAME + DESC + "x: " + "[" * 10_000 + "]" * 10_000 + "\n")
    compact = fm(NAME + DESC + "x: " + "- " * 20_000 + "y\n")
    for name, text in (("bomb-skill", bomb), ("deep-skill", deep), ("compact-skill", compact)):
        text = text.replace("case-skill", name)
        catalog = load(tmp_path / name, {f"a/{name}/SKILL.md": text})
        problems = [
            d for d in catalog.diagnostics if d.code in ("yaml-too-complex", "yaml-invalid")
        ]
        assert problems and all(d.is_error for d in problems), name
        assert problems[0].line >= 4


def test_body_checks_leave_code_urls_and_footnotes_alone(tmp_path: Path) -> None:
    body = (
        "# Title\n\n"
        "Inline `<div>` and ``a ` <span>`` code; autolink <https://example.com> and "
        "<someone@example.com>; comment <!-- note -->.\n\n"
        "```html\n<div>[x](missing.md)</div>\n```\n\n"
        "~~~~\n<p>\n```\nstill code\n~~~~\n\n"
        "[web](https://example.com) [top](#title) [mail](mailto:a@b.c) "
        "[guide](references/guide.md?raw=1#part) ![img](assets/a%20b.png) "
        '[folder](references/) [self](./SKILL.md "title") [angle](<references/guide.md>)\n\n'
        "Text[^1].\n\n[^1]: <b>footnote</b> is not a link\n"
        "[ref]: references/guide.md\n"
    )
    catalog = load(
        tmp_path,
        {
            "a/case-skill/SKILL.md": skill_md("case-skill", body=body),
            "a/case-skill/references/guide.md": "# Guide\n",
            "a/case-skill/assets/a b.png": b"\x89PNG",
        },
    )
    # "a b.png" is there for the %20 link; install tools refuse the space (its own check).
    body_codes = [d for d in catalog.diagnostics if d.code != "file-not-installable"]
    assert [d.to_text() for d in body_codes if d.code != "raw-html"] == []
    html = [(d.line, d.message) for d in catalog.diagnostics if d.code == "raw-html"]
    # the footnote's opening and closing tag
    assert html == [(23, "raw HTML tag <b> outside code")] * 2


def test_repeated_body_problems_are_listed_then_counted(tmp_path: Path) -> None:
    body = "# Title\n\n" + "".join(f"<tag-{n}> and [x](gone-{n}.md)\n" for n in range(30))
    catalog = load(tmp_path, {"a/case-skill/SKILL.md": skill_md("case-skill", body=body)})
    for code in ("raw-html", "link-missing"):
        found = [d for d in catalog.diagnostics if d.code == code]
        assert len(found) == 21
        assert sum("10 more" in d.message for d in found) == 1
        assert [d.line for d in found[:20]] == list(range(7, 27))


def test_links_to_other_skills_are_checked_against_the_catalog(tmp_path: Path) -> None:
    body = (
        "\n[ok](../../security/threat-model/SKILL.md) [folder](../../security/threat-model/)\n"
        "[gone](../../security/no-such-skill/SKILL.md)\n"
        "[broken](../../security/broken-skill/SKILL.md)\n"
    )
    catalog = load(
        tmp_path,
        {
            "tools/linker/SKILL.md": skill_md("linker", body=body),
            "security/threat-model/SKILL.md": skill_md("threat-model"),
            "security/broken-skill/SKILL.md": skill_md("Broken Skill"),
        },
    )
    linker = next(s for s in catalog.skills if s.name == "linker")
    found = [(d.code, d.line) for d in linker.diagnostics]
    assert found == [("skill-link-missing", 7), ("skill-link-missing", 8)], found
    assert "no-such-skill" in linker.diagnostics[0].message
    assert not linker.valid


def test_a_chain_of_skill_links_follows_the_skill_it_names(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "a/first/SKILL.md": skill_md("first", body="\n[second](../../b/second/SKILL.md)\n"),
            "b/second/SKILL.md": skill_md("second", body="\n[gone](../../c/gone/SKILL.md)\n"),
        },
    )
    # `second` links to a missing skill, so it is not published, so `first` breaks too.
    assert {s.name: s.valid for s in catalog.skills} == {"first": False, "second": False}


@pytest.mark.parametrize(
    ("body", "code_line"),
    [
        # An indented code block holding HTML is code: the page shows it as code.
        ("Text\n\n    <div>x</div>\n\nAfter.\n", None),
        # A fence indented 4 spaces is an indented code block, fence markers included.
        ("Text\n\n    ```\n    <div>x</div>\n    ```\n\nAfter.\n", None),
        # The same fence inside a list item is a fence.
        ("- item\n\n    ```\n    <div>x</div>\n    ```\n", None),
        # Indented without a blank line before, it continues the paragraph: prose.
        ("Text\n    <div>x</div>\n", 7),
        # A fence that never closes is plain text on the page.
        ("```\n<div>x</div>\n", 7),
    ],
)
def test_check_and_page_read_code_the_same_way(
    tmp_path: Path, body: str, code_line: int | None
) -> None:
    from skillsite.body_html import LinkContext, render_body

    catalog = load(tmp_path, {"tools/reader/SKILL.md": skill_md("reader", body="\n" + body)})
    raw_html = sorted({d.line for d in catalog.diagnostics if d.code == "raw-html"})
    page = render_body(body, LinkContext("tools/reader")).html
    code = "".join(re.findall(r"<code>(.*?)</code>", page, re.S))
    shown_as_code = "&lt;div&gt;x&lt;/div&gt;" in code
    if code_line is None:
        assert raw_html == [] and shown_as_code, page
    else:
        assert raw_html == [code_line] and not shown_as_code, page
        assert "&lt;div&gt;x&lt;/div&gt;" in page  # shown as the text written
