"""The cache report bundled with catalog/ci-cd/caching-strategy-optimizer."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script

MIB = 1024**2


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script("caching-strategy-optimizer", "scripts/cache_report.py", *args, stdin=stdin)


def gh_cache_list() -> list[dict]:
    """Entries in the shape of gh cache list --json ... output."""
    entries = [
        {
            "key": f"Linux-pnpm-store-9f2c1e7ab43d5e6f{n:02d}",
            "ref": "refs/heads/main",
            "sizeInBytes": 400 * MIB,
            "lastAccessedAt": "2026-11-29T10:00:00Z",
        }
        for n in range(2)
    ]
    entries += [
        {
            "key": "Linux-pnpm-store-9f2c1e7ab43d5e6faa",
            "ref": f"refs/pull/{pr}/merge",
            "sizeInBytes": 400 * MIB,
            "lastAccessedAt": "2026-11-20T10:00:00Z",
        }
        for pr in (41, 42)
    ]
    entries += [
        {
            "key": f"turbo-Linux-{run}",
            "ref": "refs/heads/main",
            "sizeInBytes": 100 * MIB,
            "lastAccessedAt": "2026-11-29T12:00:00Z",
        }
        for run in (7810, 7811, 7812)
    ]
    return entries


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--limit-gb" in result.stdout


def test_report_finds_pull_request_caches_churn_and_stale(tmp_path: Path) -> None:
    data = tmp_path / "caches.json"
    data.write_text(json.dumps(gh_cache_list()))
    result = run(str(data), "--now", "2026-11-30T06:00:00Z", "--limit-gb", "2")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("7 cache entries, 1.9 GiB of 2 GiB (93%)")
    assert "1.6 GiB     4 entries    3 refs  Linux-pnpm-store-*" in out
    assert "pull-request caches: 2 entries, 800.0 MiB (42% of usage)" in out
    assert "churn: 3 entries of turbo-Linux-* on refs/heads/main" in out
    assert "Linux-pnpm-store-* on" not in out.split("churn:", 1)[1]
    assert "stale: 2 entries (800.0 MiB) not used for 3+ days" in out


def test_rest_api_json_lines_and_usage_gate() -> None:
    lines = "\n".join(
        json.dumps({"key": e["key"], "ref": e["ref"], "size_in_bytes": e["sizeInBytes"]})
        for e in gh_cache_list()
    )
    result = run("-", "--limit-gb", "2", "--max-usage", "80", stdin=lines)
    assert result.returncode == 1
    assert "usage 93% is above 80%" in result.stderr


def test_entry_without_size_is_an_error(tmp_path: Path) -> None:
    data = tmp_path / "bad.json"
    data.write_text(json.dumps([{"key": "x"}]))
    result = run(str(data))
    assert result.returncode == 2
    assert "entry 1: needs 'key' and 'sizeInBytes'" in result.stderr
