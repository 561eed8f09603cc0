"""Where a skill came from, read from real git repositories (no site build): dates added
and changed, number of changes, contributors without e-mail addresses, shallow clones,
and the repository URL from a remote, credentials dropped."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from gitrepo import commit_all, git
from sitecatalog import write_skill

from skillsite.provenance import (
    CatalogHistory,
    catalog_history,
    git_remote_url,
    history_document,
    repository_from_remote,
)

JAN = datetime(2024, 1, 2, 10, tzinfo=UTC)
FEB = datetime(2024, 2, 3, 10, tzinfo=UTC)
MAR = datetime(2024, 3, 4, 10, tzinfo=UTC)
FOLDERS = ("tools/alpha-one", "tools/beta-two")


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """catalog/ with two skills: alpha-one changed three times by two people."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    catalog = root / "catalog"
    alpha = write_skill(catalog, "tools", "alpha-one")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "add alpha", when=JAN, author="Alice Author")
    (alpha / "notes.md").write_text("one\n")
    beta = write_skill(catalog, "tools", "beta-two")
    commit_all(root, "touch both", when=FEB, author="Bob eve@example.org")
    (alpha / "notes.md").write_text("two\n")
    (beta / "notes.md").write_text("b\n")
    (catalog / "README.md").write_text("not a skill\n")
    commit_all(root, "more", when=MAR, author="Bob")
    return catalog


def test_each_skill_has_its_dates_changes_and_contributors(repository: Path) -> None:
    history = catalog_history(repository, FOLDERS)
    assert (history.under_git, history.shallow) == (True, False)
    alpha = history.folders["tools/alpha-one"]
    assert (alpha.added, alpha.changed, alpha.changes) == (JAN, MAR, 3)
    # Most commits first; an e-mail address typed into a name is not shown.
    assert alpha.contributors == ("Bob", "Alice Author")
    beta = history.folders["tools/beta-two"]
    assert (beta.added, beta.changed, beta.changes) == (FEB, MAR, 2)
    assert set(history.folders) == set(FOLDERS)  # README.md belongs to no skill


def test_a_shallow_clone_does_not_claim_a_date_added(repository: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repository.parent}", str(clone))
    history = catalog_history(clone / "catalog", FOLDERS)
    assert history.shallow
    alpha = history.folders["tools/alpha-one"]
    assert (alpha.added, alpha.changed, alpha.changes) == (None, MAR, 1)
    document = history_document(history, "tools/alpha-one")
    assert (document["added"], document["shallow_clone"]) == (None, True)


def test_outside_git_nothing_is_made_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    catalog = tmp_path / "plain"
    write_skill(catalog, "tools", "alpha-one")
    history = catalog_history(catalog, FOLDERS)
    assert history == CatalogHistory()
    assert history_document(history, "tools/alpha-one") == {
        "version_control": None,
        "shallow_clone": False,
        "added": None,
        "changed": None,
        "changes": None,
        "contributors": [],
    }


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:acme/skills.git", "https://github.com/acme/skills"),
        ("ssh://git@gitlab.com/group/sub/skills.git", "https://gitlab.com/group/sub/skills"),
        ("https://x-token:secret@github.com/acme/skills.git", "https://github.com/acme/skills"),
        ("https://GitHub.com/acme/skills/", "https://github.com/acme/skills"),
        ("https://example.org/acme/skills.git", ""),
        ("https://github.com/acme", ""),
        ("https://github.com/acme/../../evil", ""),
        ('https://github.com/acme/x"><script>', ""),
        ("/srv/git/skills.git", ""),
    ],
)
def test_the_repository_url_comes_from_github_or_gitlab_remotes_only(remote: str, url: str) -> None:
    assert repository_from_remote(remote) == url


def test_the_origin_remote_is_preferred(repository: Path) -> None:
    root = repository.parent
    assert git_remote_url(root) == ""
    git(root, "remote", "add", "backup", "https://gitlab.com/acme/backup.git")
    assert git_remote_url(root) == "https://gitlab.com/acme/backup"
    git(root, "remote", "add", "origin", "https://token@github.com/acme/skills.git")
    assert git_remote_url(repository) == "https://github.com/acme/skills"
