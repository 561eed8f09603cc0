"""What the hook does to a built site, done over the files of a site built without it.

The hook sanitises each skill body once more after the engine rendered it and reads each
page's sections for the search index (`on_page_content`); Zensical offers no such step,
so both run over the built HTML files: the body is what lies between the body marker and
the end marker that the theme's template (overrides/skill.html) prints after the content.
"""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from skillsite.render import BODY_END_MARKER, BODY_MARKER
from skillsite.sanitize import sanitize_html
from skillsite.search_index import SEARCH_DETAILS_PATH, SEARCH_INDEX_PATH, section_entries

# Printed by overrides/partials/skill-source.html right after the page content.
SOURCE_BLOCK = '<pre id="skillsite-source"'
_HREF = re.compile(r'href="([^"]*)"')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def sanitize_body(page: str, skill_dir: Path | None = None) -> str:
    """The page with its skill body sanitised: from the body marker to the end marker
    (the risk scan, related skills and source after it are the theme's own markup)."""
    head, marker, rest = page.partition(BODY_MARKER)
    end = rest.find(BODY_END_MARKER)
    if end < 0:
        end = rest.rfind(SOURCE_BLOCK)
    if not marker or end < 0:
        return page
    body = rest[:end] if skill_dir is None else restore_file_links(rest[:end], skill_dir)
    # As the hook does, the marker goes too.
    return head + sanitize_html(body) + rest[end:]


def _file_behind(path: str, skill_dir: Path) -> str | None:
    """The published file a page link was made from (`x/` from `x.md`), if there is one."""
    if not path.endswith("/") or (skill_dir / unquote(path) / "index.html").exists():
        return None
    for candidate in (path[:-1] + ".md", path + "index.md", path + "README.md"):
        target = (skill_dir / unquote(candidate)).resolve()
        if target.is_relative_to(skill_dir.resolve()) and target.is_file():
            return candidate
    return None


def restore_file_links(body: str, skill_dir: Path) -> str:
    """Links to a skill's Markdown files as written, where the engine made them page links.

    Zensical rewrites every relative link ending in `.md` (raw HTML included) into the
    link of the page it would build from that file; a skill's `.md` files are published
    as raw files, not pages, so such a link would lead nowhere.
    """

    def restore(match: re.Match[str]) -> str:
        value = html.unescape(match.group(1))
        if _SCHEME.match(value) or value.startswith(("/", "#")):
            return match.group(0)
        path, hash_mark, fragment = value.partition("#")
        original = _file_behind(path, skill_dir)
        if original is None:
            return match.group(0)
        return f'href="{html.escape(original + hash_mark + fragment)}"'

    return _HREF.sub(restore, body)


def sanitize_skill_pages(site_dir: Path) -> None:
    for path in sorted((site_dir / "skills").glob("*/index.html")):
        text = path.read_text(encoding="utf-8")
        cleaned = sanitize_body(text, path.parent)
        if cleaned != text:
            path.write_text(cleaned, encoding="utf-8")


class _SectionReader(HTMLParser):
    """(heading, id) of every h2 and h3 with an id, text without the permalink."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[tuple[str, str]] = []
        self._heading: tuple[str, list[str]] | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        permalink = tag == "a" and "headerlink" in (values.get("class") or "")
        if tag in ("h2", "h3") and values.get("id"):
            self._heading = (values["id"] or "", [])
        elif self._heading is not None and permalink:
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip_depth:
            self._skip_depth -= 1
        elif tag in ("h2", "h3") and self._heading is not None:
            anchor, parts = self._heading
            self.sections.append(("".join(parts).strip(), anchor))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._skip_depth:
            self._heading[1].append(data)


def page_sections(page: str) -> list[tuple[str, str]]:
    """The sections of a built skill page's content, the install box left out, as the
    hook reads them from the engine's table of contents."""
    start, end = page.find('id="install"'), page.rfind(SOURCE_BLOCK)
    reader = _SectionReader()
    reader.feed(page[max(start, 0) : end if end >= 0 else len(page)])
    reader.close()
    return [(title, anchor) for title, anchor in reader.sections if anchor != "install"]


def add_sections_to_search_index(site_dir: Path) -> None:
    """Headings with their anchors in the skills index, from the built pages."""
    index_path = site_dir / SEARCH_INDEX_PATH
    details_path = site_dir / SEARCH_DETAILS_PATH
    if not index_path.is_file() or not details_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    details = json.loads(details_path.read_text(encoding="utf-8"))
    for entry, detail in zip(index.get("skills", []), details.get("skills", []), strict=False):
        page = site_dir / "skills" / entry["n"] / "index.html"
        if page.is_file():
            detail["h"] = section_entries(page_sections(page.read_text(encoding="utf-8")))
    details_path.write_bytes(
        json.dumps(details, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    )


_SITEMAP_LOC = re.compile(r"(<loc>[^<]*</loc>)(?!\s*<lastmod>)")


def add_sitemap_dates(site_dir: Path, build_date: datetime) -> None:
    """A `<lastmod>` of the build's date for each page of sitemap.xml, as MkDocs writes
    (Zensical writes none): search engines recrawl by it."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    day = build_date.astimezone(UTC).strftime("%Y-%m-%d")
    text = sitemap.read_text(encoding="utf-8")
    dated = _SITEMAP_LOC.sub(lambda match: f"{match.group(1)}<lastmod>{day}</lastmod>", text)
    if dated != text:
        sitemap.write_text(dated, encoding="utf-8")
