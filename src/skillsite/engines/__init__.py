"""Build the site with one of the engines: MkDocs, ProperDocs or Zensical.

Every engine gets the same pages and files from the core: MkDocs and ProperDocs through
the hook (hooks/skillsite_hooks.py), Zensical, which runs no hooks, through `skillsite
generate` and a config written for it. Engines are imported only when chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"


@dataclass(frozen=True, slots=True)
class BuildRequest:
    config: Path  # the site's mkdocs.yml
    site_dir: Path | None  # None: the config's site_dir
    strict: bool
    catalog: Path | None  # None: from the config or SKILLSITE_CATALOG


def build(engine: str, request: BuildRequest) -> int:
    """Exit status of the build: 0 built, 1 failed (the engine said why)."""
    if engine in ("mkdocs", "properdocs"):
        from skillsite.engines.hooked import build_with_hooks

        return build_with_hooks(engine, request)
    if engine == "zensical":
        from skillsite.engines.zensical import build_with_zensical

        return build_with_zensical(request)
    raise ValueError(f"unknown engine {engine!r}; the engines are {', '.join(ENGINES)}")
