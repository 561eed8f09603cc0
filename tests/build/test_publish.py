"""`python -m skillsite.publish` (what `make publish` runs): real mike deploys of the real
site into a local bare repository, read back from its gh-pages branch."""

from __future__ import annotations

import fcntl
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from gitrepo import IDENTITY, git
from installbox import install_box_commands
from sitebuild import REPO, quiet_env
from sitecatalog import small_catalog, write_skill

pytestmark = pytest.mark.site

SITE_URL = "http://skills.test/"
# What a work tree needs to build the site (the catalog is the test's own).
SITE_SOURCES = ("mkdocs.yml", "hooks", "overrides", "docs")


def publish(work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skillsite.publish", *args],
        cwd=work,
        env=quiet_env(SKILLSITE_SITE_URL=SITE_URL, **IDENTITY),
        capture_output=True,
        text=True,
        timeout=300,
    )


@dataclass(frozen=True)
class Pages:
    """The gh-pages branch of the bare repository."""

    bare: Path

    def show(self, path: str) -> str:
        return git(self.bare, "show", f"gh-pages:{path}")

    def entry(self, path: str) -> tuple[str, str]:
        """(mode, type) of a path on the branch, e.g. ("120000", "blob") for a link."""
        mode, kind, _ = git(self.bare, "ls-tree", "gh-pages", "--", path).split(maxsplit=2)
        return mode, kind

    def names(self, folder: str = "") -> set[str]:
        listing = git(self.bare, "ls-tree", "--name-only", f"gh-pages:{folder}")
        return set(listing.split())


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    """The deploys of `deploy_versions`, done once per test run even with `pytest -n`."""
    base = tmp_path_factory.getbasetemp()
    # xdist workers have their own base folders inside one shared per run.
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "publish-shared"
    root.mkdir(exist_ok=True)
    with (root / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done, failed = root / "done", root / "failed"
        if failed.exists():
            pytest.fail(f"the deploys failed in another worker:\n{failed.read_text()}")
        if not done.exists():
            try:
                deploy_versions(root)
            except AssertionError as error:
                failed.write_text(str(error), encoding="utf-8")
                raise
            done.touch()
    return Pages(root / "remote.git")


def site_repository(root: Path, name: str, bare: Path) -> Path:
    """A new bare remote at `bare`, and a clone-like work tree `root/name` holding the
    site's sources and a small catalog, committed and pushed to it."""
    git(root, "init", "-q", "--bare", "-b", "main", str(bare))
    work = root / name
    git(root, "init", "-q", "-b", "main", str(work))
    for source_name in SITE_SOURCES:
        source = REPO / source_name
        if source.is_dir():
            shutil.copytree(
                source, work / source_name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, work / source_name)
    small_catalog(work / "catalog")
    (work / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "catalog")
    git(work, "remote", "add", "origin", str(bare))
    git(work, "push", "-q", "origin", "main")
    return work


def deploy_versions(root: Path) -> None:
    """1.0 (latest), then 1.1 (latest) from a second clone, a pull request preview written
    by someone else, then dev from the first clone whose gh-pages is now stale."""
    bare = root / "remote.git"
    first = site_repository(root, "first", bare)

    result = publish(first, "--remote", "origin", "--version", "1.0", "--alias", "latest")
    assert result.returncode == 0, result.stdout + result.stderr

    second = root / "second"
    git(root, "clone", "-q", str(bare), str(second))
    write_skill(second / "catalog", "beta", "added-in-one-one", tags="new")
    git(second, "add", "-A")
    git(second, "commit", "-q", "-m", "new skill")
    result = publish(second, "--remote", "origin", "--version", "1.1", "--alias", "latest")
    assert result.returncode == 0, result.stdout + result.stderr

    # A pull request preview lands on gh-pages the way the preview workflow writes it.
    previewer = root / "previewer"
    git(root, "clone", "-q", "--branch", "gh-pages", str(bare), str(previewer))
    (previewer / "pr-preview" / "pr-5").mkdir(parents=True)
    (previewer / "pr-preview" / "pr-5" / "index.html").write_text("preview\n", encoding="utf-8")
    git(previewer, "add", "-A")
    git(previewer, "commit", "-q", "-m", "preview")
    git(previewer, "push", "-q", "origin", "gh-pages")

    # The first clone's gh-pages (and origin/gh-pages) still show only 1.0.
    result = publish(first, "--remote", "origin", "--version", "dev")
    assert result.returncode == 0, result.stdout + result.stderr


def test_versions_json_lists_every_version_and_its_alias(deployed: Pages) -> None:
    versions = {v["version"]: v for v in json.loads(deployed.show("versions.json"))}
    assert set(versions) == {"1.0", "1.1", "dev"}
    assert versions["1.1"]["aliases"] == ["latest"]
    assert versions["1.0"]["aliases"] == []
    assert versions["dev"]["aliases"] == []


def test_latest_alias_points_at_the_newest_release(deployed: Pages) -> None:
    mode, _ = deployed.entry("latest")
    assert mode == "120000"  # mike's default alias type: a symbolic link
    assert deployed.show("latest") == "1.1"


def test_site_root_redirects_to_latest(deployed: Pages) -> None:
    index = deployed.show("index.html")
    assert 'url=latest/"' in index
    assert 'window.location.replace(\n      "latest/"' in index


def test_each_version_is_a_folder_and_previews_are_left_alone(deployed: Pages) -> None:
    assert {"1.0", "1.1", "dev", "latest", "versions.json", "pr-preview"} <= deployed.names()
    assert deployed.show("pr-preview/pr-5/index.html") == "preview\n"
    assert "pr-preview" not in deployed.show("versions.json")
    # A deploy from a stale clone fetched first: history is one line, nothing lost.
    log = git(deployed.bare, "log", "--format=%s", "gh-pages").splitlines()
    assert " to dev " in log[0]
    assert "preview" in log
    assert any(" to 1.1 " in subject for subject in log)
    assert git(deployed.bare, "rev-list", "--merges", "gh-pages") == ""


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_install_commands_point_into_their_version(deployed: Pages, version: str) -> None:
    archive = f"{SITE_URL}{version}/skills/token-keeper/token-keeper.tar.gz"
    page = deployed.show(f"{version}/skills/token-keeper/index.html")
    assert archive in page
    assert "skills.test/skills/token-keeper/token-keeper.tar.gz" not in page
    api = json.loads(deployed.show(f"{version}/api/skills.json"))
    entry = next(s for s in api["skills"] if s["name"] == "token-keeper")
    assert entry["archive_url"] == archive
    assert entry["raw_url"] == f"{SITE_URL}{version}/skills/token-keeper/SKILL.md"
    npx = [c for c in install_box_commands(page) if c.startswith("npx ")]
    assert npx and all(c.startswith(f"npx skills add {SITE_URL}{version}/ ") for c in npx)


def test_the_site_root_has_the_default_versions_skills_index(deployed: Pages) -> None:
    root = ".well-known/agent-skills"
    assert deployed.show(f"{root}/index.json") == deployed.show(f"1.1/{root}/index.json")
    index = json.loads(deployed.show(f"{root}/index.json"))
    for entry in index["skills"]:  # relative URLs: the copy's targets are beside it
        assert deployed.entry(f"{root}/{entry['url']}") == ("100644", "blob")
    assert "added-in-one-one" in deployed.names(f"{root}")
    # GitHub Pages leaves out folders starting with "." unless Jekyll is off.
    assert ".nojekyll" in deployed.names()


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_each_version_has_its_own_skills_index(deployed: Pages, version: str) -> None:
    index = json.loads(deployed.show(f"{version}/.well-known/agent-skills/index.json"))
    names = {entry["name"] for entry in index["skills"]}
    assert "token-keeper" in names
    assert ("added-in-one-one" in names) == (version == "1.1")


def test_a_version_keeps_the_catalog_it_was_built_from(deployed: Pages) -> None:
    assert "added-in-one-one" in deployed.names("1.1/skills")
    assert "added-in-one-one" not in deployed.names("1.0/skills")


def test_version_pages_carry_the_selector_and_the_outdated_banner(deployed: Pages) -> None:
    page = deployed.show("1.0/skills/token-keeper/index.html")
    assert '"provider":"mike"' in page.replace(" ", "")
    assert 'data-md-component="outdated"' in page
    assert "Go to the latest version." in page


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(deployed: Pages, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The gh-pages tree exported and served over HTTP, as GitHub Pages serves it."""
    root = tmp_path_factory.mktemp("pages")
    archive = subprocess.run(
        ["git", "archive", "gh-pages"], cwd=deployed.bare, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(root, filter="data")

    def handler(*args: object, **kwargs: object) -> QuietHandler:
        return QuietHandler(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return response.read()


def test_versions_browse_over_http(served: str) -> None:
    versions = json.loads(fetch(f"{served}versions.json"))
    assert {v["version"] for v in versions} == {"1.0", "1.1", "dev"}
    latest_page = fetch(f"{served}latest/skills/added-in-one-one/").decode()
    assert "added-in-one-one" in latest_page
    old_page = fetch(f"{served}1.0/skills/token-keeper/").decode()
    assert "token-keeper" in old_page
    # The install command of 1.0 downloads 1.0's archive.
    archive = fetch(f"{served}1.0/skills/token-keeper/token-keeper.tar.gz")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        assert any(name.endswith("token-keeper/SKILL.md") for name in tar.getnames())


def test_rejects_an_unusable_version_without_a_traceback(tmp_path: Path) -> None:
    result = publish(tmp_path, "--remote", "origin", "--version", "../up")
    assert result.returncode == 2
    assert "version '../up' is not usable" in result.stderr
    assert "Traceback" not in result.stderr


def test_refuses_to_deploy_onto_a_diverged_gh_pages(tmp_path: Path) -> None:
    bare, work = tmp_path / "remote.git", tmp_path / "work"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(tmp_path, "init", "-q", "-b", "main", str(work))
    (work / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "init")
    git(work, "remote", "add", "origin", str(bare))
    git(work, "push", "-q", "origin", "main:gh-pages")
    git(work, "checkout", "-q", "--orphan", "gh-pages")
    git(work, "commit", "-q", "-m", "unrelated local deploy")
    git(work, "checkout", "-q", "main")

    result = publish(work, "--remote", "origin", "--version", "1.0")
    assert result.returncode == 1
    assert "have diverged" in result.stderr
    assert "git branch -f gh-pages FETCH_HEAD" in result.stderr
    assert "Traceback" not in result.stderr
    assert git(bare, "ls-tree", "--name-only", "gh-pages").split() == ["mkdocs.yml"]


HOSTILE_MAKE_VALUES = [
    ("VERSION", '1.0"; touch pwned; echo "'),
    ("VERSION", "$(shell touch pwned)"),
    ("VERSION", "`touch pwned`$$(touch pwned)"),
    ("ALIAS", "latest'; touch pwned; echo '"),
    ("REMOTE", 'origin"; touch pwned; echo "'),
]


@pytest.mark.parametrize(("variable", "value"), HOSTILE_MAKE_VALUES)
def test_make_publish_passes_values_as_data_never_as_shell_text(
    tmp_path: Path, variable: str, value: str
) -> None:
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    work = tmp_path / "work"
    git(tmp_path, "init", "-q", "-b", "main", str(work))
    for name in ("Makefile", "mkdocs.yml"):
        shutil.copy2(REPO / name, work / name)
    # The venv this test runs in stands for the one `make` would create: its stamp is
    # newer than the files it depends on.
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy2(REPO / name, work / name)
        os.utime(work / name, (0, 0))
    stamp = tmp_path / "installed"
    stamp.touch()
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "work tree")
    values = {"VERSION": "1.0", "ALIAS": "", "REMOTE": str(bare), variable: value}
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "publish",
            f"BIN={Path(sys.executable).parent}",
            f"STAMP={stamp}",
            *(f"{name}={text}" for name, text in values.items()),
        ],
        cwd=work,
        env=quiet_env(**IDENTITY),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert not (work / "pwned").exists() and not (tmp_path / "pwned").exists()
    if variable == "REMOTE":
        assert f"publish: error: cannot read the remote {value!r}" in result.stderr
    else:
        label = variable.lower()
        assert f"publish: error: {label} {value!r} is not usable" in result.stderr
    assert "Traceback" not in result.stderr
    assert git(bare, "branch", "--list", "gh-pages") == ""


def test_no_push_builds_offline_and_a_plain_git_push_publishes(tmp_path: Path) -> None:
    """What deploy.yml does: fetch gh-pages, build and commit without credentials or any
    contact with the remote, then push with git alone."""
    bare = tmp_path / "remote.git"
    work = site_repository(tmp_path, "work", bare)

    first = publish(work, "--no-push", "--remote", "origin", "--version", "1.0")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "push it with `git push origin gh-pages`" in first.stdout
    assert git(bare, "branch", "--list", "gh-pages") == ""  # nothing was sent
    git(work, "push", "-q", "origin", "gh-pages")

    # Someone else pushes to gh-pages (a preview); the next deploy starts from it once
    # it has been fetched, so its push is a fast-forward.
    previewer = tmp_path / "previewer"
    git(tmp_path, "clone", "-q", "--branch", "gh-pages", str(bare), str(previewer))
    (previewer / "pr-preview").mkdir()
    (previewer / "pr-preview" / "index.html").write_text("preview\n", encoding="utf-8")
    git(previewer, "add", "-A")
    git(previewer, "commit", "-q", "-m", "preview")
    git(previewer, "push", "-q", "origin", "gh-pages")
    git(work, "fetch", "-q", "origin", "gh-pages:refs/remotes/origin/gh-pages")
    second = publish(work, "--no-push", "--remote", "origin", "--version", "dev")
    assert second.returncode == 0, second.stdout + second.stderr
    git(work, "push", "-q", "origin", "gh-pages")
    pages = Pages(bare)
    assert {"1.0", "dev", "pr-preview"} <= pages.names()
    assert pages.show("pr-preview/index.html") == "preview\n"
