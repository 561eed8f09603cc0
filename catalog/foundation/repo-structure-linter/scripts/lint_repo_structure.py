#!/usr/bin/env python3
"""Check a repository's file layout against rules in a JSON file.

Rules (all optional): "required" paths (a list inside the list means "any of
these"), "forbidden" globs, "allowed_top_level" names, "naming" rules (a glob
and a regular expression the file name must match) and "max_file_kb".
Globs use / as separator; ** spans folders, * stays within one folder.
Uses `git ls-files` in a git work tree (tracked files only), else walks the folder.
Exit 0: clean; 1: violations; 2: bad rules file or folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

MAX_FILES = 200_000


@dataclass(frozen=True)
class Violation:
    path: str
    rule: str
    message: str


def glob_to_regex(glob: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def list_files(root: Path) -> list[str]:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        files = [f for f in out.split("\0") if f]
        if files:
            return files[:MAX_FILES]
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != ".git"]
        for name in filenames:
            files.append(Path(os.path.relpath(os.path.join(dirpath, name), root)).as_posix())
            if len(files) >= MAX_FILES:
                return files
    return files


def check(root: Path, files: list[str], rules: dict) -> list[Violation]:
    found: list[Violation] = []
    present = set(files)
    folders = {f.split("/", 1)[0] for f in files}
    for item in rules.get("required", []):
        options = item if isinstance(item, list) else [item]
        if not any(
            o in present or any(f.startswith(o.rstrip("/") + "/") for f in files) for o in options
        ):
            found.append(
                Violation(options[0], "required", "missing; expected one of: " + ", ".join(options))
            )
    forbidden = [(g, glob_to_regex(g)) for g in rules.get("forbidden", [])]
    naming = [
        (n["glob"], glob_to_regex(n["glob"]), re.compile(n["pattern"]))
        for n in rules.get("naming", [])
    ]
    allowed_top = rules.get("allowed_top_level")
    max_kb = rules.get("max_file_kb")
    for path in sorted(files):
        for glob, regex in forbidden:
            if regex.match(path):
                found.append(Violation(path, "forbidden", f"matches forbidden glob {glob}"))
        name = path.rsplit("/", 1)[-1]
        for glob, regex, pattern in naming:
            if regex.match(path) and not pattern.search(name):
                found.append(
                    Violation(
                        path, "naming", f"name does not match {pattern.pattern} (rule {glob})"
                    )
                )
        if max_kb is not None:
            try:
                size_kb = (root / path).stat().st_size / 1024
            except OSError:
                size_kb = 0
            if size_kb > max_kb:
                found.append(
                    Violation(
                        path, "max_file_kb", f"{size_kb:.0f} KB is over the {max_kb} KB limit"
                    )
                )
    if allowed_top is not None:
        for top in sorted(folders - set(allowed_top)):
            found.append(
                Violation(
                    top,
                    "allowed_top_level",
                    "not in allowed_top_level; move it or add it to the rules",
                )
            )
    return found


def load_rules(path: Path) -> dict:
    rules = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(rules, dict):
        raise TypeError("the rules file must hold a JSON object")
    known = {"required", "forbidden", "allowed_top_level", "naming", "max_file_kb"}
    unknown = set(rules) - known - {"$comment"}
    if unknown:
        raise ValueError(f"unknown rule keys: {', '.join(sorted(unknown))}")
    for rule in rules.get("naming", []):
        if not {"glob", "pattern"} <= set(rule):
            raise ValueError("each naming rule needs 'glob' and 'pattern'")
        re.compile(rule["pattern"])
    return rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", required=True, help="JSON rules file")
    parser.add_argument("root", nargs="?", default=".", help="repository folder (default: .)")
    parser.add_argument("--json", action="store_true", help="print violations as JSON")
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not root.is_dir():
        print(f"error: {root} is not a folder", file=sys.stderr)
        return 2
    try:
        rules = load_rules(Path(args.rules))
    except (OSError, TypeError, ValueError, re.error) as exc:
        print(f"error: {args.rules}: {exc}", file=sys.stderr)
        return 2
    violations = check(root, list_files(root), rules)
    if args.json:
        print(json.dumps([asdict(v) for v in violations], indent=2))
    else:
        for v in violations:
            print(f"{v.path}: {v.rule}: {v.message}")
        print(f"{len(violations)} violation(s)")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
