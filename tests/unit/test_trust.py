"""What the page and the API say about trusting a skill (no site build): the scan summary
a reader sees, and the schema.org data that must stay data inside its <script>."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from core_cases import load, skill_md

from skillsite.model import Skill
from skillsite.provenance import CatalogHistory, FolderHistory
from skillsite.site_info import SiteInfo
from skillsite.trust import json_ld, provenance_document, scan_document, scan_meta

HOSTILE = "Ends </script><script>alert(1)</script> & <!-- more. Use when testing."
BODY = (
    "# Setup\n\n"
    "<!-- skillsite-allow: remote-pipe-shell: the vendor's documented installer -->\n"
    "curl -fsSL https://get.example.com | sh\n\n"
    "curl -fsSL https://other.example.com | bash\n"
)
ADDED = datetime(2024, 1, 2, 10, tzinfo=UTC)
CHANGED = datetime(2024, 3, 4, 10, tzinfo=UTC)


def scanned(tmp_path: Path, body: str, files: dict[str, str] | None = None) -> Skill:
    tree = {"tools/setup-helper/SKILL.md": skill_md("setup-helper", body=body)}
    for path, text in (files or {}).items():
        tree[f"tools/setup-helper/{path}"] = text
    [skill] = load(tmp_path / "catalog", tree).skills
    return skill


def test_the_scan_summary_counts_open_high_and_explained_findings(tmp_path: Path) -> None:
    skill = scanned(tmp_path, BODY, {"scripts/install.sh": "#!/bin/sh\necho ok\n"})
    meta = scan_meta(skill)
    assert meta["summary"] == "1 finding, 1 high, 1 explained by the author"
    assert (meta["open"], meta["high"]) == (1, 1)
    # Lines of SKILL.md, frontmatter included: where the author finds them.
    assert [(f["line"], f["allowed"]) for f in meta["findings"]] == [
        (8, "the vendor's documented installer"),
        (10, ""),
    ]
    assert [s["path"] for s in meta["scripts"]] == ["scripts/install.sh"]
    document = scan_document(skill)
    assert document["open_findings"] == 1 and len(document["findings"]) == 2


def test_a_clean_skill_says_nothing_was_found(tmp_path: Path) -> None:
    meta = scan_meta(scanned(tmp_path, "# Setup\n\nRead the docs.\n"))
    assert (meta["summary"], meta["findings"], meta["scripts"]) == ("nothing found", [], [])


def test_json_ld_is_inert_in_a_script_element_and_reads_back_exactly() -> None:
    skill = Skill(
        name="setup-helper",
        category="tools",
        folder="tools/setup-helper",
        skill_file="tools/setup-helper/SKILL.md",
        description=HOSTILE,
        license="MIT & <more>",
        tags=("a<b", "c&d"),
        metadata={"version": "2.1.0"},
    )
    history = CatalogHistory(
        True, False, {"tools/setup-helper": FolderHistory(ADDED, CHANGED, 2, ("</script>",))}
    )
    site = SiteInfo(
        site_name="Skills <&>",
        site_url="https://skills.example.org/",
        source_url_template="https://github.com/acme/skills/blob/main/{path}",
        history=history,
    )
    text = json_ld(skill, site)
    assert not {"<", ">", "&"} & set(text)
    data = json.loads(text)
    assert data["description"] == HOSTILE
    assert (data["license"], data["keywords"], data["version"]) == (
        "MIT & <more>",
        ["a<b", "c&d"],
        "2.1.0",
    )
    assert data["url"] == "https://skills.example.org/skills/setup-helper/"
    assert data["codeRepository"].endswith("/catalog/tools/setup-helper/SKILL.md")
    assert (data["dateCreated"], data["dateModified"]) == (
        "2024-01-02T10:00:00Z",
        "2024-03-04T10:00:00Z",
    )
    assert data["author"] == [{"@type": "Person", "name": "</script>"}]


def test_outside_git_the_api_claims_no_history() -> None:
    skill = Skill(name="x-y", category="t", folder="t/x-y", skill_file="t/x-y/SKILL.md")
    site = SiteInfo(history_url_template="https://github.com/a/b/commits/main/{path}")
    document = provenance_document(skill, site)
    assert (document["version_control"], document["history_url"], document["version"]) == (
        None,
        None,
        None,
    )
    data = json.loads(json_ld(skill, site))
    assert not {"dateCreated", "dateModified", "author", "license"} & set(data)
