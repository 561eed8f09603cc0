"""The same catalog built by MkDocs, ProperDocs and Zensical (`skillsite build --engine`):
the same pages, files and page parts, the same report for a catalog with errors, and a
loud failure when Zensical is pointed at mkdocs.yml itself."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from installbox import install_box_commands
from sitebuild import BIN, REPO, BuiltSite, build_site, quiet_env
from sitecatalog import small_catalog, write_skill

from skillsite.engines import ENGINES

pytestmark = pytest.mark.site

SOURCE_DATE_EPOCH = "1700000000"
# What each theme ships or indexes its own way; everything else must match file for file.
THEME_PATHS = re.compile(
    r"^(assets/(javascripts|stylesheets|images)/|search/|search\.json$|sitemap\.xml(\.gz)?$)"
)
DIAGNOSTIC_LINE = re.compile(r"(?m)(?:^|WARNING -  )(\S+:\d+:\d+: (?:error|warning) [a-z-]+: .*)$")
SOURCE_BLOCK = re.compile(r'<pre id="skillsite-source"[^>]*>(.*?)</pre>', re.DOTALL)


def engine_catalog(root: Path) -> Path:
    small_catalog(root)
    (root / "alpha" / "category.yml").write_text(
        "title: Alpha Things\norder: 1\nicon: material/database\n", encoding="utf-8"
    )
    (root / "beta" / "category.yml").write_text(
        "title: Beta\nicon: material/no-such-icon\n", encoding="utf-8"
    )
    write_skill(
        root,
        "beta",
        "doc-linker",
        body=(
            "# Doc Linker\n\nSee [the guide](references/guide.md), [the form](assets/form.txt)"
            " and [a section](references/guide.md#usage).\n"
        ),
        files={"references/guide.md": "# Guide\n\n## Usage\n", "assets/form.txt": "form\n"},
    )
    return root


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return engine_catalog(tmp_path_factory.mktemp("engines") / "catalog")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, catalog: Path) -> dict[str, BuiltSite]:
    base = tmp_path_factory.mktemp("engine-sites")
    built = {}
    for engine in ENGINES:
        site = build_site(
            base / engine, catalog=catalog, engine=engine, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH
        )
        assert site.returncode == 0, site.output
        built[engine] = site
    return built


def site_files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def compare_sites(sites: dict[str, BuiltSite]) -> None:
    reference = site_files(sites["mkdocs"].path)
    pages = {path for path in reference if path.endswith(".html")}
    artifacts = {p for p in reference if not p.endswith(".html") and not THEME_PATHS.match(p)}
    assert any(p.endswith(".tar.gz") for p in artifacts) and "api/skills.json" in artifacts
    for engine, site in sites.items():
        files = site_files(site.path)
        assert {p for p in files if p.endswith(".html")} == pages, engine
        theirs = {p for p in files if not p.endswith(".html") and not THEME_PATHS.match(p)}
        assert theirs == artifacts, engine
        different = [p for p in artifacts if files[p].read_bytes() != reference[p].read_bytes()]
        assert different == [], engine


def test_every_engine_builds_the_same_pages_and_files(sites: dict[str, BuiltSite]) -> None:
    compare_sites(sites)


def body_of(page: str) -> str:
    """The page content as built: from the install box to the hidden SKILL.md source."""
    return page[page.index('id="install"') : page.rindex('<pre id="skillsite-source"')]


def resolve(site: Path, page: str, href: str) -> Path:
    base = "/" + page.rsplit("/", 1)[0] + "/"
    target = unquote(urlparse(urljoin(base, href)).path)
    path = site / target.lstrip("/")
    return path / "index.html" if target.endswith("/") else path


@pytest.mark.parametrize("engine", ENGINES)
def test_skill_pages_have_header_install_box_source_and_working_file_links(
    sites: dict[str, BuiltSite], catalog: Path, engine: str
) -> None:
    site = sites[engine]
    for name, folder in (("token-keeper", "alpha"), ("doc-linker", "beta")):
        uri = f"skills/{name}/index.html"
        page = site.read(uri)
        assert 'class="skillsite-skill"' in page
        commands = install_box_commands(page)
        assert any(name in command for command in commands), commands
        assert commands == install_box_commands(sites["mkdocs"].read(uri))
        source = SOURCE_BLOCK.search(page)
        assert source, "no SKILL.md source for the copy button"
        skill_md = (catalog / folder / name / "SKILL.md").read_text(encoding="utf-8")
        assert html.unescape(source.group(1)) == skill_md
        body = body_of(page)
        links = re.findall(r'href="([^"]*)"', body)
        assert links
        for href in links:
            assert not href.lower().startswith("javascript:"), href
            if href.startswith("#") or "://" in href:
                continue
            assert resolve(site.path, uri, html.unescape(href)).is_file(), (engine, href)


@pytest.mark.parametrize("engine", ENGINES)
def test_known_icons_show_and_unknown_ones_are_reported(
    sites: dict[str, BuiltSite], engine: str
) -> None:
    site = sites[engine]
    assert "beta/category.yml:2:1: warning category-icon-unknown:" in site.output
    nav_link = re.search(
        r'<a href="[^"]*categories/alpha/"[^>]*>(.*?)</a>', site.read("index.html"), re.S
    )
    assert nav_link and "<svg" in nav_link.group(1)


def test_a_catalog_with_errors_fails_every_strict_build_with_the_same_report(
    tmp_path: Path,
) -> None:
    root = small_catalog(tmp_path / "catalog", with_invalid=True)
    reports = {}
    for engine in ENGINES:
        site = build_site(tmp_path / engine, catalog=root, strict=True, engine=engine)
        assert site.returncode != 0, (engine, site.output)
        reports[engine] = sorted(set(DIAGNOSTIC_LINE.findall(site.output)))
    assert any("beta/broken-skill/SKILL.md:3:" in line for line in reports["mkdocs"])
    assert reports["properdocs"] == reports["mkdocs"]
    assert reports["zensical"] == reports["mkdocs"]


def test_zensical_on_mkdocs_yml_fails_and_says_what_to_run(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(REPO / folder, project / folder, ignore=shutil.ignore_patterns("__py*"))
    result = subprocess.run(
        [str(BIN / "zensical"), "build", "--strict", "-f", "mkdocs.yml"],
        cwd=project,
        env=quiet_env(SKILLSITE_CATALOG=str(small_catalog(tmp_path / "catalog"))),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert "skillsite build --engine zensical" in result.stdout + result.stderr


def test_the_real_catalog_builds_alike_on_every_engine(tmp_path: Path) -> None:
    sites = {}
    for engine in ENGINES:
        site = build_site(tmp_path / engine, engine=engine, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        assert site.returncode == 0, site.output
        sites[engine] = site
    compare_sites(sites)
