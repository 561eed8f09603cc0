"""Last-updated dates per skill folder: git commit times, file times, SOURCE_DATE_EPOCH."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from skillsite.dates import SourceDateEpochError, iso_utc, skill_updated_times

JAN = datetime(2023, 1, 15, 10, 30, tzinfo=UTC)
MAR = datetime(2023, 3, 2, 8, 0, tzinfo=UTC)
JUN = datetime(2023, 6, 20, 17, 45, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    # Keep git from finding a repository above the test folder.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


def write(path: Path, text: str = "x\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def git(repo: Path, *args: str, when: datetime | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org"}
    env |= {"GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@example.org"}
    if when is not None:
        # Author and committer dates differ on purpose: the committer date counts.
        env["GIT_AUTHOR_DATE"] = "2001-01-01T00:00:00Z"
        env["GIT_COMMITTER_DATE"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def commit_all(repo: Path, when: datetime) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"change at {iso_utc(when)}", when=when)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose catalog lives in a subfolder, as in the project itself."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    write(repo / "README.md")
    write(repo / "catalog/backend/jwt-auth/SKILL.md")
    write(repo / "catalog/backend/jwt-auth/references/api notes\twith tab.md")
    write(repo / "catalog/frontend/table-builder/SKILL.md")
    write(repo / "catalog/frontend/unicode-ü/SKILL.md")
    commit_all(repo, JAN)
    write(repo / "catalog/backend/jwt-auth/references/api notes\twith tab.md", "changed\n")
    commit_all(repo, JUN)
    write(repo / "catalog/frontend/unicode-ü/SKILL.md", "changed\n")
    write(repo / "README.md", "changed outside the catalog\n")
    commit_all(repo, MAR)  # committed last, dated earlier: the newest date still wins
    return repo


FOLDERS = ["backend/jwt-auth", "frontend/table-builder", "frontend/unicode-ü"]


def test_each_folder_gets_the_time_of_the_last_commit_touching_it(repo: Path) -> None:
    times = skill_updated_times(repo / "catalog", FOLDERS)

    assert times == {
        "backend/jwt-auth": JUN,  # a change deep inside, in a file with a tab in its name
        "frontend/table-builder": JAN,
        "frontend/unicode-ü": MAR,
    }
    assert all(t.tzinfo is not None and t.utcoffset().total_seconds() == 0 for t in times.values())


def test_a_deleted_file_counts_as_a_change_of_its_folder(repo: Path) -> None:
    write(repo / "catalog/frontend/table-builder/old.md")
    commit_all(repo, datetime(2023, 2, 1, tzinfo=UTC))
    (repo / "catalog/frontend/table-builder/old.md").unlink()
    removed = datetime(2023, 9, 9, 9, 9, 9, tzinfo=UTC)
    commit_all(repo, removed)

    assert skill_updated_times(repo / "catalog", FOLDERS)["frontend/table-builder"] == removed


def test_a_nested_skill_owns_its_files(repo: Path) -> None:
    write(repo / "catalog/backend/jwt-auth/examples/mini-skill/SKILL.md")
    nested_added = datetime(2024, 4, 4, tzinfo=UTC)
    commit_all(repo, nested_added)
    folders = [*FOLDERS, "backend/jwt-auth/examples/mini-skill"]

    times = skill_updated_times(repo / "catalog", folders)

    assert times["backend/jwt-auth/examples/mini-skill"] == nested_added
    assert times["backend/jwt-auth"] == JUN


def test_a_folder_git_does_not_know_falls_back_to_its_newest_file_time(repo: Path) -> None:
    new_skill = repo / "catalog/backend/new-skill"
    older = write(new_skill / "SKILL.md")
    newer = write(new_skill / "scripts/run.sh")
    os.utime(older, (1_600_000_000, 1_600_000_000))
    os.utime(newer, (1_650_000_000, 1_650_000_000))

    times = skill_updated_times(repo / "catalog", [*FOLDERS, "backend/new-skill"])

    assert times["backend/new-skill"] == datetime.fromtimestamp(1_650_000_000, UTC)
    assert times["backend/jwt-auth"] == JUN


def test_source_date_epoch_replaces_file_times_but_not_commit_times(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo / "catalog/backend/new-skill/SKILL.md")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    times = skill_updated_times(repo / "catalog", [*FOLDERS, "backend/new-skill"])

    assert times["backend/new-skill"] == datetime.fromtimestamp(1_700_000_000, UTC)
    assert times["frontend/table-builder"] == JAN


def test_outside_git_every_folder_uses_its_file_times(tmp_path: Path) -> None:
    catalog = tmp_path / "plain"
    os.utime(write(catalog / "a/one/SKILL.md"), (1_500_000_000, 1_500_000_000))
    os.utime(write(catalog / "a/two/SKILL.md"), (1_510_000_000, 1_510_000_000))

    times = skill_updated_times(catalog, ["a/one", "a/two", "a/missing"])

    assert times == {
        "a/one": datetime.fromtimestamp(1_500_000_000, UTC),
        "a/two": datetime.fromtimestamp(1_510_000_000, UTC),
    }


def test_without_a_git_program_dates_still_come_from_files(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.utime(repo / "catalog/frontend/table-builder/SKILL.md", (1_400_000_000, 1_400_000_000))
    empty_bin = tmp_path / "no-git-here"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))

    times = skill_updated_times(repo / "catalog", ["frontend/table-builder"])

    assert times == {"frontend/table-builder": datetime.fromtimestamp(1_400_000_000, UTC)}


def test_a_malformed_source_date_epoch_is_reported_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "plain/a/one/SKILL.md")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")

    with pytest.raises(SourceDateEpochError, match="SOURCE_DATE_EPOCH='yesterday'"):
        skill_updated_times(tmp_path / "plain", ["a/one"])


def test_iso_utc_is_second_precision_with_z() -> None:
    assert iso_utc(datetime(2024, 2, 29, 23, 59, 59, 999, tzinfo=UTC)) == "2024-02-29T23:59:59Z"
