"""The dependency-doctor lockfile checker against a small package-lock.json."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script

SCRIPT = (
    Path(__file__).resolve().parents[2]
    / "catalog/foundation/dependency-doctor/scripts/npm_lock_doctor.py"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script("dependency-doctor", "scripts/npm_lock_doctor.py", *args)


def write_project(folder: Path, *, lodash_range: str) -> None:
    manifest = {
        "name": "shop",
        "dependencies": {"lodash": lodash_range, "@acme/ui": "^2.0.0"},
        "devDependencies": {"vitest": "^4.0.0"},
    }
    lock = {
        "name": "shop",
        "lockfileVersion": 3,
        "packages": {
            "": {
                "name": "shop",
                "dependencies": {"lodash": "^4.17.21", "@acme/ui": "^2.0.0"},
                "devDependencies": {"vitest": "^4.0.0"},
            },
            "node_modules/lodash": {"version": "4.17.21"},
            "node_modules/@acme/ui": {"version": "2.1.0"},
            "node_modules/@acme/ui/node_modules/lodash": {"version": "3.10.1"},
            "node_modules/vitest": {"version": "4.0.8", "dev": True},
        },
    }
    (folder / "package.json").write_text(json.dumps(manifest))
    (folder / "package-lock.json").write_text(json.dumps(lock))


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "package-lock.json" in result.stdout


def test_reports_duplicate_versions_and_their_paths(tmp_path: Path) -> None:
    write_project(tmp_path, lodash_range="^4.17.21")
    result = run(str(tmp_path))
    assert result.returncode == 1
    assert "duplicate lodash: 2 versions" in result.stdout
    assert "3.10.1: node_modules/@acme/ui/node_modules/lodash" in result.stdout
    assert "1 duplicated packages, 0 drift problems" in result.stdout


def test_reports_drift_between_manifest_and_lock(tmp_path: Path) -> None:
    write_project(tmp_path, lodash_range="^4.18.0")
    data = json.loads(run(str(tmp_path), "--json", "--ignore", "lodash").stdout)
    assert data["duplicates"] == {}
    assert data["drift"] == [
        "dependencies.lodash: package.json wants '^4.18.0', lock records '^4.17.21'"
    ]


def test_healthy_project_exits_zero_and_bad_input_exits_two(tmp_path: Path) -> None:
    write_project(tmp_path, lodash_range="^4.17.21")
    assert run(str(tmp_path), "--ignore", "lodash").returncode == 0
    (tmp_path / "package-lock.json").write_text("[]")
    broken = run(str(tmp_path))
    assert broken.returncode == 2
    assert "does not hold a JSON object" in broken.stderr
