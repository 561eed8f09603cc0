"""Last-updated dates per skill folder: git commit times, file times, SOURCE_DATE_EPOCH."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from gitrepo import commit_all as shared_commit_all
from gitrepo import git

from skillsite.dates import (
    SourceDateEpochError,
    build_date,
    iso_utc,
    source_date_epoch,
)
from skillsite.dates import skill_updated_times as times_from
from skillsite.provenance import catalog_history, changed_times

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


def skill_updated_times(
    catalog_root: Path, folders: list[str], fallback: datetime | None = None
) -> dict[str, datetime]:
    """Dates as a build finds them: one git log read by provenance, then the fallbacks."""
    history = catalog_history(catalog_root, folders)
    return times_from(catalog_root, folders, changed_times(history), fallback)


def commit_all(repo: Path, when: datetime) -> None:
    shared_commit_all(repo, f"change at {iso_utc(when)}", when)


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


def test_source_date_epoch_replaces_file_times_but_not_commit_times(repo: Path) -> None:
    write(repo / "catalog/backend/new-skill/SKILL.md")
    epoch = source_date_epoch({"SOURCE_DATE_EPOCH": "1700000000"})

    times = skill_updated_times(repo / "catalog", [*FOLDERS, "backend/new-skill"], epoch)

    assert times["backend/new-skill"] == datetime.fromtimestamp(1_700_000_000, UTC)
    assert times["frontend/table-builder"] == JAN


def test_a_date_left_in_the_environment_does_not_move_an_uncommitted_skill(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `mkdocs serve` hands MkDocs the build date through SOURCE_DATE_EPOCH; the next
    # rebuild must still date an uncommitted skill by its files.
    os.utime(write(repo / "catalog/backend/new-skill/SKILL.md"), (1_650_000_000,) * 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    times = skill_updated_times(repo / "catalog", [*FOLDERS, "backend/new-skill"])

    assert times["backend/new-skill"] == datetime.fromtimestamp(1_650_000_000, UTC)


def test_the_build_date_is_the_callers_else_the_last_commit(repo: Path, tmp_path: Path) -> None:
    given = datetime.fromtimestamp(1_700_000_000, UTC)
    assert build_date(repo, given, {}) == given
    assert build_date(repo, None, {}) == MAR  # the last commit, whatever its date
    assert build_date(tmp_path, None, {"a": JAN}) == JAN
    assert build_date(tmp_path, None, {}) == datetime.fromtimestamp(0, UTC)


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


def test_a_malformed_source_date_epoch_is_reported_clearly() -> None:
    with pytest.raises(SourceDateEpochError, match="SOURCE_DATE_EPOCH='yesterday'"):
        source_date_epoch({"SOURCE_DATE_EPOCH": "yesterday"})


def test_iso_utc_is_second_precision_with_z() -> None:
    assert iso_utc(datetime(2024, 2, 29, 23, 59, 59, 999, tzinfo=UTC)) == "2024-02-29T23:59:59Z"
