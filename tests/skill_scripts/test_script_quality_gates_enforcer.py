"""The branch rules checker bundled with catalog/ci-cd/quality-gates-enforcer."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script

# Shape of GET /repos/{owner}/{repo}/rules/branches/{branch}
GOOD_RULES = [
    {"type": "deletion", "ruleset_id": 7},
    {"type": "non_fast_forward", "ruleset_id": 7},
    {
        "type": "pull_request",
        "ruleset_id": 7,
        "parameters": {"required_approving_review_count": 1, "dismiss_stale_reviews_on_push": True},
    },
    {
        "type": "required_status_checks",
        "ruleset_id": 7,
        "parameters": {
            "strict_required_status_checks_policy": False,
            "required_status_checks": [{"context": "ci-ok"}],
        },
    },
]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script("quality-gates-enforcer", "scripts/check_branch_rules.py", *args, stdin=stdin)


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--min-approvals" in result.stdout


def test_complete_ruleset_passes(tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps(GOOD_RULES))
    result = run(str(rules))
    assert result.returncode == 0, result.stdout
    assert "ok (rulesets): 'ci-ok' required" in result.stdout


def test_stale_check_name_and_missing_rules_are_reported() -> None:
    rules = [
        {
            "type": "required_status_checks",
            "parameters": {"required_status_checks": [{"context": "test (3.12)"}]},
        },
        {"type": "pull_request", "parameters": {"required_approving_review_count": 0}},
    ]
    result = run("-", "--min-approvals", "2", stdin=json.dumps(rules))
    assert result.returncode == 1
    out = result.stdout
    assert "status check 'ci-ok' is not required (required: test (3.12))" in out
    assert "0 approvals required, want at least 2" in out
    assert "dismiss_stale_reviews_on_push is off" in out
    assert "force pushes are allowed" in out
    assert "the branch can be deleted" in out


def test_classic_protection_without_admin_enforcement() -> None:
    protection = {
        "required_status_checks": {"strict": True, "contexts": ["ci-ok"]},
        "required_pull_request_reviews": {
            "required_approving_review_count": 1,
            "dismiss_stale_reviews": True,
        },
        "enforce_admins": {"enabled": False},
        "allow_force_pushes": {"enabled": False},
        "allow_deletions": {"enabled": False},
    }
    result = run("-", stdin=json.dumps(protection))
    assert result.returncode == 1
    assert result.stdout.strip() == (
        "missing: administrators can merge without passing the gates (enforce_admins off)"
    )


def test_api_error_message_is_shown() -> None:
    result = run("-", stdin=json.dumps({"message": "Branch not protected", "status": "404"}))
    assert result.returncode == 2
    assert "the API answered: Branch not protected" in result.stderr
