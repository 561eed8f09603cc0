"""Static artifacts: raw files, archives, JSON API, llms.txt and the Atom feed."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from sitebuild import REPO

from skillsite.artifacts import build_artifacts
from skillsite.loader import load_catalog
from skillsite.model import Catalog, SupportingFile
from skillsite.site_info import SiteInfo

SITE_URL = "https://skills.example.org/"
DOWNLOAD_BASE = "https://skills.example.org/2.1/"
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'Signs <script>alert("x")</script> & checks JWTs; use when auth "breaks"'
UNICODE = "Builds data tables — sortable, filterable, für große Listen 表"
JWT_DATE = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
TABLE_DATE = datetime(2024, 5, 9, 8, 30, tzinfo=UTC)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def skill_md(name: str, description: str, extra: str = "", body: str = "# Use\n\nSteps.\n") -> str:
    quoted = json.dumps(description, ensure_ascii=False)  # a JSON string is a YAML string
    return f"---\nname: {name}\ndescription: {quoted}\n{extra}---\n{body}"


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def catalog_root(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    write(root / "backend/category.yml", "title: Backend & APIs\ndescription: Server side\n")
    jwt = root / "backend/jwt-auth"
    write(
        jwt / "SKILL.md",
        skill_md(
            "jwt-auth",
            HOSTILE,
            "license: MIT\nallowed-tools: Read Bash\nmetadata:\n  tags: jwt, auth\n",
        ),
    )
    write(jwt / "references/api notes.md", "# API\n\nToken <b>format</b>\n")
    write(jwt / "assets/logo.png", bytes(range(256)) * 4)
    os.chmod(write(jwt / "scripts/check.sh", "#!/bin/sh\necho ok\n"), 0o755)
    write(root / "frontend/category.yml", "title: Frontend\n")
    write(root / "frontend/table-builder/SKILL.md", skill_md("table-builder", UNICODE))
    # Two broken skills: a wrong name and frontmatter that is not YAML.
    write(root / "frontend/Bad_Name/SKILL.md", skill_md("Bad_Name", "Broken on purpose."))
    write(
        root / "frontend/broken-yaml/SKILL.md", "---\nname: broken-yaml\ndescription: a: b\n---\n"
    )
    return root


@pytest.fixture
def catalog(catalog_root: Path) -> Catalog:
    return load_catalog(catalog_root)


@pytest.fixture
def site() -> SiteInfo:
    updated = {"backend/jwt-auth": JWT_DATE, "frontend/table-builder": TABLE_DATE}
    return SiteInfo(
        site_name="Example <Skills> & Co",
        site_url=SITE_URL,
        download_base=DOWNLOAD_BASE,
        updated=updated,
    )


def folder_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def extract(archive: bytes, into: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        tar.extractall(into, filter="data")


def test_only_valid_skills_are_published(catalog: Catalog, site: SiteInfo) -> None:
    assert {s.name for s in catalog.valid_skills} == {"jwt-auth", "table-builder"}

    artifacts = build_artifacts(catalog, site)

    skill_folders = {path.split("/")[1] for path in artifacts if path.startswith("skills/")}
    assert skill_folders == {"jwt-auth", "table-builder"}
    assert not any("Bad_Name" in path or "broken-yaml" in path for path in artifacts)
    assert {"api/skills.json", "api/categories.json", "llms.txt", "feed.xml"} <= set(artifacts)


def test_raw_files_are_the_files_on_disk(
    catalog_root: Path, catalog: Catalog, site: SiteInfo
) -> None:
    artifacts = build_artifacts(catalog, site)

    for relative, data in folder_files(catalog_root / "backend/jwt-auth").items():
        assert artifacts[f"skills/jwt-auth/{relative}"] == data
    assert (
        artifacts["skills/table-builder/SKILL.md"]
        == (catalog_root / "frontend/table-builder/SKILL.md").read_bytes()
    )


def test_archive_extracts_to_the_skill_folder_byte_for_byte(
    catalog_root: Path, catalog: Catalog, site: SiteInfo, tmp_path: Path
) -> None:
    archive = build_artifacts(catalog, site)["skills/jwt-auth/jwt-auth.tar.gz"]

    extract(archive, tmp_path / "out")

    assert sorted(os.listdir(tmp_path / "out")) == ["jwt-auth"]
    assert folder_files(tmp_path / "out/jwt-auth") == folder_files(
        catalog_root / "backend/jwt-auth"
    )
    assert os.access(tmp_path / "out/jwt-auth/scripts/check.sh", os.X_OK)


def test_archive_members_are_plain_relative_files_with_fixed_metadata(
    catalog: Catalog, site: SiteInfo
) -> None:
    archive = build_artifacts(catalog, site)["skills/jwt-auth/jwt-auth.tar.gz"]

    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        members = tar.getmembers()
    names = [m.name for m in members]
    assert names == sorted(names)
    assert names == [
        "jwt-auth/SKILL.md",
        "jwt-auth/assets/logo.png",
        "jwt-auth/references/api notes.md",
        "jwt-auth/scripts/check.sh",
    ]
    for member in members:
        assert member.isreg()
        assert ".." not in member.name.split("/") and not member.name.startswith("/")
        assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "", "")
        assert member.mtime == int(JWT_DATE.timestamp())
    modes = {m.name: m.mode for m in members}
    assert modes["jwt-auth/scripts/check.sh"] == 0o755
    assert modes["jwt-auth/SKILL.md"] == 0o644
    header = archive[:10]
    assert header[4:8] == b"\0\0\0\0"  # gzip mtime
    assert not header[3] & 0x08  # no file name stored


def test_two_builds_are_byte_identical_whatever_the_file_times(
    catalog_root: Path, site: SiteInfo
) -> None:
    first = build_artifacts(load_catalog(catalog_root), site)
    for path in catalog_root.rglob("*"):
        os.utime(path, (1_000_000, 1_000_000))

    second = build_artifacts(load_catalog(catalog_root), site)

    assert first == second


def test_undated_archives_use_source_date_epoch_else_zero(catalog: Catalog) -> None:
    undated = SiteInfo(site_url=SITE_URL, download_base=DOWNLOAD_BASE)

    def archive_mtimes(fallback: datetime | None) -> set[int]:
        artifacts = build_artifacts(catalog, undated, fallback_time=fallback)
        archive = artifacts["skills/table-builder/table-builder.tar.gz"]
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
            return {m.mtime for m in tar.getmembers()}

    assert archive_mtimes(None) == {0}
    assert archive_mtimes(datetime.fromtimestamp(1_700_000_000, UTC)) == {1_700_000_000}


def test_skills_json_lists_every_valid_skill_with_download_urls(
    catalog: Catalog, site: SiteInfo
) -> None:
    artifacts = build_artifacts(catalog, site)
    index = json.loads(artifacts["api/skills.json"].decode("utf-8"))

    assert index["count"] == 2
    assert index["generated"] == "2024-05-09T08:30:00Z"  # the newest skill date
    assert [s["name"] for s in index["skills"]] == ["jwt-auth", "table-builder"]
    jwt = index["skills"][0]
    assert jwt["url"] == f"{SITE_URL}skills/jwt-auth/"
    assert jwt["raw_url"] == f"{DOWNLOAD_BASE}skills/jwt-auth/SKILL.md"
    assert jwt["archive_url"] == f"{DOWNLOAD_BASE}skills/jwt-auth/jwt-auth.tar.gz"
    assert jwt["category"] == "backend"
    assert jwt["license"] == "MIT"
    assert jwt["tags"] == ["jwt", "auth"]
    assert jwt["updated"] == "2024-03-01T12:00:00Z"
    assert jwt["folder_sha256"] == next(s for s in catalog.skills if s.name == "jwt-auth").sha256
    files = {f["path"]: f for f in jwt["files"]}
    assert set(files) == {"assets/logo.png", "references/api notes.md", "scripts/check.sh"}
    notes = files["references/api notes.md"]
    assert notes["url"] == f"{DOWNLOAD_BASE}skills/jwt-auth/references/api%20notes.md"
    assert notes["size"] == len(artifacts["skills/jwt-auth/references/api notes.md"])
    for entry in index["skills"]:
        for url in [entry["raw_url"], entry["archive_url"], *(f["url"] for f in entry["files"])]:
            assert url.startswith(DOWNLOAD_BASE)


def test_json_checksums_match_the_published_bytes(catalog: Catalog, site: SiteInfo) -> None:
    artifacts = build_artifacts(catalog, site)
    entry = json.loads(artifacts["api/skills/jwt-auth.json"])

    assert (
        entry["archive_sha256"]
        == hashlib.sha256(artifacts["skills/jwt-auth/jwt-auth.tar.gz"]).hexdigest()
    )
    for file in entry["files"]:
        data = artifacts[f"skills/jwt-auth/{file['path']}"]
        assert file["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry["folder_sha256"] == next(s for s in catalog.skills if s.name == "jwt-auth").sha256
    assert (
        entry["skill_md_sha256"]
        == hashlib.sha256(artifacts["skills/jwt-auth/SKILL.md"]).hexdigest()
    )


def test_per_skill_json_adds_body_tools_and_metadata(catalog: Catalog, site: SiteInfo) -> None:
    artifacts = build_artifacts(catalog, site)
    index_entry = json.loads(artifacts["api/skills.json"])["skills"][0]
    detail = json.loads(artifacts["api/skills/jwt-auth.json"])

    assert {k: v for k, v in detail.items() if k in index_entry} == index_entry
    assert detail["body_lines"] == 3
    assert detail["allowed_tools"] == ["Read", "Bash"]
    assert detail["metadata"] == {"tags": "jwt, auth"}
    assert "api/skills/Bad_Name.json" not in artifacts


def test_hostile_and_unicode_text_round_trips_through_json(
    catalog: Catalog, site: SiteInfo
) -> None:
    raw = build_artifacts(catalog, site)["api/skills.json"]
    text = raw.decode("utf-8")

    descriptions = {s["name"]: s["description"] for s in json.loads(text)["skills"]}
    assert descriptions == {"jwt-auth": HOSTILE, "table-builder": UNICODE}
    assert "für große Listen 表" in text  # UTF-8, not \\u escapes
    assert text.endswith("}\n")


def test_categories_json_counts_valid_skills(catalog: Catalog, site: SiteInfo) -> None:
    categories = json.loads(build_artifacts(catalog, site)["api/categories.json"])["categories"]

    by_key = {c["key"]: c for c in categories}
    assert by_key["backend"] == {
        "key": "backend",
        "title": "Backend & APIs",
        "description": "Server side",
        "count": 1,
        "url": f"{SITE_URL}categories/backend/",
    }
    assert by_key["frontend"]["count"] == 1  # the two broken skills do not count


def test_feed_is_atom_with_one_entry_per_skill_newest_first(
    catalog: Catalog, site: SiteInfo
) -> None:
    feed = ET.fromstring(build_artifacts(catalog, site)["feed.xml"])

    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Example <Skills> & Co"
    assert feed.findtext(f"{ATOM}updated") == "2024-05-09T08:30:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["table-builder", "jwt-auth"]
    jwt = entries[1]
    assert jwt.findtext(f"{ATOM}id") == f"{SITE_URL}skills/jwt-auth/"
    assert jwt.find(f"{ATOM}link").get("href") == f"{SITE_URL}skills/jwt-auth/"
    assert jwt.findtext(f"{ATOM}updated") == "2024-03-01T12:00:00Z"
    assert jwt.findtext(f"{ATOM}summary") == HOSTILE
    assert entries[0].findtext(f"{ATOM}summary") == UNICODE


def test_feed_escapes_markup_from_the_catalog(catalog: Catalog, site: SiteInfo) -> None:
    text = build_artifacts(catalog, site)["feed.xml"].decode("utf-8")

    assert "<script>" not in text
    assert "&lt;script&gt;alert(" in text
    assert "&amp; checks JWTs" in text
    assert "Example &lt;Skills&gt; &amp; Co" in text


def test_feed_keeps_the_fifty_newest_skills(tmp_path: Path) -> None:
    root = tmp_path / "many"
    for number in range(55):
        write(root / f"misc/skill-{number:02d}/SKILL.md", skill_md(f"skill-{number:02d}", "Does."))
    start = datetime(2024, 1, 1, tzinfo=UTC)
    updated = {f"misc/skill-{n:02d}": start + timedelta(days=n) for n in range(55)}
    site = SiteInfo(site_url=SITE_URL, download_base=DOWNLOAD_BASE, updated=updated)

    feed = ET.fromstring(build_artifacts(load_catalog(root), site)["feed.xml"])

    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == [f"skill-{n:02d}" for n in range(54, 4, -1)]


def test_llms_txt_lists_raw_skill_files_by_category(catalog: Catalog, site: SiteInfo) -> None:
    lines = build_artifacts(catalog, site)["llms.txt"].decode("utf-8").splitlines()

    assert lines[0] == "# Example <Skills> & Co"
    assert lines[2].startswith("> 2 agent skills")
    assert "## Backend & APIs" in lines and "## Frontend" in lines
    assert lines.index("## Backend & APIs") < lines.index("## Frontend")
    jwt_line = f"- [jwt-auth]({DOWNLOAD_BASE}skills/jwt-auth/SKILL.md): {HOSTILE}"
    assert jwt_line in lines
    assert lines.index(jwt_line) < lines.index("## Frontend")
    assert not any("Bad_Name" in line for line in lines)


def test_a_link_out_of_the_skill_folder_is_never_read(
    catalog_root: Path, catalog: Catalog, site: SiteInfo, tmp_path: Path
) -> None:
    secret = write(tmp_path / "secret.txt", "do not publish\n")
    (catalog_root / "backend/jwt-auth/leak.txt").symlink_to(secret)
    (catalog_root / "backend/jwt-auth/pipe").mkdir()
    os.mkfifo(catalog_root / "backend/jwt-auth/pipe/fifo")
    jwt = next(s for s in catalog.skills if s.name == "jwt-auth")
    # Even if a stale or faulty file list names them, the build re-checks what it reads.
    forged = replace(
        jwt,
        files=(
            *jwt.files,
            SupportingFile("leak.txt", 15, ""),
            SupportingFile("../../../secret.txt", 15, ""),
            SupportingFile("pipe/fifo", 0, ""),
        ),
    )
    forged_catalog = replace(
        catalog, skills=tuple(forged if s is jwt else s for s in catalog.skills)
    )

    artifacts = build_artifacts(forged_catalog, site)

    assert not any(b"do not publish" in data for data in artifacts.values())
    assert not any(
        b"do not publish" in gzip.decompress(data)
        for path, data in artifacts.items()
        if path.endswith(".tar.gz")
    )
    listed = json.loads(artifacts["api/skills/jwt-auth.json"])["files"]
    assert {f["path"] for f in listed} == {
        "assets/logo.png",
        "references/api notes.md",
        "scripts/check.sh",
    }


def test_a_lower_case_skill_file_is_published_as_skill_md(tmp_path: Path) -> None:
    root = tmp_path / "lower"
    write(root / "misc/lower-case/skill.md", skill_md("lower-case", "Found under skill.md."))
    write(root / "misc/lower-case/notes.txt", "notes\n")
    catalog = load_catalog(root)
    site = SiteInfo(site_url=SITE_URL, download_base=DOWNLOAD_BASE)

    artifacts = build_artifacts(catalog, site)

    raw = (root / "misc/lower-case/skill.md").read_bytes()
    assert artifacts["skills/lower-case/SKILL.md"] == raw
    assert "skills/lower-case/skill.md" not in artifacts
    with tarfile.open(fileobj=io.BytesIO(artifacts["skills/lower-case/lower-case.tar.gz"])) as tar:
        assert tar.getnames() == ["lower-case/SKILL.md", "lower-case/notes.txt"]
        member = tar.extractfile("lower-case/SKILL.md")
        assert member is not None and member.read() == raw


SCHEMAS = REPO / "schemas"


def schema_validator(name: str) -> Draft202012Validator:
    documents = {path.name: json.loads(path.read_text()) for path in SCHEMAS.glob("*.json")}
    registry = Registry().with_resources(
        (key, Resource.from_contents(value)) for key, value in documents.items()
    )
    return Draft202012Validator(
        documents[name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(name: str, document: object) -> list[str]:
    return [error.message for error in schema_validator(name).iter_errors(document)]


def test_api_documents_match_their_json_schemas(catalog: Catalog, site: SiteInfo) -> None:
    artifacts = build_artifacts(catalog, site)
    index = json.loads(artifacts["api/skills.json"])
    assert index["schema"] == 1
    assert schema_errors("api-skills.schema.json", index) == []
    for entry in index["skills"]:
        detail = json.loads(artifacts[f"api/skills/{entry['name']}.json"])
        assert schema_errors("api-skill.schema.json", detail) == []
    categories = json.loads(artifacts["api/categories.json"])
    assert schema_errors("api-categories.schema.json", categories) == []


def test_api_schema_refuses_the_old_ambiguous_digest(catalog: Catalog, site: SiteInfo) -> None:
    index = json.loads(build_artifacts(catalog, site)["api/skills.json"])
    old_style = index["skills"][0]
    old_style["sha256"] = old_style.pop("folder_sha256")
    errors = schema_errors("api-skills.schema.json", index)
    assert any("folder_sha256" in error for error in errors)
    assert any("sha256" in error and "unexpected" in error.lower() for error in errors)


def well_known_target(artifacts: dict[str, bytes], url: str) -> bytes:
    return artifacts[f".well-known/agent-skills/{url}"]


def test_well_known_index_follows_the_discovery_schema(catalog: Catalog, site: SiteInfo) -> None:
    artifacts = build_artifacts(catalog, site)
    index = json.loads(artifacts[".well-known/agent-skills/index.json"])
    assert schema_errors("agent-skills-index.schema.json", index) == []
    assert [entry["name"] for entry in index["skills"]] == ["jwt-auth", "table-builder"]
    for entry in index["skills"]:
        target = well_known_target(artifacts, entry["url"])
        assert entry["digest"] == "sha256:" + hashlib.sha256(target).hexdigest()
        for path in entry["files"]:  # the older shape: each file served beside the index
            published = artifacts[f"skills/{entry['name']}/{path}"]
            assert artifacts[f".well-known/agent-skills/{entry['name']}/{path}"] == published
    table = index["skills"][1]
    assert (table["type"], table["url"]) == ("skill-md", "table-builder/SKILL.md")


def test_well_known_archive_has_skill_md_at_its_root(
    catalog: Catalog, site: SiteInfo, tmp_path: Path
) -> None:
    artifacts = build_artifacts(catalog, site)
    entry = json.loads(artifacts[".well-known/agent-skills/index.json"])["skills"][0]
    assert (entry["type"], entry["url"]) == ("archive", "jwt-auth.tar.gz")
    archive = well_known_target(artifacts, entry["url"])
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        members = tar.getmembers()
        assert all(m.isfile() and not m.pax_headers for m in members)
        # The space in "references/api notes.md" is refused by some clients: left out.
        assert [m.name for m in members] == ["SKILL.md", "assets/logo.png", "scripts/check.sh"]
        assert tar.getmember("scripts/check.sh").mode == 0o755
    extract(archive, tmp_path / "unpacked")
    skill_folder = catalog.root / "backend/jwt-auth"
    for path, data in folder_files(tmp_path / "unpacked").items():
        assert (skill_folder / path).read_bytes() == data


def test_files_install_tools_refuse_are_left_out_with_a_warning(
    tmp_path: Path, site: SiteInfo
) -> None:
    hostile = ["it's.md", "with space.md", "ünïcode.md", "a..b.md", 'say "hi".md', "x" * 120]
    folder = tmp_path / "catalog/backend/jwt-auth"
    write(folder / "SKILL.md", skill_md("jwt-auth", "Signs tokens. Use when testing."))
    write(folder / "references/fine.md", "fine\n")
    for name in hostile:
        write(folder / "references" / name, "x\n")
    catalog = load_catalog(tmp_path / "catalog")
    warned = {d.path for d in catalog.diagnostics if d.code == "file-not-installable"}
    assert warned == {f"backend/jwt-auth/references/{name}" for name in hostile}
    artifacts = build_artifacts(catalog, site)
    entry = json.loads(artifacts[".well-known/agent-skills/index.json"])["skills"][0]
    assert entry["files"] == ["SKILL.md", "references/fine.md"]
    with tarfile.open(
        fileobj=io.BytesIO(artifacts[".well-known/agent-skills/jwt-auth.tar.gz"])
    ) as tar:
        assert tar.getnames() == ["SKILL.md", "references/fine.md"]
    # The curl command's archive still carries every file.
    with tarfile.open(fileobj=io.BytesIO(artifacts["skills/jwt-auth/jwt-auth.tar.gz"])) as tar:
        assert len(tar.getnames()) == 2 + len(hostile)
