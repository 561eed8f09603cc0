#!/usr/bin/env python3
"""Which workspace packages does a change affect? (npm, pnpm and Yarn workspaces)

Packages come from the root package.json "workspaces" field or from
pnpm-workspace.yaml (its "packages:" list). Internal dependencies are the
dependencies, devDependencies, peerDependencies and optionalDependencies
whose names are workspace packages.

Affected = packages containing a changed file, plus every package that
depends on them, directly or transitively. A change to a global file
(lockfile, root package.json, CI config, shared tool config) affects all.

Changed files: --base REF runs `git diff --name-only REF...HEAD` in ROOT;
--files FILE (or - for stdin) reads one path per line instead.

Output: a summary, or with --json one line of JSON for a CI matrix:
  {"all": false, "packages": [{"name": "@acme/web", "path": "apps/web"}, ...]}

Exit code: 0 ok, 2 bad input. Stdlib only.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

DEFAULT_GLOBAL = [
    "package.json",
    "package-lock.json",
    "pnpm-lock.yaml",
    "pnpm-workspace.yaml",
    "yarn.lock",
    "turbo.json",
    "nx.json",
    "tsconfig.base.json",
    ".github/workflows/*",
    ".nvmrc",
    ".node-version",
]
DEP_FIELDS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
MAX_PACKAGES = 5_000


class InputError(Exception):
    pass


def read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object")
    return data


def workspace_patterns(root: Path) -> list[str]:
    pnpm = root / "pnpm-workspace.yaml"
    if pnpm.is_file():
        patterns: list[str] = []
        in_packages = False
        for line in pnpm.read_text(encoding="utf-8").splitlines():
            stripped = line.split("#", 1)[0].rstrip()
            if re.match(r"^packages\s*:", stripped):
                in_packages = True
                continue
            if in_packages:
                item = re.match(r"^\s*-\s*['\"]?([^'\"]+)['\"]?\s*$", stripped)
                if item:
                    patterns.append(item.group(1))
                elif stripped and not stripped.startswith(" "):
                    break
        return patterns
    manifest = read_json(root / "package.json")
    workspaces = manifest.get("workspaces", [])
    if isinstance(workspaces, dict):
        workspaces = workspaces.get("packages", [])
    if not isinstance(workspaces, list):
        raise InputError(f"{root / 'package.json'}: 'workspaces' must be a list")
    return [str(item) for item in workspaces]


def discover(root: Path) -> dict[str, Path]:
    """Map package name -> folder relative to root."""
    include = [p for p in workspace_patterns(root) if not p.startswith("!")]
    exclude = [p[1:] for p in workspace_patterns(root) if p.startswith("!")]
    if not include:
        raise InputError(f"{root}: no workspaces found (package.json or pnpm-workspace.yaml)")
    packages: dict[str, Path] = {}
    for pattern in include:
        for manifest in sorted(root.glob(f"{pattern.rstrip('/')}/package.json")):
            folder = manifest.parent.relative_to(root)
            if "node_modules" in folder.parts:
                continue
            if any(fnmatch.fnmatch(folder.as_posix(), ex.rstrip("/")) for ex in exclude):
                continue
            name = read_json(manifest).get("name")
            if not isinstance(name, str):
                raise InputError(f"{manifest}: package has no 'name'")
            if name in packages and packages[name] != folder:
                raise InputError(f"{manifest}: name {name!r} also used by {packages[name]}")
            packages[name] = folder
            if len(packages) > MAX_PACKAGES:
                raise InputError(f"more than {MAX_PACKAGES} packages")
    return packages


def dependents(root: Path, packages: dict[str, Path]) -> dict[str, set[str]]:
    reverse: dict[str, set[str]] = defaultdict(set)
    for name, folder in packages.items():
        manifest = read_json(root / folder / "package.json")
        for field in DEP_FIELDS:
            deps = manifest.get(field) or {}
            if isinstance(deps, dict):
                for dep in deps:
                    if dep in packages and dep != name:
                        reverse[dep].add(name)
    return reverse


def changed_files(root: Path, base: str | None, files: str | None) -> list[str]:
    if files is not None:
        text = sys.stdin.read() if files == "-" else Path(files).read_text(encoding="utf-8")
        return [line.strip() for line in text.splitlines() if line.strip()]
    try:
        result = subprocess.run(
            ["git", "diff", "--name-only", f"{base}...HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise InputError("git is not installed; use --files") from None
    if result.returncode != 0:
        raise InputError(f"git diff failed: {result.stderr.strip()} (fetch the base ref first?)")
    return [line for line in result.stdout.splitlines() if line]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="List workspace packages affected by changed files, with their dependents.",
    )
    parser.add_argument("root", type=Path, nargs="?", default=Path("."), help="repository root")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--base", help="git ref to diff against, e.g. origin/main")
    source.add_argument("--files", help="file with changed paths, one per line, or -")
    parser.add_argument(
        "--global",
        dest="global_patterns",
        action="append",
        help="pattern of files that affect everything (repeatable; replaces the defaults)",
    )
    parser.add_argument("--json", action="store_true", help="one line of JSON for a CI matrix")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        packages = discover(root)
        reverse = dependents(root, packages)
        changed = changed_files(root, args.base, args.files)
    except (InputError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    global_patterns = args.global_patterns or DEFAULT_GLOBAL
    global_hits = [f for f in changed if any(fnmatch.fnmatch(f, p) for p in global_patterns)]
    direct: set[str] = set()
    for path in changed:
        for name, folder in packages.items():
            if path == folder.as_posix() or path.startswith(folder.as_posix() + "/"):
                direct.add(name)
    affected = set(packages) if global_hits else set(direct)
    queue = list(affected)
    while queue:
        for dependent in reverse.get(queue.pop(), ()):
            if dependent not in affected:
                affected.add(dependent)
                queue.append(dependent)
    ordered = sorted(affected)
    if args.json:
        payload = {
            "all": bool(global_hits),
            "packages": [{"name": n, "path": packages[n].as_posix()} for n in ordered],
        }
        print(json.dumps(payload, separators=(",", ":")))
        return 0
    print(f"{len(changed)} changed files, {len(packages)} packages")
    if global_hits:
        print(f"global change ({', '.join(global_hits[:3])}): every package is affected")
    print(f"changed directly: {', '.join(sorted(direct)) or 'none'}")
    via = sorted(affected - direct)
    print(f"affected through dependencies: {', '.join(via) or 'none'}")
    print(f"run: {len(ordered)} of {len(packages)} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
