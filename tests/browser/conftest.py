"""Sites built once per test process, served on 127.0.0.1, and one headless Chromium.

Every site lives in a folder of one served root (`/small/`, `/catalog/`, `/versions/`),
built with its real address as site URL so absolute links and install commands work.
Pages come from `open_page`, which fails the test on any console error, uncaught
exception, failed request or HTTP error response of the pages it opened.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from gitrepo import IDENTITY, commit_all, git
from sitebuild import BIN, REPO, build_site, quiet_env
from sitecatalog import small_catalog, write_skill

from skillsite.engines import ENGINES

CHROMIUM_ENV = "SKILLSITE_CHROMIUM"
REQUIRE_BROWSER_ENV = "SKILLSITE_REQUIRE_BROWSER"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
INSTALL_HINT = "install Debian's chromium: apt-get install -y chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "tests" / "artifacts"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}

# A SKILL.md whose text is easy to damage on the way to the clipboard: markup-like text,
# entities, template syntax, tabs, trailing spaces, non-ASCII.
TRICKY_SKILL_MD = (
    "---\n"
    "name: markup-minder\n"
    'description: "Keeps <angle> & {{ braces }} intact. Use when testing copy."\n'
    "license: MIT\n"
    'metadata:\n  tags: "markup, copy"\n'
    "---\n\n"
    "# Markup Minder\n\n"
    "Say `<HARD-GATE>` before you start & stop at &amp; entities.\n\n"
    "```html\n<script>alert('x')</script>\n{{ page.title }} {% raw %}\n```\n\n"
    "\tTabbed line, trailing spaces   \n"
    "Ünïcödé — “quotes” ✓\n"
)


def chromium_executable() -> str:
    return os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM


@dataclass
class StaticServer:
    root: Path
    port: int

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium_executable()
    if Path(path).is_file() and os.access(path, os.X_OK):
        return path
    if os.environ.get(REQUIRE_BROWSER_ENV) == "1":
        pytest.fail(f"{path} not found: {INSTALL_HINT}")
    pytest.skip(INSTALL_HINT)


@pytest.fixture(scope="session")
def server(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    """One static server per test process; the port is known before any site is built."""
    root = tmp_path_factory.mktemp("served")
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield StaticServer(root, httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@dataclass(frozen=True)
class ServedSite:
    """A built site and where it is served."""

    path: Path  # the built site folder
    url: str  # its address, ending with "/"
    catalog: Path
    engine: str = "mkdocs"  # what built it (skillsite.engines.ENGINES)

    def page(self, path: str = "") -> str:
        return self.url + path.lstrip("/")


LONG_DESCRIPTION = (
    "Wraps long lines of text, code and links so that no page scrolls sideways on a small "
    "screen. Use when a page is wider than the phone that shows it, when a table or a URL "
    "overflows, or when a reader asks why the text runs off the edge; also covers "
    "hyphenation."
)


def fixture_catalog(root: Path) -> Path:
    small_catalog(root)
    folder = root / "beta" / "markup-minder"
    folder.mkdir(parents=True)
    (folder / "SKILL.md").write_text(TRICKY_SKILL_MD, encoding="utf-8", newline="\n")
    write_skill(
        root,
        "beta",
        "node-pinner",
        frontmatter=(
            "name: node-pinner\n"
            'description: "Pins the Node.js version of a project. Use when builds differ."\n'
            "compatibility: Requires Node.js 22 or later\n"
            'metadata:\n  tags: "node, versions"\n'
        ),
        body=(
            "# Node Pinner\n\n## Before a release\n\n"
            "- [x] `.nvmrc` names the version\n"
            "- [ ] CI reads `engines` from **package.json** & fails otherwise\n"
        ),
    )
    write_skill(
        root,
        "beta",
        "long-liner",
        tags="overflow",
        # Longer than the summary index keeps: "hyphenation" is only in the cut-off part.
        description=LONG_DESCRIPTION,
        body="# Long Liner\n\nSee https://example.com/" + "very-long-path-segment-" * 12 + "\n",
    )
    return root


def serve_build(
    server: StaticServer, folder: str, catalog: Path | None, engine: str | None = None
) -> ServedSite:
    url = server.url(f"{folder}/")
    site = build_site(
        server.root / folder, catalog=catalog, strict=True, engine=engine, SKILLSITE_SITE_URL=url
    )
    assert site.returncode == 0, site.output
    return ServedSite(site.path, url, catalog or REPO / "catalog", engine or "mkdocs")


@pytest.fixture(scope="session", params=ENGINES)
def small_site(
    request: pytest.FixtureRequest,
    server: StaticServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> ServedSite:
    """Two categories and a handful of skills written by the tests, built by each engine."""
    engine = request.param
    catalog = fixture_catalog(tmp_path_factory.mktemp(f"fixture-{engine}") / "catalog")
    return serve_build(server, f"small-{engine}", catalog, engine)


@pytest.fixture(scope="session")
def real_site(server: StaticServer) -> ServedSite:
    """The repository's own catalog, for search quality."""
    return serve_build(server, "catalog", None)


@dataclass(frozen=True)
class VersionedSite:
    url: str  # the gh-pages root: redirects to the default version
    versions: tuple[str, ...]
    latest: str

    def page(self, version: str, path: str = "") -> str:
        return f"{self.url}{version}/{path.lstrip('/')}"


def run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}{result.stderr}"


@pytest.fixture(scope="session")
def versioned_site(server: StaticServer, tmp_path_factory: pytest.TempPathFactory) -> VersionedSite:
    """Versions 1.0 and 2.0 (alias latest, the default) deployed by mike into a bare repo,
    then the gh-pages tree exported and served as GitHub Pages would."""
    work = tmp_path_factory.mktemp("mike")
    catalog = small_catalog(work / "catalog")
    bare, tree = work / "pages.git", work / "tree"
    url = server.url("versions/")
    env = quiet_env(
        SKILLSITE_CATALOG=str(catalog),
        SKILLSITE_SITE_URL=url,
        PATH=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]),
        **IDENTITY,
    )
    git(work, "init", "-q", "--bare", str(bare))
    git(work, "init", "-q", "-b", "main", str(tree))
    shutil.copy2(REPO / "mkdocs.yml", tree / "mkdocs.yml")
    for folder in ("docs", "overrides", "hooks"):
        shutil.copytree(REPO / folder, tree / folder, ignore=shutil.ignore_patterns("__pycache__"))
    commit_all(tree, "site")
    git(tree, "remote", "add", "origin", str(bare))
    mike = str(BIN / "mike")
    run(
        [mike, "deploy", "--push", "--remote", "origin", "1.0"],
        tree,
        env | {"SKILLSITE_VERSION": "1.0"},
    )
    run(
        [mike, "deploy", "--push", "--remote", "origin", "--update-aliases", "2.0", "latest"],
        tree,
        env | {"SKILLSITE_VERSION": "2.0"},
    )
    run([mike, "set-default", "--push", "--remote", "origin", "latest"], tree, env)
    target = server.root / "versions"
    target.mkdir()
    archive = subprocess.run(
        ["git", f"--git-dir={bare}", "archive", "gh-pages"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return VersionedSite(url, ("1.0", "2.0"), "2.0")


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@dataclass
class PageProblems:
    """What a reader's browser would complain about while the test ran."""

    items: list[str] = field(default_factory=list)
    ignored: tuple[str, ...] = ()

    def add(self, problem: str) -> None:
        if not any(known in problem for known in self.ignored):
            self.items.append(problem)

    def watch(self, page) -> None:
        page.on(
            "console",
            lambda message: (
                message.type == "error" and self.add(f"console error on {page.url}: {message.text}")
            ),
        )
        page.on("pageerror", lambda error: self.add(f"exception on {page.url}: {error}"))
        page.on("requestfailed", self._request_failed)
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and self.add(f"HTTP {response.status} for {response.url}")
            ),
        )

    def _request_failed(self, request) -> None:
        # Leaving a page cancels what it was still fetching (the search index, say); a
        # missing file shows up as an HTTP error response instead.
        if request.failure == "net::ERR_ABORTED":
            return
        self.add(f"request failed: {request.url} ({request.failure})")


OpenPage = Callable[..., object]


@pytest.fixture
def known_problems() -> tuple[str, ...]:
    """Problems `open_page` lets pass; a module overrides this only for a tracked issue."""
    return ()


@pytest.fixture
def open_page(browser, server: StaticServer, known_problems) -> Iterator[OpenPage]:
    """`open_page(url, viewport=..., color_scheme=..., clipboard=False)` -> a loaded page
    in a fresh browser context; fails the test on console errors or failed requests."""
    problems = PageProblems(ignored=known_problems)
    contexts = []

    def open_(
        url: str | None = None,
        *,
        viewport: dict[str, int] = DESKTOP,
        color_scheme: str = "light",
        clipboard: bool = False,
        context=None,
    ):
        if context is None:
            context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
            contexts.append(context)
            if clipboard:
                context.grant_permissions(
                    ["clipboard-read", "clipboard-write"], origin=server.origin
                )
        page = context.new_page()
        problems.watch(page)
        if url:
            page.goto(url)
            page.wait_for_load_state("networkidle")
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not problems.items, "\n".join(problems.items)
