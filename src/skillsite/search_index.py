"""The compact skills index the site search loads on first use.

One entry per skill with what a reader searches by (name, title, description, tags,
category, example requests, section headings, frequent body words), plus the synonym and
stop-word lists of `search_words.yml`. It is data only: the browser inserts every string
as text, never as markup.

It ships as two files: `search/skills.json` (names, titles, descriptions cut to
`SUMMARY_DESCRIPTION` characters, tags and categories: enough for the first results,
fetched when the search is opened) and `search/skill-details.json` (example requests,
headings, body words and the whole of a cut description, in the same order, fetched
after it), so that a large catalog shows results before the bulk arrives.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import Any

import yaml

from skillsite.model import Catalog, Skill
from skillsite.render import split_body_title

SEARCH_INDEX_PATH = "search/skills.json"
SEARCH_DETAILS_PATH = "search/skill-details.json"
INDEX_VERSION = 2
DETAIL_KEYS = ("e", "h", "k")  # keys of an entry that go to the details file
BODY_KEYWORDS = 24
EXAMPLE_REQUESTS = 12
HEADINGS = 30
FIELD_LIMIT = 300  # characters kept of one heading, tag or example request
# Characters of a description the summary file keeps (cut at a word, with "…"); the
# details file carries the whole description of a skill whose summary is cut. The
# first results need only a line of it, and descriptions are most of the summary's bytes.
SUMMARY_DESCRIPTION = 200
ELLIPSIS = "…"

_FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^(#{2,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_WORD = re.compile(r"[^\W_]{3,}", re.UNICODE)
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(.+)$")
_MARKUP = re.compile(r"[`*_>\[\]]|\]\([^)]*\)")
_ANCHOR = re.compile(r"[A-Za-z0-9_-]{1,100}")
_EXAMPLES_TITLE = "example requests"
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.IGNORECASE)


@cache
def search_words() -> dict[str, list]:
    """Synonym groups and stop words from the package's `search_words.yml`."""
    text = resources.files("skillsite").joinpath("search_words.yml").read_text("utf-8")
    # BaseLoader keeps every entry a string: YAML 1.1 would read `on`, `no` and `off` as
    # booleans, and the stop words would become "true" and "false".
    data = yaml.load(text, Loader=yaml.BaseLoader)
    synonyms = [[word.lower() for word in group] for group in data["synonyms"]]
    stop = sorted({word.lower() for word in data["stop"]})
    return {"synonyms": synonyms, "stop": stop}


def _plain(text: str) -> str:
    return " ".join(_MARKUP.sub(" ", text).split())[:FIELD_LIMIT]


def example_requests(body: str) -> list[str]:
    """List items of a `## Example requests` section: requests that should find the skill.
    Items after a line that says they should not ("Should not trigger it:") are near
    misses that belong to other skills, and are left out."""
    requests: list[str] = []
    inside = False
    near_misses = False
    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            inside = heading.group(2).strip().lower() == _EXAMPLES_TITLE
            near_misses = False
            continue
        item = _LIST_ITEM.match(line) if inside else None
        if item is None:
            if inside and line.strip():
                near_misses = bool(_NEGATION.search(line))
            continue
        if not near_misses:
            requests.append(_plain(item.group(1)).strip("\"'“”"))
    return [r for r in requests if r][:EXAMPLE_REQUESTS]


def body_headings(body: str) -> list[str]:
    prose = _FENCE.sub("", body)
    return [_plain(m.group(2)) for m in _HEADING.finditer(prose)]


def body_keywords(body: str, stop: frozenset[str]) -> list[str]:
    """The body's most frequent words (code blocks and stop words left out), best first."""
    prose = _FENCE.sub("", body).lower()
    counts = Counter(w for w in _WORD.findall(prose) if w not in stop and not w.isdigit())
    return [word for word, _ in counts.most_common(BODY_KEYWORDS)]


def summary_description(description: str, limit: int = SUMMARY_DESCRIPTION) -> str:
    """The description cut to at most `limit` characters at a word boundary, with "…"."""
    if len(description) <= limit:
        return description
    words = description[: limit + 1].split(" ")
    kept = " ".join(words[:-1]) if len(words) > 1 else words[0][:limit]
    return kept.rstrip(" ,;:.-–—") + ELLIPSIS


def _sections(skill: Skill, anchors: Sequence[tuple[str, str]] | None) -> list[list[str]]:
    if anchors is None:
        return section_entries([(title, "") for title in body_headings(skill.body)])
    return section_entries(anchors)


def section_entries(anchors: Sequence[tuple[str, str]]) -> list[list[str]]:
    """(heading, anchor) pairs of a rendered page as the index holds them."""
    pairs = [(title, anchor if _ANCHOR.fullmatch(anchor) else "") for title, anchor in anchors]
    return [[_plain(title), anchor] for title, anchor in pairs if title.strip()][:HEADINGS]


def skill_entry(
    skill: Skill,
    category_index: int,
    stop: frozenset[str],
    sections: Sequence[tuple[str, str]] | None = None,
) -> dict[str, object]:
    title, body = split_body_title(skill.body)
    return {
        "n": skill.name,
        "t": _plain(title),
        "d": skill.description,
        "c": category_index,
        "g": [tag[:FIELD_LIMIT] for tag in skill.tags],
        "e": example_requests(body),
        "h": _sections(skill, sections),
        "k": " ".join(body_keywords(body, stop)),
    }


def search_index(
    catalog: Catalog,
    sections: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> dict[str, object]:
    """The index as plain data. `sections` maps a skill name to its page's (heading,
    anchor) pairs when the caller has rendered the pages; otherwise headings come from
    the Markdown and link to the top of the page."""
    words = search_words()
    stop = frozenset(words["stop"])
    keys = [c.key for c in catalog.categories]
    skills = catalog.valid_skills
    for skill in skills:
        if skill.category not in keys:
            keys.append(skill.category)
    titles = {c.key: c.title for c in catalog.categories}
    return {
        "version": INDEX_VERSION,
        "words": words,
        "categories": [[key, titles.get(key, key)] for key in keys],
        "skills": [
            skill_entry(
                skill,
                keys.index(skill.category),
                stop,
                (sections or {}).get(skill.name),
            )
            for skill in skills
        ],
    }


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _summary_entry(entry: Mapping[str, Any]) -> dict[str, object]:
    summary = {k: v for k, v in entry.items() if k not in DETAIL_KEYS}
    if "d" in summary:
        summary["d"] = summary_description(str(summary["d"]))
    return summary


def _details_entry(entry: Mapping[str, Any]) -> dict[str, object]:
    details = {k: entry[k] for k in DETAIL_KEYS if k in entry}
    description = str(entry.get("d", ""))
    if summary_description(description) != description:
        details["d"] = description
    return details


def split_index(index: Mapping[str, Any]) -> dict[str, bytes]:
    """The index as its two files: the summary entries (descriptions cut), and the details
    in the same order (with the whole description where the summary's is cut)."""
    entries: list[dict[str, object]] = index["skills"]
    summary = dict(index)
    summary["skills"] = [_summary_entry(e) for e in entries]
    details = {
        "version": index["version"],
        "skills": [_details_entry(e) for e in entries],
    }
    return {SEARCH_INDEX_PATH: _json(summary), SEARCH_DETAILS_PATH: _json(details)}


def search_index_files(
    catalog: Catalog,
    sections: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> dict[str, bytes]:
    """`search/skills.json` and `search/skill-details.json`, by path."""
    return split_index(search_index(catalog, sections))
