"""The env checker bundled with catalog/ci-cd/secrets-env-manager."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scriptrun import run_script


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script("secrets-env-manager", "scripts/env_check.py", *args, stdin=stdin)


def make_app(root: Path) -> None:
    (root / "src").mkdir()
    (root / "src" / "db.ts").write_text(
        "const url = process.env.DATABASE_URL;\nconst mode = process.env['NODE_ENV'];\n"
    )
    (root / "src" / "mail.py").write_text(
        "import os\nKEY = os.environ['SMTP_PASSWORD']\nHOST = os.getenv('SMTP_HOST', 'localhost')\n"
    )
    (root / "src" / "web.tsx").write_text("fetch(import.meta.env.VITE_API_URL)\n")
    (root / "node_modules").mkdir()
    (root / "node_modules" / "dep.js").write_text("process.env.IGNORED_IN_DEPS\n")


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--example" in result.stdout


def test_documented_app_is_clean(tmp_path: Path) -> None:
    make_app(tmp_path)
    (tmp_path / ".env.example").write_text(
        "# database\nDATABASE_URL=postgres://app:<password>@localhost:5432/app\n"
        "SMTP_HOST=localhost\nSMTP_PASSWORD=\nVITE_API_URL=http://localhost:8000\n"
    )
    result = run(str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith(
        "4 variables read in code, 4 documented: 0 errors, 0 warnings"
    )


def test_missing_unused_and_secret_values_never_printed(tmp_path: Path) -> None:
    make_app(tmp_path)
    fake_secret = "sk_" + "live_" + "Q7w" * 10  # built here so no literal secret is in the repo
    (tmp_path / ".env.example").write_text(
        f"DATABASE_URL=\nSMTP_HOST=\nSTRIPE_KEY={fake_secret}\nOLD_FLAG=1\n"
        f"REPORTS_URL=postgres://report:{'Vb7qT2mZ' + 'r8kW4sNd'}@db.internal:5432/reports\n"
    )
    local = tmp_path / ".env"
    local.write_text("DATABASE_URL=x\nMY_TOKEN=abc\n")
    result = run(str(tmp_path), "--env", str(local))
    assert result.returncode == 1
    out = result.stdout
    assert "error: SMTP_PASSWORD is read in code (src/mail.py:2)" in out
    assert "error: VITE_API_URL is read in code (src/web.tsx:1)" in out
    assert ".env.example:3: STRIPE_KEY holds a real-looking secret" in out
    assert ".env.example:5: REPORTS_URL holds a real-looking secret" in out
    assert "warning: OLD_FLAG is in" in out and "never read in code" in out
    assert "warning: MY_TOKEN is in" in out
    assert "IGNORED_IN_DEPS" not in out
    assert fake_secret not in out and "abc" not in out


def test_malformed_example_names_the_line(tmp_path: Path) -> None:
    make_app(tmp_path)
    (tmp_path / ".env.example").write_text("DATABASE_URL=\nthis is not a variable\n")
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert ".env.example:2: expected NAME=value" in result.stderr
