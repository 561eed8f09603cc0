"""`mkdocs serve` while an author edits: a broken skill shows its errors, a fix restores it."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sitebuild import MKDOCS, REPO, quiet_env
from sitecatalog import small_catalog

pytestmark = pytest.mark.site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        page = fetch(url)
        if needle in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page:\n{page[:2000]}")


def test_serve_shows_errors_of_a_broken_skill_and_recovers(tmp_path: Path) -> None:
    root = small_catalog(tmp_path / "catalog")
    skill_file = root / "alpha" / "queue-tamer" / "SKILL.md"
    good = skill_file.read_text(encoding="utf-8")
    port = free_port()
    address = f"127.0.0.1:{port}"
    server = subprocess.Popen(
        [MKDOCS, "serve", "--dev-addr", address, "-f", str(REPO / "mkdocs.yml")],
        cwd=REPO,
        env=quiet_env(SKILLSITE_CATALOG=str(root), SKILLSITE_SITE_URL=f"http://{address}/"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://{address}/skills/queue-tamer/"
        wait_for(url, ">queue-tamer</h1>")

        skill_file.write_text(
            good.replace("description: ", "description: broken: ", 1), encoding="utf-8"
        )
        page = wait_for(url, "This skill has errors")
        assert "alpha/queue-tamer/SKILL.md:3:" in page
        assert "yaml-invalid" in page
        assert server.poll() is None, "the server stopped on a broken skill"

        skill_file.write_text(good, encoding="utf-8")
        wait_for(url, ">queue-tamer</h1>")
        assert server.poll() is None
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "alpha/queue-tamer/SKILL.md:3:" in output  # the console showed it too
