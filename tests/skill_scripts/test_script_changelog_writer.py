from gitrepo import git
from scriptrun import run_script


def test_help():
    result = run_script("changelog-writer", "scripts/collect_commits.py", "--help")
    assert result.returncode == 0
    assert "--since" in result.stdout


def test_groups_conventional_commits_since_the_last_tag(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "commit", "-q", "--allow-empty", "-m", "chore: init")
    git(repo, "tag", "v1.0.0")
    for message in ("feat(api): add orders endpoint", "fix: handle empty cart", "random message"):
        git(repo, "commit", "-q", "--allow-empty", "-m", message)
    result = run_script("changelog-writer", "scripts/collect_commits.py", "--repo", str(repo))
    assert result.returncode == 0, result.stderr
    added = result.stdout.index("### Added")
    fixed = result.stdout.index("### Fixed")
    assert added < result.stdout.index("add orders endpoint") < fixed
    assert "Implied version bump: minor" in result.stdout
    assert "random message" in result.stdout.split("Not Conventional Commits")[1]
