"""Build the real site with MkDocs from the repository's config, for tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOSTILE_FIXTURES = REPO / "tests" / "fixtures" / "hostile"
BIN = Path(sys.executable).parent
MKDOCS = str(BIN / "mkdocs")
SKILLSITE = str(BIN / "skillsite")
# The site URL builds use unless a test says otherwise; tests serve sites on other ports
# and only compare paths below it.
TEST_SITE_URL = "http://skills.test/"


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    returncode: int
    output: str  # stdout and stderr of `mkdocs build`

    def read(self, relative: str) -> str:
        return (self.path / relative).read_text(encoding="utf-8")


def quiet_env(**overrides: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    env.setdefault("SKILLSITE_SITE_URL", TEST_SITE_URL)
    for key in ("SKILLSITE_CATALOG", "SKILLSITE_VERSION", "SKILLSITE_REPO_URL"):
        env.pop(key, None)
    env.update(overrides)
    return env


def build_site(
    out: Path,
    *,
    catalog: Path | None = None,
    strict: bool = False,
    quiet: bool = False,
    engine: str | None = None,
    **env: str,
) -> BuiltSite:
    """Build the site from the repository's mkdocs.yml into `out`: with `mkdocs build`
    itself, or with `skillsite build --engine ENGINE` when an engine is named."""
    if catalog is not None:
        env["SKILLSITE_CATALOG"] = str(catalog)
    config = str(REPO / "mkdocs.yml")
    if engine is None:
        command = [MKDOCS, "build", "-f", config, "-d", str(out)]
    else:
        command = [SKILLSITE, "build", "--engine", engine, "--config", config]
        command += ["--site-dir", str(out)]
    if strict:
        command.append("--strict")
    if quiet and engine is None:
        command.append("-q")
    result = subprocess.run(
        command, cwd=REPO, env=quiet_env(**env), capture_output=True, text=True, timeout=600
    )
    return BuiltSite(out, result.returncode, result.stdout + result.stderr)
