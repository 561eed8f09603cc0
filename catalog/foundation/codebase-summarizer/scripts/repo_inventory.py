#!/usr/bin/env python3
"""Inventory a repository: languages, top-level folders, manifests, entry points.

Uses `git ls-files` when the folder is a git work tree (so ignored files are
skipped), otherwise walks the folder. Prints Markdown, or JSON with --json.
The output is raw material for a written summary, not the summary itself.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

LANGUAGE_BY_SUFFIX = {
    ".py": "Python",
    ".pyi": "Python",
    ".js": "JavaScript",
    ".mjs": "JavaScript",
    ".cjs": "JavaScript",
    ".jsx": "JavaScript",
    ".ts": "TypeScript",
    ".tsx": "TypeScript",
    ".go": "Go",
    ".rs": "Rust",
    ".java": "Java",
    ".kt": "Kotlin",
    ".rb": "Ruby",
    ".php": "PHP",
    ".cs": "C#",
    ".c": "C",
    ".h": "C",
    ".cpp": "C++",
    ".hpp": "C++",
    ".swift": "Swift",
    ".scala": "Scala",
    ".sql": "SQL",
    ".sh": "Shell",
    ".vue": "Vue",
    ".svelte": "Svelte",
    ".css": "CSS",
    ".scss": "CSS",
    ".html": "HTML",
    ".md": "Markdown",
    ".tf": "Terraform",
    ".proto": "Protobuf",
}
MANIFESTS = {
    "package.json",
    "pyproject.toml",
    "setup.py",
    "requirements.txt",
    "go.mod",
    "Cargo.toml",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "Gemfile",
    "composer.json",
    "Dockerfile",
    "docker-compose.yml",
    "compose.yaml",
    "Makefile",
    "mise.toml",
    ".tool-versions",
    "pnpm-workspace.yaml",
    "nx.json",
    "turbo.json",
}
ENTRY_NAMES = {
    "main.py",
    "__main__.py",
    "app.py",
    "manage.py",
    "wsgi.py",
    "asgi.py",
    "main.go",
    "main.rs",
    "index.ts",
    "index.js",
    "server.ts",
    "server.js",
    "main.ts",
    "main.tsx",
    "App.tsx",
    "Program.cs",
    "Application.java",
}
MAX_BYTES_FOR_LINES = 2_000_000


def list_files(root: Path, max_files: int) -> list[str]:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        files = [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "node_modules"]
            for name in filenames:
                files.append(os.path.relpath(os.path.join(dirpath, name), root))
    if len(files) > max_files:
        print(
            f"note: {len(files)} files, only the first {max_files} counted (--max-files)",
            file=sys.stderr,
        )
    return sorted(files)[:max_files]


def count_lines(path: Path) -> int:
    try:
        if path.stat().st_size > MAX_BYTES_FOR_LINES:
            return 0
        with path.open("rb") as handle:
            return sum(1 for _ in handle)
    except OSError:
        return 0


def inventory(root: Path, max_files: int, top: int) -> dict:
    files = list_files(root, max_files)
    lines_by_lang: Counter[str] = Counter()
    files_by_lang: Counter[str] = Counter()
    files_by_top: Counter[str] = Counter()
    sizes: list[tuple[int, str]] = []
    manifests, entries, workflows = [], [], []
    for rel in files:
        parts = rel.split("/")
        files_by_top[parts[0] + "/" if len(parts) > 1 else "(root files)"] += 1
        name = parts[-1]
        if name in MANIFESTS:
            manifests.append(rel)
        if name in ENTRY_NAMES:
            entries.append(rel)
        if rel.startswith(".github/workflows/"):
            workflows.append(rel)
        lang = LANGUAGE_BY_SUFFIX.get(Path(name).suffix.lower())
        if lang:
            n = count_lines(root / rel)
            lines_by_lang[lang] += n
            files_by_lang[lang] += 1
            sizes.append((n, rel))
    sizes.sort(reverse=True)
    return {
        "root": str(root),
        "files": len(files),
        "languages": [
            {"language": lang, "files": files_by_lang[lang], "lines": lines}
            for lang, lines in lines_by_lang.most_common()
        ],
        "top_level": [{"path": p, "files": n} for p, n in files_by_top.most_common()],
        "manifests": manifests,
        "entry_points": entries,
        "ci_workflows": workflows,
        "largest_source_files": [{"path": p, "lines": n} for n, p in sizes[:top]],
    }


def to_markdown(data: dict) -> str:
    out = [f"# Inventory of {data['root']}", "", f"Tracked files: {data['files']}", ""]
    out += ["## Languages", "", "| Language | Files | Lines |", "|---|---:|---:|"]
    out += [f"| {x['language']} | {x['files']} | {x['lines']} |" for x in data["languages"]]
    out += ["", "## Top-level folders", ""]
    out += [f"- `{x['path']}`: {x['files']} files" for x in data["top_level"]]
    for title, key in (
        ("Manifests", "manifests"),
        ("Entry point candidates", "entry_points"),
        ("CI workflows", "ci_workflows"),
    ):
        out += ["", f"## {title}", ""]
        out += [f"- `{p}`" for p in data[key]] or ["- (none found)"]
    out += ["", "## Largest source files", ""]
    out += [f"- `{x['path']}`: {x['lines']} lines" for x in data["largest_source_files"]]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", help="repository folder (default: .)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--top", type=int, default=10, help="how many largest files to list")
    parser.add_argument(
        "--max-files",
        type=int,
        default=100_000,
        help="stop counting after this many files (default: 100000)",
    )
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not root.is_dir():
        print(f"error: {root} is not a folder", file=sys.stderr)
        return 2
    data = inventory(root.resolve(), args.max_files, args.top)
    print(json.dumps(data, indent=2) if args.json else to_markdown(data), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
