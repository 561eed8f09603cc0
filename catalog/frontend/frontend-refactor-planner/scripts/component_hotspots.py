#!/usr/bin/env python3
"""Rank front-end source files by refactoring need: size, hook load, escapes, churn.

For each .tsx/.jsx/.ts/.js/.vue/.svelte file under the given folders it counts
lines, useState/useEffect calls, class components, `any` types and
eslint-disable comments, and (in a git work tree) commits touching the file
since --since. Score = (lines/50 + useState + 2*useEffect + 3*class components
+ any + eslint-disable) * (1 + commits/10). High score = big, tangled and often
changed: refactor there first. Prints a table, or JSON with --json.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

SUFFIXES = {".tsx", ".jsx", ".ts", ".js", ".vue", ".svelte"}
SKIP_PARTS = {"node_modules", "dist", "build", ".next", "coverage", "storybook-static"}
PATTERNS = {
    "use_state": re.compile(r"\buseState\s*[<(]"),
    "use_effect": re.compile(r"\buse(?:Layout)?Effect\s*\("),
    "class_components": re.compile(r"\bextends\s+(?:React\.)?(?:Pure)?Component\b"),
    "any_types": re.compile(r":\s*any\b|\bas\s+any\b|<any>"),
    "lint_disables": re.compile(r"eslint-disable"),
}
MAX_FILE_BYTES = 1_000_000
MAX_FILES = 50_000


@dataclass
class FileStats:
    path: str
    lines: int
    use_state: int
    use_effect: int
    class_components: int
    any_types: int
    lint_disables: int
    commits: int
    score: float


def churn(root: Path, since: str) -> Counter[str]:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", f"--since={since}", "--name-only", "--format="],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return Counter()
    counts: Counter[str] = Counter()
    for line in out.splitlines():
        if line:
            counts[str((Path(top) / line).resolve())] += 1
    return counts


def analyse(path: Path, shown: str, commits: int) -> FileStats:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = {name: len(p.findall(text)) for name, p in PATTERNS.items()}
    lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    base = (
        lines / 50
        + found["use_state"]
        + 2 * found["use_effect"]
        + 3 * found["class_components"]
        + found["any_types"]
        + found["lint_disables"]
    )
    score = round(base * (1 + commits / 10), 1)
    return FileStats(shown, lines, **found, commits=commits, score=score)


def source_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in SUFFIXES and path.is_file() and not SKIP_PARTS & set(path.parts):
            if path.name.endswith(".d.ts") or path.stat().st_size > MAX_FILE_BYTES:
                continue
            files.append(path)
            if len(files) >= MAX_FILES:
                break
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=["src"], help="folders to scan (src)")
    parser.add_argument("--since", default="6.months", help="git churn window (6.months)")
    parser.add_argument("--top", type=int, default=20, help="rows to print (20)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    stats: list[FileStats] = []
    for name in args.folders:
        folder = Path(name)
        if not folder.is_dir():
            print(f"error: {folder} is not a folder", file=sys.stderr)
            return 2
        commits = churn(folder, args.since)
        for path in source_files(folder):
            stats.append(analyse(path, str(path), commits.get(str(path.resolve()), 0)))
    stats.sort(key=lambda s: s.score, reverse=True)
    rows = stats[: args.top]
    if args.json:
        print(json.dumps([asdict(s) for s in rows], indent=2))
        return 0
    print(
        f"{'score':>7} {'lines':>6} {'state':>5} {'effect':>6} {'class':>5} "
        f"{'any':>4} {'lint':>4} {'commits':>7}  file"
    )
    for s in rows:
        print(
            f"{s.score:>7} {s.lines:>6} {s.use_state:>5} {s.use_effect:>6} "
            f"{s.class_components:>5} {s.any_types:>4} {s.lint_disables:>4} "
            f"{s.commits:>7}  {s.path}"
        )
    print(f"{len(stats)} files scanned")
    return 0


if __name__ == "__main__":
    sys.exit(main())
