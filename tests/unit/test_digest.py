"""The folder digest a reader checks an installed skill against (no site build).

`python -m skillsite.digest FOLDER` over an installed copy must print the `folder_sha256`
the API and the page show; the digest follows the definition in digest.py, which other
tools may implement, and depends on names and bytes only.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from clirun import CliRun
from core_cases import skill_md, write_tree

from skillsite.artifacts import build_artifacts
from skillsite.digest import main as digest_main
from skillsite.loader import load_catalog
from skillsite.site_info import SiteInfo

SITE = SiteInfo(site_url="https://skills.example.org/", download_base="https://skills.example.org/")
FILES = {
    "data/table-builder/SKILL.md": skill_md("table-builder"),
    "data/table-builder/references/api notes.md": "# API\n",
    "data/table-builder/scripts/check.py": "print('ok')\n",
    "data/table-builder/assets/logo.bin": bytes(range(256)),
}


def by_definition(files: dict[str, bytes]) -> str:
    """digest.py's definition, written out independently."""
    lines = b"".join(
        path.encode("utf-8") + b"\0" + hashlib.sha256(data).hexdigest().encode() + b"\n"
        for path, data in sorted(files.items())
    )
    return hashlib.sha256(lines).hexdigest()


def run_digest(*folders: str, capsys: pytest.CaptureFixture[str]) -> CliRun:
    code = digest_main(list(folders))
    captured = capsys.readouterr()
    return CliRun(code, captured.out, captured.err)


def test_an_installed_copy_has_the_digest_the_api_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = load_catalog(write_tree(tmp_path / "catalog", FILES))
    artifacts = build_artifacts(catalog, SITE)
    shown = json.loads(artifacts["api/skills/table-builder.json"])["folder_sha256"]
    installed = tmp_path / "installed"
    archive = artifacts["skills/table-builder/table-builder.tar.gz"]
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(installed, filter="data")
    result = run_digest(str(installed / "table-builder"), capsys=capsys)
    assert result.returncode == 0
    assert result.stdout == f"{shown}  {installed / 'table-builder'}\n"
    folder = tmp_path / "catalog" / "data" / "table-builder"
    files = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }
    assert shown == by_definition(files) == catalog.skills[0].sha256


def test_the_digest_follows_names_and_bytes_only(tmp_path: Path) -> None:
    first = load_catalog(write_tree(tmp_path / "one", FILES)).skills[0].sha256
    moved = {key.replace("data/", "other/"): value for key, value in FILES.items()}
    assert load_catalog(write_tree(tmp_path / "two", moved)).skills[0].sha256 == first
    script = tmp_path / "two" / "other" / "table-builder" / "scripts" / "check.py"
    os.utime(script, (1, 1))
    assert load_catalog(tmp_path / "two").skills[0].sha256 == first
    script.write_text("print('ok!')\n")
    changed = load_catalog(tmp_path / "two").skills[0].sha256
    script.rename(script.with_name("renamed.py"))
    renamed = load_catalog(tmp_path / "two").skills[0].sha256
    assert len({first, changed, renamed}) == 3


def test_the_digest_command_names_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_digest(capsys=capsys).stderr.startswith("usage: python -m skillsite.digest")
    missing = run_digest(str(tmp_path / "nope"), capsys=capsys)
    assert (missing.returncode, missing.stderr) == (1, f"{tmp_path / 'nope'}: not a folder\n")
