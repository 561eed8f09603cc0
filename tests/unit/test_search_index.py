"""The compact search index and the All skills page, from the core (no site build)."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitebuild import REPO

from skillsite.browse import browse_page
from skillsite.model import Catalog, Category, Skill, SupportingFile
from skillsite.search_index import (
    SEARCH_DETAILS_PATH,
    SEARCH_INDEX_PATH,
    SUMMARY_DESCRIPTION,
    body_keywords,
    example_requests,
    search_index,
    search_index_files,
    search_words,
    summary_description,
)
from skillsite.site_info import SiteInfo

HOSTILE = '<img src=x onerror="alert(1)"> & "quotes" \'single\' </li><script>x</script>'


def make_skill(name: str, **fields: object) -> Skill:
    base = {
        "name": name,
        "category": "alpha",
        "folder": f"alpha/{name}",
        "skill_file": f"alpha/{name}/SKILL.md",
        "description": f"Does {name} things.",
    }
    return Skill(**(base | fields))  # type: ignore[arg-type]


def make_catalog(*skills: Skill) -> Catalog:
    return Catalog(Path("catalog"), (Category("alpha", "Alpha"),), skills, ())


def test_example_requests_are_the_list_items_of_their_section() -> None:
    body = (
        "# Title\n\n## Procedure\n\n- not a request\n\n## Example requests\n\n"
        '- "Find the flaky tests in CI"\n* why does `pytest` fail sometimes\n1. rerun it\n\n'
        "## Pitfalls\n\n- not one either\n"
    )
    assert example_requests(body) == [
        "Find the flaky tests in CI",
        "why does pytest fail sometimes",
        "rerun it",
    ]


def test_near_misses_in_the_example_requests_are_left_out() -> None:
    body = (
        "# Title\n\n## Example requests\n\nShould trigger this skill:\n\n- rotate my keys\n\n"
        "Should not trigger it:\n\n- set a bundle size limit (use [budget](../budget/SKILL.md))\n"
        "\nThese also should:\n\n- renew a token\n"
    )
    assert example_requests(body) == ["rotate my keys", "renew a token"]


def test_body_keywords_leave_out_code_and_stop_words() -> None:
    stop = frozenset(search_words()["stop"])
    body = "Rotate tokens. Rotate keys and rotate.\n\n```bash\nsecretcommand --flag\n```\n"
    words = body_keywords(body, stop)
    assert words[0] == "rotate"
    assert "secretcommand" not in words
    assert "and" not in words


def test_synonym_file_covers_the_usual_abbreviations() -> None:
    groups = search_words()["synonyms"]
    known = {word for group in groups for word in group}
    for word in ("k8s", "e2e", "db", "perf", "llm", "pr", "ci", "auth", "i18n", "a11y"):
        assert word in known, word
    stop = set(search_words()["stop"])
    assert {"for", "set", "up", "the"} <= stop
    # Words YAML 1.1 reads as booleans stay words.
    assert {"on", "no", "off"} <= stop
    assert not {"true", "false"} & stop
    assert not stop & known, "a synonym that is also a stop word could never match"


def test_index_keeps_catalog_text_as_data_and_drops_unsafe_anchors() -> None:
    skill = make_skill("hostile", description=HOSTILE, tags=(HOSTILE,), body="# T\n\n## A\n")
    index = search_index(
        make_catalog(skill), {"hostile": [("A", 'x" onmouseover="y'), ("B", "ok")]}
    )
    entry = index["skills"][0]
    assert entry["d"] == HOSTILE  # inserted with textContent by the script
    assert entry["h"] == [["A", ""], ["B", "ok"]]


def test_index_ships_as_a_summary_then_details_entry_for_entry() -> None:
    body = (
        "# T\n\n## Rotate keys\n\nRotate rotate rotate.\n\n## Example requests\n\n- renew my keys\n"
    )
    skills = (make_skill("b-skill", tags=("keys",), body=body), make_skill("a-skill"))
    files = search_index_files(make_catalog(*skills))
    summary = json.loads(files[SEARCH_INDEX_PATH])
    details = json.loads(files[SEARCH_DETAILS_PATH])
    assert [entry["n"] for entry in summary["skills"]] == ["b-skill", "a-skill"]
    assert summary["skills"][0]["g"] == ["keys"]
    assert "words" in summary
    assert not {"e", "h", "k"} & set(summary["skills"][0])
    assert details["skills"][0]["e"] == ["renew my keys"]
    assert details["skills"][0]["h"][0] == ["Rotate keys", ""]
    assert details["skills"][0]["k"].split()[0] == "rotate"
    assert details["skills"][1] == {"e": [], "h": [], "k": ""}


def test_summary_cuts_a_long_description_at_a_word_and_details_hold_it_whole() -> None:
    long = "Rotates refresh tokens, " * 12 + "and finally revokes them."
    skills = (make_skill("long", description=long), make_skill("short"))
    files = search_index_files(make_catalog(*skills))
    summary = json.loads(files[SEARCH_INDEX_PATH])["skills"]
    details = json.loads(files[SEARCH_DETAILS_PATH])["skills"]
    cut = summary[0]["d"]
    assert len(cut) <= SUMMARY_DESCRIPTION + 1
    assert cut == "Rotates refresh tokens, " * 8 + "Rotates…"
    assert details[0]["d"] == long
    # A description short enough is whole in the summary and not repeated in the details.
    assert summary[1]["d"] == "Does short things."
    assert "d" not in details[1]


def test_a_description_without_spaces_is_cut_at_the_limit() -> None:
    assert summary_description("x" * 500, 10) == "x" * 10 + "…"
    assert summary_description("tiny", 10) == "tiny"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs


def test_browse_page_escapes_every_field() -> None:
    skill = make_skill(
        "hostile",
        description=HOSTILE,
        tags=(HOSTILE, "plain"),
        compatibility=HOSTILE,
        body=f"# {HOSTILE}\n",
        files=(SupportingFile("scripts/run.py", 1, ""),),
    )
    page = browse_page(make_catalog(skill), SiteInfo())
    markup = page.split("---\n", 2)[2]
    parser = _Collector()
    parser.feed(markup)
    assert "script" not in parser.tags
    assert "img" not in parser.tags
    assert not [name for name, _ in parser.attributes if name.startswith("on")]
    assert html.escape(HOSTILE) in markup
    assert 'data-scripts="1"' in markup


def test_vendored_search_library_is_the_pinned_npm_release() -> None:
    pinned = json.loads((REPO / "package.json").read_text())["devDependencies"]["minisearch"]
    installed = REPO / "node_modules" / "minisearch"
    if not installed.is_dir():
        pytest.skip("node_modules/ is missing: run `make node_modules/.installed`")
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    vendored = REPO / "docs" / "assets" / "vendor" / "minisearch.js"
    assert vendored.read_bytes() == (installed / "dist" / "umd" / "index.js").read_bytes()
