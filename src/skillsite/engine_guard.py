"""A Markdown extension that stops a build of mkdocs.yml by an engine that skips its hooks.

The site's pages come from the skillsite hook (hooks/skillsite_hooks.py). An engine that
does not run MkDocs hooks (Zensical) would build an empty site from mkdocs.yml and report
success; this extension, listed in mkdocs.yml, makes that build fail with what to run.
MkDocs and ProperDocs run the hook's `on_config` before any page is rendered, and the hook
calls `mark_hook_ran()`; the check runs when the first page is rendered, because MkDocs
also loads every extension while it reads the config, before any hook has run.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

HOOK_NOT_RUN = (
    "this config (mkdocs.yml) needs the skillsite hook, which this engine does not run: "
    "the site would be built empty. Build with `skillsite build --engine zensical` "
    "(or `make build ENGINE=zensical`); it generates the pages first and runs Zensical on "
    "a config made for it"
)


EXTENSION = "skillsite.engine_guard"  # its name in mkdocs.yml `markdown_extensions`


class HookNotRunError(RuntimeError):
    pass


_hook_ran = False


def mark_hook_ran() -> None:
    global _hook_ran
    _hook_ran = True


def hook_ran() -> bool:
    return _hook_ran


class _Guard(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not _hook_ran:
            raise HookNotRunError(HOOK_NOT_RUN)
        return lines


class EngineGuardExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Guard(md), "skillsite_engine_guard", 1000)


def makeExtension(**kwargs: object) -> EngineGuardExtension:
    return EngineGuardExtension(**kwargs)
