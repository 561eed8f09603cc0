#!/usr/bin/env python3
"""Compare the environment variables code reads with .env.example; flag real-looking secrets.

Scans source files under ROOT for environment reads:
  JavaScript/TypeScript  process.env.NAME, process.env["NAME"], import.meta.env.NAME,
                         Deno.env.get("NAME"), Bun.env.NAME
  Python                 os.environ["NAME"], os.environ.get("NAME"), os.getenv("NAME")
  Go                     os.Getenv("NAME"), os.LookupEnv("NAME")
  Ruby                   ENV["NAME"], ENV.fetch("NAME")
  Java/Kotlin            System.getenv("NAME")

Reports (names only; values are never printed):
  error    read in code but missing from the example file
  error    the example file holds a value that looks like a real secret
  warning  in the example file but never read in code
  warning  in --env (a local .env) but not in the example file

--ignore NAME (repeatable) skips variables set by the platform (CI, NODE_ENV, ...).
Exit code: 0 clean (warnings allowed), 1 errors, 2 bad input. Stdlib only.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

NAME = r"([A-Z][A-Z0-9_]*)"
READS = [
    re.compile(r"process\.env\." + NAME),
    re.compile(r"process\.env\[\s*['\"]" + NAME + r"['\"]\s*\]"),
    re.compile(r"import\.meta\.env\." + NAME),
    re.compile(r"Bun\.env\." + NAME),
    re.compile(r"Deno\.env\.get\(\s*['\"]" + NAME + r"['\"]"),
    re.compile(r"os\.environ\[\s*['\"]" + NAME + r"['\"]\s*\]"),
    re.compile(r"os\.environ\.get\(\s*['\"]" + NAME + r"['\"]"),
    re.compile(r"os\.getenv\(\s*['\"]" + NAME + r"['\"]"),
    re.compile(r"os\.(?:Getenv|LookupEnv)\(\s*\"" + NAME + r"\""),
    re.compile(r"ENV(?:\.fetch\(|\[)\s*['\"]" + NAME + r"['\"]"),
    re.compile(r"System\.getenv\(\s*\"" + NAME + r"\""),
]
SOURCE_SUFFIXES = {
    ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".vue", ".svelte",
    ".py", ".go", ".rb", ".java", ".kt",
}  # fmt: skip
SKIP_DIRS = {"node_modules", ".git", ".venv", "venv", "dist", "build", "vendor", "__pycache__"}
DEFAULT_IGNORE = {"NODE_ENV", "CI", "PATH", "HOME", "PORT", "TZ", "DEBUG", "PWD"}
SECRET_SHAPES = [
    re.compile(r"^(?:sk|rk|pk)_live_[0-9A-Za-z]{10,}"),
    re.compile(r"^gh[pousr]_[0-9A-Za-z]{30,}"),
    re.compile(r"^github_pat_[0-9A-Za-z_]{40,}"),
    re.compile(r"^AKIA[0-9A-Z]{16}$"),
    re.compile(r"^xox[abprs]-[0-9A-Za-z-]{10,}"),
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
]
URL_PASSWORD = re.compile(r"^[a-z][a-z0-9+.-]*://[^:/\s]+:([^@/\s]+)@")
PLACEHOLDER = re.compile(
    r"^(?:|changeme|change-me|xxx+|\.\.\.|<[^>]*>|your[-_].*|example.*)$", re.IGNORECASE
)
MAX_FILE_BYTES = 2_000_000
MAX_FILES = 100_000


def entropy(value: str) -> float:
    counts: dict[str, int] = defaultdict(int)
    for char in value:
        counts[char] += 1
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def looks_secret(value: str) -> bool:
    if PLACEHOLDER.match(value):
        return False
    if any(shape.search(value) for shape in SECRET_SHAPES):
        return True
    password = URL_PASSWORD.match(value)
    if password:  # a connection URL: only a long, random password counts
        secret = password.group(1)
        return len(secret) >= 12 and entropy(secret) >= 3.5 and not PLACEHOLDER.match(secret)
    return len(value) >= 24 and " " not in value and entropy(value) >= 4.0


def parse_env(path: Path) -> dict[str, tuple[int, str]]:
    entries: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = re.match(r"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$", stripped)
        if not match:
            raise ValueError(f"{path}:{number}: expected NAME=value")
        value = match.group(2).strip()
        if value[:1] in {"'", '"'} and value[-1:] == value[:1]:
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        entries[match.group(1)] = (number, value)
    return entries


def scan(root: Path) -> dict[str, list[str]]:
    reads: dict[str, list[str]] = defaultdict(list)
    count = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.suffix not in SOURCE_SUFFIXES or path.is_symlink():
                continue
            count += 1
            if count > MAX_FILES:
                raise ValueError(f"more than {MAX_FILES} source files; point ROOT at the app")
            if path.stat().st_size > MAX_FILE_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), start=1):
                for pattern in READS:
                    for match in pattern.finditer(line):
                        reads[match.group(1)].append(f"{path.relative_to(root)}:{number}")
    return reads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check .env.example against environment variables read in code.",
    )
    parser.add_argument("root", type=Path, help="source folder to scan")
    parser.add_argument("--example", type=Path, help="example file (default ROOT/.env.example)")
    parser.add_argument("--env", type=Path, help="local .env to compare (names only)")
    parser.add_argument("--ignore", action="append", default=[], help="variable to skip")
    args = parser.parse_args(argv)
    example_path = args.example or args.root / ".env.example"
    try:
        example = parse_env(example_path)
        local = parse_env(args.env) if args.env else {}
        reads = scan(args.root)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    ignored = DEFAULT_IGNORE | set(args.ignore)
    errors = warnings = 0
    for name in sorted(set(reads) - set(example) - ignored):
        where = ", ".join(reads[name][:3])
        print(f"error: {name} is read in code ({where}) but missing from {example_path}")
        errors += 1
    for name, (number, value) in sorted(example.items()):
        if looks_secret(value):
            where = f"{example_path}:{number}"
            print(f"error: {where}: {name} holds a real-looking secret; use a placeholder")
            errors += 1
    for name in sorted(set(example) - set(reads) - ignored):
        print(f"warning: {name} is in {example_path} but never read in code")
        warnings += 1
    for name in sorted(set(local) - set(example)):
        print(f"warning: {name} is in {args.env} but not documented in {example_path}")
        warnings += 1
    summary = f"{len(set(reads) - ignored)} variables read in code, {len(example)} documented"
    print(f"{summary}: {errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
