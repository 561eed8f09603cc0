"""The hostile catalog (tests/fixtures/hostile) built into a real site, then scanned.

Each hostile case is asserted on the built site: pages, search index, JSON, raw files and
archives. The scan compares against a clean build so that only what the theme itself
ships (scripts, forms) is allowed.
"""

from __future__ import annotations

import filecmp
import gzip
import io
import json
import os
import re
import shlex
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from htmlscan import Finding, all_attributes, elements, scan_html
from installbox import curl_command, install_box_commands
from sitebuild import HOSTILE_FIXTURES, BuiltSite, build_site
from sitecatalog import small_catalog

from skillsite.engines import ENGINES

sys.path.insert(0, str(HOSTILE_FIXTURES))
from make_catalog import FILE_LINK_NAME, SECRET, HostileCatalog, write_hostile_catalog

pytestmark = pytest.mark.site

# Every skill of the hostile catalog that is valid and so published; the rest must not be.
PUBLISHED = {
    "binary-asset",
    "body-html",
    "category-breakout",
    "file-link",
    "toc-breakout",
    "url-variants",
    "frontmatter-values",
    "good-skill",
    "in-dots-category",
    "in-hostile-category",
    "in-shell-category",
    "markdown-links",
    "root-level",
    "yaml-breakout",
}
# Browsers render these as documents that can run script on the site's origin.
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".xml")
SOURCE_DATE_EPOCH = "1700000000"


def theme_markup(site: Path) -> set[str]:
    guarded: set[str] = set()
    for page in site.rglob("*.html"):
        scan = scan_html(page.read_text(encoding="utf-8"), str(page))
        guarded |= scan.guarded | {finding.what for finding in scan.findings}
    return guarded


@dataclass(frozen=True)
class HostileBuild:
    catalog: HostileCatalog
    site: BuiltSite
    engine: str


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Every test of the built site runs against each engine's output."""
    return request.param


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, engine: str) -> HostileBuild:
    base = tmp_path_factory.mktemp(f"hostile-{engine}")
    catalog = write_hostile_catalog(base)
    site = build_site(
        base / "site", catalog=catalog.root, engine=engine, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH
    )
    assert site.returncode == 0, site.output
    return HostileBuild(catalog, site, engine)


@pytest.fixture(scope="module")
def clean_markup(tmp_path_factory: pytest.TempPathFactory, engine: str) -> set[str]:
    base = tmp_path_factory.mktemp(f"clean-{engine}")
    root = small_catalog(base / "catalog")
    site = build_site(
        base / "site", catalog=root, engine=engine, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH
    )
    assert site.returncode == 0, site.output
    return theme_markup(site.path)


def published_skills(site: BuiltSite) -> set[str]:
    return {entry["name"] for entry in json.loads(site.read("api/skills.json"))["skills"]}


def test_hostile_catalog_builds_and_publishes_only_valid_skills(hostile: HostileBuild) -> None:
    assert published_skills(hostile.site) == PUBLISHED
    # skills/index.html is the All skills page.
    folders = {p.name for p in (hostile.site.path / "skills").iterdir()} - {"index.html"}
    assert folders == PUBLISHED
    assert "Traceback" not in hostile.site.output


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("bounds/huge-file/SKILL.md", "file-too-large"),
        ("bounds/alias-bomb/SKILL.md", "yaml-too-complex"),
        ("bounds/deep-flow/SKILL.md", "yaml-too-complex"),
        ("bounds/deep-block/SKILL.md", "yaml-too-complex"),
        ("bounds/binary-skill/SKILL.md", "nul-bytes"),
        ("bounds/bad-utf8/SKILL.md", "not-utf8"),
        ("bounds/fifo-skill/SKILL.md", "skill-file-not-regular"),
        ("bounds/dir-skill/SKILL.md", "skill-file-not-regular"),
        ("files/symlinks/secret.txt", "link-outside"),
        ("files/symlinks/passwd", "link-outside"),
        ("files/symlinks/broken", "link-broken"),
        ("files/symlinks/outside-dir", "link-outside"),
        ("files/symlinks/up", "link-outside"),
        ("files/symlinks/references/fifo", "file-not-regular"),
        ("files/linked-skill-file/SKILL.md", "link-outside"),
        ("content/same-name/SKILL.md", "name-duplicate"),
        ("other/same-name/SKILL.md", "name-duplicate"),
        ("escapes/name-shell/SKILL.md", "name-format"),
        ("escapes/name-newline/SKILL.md", "name-format"),
        ("escapes/name-traversal/SKILL.md", "name-format"),
        ("content/markdown-links/SKILL.md", "link-leaves-skill"),
        ("content/body-html/SKILL.md", "raw-html"),
        ("content/body-html/assets/page.html", "file-not-served"),
        ("content/body-html/assets/image.svg", "file-not-served"),
        ("content/body-html/index.html", "file-not-served"),
        ("x\"><script>alert('cat-folder')</in-hostile-category/SKILL.md", "category-name"),
        ("$(touch pwned);`id`/in-shell-category/SKILL.md", "category-name"),
        ("root-level/SKILL.md", "category-invalid"),
    ],
)
def test_each_hostile_case_is_reported(hostile: HostileBuild, path: str, code: str) -> None:
    # MkDocs and ProperDocs log it as a warning; Zensical's build prints it as it is.
    line = rf"(?m)^(WARNING -  )?{re.escape(path)}:\d+:\d+: \w+ {code}:"
    assert re.search(line, hostile.site.output)


@pytest.mark.parametrize("engine", ENGINES)
def test_strict_build_fails_listing_the_hostile_cases(tmp_path: Path, engine: str) -> None:
    catalog = write_hostile_catalog(tmp_path)
    site = build_site(tmp_path / "site", catalog=catalog.root, strict=True, engine=engine)
    assert site.returncode != 0
    for code in ("file-too-large", "yaml-too-complex", "link-outside", "name-duplicate"):
        assert f" error {code}:" in site.output
    assert re.search("aborted", site.output, re.IGNORECASE)


def test_pages_carry_no_script_handler_or_active_url_from_content(
    hostile: HostileBuild, clean_markup: set[str]
) -> None:
    findings: list[Finding] = []
    foreign: list[str] = []
    for page in sorted(hostile.site.path.rglob("*.html")):
        scan = scan_html(page.read_text(encoding="utf-8"), str(page))
        findings += [f for f in scan.findings if f.what not in clean_markup]
        foreign += [f"{page}: {tag}" for tag in sorted(scan.guarded - clean_markup)]
    assert findings == []
    assert foreign == []


def test_search_index_is_data_for_every_hostile_skill(hostile: HostileBuild) -> None:
    # The search script inserts index strings with textContent only (see
    # tests/browser/test_search.py); the index must still hold every valid skill.
    index = json.loads(hostile.site.read("search/skills.json"))
    names = {entry["n"] for entry in index["skills"]}
    assert "body-html" in names
    api = json.loads(hostile.site.read("api/skills.json"))
    assert names == {s["name"] for s in api["skills"]}
    details = json.loads(hostile.site.read("search/skill-details.json"))
    assert len(details["skills"]) == len(index["skills"])
    for entry in details["skills"]:
        for _, anchor in entry["h"]:
            assert re.fullmatch(r"[A-Za-z0-9_-]*", anchor), anchor


def _jinja2_escapes(page: str) -> str:
    # Zensical's templates escape ' and / as hex references; Jinja2 writes &#39; and /.
    return page.replace("&#x27;", "&#39;").replace("&#x2f;", "/")


def test_hostile_text_is_shown_as_text(hostile: HostileBuild) -> None:
    page = _jinja2_escapes(hostile.site.read("skills/frontmatter-values/index.html"))
    assert "&lt;script&gt;alert(&#39;desc&#39;)&lt;/script&gt;" in page
    assert "{{ config }}" in page  # a template expression in a value is not evaluated
    body = _jinja2_escapes(hostile.site.read("skills/body-html/index.html"))
    assert "&lt;script&gt;alert(&#39;script&#39;)&lt;/script&gt;" in body.replace("'", "&#39;")
    category = hostile.site.read("categories/content/index.html")
    assert "<script>alert(" not in category


def test_every_json_file_parses(hostile: HostileBuild) -> None:
    files = sorted(hostile.site.path.rglob("*.json"))
    assert len(files) > len(PUBLISHED)
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))
    detail = json.loads(hostile.site.read("api/skills/frontmatter-values.json"))
    assert "<img src=x onerror=alert('tag')>" in detail["tags"]  # data, kept verbatim


def test_no_active_document_is_published_as_a_raw_file(hostile: HostileBuild) -> None:
    for path in (hostile.site.path / "skills").rglob("*"):
        relative = path.relative_to(hostile.site.path / "skills").as_posix()
        if path.name == "index.html" and relative.count("/") == 1:
            assert 'class="skillsite-skill"' in path.read_text(encoding="utf-8"), relative
            continue
        if relative == "index.html":
            assert "data-skillsite-list" in path.read_text(encoding="utf-8")  # All skills
            continue
        assert not path.name.lower().endswith(ACTIVE_SUFFIXES), relative
    entry = json.loads(hostile.site.read("api/skills/body-html.json"))
    urls = {file["path"]: file["url"] for file in entry["files"]}
    assert urls["assets/page.html"] is None and urls["index.html"] is None
    assert urls["references/notes.md"].endswith("skills/body-html/references/notes.md")


def _archives(site: BuiltSite) -> list[Path]:
    return sorted((site.path / "skills").glob("*/*.tar.gz"))


def test_every_archive_member_is_a_regular_file_inside_its_skill(hostile: HostileBuild) -> None:
    archives = _archives(hostile.site)
    assert {a.parent.name for a in archives} == PUBLISHED
    for archive in archives:
        name = archive.parent.name
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
        assert members, archive
        for member in members:
            parts = member.name.split("/")
            assert parts[0] == name and len(parts) > 1, member.name
            assert ".." not in parts and "" not in parts and not member.name.startswith("/")
            assert member.isreg(), (member.name, member.type)
    with tarfile.open(hostile.site.path / "skills/body-html/body-html.tar.gz", "r:gz") as tar:
        names = tar.getnames()
    # Files not served raw still install with the skill.
    assert "body-html/assets/page.html" in names


def _outside_bytes(catalog: HostileCatalog) -> list[bytes]:
    outside = [SECRET, catalog.secret.read_bytes()]
    for system_file in ("/etc/passwd", "/etc/hostname", "/etc/hosts"):
        try:
            data = Path(system_file).read_bytes()
        except OSError:
            continue
        if len(data) > 16:
            outside.append(data)
    return outside


def test_no_published_byte_comes_from_outside_the_catalog(hostile: HostileBuild) -> None:
    outside = _outside_bytes(hostile.catalog)
    marker = SECRET.split()[1]
    for path in hostile.site.path.rglob("*"):
        if not path.is_file() or path.is_symlink():
            assert not path.is_symlink(), path
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        assert data not in outside, path
        assert marker not in data, path
        if path.name.endswith(".tar.gz"):
            with tarfile.open(fileobj=io.BytesIO(path.read_bytes()), mode="r:gz") as tar:
                for member in tar.getmembers():
                    content = tar.extractfile(member)
                    assert content is not None
                    assert content.read() not in outside, (path, member.name)


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_install_commands_install_only_their_own_skill(hostile: HostileBuild, name: str) -> None:
    page = hostile.site.read(f"skills/{name}/index.html")
    commands = install_box_commands(page)
    assert len(commands) == 16, commands  # 4 tools, 2 scopes, npx and curl
    archive = f"http://skills.test/skills/{name}/{name}.tar.gz"
    curls = [c for c in map(curl_command, commands) if c is not None]
    assert len(curls) == 8
    for curl in curls:
        assert (curl.archive_url, curl.name) == (archive, name)
        assert re.fullmatch(r"[0-9a-f]{64}", curl.sha256)
    for command in commands:
        if command.startswith("npx "):
            words = shlex.split(command)
            assert words[:4] == ["npx", "skills", "add", "http://skills.test/"]
            assert words[words.index("--skill") + 1] == name


def test_two_builds_of_the_same_tree_are_byte_identical(
    hostile: HostileBuild, tmp_path: Path
) -> None:
    # Without SOURCE_DATE_EPOCH: the build date must come from git, never the clock.
    engine = hostile.engine
    first = build_site(tmp_path / "first", catalog=hostile.catalog.root, engine=engine)
    assert first.returncode == 0, first.output
    time.sleep(1.1)  # a clock-based date or gzip time would now differ
    again = build_site(tmp_path / "again", catalog=hostile.catalog.root, engine=engine)
    assert again.returncode == 0, again.output
    comparison = filecmp.dircmp(first.path, again.path)
    differences: list[str] = []

    def walk(node: filecmp.dircmp, prefix: str) -> None:
        differences.extend(prefix + n for n in node.left_only + node.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            node.left, node.right, node.common_files, shallow=False
        )
        differences.extend(prefix + n for n in mismatch + errors)
        for name, sub in node.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison, "")
    assert differences == []
    commit_day = subprocess.run(
        ["git", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d"],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
        check=True,
    ).stdout.strip()
    lastmods = set(re.findall(r"<lastmod>(.*?)</lastmod>", first.read("sitemap.xml")))
    assert lastmods == {commit_day}
    # With SOURCE_DATE_EPOCH set, it wins (1700000000 is 2023-11-14).
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", hostile.site.read("sitemap.xml"))) == {
        "2023-11-14"
    }


BREAKOUT_ATTRIBUTES = {"autofocus", "onfocus", "onmouseover", "onerror", "tabindex", "style",
                       "data-md-state", "target", "contenteditable"}  # fmt: skip


def test_toc_and_heading_ids_come_from_the_text_never_from_the_body(
    hostile: HostileBuild, clean_markup: set[str]
) -> None:
    page = hostile.site.read("skills/toc-breakout/index.html")
    attributes = all_attributes(page)
    assert not [a for a in attributes if a[1] in BREAKOUT_ATTRIBUTES and "alert" in a[2]]
    assert not [
        a for a in attributes if a[1] in ("autofocus", "onfocus") or a[1:] == ("tabindex", "1")
    ]
    body = page.partition('class="skillsite-body"')[2].partition("</article>")[0]
    classes = {
        c for _, key, value in all_attributes(body) if key == "class" for c in value.split()
    }
    assert not {c for c in classes if c.startswith("md-")}
    toc_links = [a["href"] for a in elements(page, "a") if a.get("class") == "md-nav__link"]
    assert {"#alpha", "#beta", "#gamma", "#section-install", "#install"} <= set(toc_links)
    ids = [value for _, key, value in attributes if key == "id"]
    assert ids.count("install") == 1 and "__code_0" not in ids and "skillsite-source" in ids
    assert ids.count("alpha") == 1 and ids.count("skillsite-source") == 1


def test_category_title_and_description_are_text(hostile: HostileBuild) -> None:
    page = hostile.site.read("categories/tools-breakout/index.html")
    assert "<h1>Tools [guide](javascript:alert(document.domain)) {: autofocus" in page
    attributes = all_attributes(page)
    assert not [
        a for a in attributes if a[1] in ("autofocus", "onfocus") or a[1:] == ("tabindex", "1")
    ]
    assert not [a for a in attributes if a[1] == "href" and "alert(" in a[2]]


def test_file_links_are_relative_paths_never_urls_with_a_scheme(hostile: HostileBuild) -> None:
    page = hostile.site.read("skills/file-link/index.html")
    header = page.partition('class="skillsite-skill"')[2].partition("</header>")[0]
    hrefs = [a.get("href") or "" for a in elements(header, "a")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript", "data", "vbscript"))]
    assert FILE_LINK_NAME in page  # the name is shown, as text
    for href in hrefs:
        if "alert" in href:
            assert href.startswith("./") and ":" not in href and '"' not in href, href


def test_body_urls_are_allow_listed(hostile: HostileBuild) -> None:
    page = hostile.site.read("skills/url-variants/index.html")
    # The body only: the risk scan section after it links to the site's own rules page.
    body = page.partition('class="skillsite-body"')[2].partition('class="skillsite-trust"')[0]
    hrefs = [a.get("href") for a in elements(body, "a") if a.get("href")]
    allowed = re.compile(r"(https?:|mailto:|#|\./|\.\./[a-z0-9-]+/)")
    assert [h for h in hrefs if not allowed.match(h or "")] == []
    assert "evil.example" not in " ".join(h or "" for h in hrefs)
    links = hostile.site.read("skills/markdown-links/index.html")
    assert '<a href="../good-skill/"' in links  # a link to another skill's SKILL.md
