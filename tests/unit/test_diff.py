"""`skillsite diff` on real git repositories and folders, through the CLI's main()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import CliRun, run_cli
from gitrepo import commit_all, git
from sitecatalog import write_skill

from skillsite.diff import diff_catalogs
from skillsite.diff_report import to_markdown
from skillsite.loader import load_catalog

PREVIEW = "https://owner.github.io/repo/pr-preview/pr-7/"


def skillsite_diff(cwd: Path, *args: str) -> CliRun:
    """`skillsite diff ARGS` run in `cwd`, in this process, through the CLI's main()."""
    return run_cli("diff", *args, cwd=cwd)


def write_base(catalog: Path) -> None:
    write_skill(catalog, "backend", "keep-me", body="# Keep me\n\nUnchanged.\n")
    write_skill(
        catalog,
        "backend",
        "old-name",
        description="Moves data between queues. Use when draining a queue.",
        body="# Queue mover\n\nStep one.\nStep two.\n",
        files={"scripts/move.py": "print('move')\n"},
    )
    write_skill(
        catalog,
        "backend",
        "drifting-name",
        description="Old words. Use when testing renames with edits.",
        body="# Drifting\n\nThe same body on both sides.\n",
    )
    write_skill(catalog, "testing", "removed-one", body="# Removed\n\nGoes away.\n")
    write_skill(
        catalog,
        "testing",
        "change-me",
        description="Finds flaky tests. Use when CI is red at random.",
        body="# Change me\n\nalpha\nbeta\ngamma\n",
        files={
            "scripts/run.py": "print(1)\n",
            "references/notes.md": "# Notes\n",
        },
    )
    write_skill(catalog, "testing", "moving-house", body="# Moving\n\nSame content.\n")


def write_head(catalog: Path) -> None:
    (catalog / "backend" / "old-name").rename(catalog / "backend" / "new-name")
    skill_md = catalog / "backend" / "new-name" / "SKILL.md"
    skill_md.write_text(
        skill_md.read_text().replace("name: old-name", "name: new-name"), encoding="utf-8"
    )
    (catalog / "backend" / "drifting-name").rename(catalog / "backend" / "drifted-name")
    skill_md = catalog / "backend" / "drifted-name" / "SKILL.md"
    skill_md.write_text(
        skill_md.read_text()
        .replace("name: drifting-name", "name: drifted-name")
        .replace("Old words.", "New words."),
        encoding="utf-8",
    )
    for path in sorted((catalog / "testing" / "removed-one").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (catalog / "testing" / "removed-one").rmdir()
    change = catalog / "testing" / "change-me"
    (change / "references" / "notes.md").unlink()
    (change / "scripts" / "run.py").write_text("print(2)\n", encoding="utf-8")
    (change / "assets").mkdir()
    (change / "assets" / "data.json").write_text("{}\n", encoding="utf-8")
    write_skill(
        catalog,
        "testing",
        "change-me",
        frontmatter=(
            "name: change-me\n"
            'description: "Finds and fixes flaky tests. Use when CI is red at random."\n'
            "license: Apache-2.0\n"
            'metadata:\n  tags: "flaky, ci"\n'
        ),
        body="# Change me\n\nalpha\ndelta\nepsilon\ngamma\n",
    )
    (catalog / "testing" / "moving-house").rename(catalog / "backend" / "moving-house")
    write_skill(
        catalog,
        "frontend",
        "brand-new",
        description="Builds forms. Use when a page needs a form.",
        body="# Brand new\n\nHello <blink>world</blink>.\n",
    )
    write_skill(
        catalog, "frontend", "broken-new", frontmatter="name: broken-new\ndescription: a: b\n"
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose HEAD adds, removes, renames and changes skills."""
    root = tmp_path_factory.mktemp("diff-repo")
    git(root, "init", "-q", "-b", "main")
    write_base(root / "catalog")
    commit_all(root, "base")
    write_head(root / "catalog")
    commit_all(root, "head")
    return root


@pytest.fixture(scope="module")
def report(repo: Path) -> dict:
    result = skillsite_diff(repo, "HEAD~1", "HEAD", "--format", "json", "--preview-url", PREVIEW)
    assert result.returncode == 1, result.stderr  # broken-new has an error
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_reports_added_skills_with_preview_links(report: dict) -> None:
    added = {s["name"]: s for s in report["added"]}
    assert set(added) == {"brand-new", "broken-new"}
    assert added["brand-new"]["url"] == f"{PREVIEW}skills/brand-new/"
    assert added["brand-new"]["category"] == "frontend"
    # An invalid skill gets no page, so no link.
    assert added["broken-new"]["url"] is None
    assert added["broken-new"]["valid"] is False


def test_reports_removed_skills(report: dict) -> None:
    assert [s["name"] for s in report["removed"]] == ["removed-one"]
    assert report["removed"][0]["category"] == "testing"


def test_reports_a_rename_with_identical_content_as_a_rename(report: dict) -> None:
    renamed = {r["from"]: r for r in report["renamed"]}
    assert renamed["old-name"]["to"] == "new-name"
    assert renamed["old-name"]["url"] == f"{PREVIEW}skills/new-name/"
    fields = [f["field"] for f in renamed["old-name"]["fields"]]
    assert fields == ["folder"]
    assert renamed["old-name"]["body"]["added"] == 0
    assert renamed["old-name"]["files"] == {"added": [], "removed": [], "changed": []}
    all_names = {s["name"] for s in report["added"] + report["removed"]}
    assert not all_names & {"old-name", "new-name", "drifting-name", "drifted-name"}


def test_a_rename_with_the_same_body_and_new_frontmatter_lists_the_edits(report: dict) -> None:
    renamed = {r["from"]: r for r in report["renamed"]}
    drifted = renamed["drifting-name"]
    assert drifted["to"] == "drifted-name"
    description = next(f for f in drifted["fields"] if f["field"] == "description")
    assert description["before"].startswith("Old words.")
    assert description["after"].startswith("New words.")


def test_reports_what_changed_inside_a_changed_skill(report: dict) -> None:
    changed = {c["name"]: c for c in report["changed"]}
    change = changed["change-me"]
    fields = {f["field"]: (f["before"], f["after"]) for f in change["fields"]}
    assert fields["license"] == ("MIT", "Apache-2.0")
    assert fields["metadata.tags"] == ("testing", "flaky, ci")
    assert fields["description"][1] == "Finds and fixes flaky tests. Use when CI is red at random."
    assert (change["body"]["added"], change["body"]["removed"]) == (2, 1)
    assert "-beta" in change["body"]["diff"] and "+delta" in change["body"]["diff"]
    assert change["files"] == {
        "added": ["assets/data.json"],
        "removed": ["references/notes.md"],
        "changed": ["scripts/run.py"],
    }
    assert change["url"] == f"{PREVIEW}skills/change-me/"


def test_a_skill_moved_to_another_category_is_changed_not_renamed(report: dict) -> None:
    changed = {c["name"]: c for c in report["changed"]}
    fields = {f["field"]: (f["before"], f["after"]) for f in changed["moving-house"]["fields"]}
    assert fields["category"] == ("testing", "backend")


def test_unchanged_skills_are_not_reported(report: dict) -> None:
    mentioned = json.dumps(report)
    assert "keep-me" not in mentioned
    assert report["summary"] == {
        "added": 2,
        "removed": 1,
        "renamed": 2,
        "changed": 2,
        "errors": report["summary"]["errors"],
        "warnings": report["summary"]["warnings"],
    }


def test_lists_the_diagnostics_of_added_and_changed_skills(report: dict) -> None:
    by_path = {(d["path"], d["severity"]) for d in report["diagnostics"]}
    assert ("frontend/broken-new/SKILL.md", "error") in by_path
    assert ("frontend/brand-new/SKILL.md", "warning") in by_path  # raw HTML in the body
    assert report["summary"]["errors"] >= 1
    assert all(not d["path"].startswith("backend/keep-me") for d in report["diagnostics"])


def test_markdown_report_for_a_pull_request_comment(repo: Path) -> None:
    result = skillsite_diff(repo, "HEAD~1", "HEAD", "--preview-url", PREVIEW)
    assert result.returncode == 1
    text = result.stdout
    assert "**2 added, 1 removed, 2 renamed, 2 changed**" in text
    assert f"[`brand-new`]({PREVIEW}skills/brand-new/)" in text
    assert f"- `old-name` → [`new-name`]({PREVIEW}skills/new-name/)" in text
    assert "- `removed-one` in `testing`" in text
    assert "`license` `MIT` → `Apache-2.0`" in text
    assert "body: +2 −1 lines" in text
    assert "files added: `assets/data.json`" in text
    assert "files removed: `references/notes.md`" in text
    assert "files changed: `scripts/run.py`" in text
    assert "category: `testing` → `backend`" in text
    assert "**error** `" in text and "frontend/broken-new/SKILL.md" in text
    # Text from the catalog cannot inject markup into the comment.
    assert "<blink>" not in text


def test_compares_two_catalog_folders(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    write_skill(base, "alpha", "one")
    write_skill(head, "alpha", "one", body="# One\n\nNew text.\n")
    write_skill(head, "alpha", "two")
    result = skillsite_diff(tmp_path, str(base), str(head), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [s["name"] for s in report["added"]] == ["two"]
    assert [c["name"] for c in report["changed"]] == ["one"]
    assert report["added"][0]["url"] is None  # no --preview-url given


def test_reads_revisions_from_commits_not_the_working_tree(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    write_skill(clone / "catalog", "frontend", "uncommitted")
    result = skillsite_diff(clone, "HEAD", "HEAD", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["added"] == 0
    # The working tree as a folder does see it.
    result = skillsite_diff(clone, "HEAD", "catalog", "--format", "json")
    assert [s["name"] for s in json.loads(result.stdout)["added"]] == ["uncommitted"]


def test_a_revision_without_the_catalog_folder_is_an_empty_catalog(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text("# Empty\n", encoding="utf-8")
    commit_all(tmp_path, "no catalog yet")
    write_skill(tmp_path / "skills", "alpha", "first")
    commit_all(tmp_path, "catalog")
    result = skillsite_diff(tmp_path, "HEAD~1", "HEAD", "--catalog", "skills", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [s["name"] for s in json.loads(result.stdout)["added"]] == ["first"]


def test_an_unknown_revision_is_a_clear_error(repo: Path) -> None:
    result = skillsite_diff(repo, "no-such-branch", "HEAD")
    assert result.returncode == 2
    assert "'no-such-branch' is neither a folder nor a commit" in result.stderr
    assert "Traceback" not in result.stderr
    outside = skillsite_diff(repo.parent, "main", "HEAD", "--repo", str(repo.parent))
    assert outside.returncode == 2
    assert "not inside a git repository" in outside.stderr
    assert "Traceback" not in outside.stderr


def test_writes_the_report_to_a_file(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = skillsite_diff(repo, "HEAD~1", "HEAD", "--output", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("## Catalog changes")


def test_markdown_escapes_catalog_text_and_fits_a_comment(tmp_path: Path) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    base.mkdir()
    write_skill(
        head,
        "alpha",
        "noisy",
        description="Pings @everyone and <script>alert(1)</script> [link](javascript:x). Use when.",
        body="# Noisy\n\n" + "".join(f"line {i}\n" for i in range(2000)),
    )
    for index in range(300):
        write_skill(head, "alpha", f"filler-{index:03d}")
    diff = diff_catalogs(load_catalog(base), load_catalog(head))
    text = to_markdown(diff, "base", "head", PREVIEW)
    assert "@everyone" not in text  # a mention would notify people
    assert "<script>" not in text and "[link](" not in text
    short = to_markdown(diff, "base", "head", PREVIEW, max_chars=2_000)
    assert len(short) <= 2_000
    assert "too long for a comment" in short


def test_no_change_says_so(tmp_path: Path) -> None:
    write_skill(tmp_path / "same", "alpha", "one")
    result = skillsite_diff(tmp_path, "same", "same")
    assert result.returncode == 0
    assert "no skill changed" in result.stdout
