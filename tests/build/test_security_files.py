"""Hostile files in a catalog: names, special files, links, hard links, sizes and types.

A catalog made in a temporary folder (real FIFOs, sockets, links, hard links, a sparse
file, 100,000 tiny files, names that are not UTF-8) goes through `skillsite check`, a real
MkDocs build and `skillsite diff`; the built site is then scanned.
"""

from __future__ import annotations

import gzip
import io
import json
import mimetypes
import os
import re
import socket
import stat
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from clirun import run_cli
from gitrepo import commit_all, git
from sitebuild import SKILLSITE, BuiltSite, build_site
from sitecatalog import write_skill

from skillsite.api import raw_file_url
from skillsite.loader import load_catalog
from skillsite.published import RAW_NAMES, RAW_SUFFIXES, is_served_raw
from skillsite.settings import parse_settings
from skillsite.site_config import SiteConfigError, load_options
from skillsite.site_info import SiteInfo
from skillsite.site_pages import generate_pages

pytestmark = pytest.mark.site

SECRET = b"SECRET-6f1c: this must never be published"
XSS = "<img src=x onerror=alert(document.domain)>"


def fs(path: Path | bytes, *names: bytes) -> bytes:
    """A path as bytes, so that names which are not UTF-8 can be made."""
    base = os.fsencode(path)
    return b"/".join([base, *names])


def write_bytes(path: bytes, data: bytes = b"x\n") -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


@dataclass(frozen=True)
class FilesCatalog:
    root: Path
    outside: Path  # a folder next to the catalog holding the secret
    device: bool  # whether a character device could be made here


def write_files_catalog(base: Path) -> FilesCatalog:
    root = base / "catalog"
    outside = base / "outside"
    outside.mkdir(parents=True)
    (outside / "secret.txt").write_bytes(SECRET)
    write_skill(root, "plain", "good-skill", files={"notes/readme.md": "# Notes\n"})

    # Names that are not UTF-8, hold control characters, bidi controls or a backslash.
    names = write_skill(root, "names", "bad-utf8")
    write_bytes(fs(names, b"bad\xff.txt"))
    breakout = write_skill(root, "names", "frontmatter-breakout", description=XSS)
    write_bytes(fs(breakout, b"notes\\\xfe.md"))
    write_bytes(fs(write_skill(root, "names", "control-char"), b"red\x1b[31m.txt"))
    write_bytes(fs(write_skill(root, "names", "newline-name"), b"two\nlines.md"))
    write_bytes(fs(write_skill(root, "names", "bidi-name"), "invoice\u202egpj.txt".encode()))
    write_bytes(fs(write_skill(root, "names", "zero-width"), "read\u200bme.md".encode()))
    write_bytes(fs(write_skill(root, "names", "backslash"), b"x\\..\\evil.txt"))
    write_bytes(fs(write_skill(root, "names", "bad-subfolder"), b"sub\xff", b"a.md"))
    category = fs(root, b"cat\xff")
    os.makedirs(category)
    write_skill(Path(os.fsdecode(category)), ".", "in-bad-category")
    write_bytes(fs(write_skill(root, "names", "bad-dot-file"), b".hidden\xff"))  # never read

    # Special files, and links to them (the FIFO link hung check and build).
    fifo = write_skill(root, "special", "fifo-link")
    os.mkfifo(fifo / "queue")
    os.symlink("queue", fifo / "queue.txt")
    os.mkfifo(fifo / ".pipe")
    os.symlink(".pipe", fifo / "pipe.txt")
    sockets = write_skill(root, "special", "socket-file")
    server = socket.socket(socket.AF_UNIX)
    here = os.getcwd()
    try:
        os.chdir(sockets)  # socket paths are short; the temporary folder's is not
        server.bind("listener")
    finally:
        os.chdir(here)
        server.close()
    os.symlink("listener", sockets / "listener.txt")
    devices = write_skill(root, "special", "device-file")
    try:
        os.mknod(devices / "zero", stat.S_IFCHR | 0o600, os.makedev(1, 5))
        device = True
    except OSError:
        device = False  # not allowed in this container; the link below still counts
    os.symlink("/dev/zero", devices / "zero.txt")
    loops = write_skill(root, "special", "link-loop")
    os.symlink("b.txt", loops / "a.txt")
    os.symlink("a.txt", loops / "b.txt")
    os.symlink("self.txt", loops / "self.txt")
    skill_fifo = root / "special" / "skill-file-fifo"
    skill_fifo.mkdir(parents=True)
    os.mkfifo(skill_fifo / "real")
    os.symlink("real", skill_fifo / "SKILL.md")

    # category.yml as a FIFO, as a hard link, and as a link to a dot-file.
    fifo_category = root / "fifo-category"
    write_skill(root, "fifo-category", "in-fifo-category")
    os.mkfifo(fifo_category / "category.yml")
    write_skill(root, "linked-category", "in-linked-category")
    (root / "linked-category" / ".env").write_bytes(b"title: " + SECRET + b"\n")
    os.symlink(".env", root / "linked-category" / "category.yml")
    write_skill(root, "hard-category", "in-hard-category")
    (outside / "category.yml").write_bytes(b"title: " + SECRET + b"\n")
    os.link(outside / "category.yml", root / "hard-category" / "category.yml")

    # Links to dot-files and into dot-folders of the same skill.
    dots = write_skill(root, "links", "dot-links")
    (dots / ".env").write_bytes(SECRET)
    os.symlink(".env", dots / "env.txt")
    (dots / "a" / ".git").mkdir(parents=True)
    (dots / "a" / ".git" / "config").write_bytes(SECRET)
    os.symlink("a/.git/config", dots / "config.txt")
    (dots / ".config" / "deep").mkdir(parents=True)
    (dots / ".config" / "deep" / "token.txt").write_bytes(SECRET)
    os.symlink(".config/deep/token.txt", dots / "token.txt")
    os.symlink(".config", dots / "config-folder")
    os.symlink("env.txt", dots / "chain.txt")  # a link to a link to .env
    (dots / "node_modules").mkdir()
    (dots / "node_modules" / "key.txt").write_bytes(SECRET)
    os.symlink("node_modules/key.txt", dots / "key.txt")
    os.symlink(".", dots / "root-link")
    os.symlink("..", dots / "up-link")
    hidden_skill_file = root / "links" / "skill-file-to-dot"
    hidden_skill_file.mkdir(parents=True)
    (hidden_skill_file / ".secret.md").write_text(
        "---\nname: skill-file-to-dot\ndescription: Hidden. Use never.\n---\n# Hidden\n"
    )
    os.symlink(".secret.md", hidden_skill_file / "SKILL.md")

    # Hard links: to a file outside the catalog, and between two files of one skill.
    hard = write_skill(root, "links", "hard-link-outside")
    os.link(outside / "secret.txt", hard / "notes.txt")
    twins = write_skill(root, "links", "hard-link-inside", files={"a.txt": "same\n"})
    os.link(twins / "a.txt", twins / "b.txt")
    linked_skill_file = write_skill(outside, "x", "hard-linked-skill-file")
    (root / "links" / "hard-linked-skill-file").mkdir()
    os.link(linked_skill_file / "SKILL.md", root / "links/hard-linked-skill-file/SKILL.md")

    # Size: a sparse file far over the per-skill limit, and 100,000 tiny files.
    sparse = write_skill(root, "bounds", "sparse-file")
    with open(sparse / "huge.txt", "wb") as handle:
        handle.truncate(8 * 1024**3)
    sparse_skill_file = root / "bounds" / "sparse-skill-file"
    sparse_skill_file.mkdir(parents=True)
    with open(sparse_skill_file / "SKILL.md", "wb") as handle:
        handle.truncate(4 * 1024**3)
    many = write_skill(root, "bounds", "many-files")
    (many / "data").mkdir()
    for index in range(100_000):
        with open(many / "data" / f"{index}.txt", "wb") as handle:
            handle.write(b"x")

    # Types: only plain ones are served raw.
    write_skill(
        root,
        "types",
        "mixed-types",
        files={
            "doc.xhtm": '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script>',
            "flow.xpdl": '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
            "page.html": "<script>alert(1)</script>",
            "image.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "tool.js": "alert(1)\n",
            "lib.rs": "fn main() {}\n",
            "index.php": "<?php echo 1;",
            "notes.txt": "plain\n",
            "guide.md": "# Guide\n",
            "run.py": "print(1)\n",
            "data.json": "{}\n",
            "conf.yaml": "a: 1\n",
            "LICENSE": "MIT\n",
        },
    )
    (root / "types" / "mixed-types" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return FilesCatalog(root, outside, device)


PUBLISHED = {
    "good-skill",
    "in-fifo-category",
    "in-linked-category",
    "in-hard-category",
    "fifo-link",
    "socket-file",
    "dot-links",
    "bad-dot-file",  # a dot-file is never read, whatever its name
    "mixed-types",
}
# (path as reported, severity, code)
EXPECTED = [
    (r"names/bad-utf8/bad\xff.txt", "error", "file-name-unsafe"),
    (r"names/frontmatter-breakout/notes\\xfe.md", "error", "file-name-unsafe"),
    (r"names/control-char/red\x1b[31m.txt", "error", "file-name-unsafe"),
    (r"names/newline-name/two\x0alines.md", "error", "file-name-unsafe"),
    (r"names/bidi-name/invoice\u202egpj.txt", "error", "file-name-unsafe"),
    (r"names/zero-width/read\u200bme.md", "error", "file-name-unsafe"),
    ("names/backslash/x\\..\\evil.txt", "error", "file-name-unsafe"),
    (r"names/bad-subfolder/sub\xff/a.md", "error", "file-name-unsafe"),
    (r"cat\xff/in-bad-category/SKILL.md", "error", "file-name-unsafe"),
    ("special/fifo-link/queue", "warning", "file-not-regular"),
    ("special/fifo-link/queue.txt", "warning", "file-not-regular"),
    ("special/fifo-link/pipe.txt", "warning", "link-not-followed"),
    ("special/socket-file/listener", "warning", "file-not-regular"),
    ("special/socket-file/listener.txt", "warning", "file-not-regular"),
    ("special/device-file/zero.txt", "error", "link-outside"),
    ("special/link-loop/a.txt", "error", "link-broken"),
    ("special/link-loop/self.txt", "error", "link-broken"),
    ("special/skill-file-fifo/SKILL.md", "error", "skill-file-not-regular"),
    ("fifo-category/category.yml", "error", "category-file-invalid"),
    ("linked-category/category.yml", "error", "category-file-invalid"),
    ("hard-category/category.yml", "error", "category-file-invalid"),
    ("links/dot-links/env.txt", "warning", "link-not-followed"),
    ("links/dot-links/chain.txt", "warning", "link-not-followed"),
    ("links/dot-links/config.txt", "warning", "link-not-followed"),
    ("links/dot-links/token.txt", "warning", "link-not-followed"),
    ("links/dot-links/key.txt", "warning", "link-not-followed"),
    ("links/dot-links/config-folder", "warning", "link-not-followed"),
    ("links/dot-links/root-link", "warning", "link-not-followed"),
    ("links/dot-links/up-link", "warning", "link-not-followed"),
    ("links/skill-file-to-dot/SKILL.md", "error", "skill-file-not-regular"),
    ("links/hard-link-outside/notes.txt", "error", "file-hard-linked"),
    ("links/hard-link-inside/a.txt", "error", "file-hard-linked"),
    ("links/hard-linked-skill-file/SKILL.md", "error", "file-hard-linked"),
    ("bounds/sparse-skill-file/SKILL.md", "error", "file-too-large"),
    ("bounds/sparse-file/SKILL.md", "error", "skill-too-large"),
    ("bounds/many-files/SKILL.md", "error", "skill-too-many-files"),
    ("types/mixed-types/doc.xhtm", "warning", "file-not-served"),
    ("types/mixed-types/flow.xpdl", "warning", "file-not-served"),
    ("types/mixed-types/image.svg", "warning", "file-not-served"),
    ("types/mixed-types/tool.js", "warning", "file-not-served"),
    ("types/mixed-types/lib.rs", "warning", "file-not-served"),
]


@dataclass(frozen=True)
class Checked:
    catalog: FilesCatalog
    check: subprocess.CompletedProcess[str]
    site: BuiltSite


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checked]:
    base = tmp_path_factory.mktemp("files")
    catalog = write_files_catalog(base)
    # A hang here (the FIFO) fails the test through the timeout instead of stalling it.
    check = subprocess.run(
        [SKILLSITE, "check", str(catalog.root)],
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if k != "SKILLSITE_CATALOG"},
    )
    site = build_site(base / "site", catalog=catalog.root, SOURCE_DATE_EPOCH="1700000000")
    yield Checked(catalog, check, site)


def test_check_reports_every_hostile_file(checked: Checked) -> None:
    output = checked.check.stdout
    assert checked.check.returncode == 1, checked.check.stderr
    assert "Traceback" not in output + checked.check.stderr
    expected = list(EXPECTED)
    if checked.catalog.device:
        expected.append(("special/device-file/zero", "warning", "file-not-regular"))
    for path, severity, code in expected:
        assert f"{path}:1:1: {severity} {code}: " in output, (path, code)


def test_unsafe_names_are_shown_escaped_naming_the_skill(checked: Checked) -> None:
    line = next(
        line for line in checked.check.stdout.splitlines() if line.startswith("names/bad-utf8/")
    )
    assert "skill 'bad-utf8'" in line and "is not valid UTF-8" in line
    assert r"shown escaped: bad\xff.txt" in line and "rename the file" in line
    # The report holds no raw control or bidi character from a name (it would redraw the
    # terminal or reorder the line).
    assert "\x1b" not in checked.check.stdout and "\u202e" not in checked.check.stdout


def test_build_publishes_only_the_skills_without_errors(checked: Checked) -> None:
    site = checked.site
    assert site.returncode == 0, site.output
    assert "Traceback" not in site.output
    index = json.loads(site.read("api/skills.json"))
    assert {entry["name"] for entry in index["skills"]} == PUBLISHED
    # skills/index.html is the list of all skills; every folder is one published skill.
    assert {p.name for p in (site.path / "skills").iterdir() if p.is_dir()} == PUBLISHED
    for path, severity, code in EXPECTED:
        assert f"WARNING -  {path}:1:1: {severity} {code}:" in site.output, (path, code)


def test_no_page_or_file_carries_a_name_that_is_not_utf8(checked: Checked) -> None:
    for path in checked.site.path.rglob("*"):
        os.fsdecode(path).encode("utf-8")  # every published path is UTF-8
        if path.suffix in (".html", ".json", ".txt", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "\ufffd" not in text, path
            assert "\\udc" not in text, path
    for page in checked.site.path.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # The frontmatter-breakout description would have run as a live tag.
        assert "<img src=x onerror" not in text, page
        assert "frontmatter-breakout" not in text, page


def _published_bytes(site: Path) -> Iterator[tuple[str, bytes]]:
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield str(path), data
        if path.name.endswith(".tar.gz"):
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
                for member in tar.getmembers():
                    assert member.isreg(), (path, member.name)
                    content = tar.extractfile(member)
                    assert content is not None
                    yield f"{path}:{member.name}", content.read()
        elif path.suffix == ".gz":
            yield str(path), gzip.decompress(data)


def test_no_dot_file_hard_link_or_special_file_is_published(checked: Checked) -> None:
    for where, data in _published_bytes(checked.site.path):
        assert SECRET not in data, where
    dots = json.loads(checked.site.read("api/skills/dot-links.json"))
    assert [f["path"] for f in dots["files"]] == []
    fifo = json.loads(checked.site.read("api/skills/fifo-link.json"))
    assert [f["path"] for f in fifo["files"]] == []


def test_one_skill_cannot_fill_the_index(checked: Checked) -> None:
    # 100,000 tiny files once gave a 12.8 MB page and a 17.6 MB skills.json.
    assert (checked.site.path / "api/skills.json").stat().st_size < 100_000
    assert not (checked.site.path / "skills/many-files").exists()
    line = next(
        line for line in checked.check.stdout.splitlines() if "skill-too-many-files" in line
    )
    assert "100000 files" in line and "limit of 1000" in line


def test_only_plain_types_are_served_raw(checked: Checked) -> None:
    folder = checked.site.path / "skills/mixed-types"
    served = {p.name for p in folder.iterdir()}
    assert served == {
        "SKILL.md",
        "index.html",
        "mixed-types.tar.gz",
        "notes.txt",
        "guide.md",
        "run.py",
        "data.json",
        "conf.yaml",
        "LICENSE",
        "logo.png",
    }
    entry = json.loads(checked.site.read("api/skills/mixed-types.json"))
    urls = {f["path"]: f["url"] for f in entry["files"]}
    for archive_only in ("doc.xhtm", "flow.xpdl", "page.html", "image.svg", "tool.js", "lib.rs"):
        assert urls[archive_only] is None, archive_only
    assert urls["notes.txt"].endswith("skills/mixed-types/notes.txt")
    with tarfile.open(folder / "mixed-types.tar.gz", "r:gz") as tar:
        names = set(tar.getnames())
    assert {"mixed-types/doc.xhtm", "mixed-types/flow.xpdl", "mixed-types/tool.js"} <= names


def test_no_served_type_is_one_a_browser_runs_as_a_document() -> None:
    # The types a plain static server here gives each allowed suffix (Python's
    # http.server reads the machine's mime.types, as many servers do).
    active = re.compile(r"html|xml|svg|javascript|ecmascript|pdf|xsl|x-httpd", re.IGNORECASE)
    for suffix in RAW_SUFFIXES:
        kind, _ = mimetypes.guess_type(f"file{suffix}", strict=False)
        assert kind is None or not active.search(kind), (suffix, kind)
    for name in RAW_NAMES:
        assert mimetypes.guess_type(name, strict=False)[0] is None, name
    for path in ("a.xhtm", "a.xpdl", "a.html", "A.HTML", "a.svg", "a.js", "a.mjs", "a.pdf"):
        assert not is_served_raw(path), path
    assert is_served_raw("scripts/Check.PY") and is_served_raw("refs/notes.txt")


def test_diff_reports_a_bad_name_from_git_without_crashing(tmp_path: Path) -> None:
    # Git stores names that are not UTF-8, so a pull request can carry one.
    repo = tmp_path / "repo"
    skill = write_skill(repo / "catalog", "tools", "demo")
    git(repo, "init", "-q")
    commit_all(repo, "one")
    write_bytes(fs(skill, b"bad\xff.txt"), b"hi\n")
    commit_all(repo, "two")
    report = tmp_path / "report.md"
    result = run_cli(
        "diff", "HEAD~1", "HEAD", "--catalog", "catalog", "--output", str(report), cwd=repo
    )
    assert result.returncode == 1, result.stderr  # a changed skill has an error
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    text = report.read_text(encoding="utf-8")
    assert "file-name-unsafe" in text
    assert r"bad\xff.txt" in text


def test_raw_file_url_never_fails_on_a_name_it_cannot_encode() -> None:
    # It once raised UnicodeEncodeError and stopped the build.
    site = SiteInfo(site_url="http://skills.test/", download_base="http://skills.test/")
    assert raw_file_url(site, "demo", "bad\udcff.txt") is None
    assert raw_file_url(site, "demo", "two\nlines.md") is None
    assert raw_file_url(site, "demo", "notes.md") == "http://skills.test/skills/demo/notes.md"


def test_serve_error_page_of_a_skill_in_a_bad_folder_can_be_written(tmp_path: Path) -> None:
    # While serving, an invalid skill gets an error page named after its folder.
    folder = fs(tmp_path, b"tools", b"bad\xff")
    write_bytes(folder + b"/SKILL.md", b"---\ndescription: No name.\n---\n# Hi\n")
    catalog = load_catalog(tmp_path)
    site = SiteInfo(site_url="http://skills.test/", download_base="http://skills.test/")
    pages = generate_pages(catalog, site, {}, show_invalid=True)
    for uri, text in pages.items():
        (uri + text).encode("utf-8")
    assert r"skills/bad\xff/index.md" in pages
    assert "file-name-unsafe" in pages[r"skills/bad\xff/index.md"]


def test_the_per_skill_limits_can_be_changed(tmp_path: Path) -> None:
    write_skill(tmp_path, "tools", "three-files", files={"a.md": "a", "b.md": "b", "c.md": "c"})
    lower = run_cli("check", str(tmp_path), "--max-skill-files", "2")
    assert lower.returncode == 1
    assert "error skill-too-many-files: the skill has 3 files" in lower.stdout
    smaller = run_cli("check", str(tmp_path), "--max-skill-bytes", "100")
    assert smaller.returncode == 1 and "error skill-too-large:" in smaller.stdout
    settings = parse_settings({"max_skill_files": 5, "max_skill_bytes": 10})
    assert load_options(settings).max_skill_files == 5
    for bad in ("many", 0, -1, True, 1.5):
        with pytest.raises(SiteConfigError, match=r"extra\.skillsite\.max_skill_files"):
            parse_settings({"max_skill_files": bad})
