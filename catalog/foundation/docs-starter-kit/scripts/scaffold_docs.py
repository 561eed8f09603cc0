#!/usr/bin/env python3
"""Create a Diataxis-shaped docs/ skeleton without overwriting anything.

Writes docs/index.md plus tutorials/, how-to/, reference/ and explanation/
starter pages, each with a one-line purpose and a TODO the author replaces.
Existing files are left untouched and reported as "kept". --dry-run only prints.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

PAGES = {
    "index.md": (
        "# {project}\n\n"
        "{project} in two sentences: who it is for and what it does.\n\n"
        "- New here? Start with the [tutorial](tutorials/getting-started.md).\n"
        "- Need to get something done? See the [how-to guides](how-to/index.md).\n"
        "- Looking up a detail? See the [reference](reference/index.md).\n"
        "- Want the background? Read the [explanations](explanation/index.md).\n"
    ),
    "tutorials/getting-started.md": (
        "# Getting started with {project}\n\n"
        "A lesson: one guaranteed path from nothing to a working result.\n\n"
        "TODO: prerequisites, then numbered steps; show the output after each step.\n"
    ),
    "how-to/index.md": (
        "# How-to guides\n\n"
        "Recipes for one task each, for readers who already know the basics.\n\n"
        'TODO: one page per task, titled "How to ...".\n'
    ),
    "reference/index.md": (
        "# Reference\n\n"
        "Dry, complete descriptions: configuration, CLI, API. Generated where possible.\n\n"
        "TODO: link the generated API reference and list every configuration key.\n"
    ),
    "explanation/index.md": (
        "# Explanation\n\n"
        "Why {project} works the way it does: design, trade-offs, history.\n\n"
        "TODO: link architecture notes and decision records.\n"
    ),
}
PROJECT_NAME_RE = re.compile(r"^[\w .+-]{1,80}$")


def scaffold(docs_dir: Path, project: str, dry_run: bool) -> list[tuple[str, str]]:
    results = []
    for relative, template in PAGES.items():
        target = docs_dir / relative
        if target.exists():
            results.append(("kept", relative))
            continue
        results.append(("would create" if dry_run else "created", relative))
        if not dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(template.format(project=project), encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", help="project name used in page titles")
    parser.add_argument("--docs-dir", default="docs", help="docs folder (default: docs)")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args(argv)
    if not PROJECT_NAME_RE.match(args.project):
        print(
            "error: project name must be 1-80 letters, digits, spaces or . + - _", file=sys.stderr
        )
        return 2
    docs_dir = Path(args.docs_dir)
    if docs_dir.exists() and not docs_dir.is_dir():
        print(f"error: {docs_dir} exists and is not a folder", file=sys.stderr)
        return 2
    for status, relative in scaffold(docs_dir, args.project, args.dry_run):
        print(f"{status}: {docs_dir / relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
