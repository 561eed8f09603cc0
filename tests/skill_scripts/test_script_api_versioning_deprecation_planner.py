"""The header tool bundled with catalog/architecture/api-versioning-deprecation-planner."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scriptrun import run_script


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script(
        "api-versioning-deprecation-planner", "scripts/deprecation_headers.py", *args, stdin=stdin
    )


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "make" in result.stdout and "check" in result.stdout


def test_made_headers_use_the_standard_formats_and_pass_the_check() -> None:
    made = run(
        "make",
        "--deprecation",
        "2026-12-01",
        "--sunset",
        "2027-06-30",
        "--docs",
        "https://developer.example.com/changes/v1",
        "--successor",
        "https://api.example.com/v2/",
    )
    assert made.returncode == 0
    lines = made.stdout.splitlines()
    assert lines[0] == "Deprecation: @1796083200"  # 2026-12-01T00:00:00Z
    assert lines[1] == "Sunset: Wed, 30 Jun 2027 00:00:00 GMT"
    assert 'rel="deprecation"' in lines[2] and 'rel="successor-version"' in lines[2]
    checked = run("check", "-", stdin="HTTP/2 200\r\n" + made.stdout)
    assert checked.returncode == 0, checked.stdout
    assert "ok: deprecated 2026-12-01, sunset 2027-06-30" in checked.stdout


def test_check_reports_pre_standard_and_short_notice(tmp_path: Path) -> None:
    head = tmp_path / "head.txt"
    head.write_text("HTTP/1.1 200 OK\nDeprecation: true\nSunset: 2027-01-01\n")
    result = run("check", str(head))
    assert result.returncode == 1
    assert "Deprecation 'true' is not '@<unix seconds>'" in result.stdout
    assert "Sunset '2027-01-01' is not an HTTP-date" in result.stdout
    assert 'no Link with rel="deprecation"' in result.stdout
    head.write_text(
        "Deprecation: @1796083200\nSunset: Fri, 01 Jan 2027 00:00:00 GMT\n"
        'Link: <https://d.example/v1>; rel="deprecation"\n'
    )
    result = run("check", str(head))
    assert result.returncode == 1
    assert "only 31 days between Deprecation and Sunset (< 180)" in result.stdout
