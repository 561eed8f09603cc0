"""The error-handling-standardizer scanner on small Python and TypeScript files."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scriptrun import run_script

SCRIPT = (
    Path(__file__).resolve().parents[2]
    / "catalog/backend/error-handling-standardizer/scripts/find_swallowed_errors.py"
)

PYTHON = """import logging
log = logging.getLogger(__name__)

def a():
    try:
        work()
    except:
        recover()

def b():
    try:
        work()
    except ValueError:
        pass

def c():
    try:
        work()
    except Exception:
        return None

def d():
    try:
        work()
    except Exception:
        log.exception("work failed")
        raise

def e():
    try:
        work()
    except FileNotFoundError:
        pass  # swallow-ok: a missing cache file means a cold start
"""

TYPESCRIPT = """export async function load() {
  try {
    await fetchOrders();
  } catch (e) {}
  fetchUser().catch(() => {});
  fetchFlags().catch((err) => reportError(err));
  fetchBanner().catch(() => null); // swallow-ok: banner is decorative
}
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script("error-handling-standardizer", "scripts/find_swallowed_errors.py", *args)


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "swallow-ok" in result.stdout


def test_finds_swallowed_errors_and_respects_marker(tmp_path: Path) -> None:
    (tmp_path / "service.py").write_text(PYTHON)
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "load.ts").write_text(TYPESCRIPT)

    result = run(str(tmp_path))

    assert result.returncode == 1
    lines = [line.replace(str(tmp_path) + "/", "") for line in result.stdout.splitlines()]
    assert lines == [
        "service.py:7: bare-except: catches everything, even KeyboardInterrupt",
        "service.py:13: swallowed: except ValueError does nothing",
        "service.py:19: unreported-broad-except: catches Exception without re-raising or logging",
        "web/load.ts:4: empty-catch: catch block is empty",
        "web/load.ts:5: swallowed-promise: promise rejection is discarded",
        "5 finding(s)",
    ]


def test_clean_code_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("try:\n    x = 1\nexcept KeyError:\n    x = 2\n")
    assert run(str(tmp_path)).returncode == 0
    missing = run(str(tmp_path / "nope"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr
