#!/usr/bin/env python3
"""Check an npm package-lock.json (lockfileVersion 2 or 3) for common ailments.

Reports packages installed in more than one version (with the paths that pull
each one in) and drift between package.json and the lock (a dependency whose
range in package.json differs from the one recorded in the lock, or that the
lock does not install). Exit 0: healthy; 1: findings; 2: unusable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

DEP_FIELDS = ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies")
MAX_LOCK_BYTES = 200_000_000


def package_name(lock_path: str) -> str:
    """'node_modules/a/node_modules/@s/b' -> '@s/b'."""
    return lock_path.rsplit("node_modules/", 1)[-1]


def load_json(path: Path) -> dict:
    if path.stat().st_size > MAX_LOCK_BYTES:
        raise ValueError(f"{path} is larger than {MAX_LOCK_BYTES} bytes")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise TypeError(f"{path} does not hold a JSON object")
    return data


def duplicates(packages: dict) -> dict[str, dict[str, list[str]]]:
    versions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for lock_path, entry in packages.items():
        if not lock_path or "node_modules/" not in lock_path or entry.get("link"):
            continue
        version = entry.get("version")
        if version:
            versions[package_name(lock_path)][version].append(lock_path)
    return {name: dict(v) for name, v in sorted(versions.items()) if len(v) > 1}


def drift(manifest: dict, packages: dict) -> list[str]:
    root = packages.get("", {})
    problems = []
    for field in DEP_FIELDS:
        for name, wanted in sorted((manifest.get(field) or {}).items()):
            recorded = (root.get(field) or {}).get(name)
            if recorded != wanted:
                problems.append(
                    f"{field}.{name}: package.json wants {wanted!r}, lock records {recorded!r}"
                )
            elif field in ("dependencies", "devDependencies") and (
                f"node_modules/{name}" not in packages
            ):
                problems.append(f"{field}.{name}: not installed by the lock")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "project", nargs="?", default=".", help="folder holding package.json and package-lock.json"
    )
    parser.add_argument("--json", action="store_true", help="print findings as JSON")
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="NAME",
        help="package name to leave out of the duplicate report (repeatable)",
    )
    args = parser.parse_args(argv)
    folder = Path(args.project)
    try:
        lock = load_json(folder / "package-lock.json")
        manifest = load_json(folder / "package.json")
    except (OSError, TypeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if lock.get("lockfileVersion", 1) < 2 or "packages" not in lock:
        print(
            "error: lockfileVersion 1 has no 'packages' map; run npm install with npm 7+ "
            "to upgrade the lock",
            file=sys.stderr,
        )
        return 2
    packages = lock["packages"]
    dupes = {k: v for k, v in duplicates(packages).items() if k not in args.ignore}
    drifted = drift(manifest, packages)
    if args.json:
        print(json.dumps({"duplicates": dupes, "drift": drifted}, indent=2))
    else:
        for name, by_version in dupes.items():
            print(f"duplicate {name}: {len(by_version)} versions")
            for version, paths in sorted(by_version.items()):
                print(
                    f"  {version}: {', '.join(paths[:3])}"
                    + (f" (+{len(paths) - 3} more)" if len(paths) > 3 else "")
                )
        for line in drifted:
            print(f"drift {line}")
        print(f"{len(dupes)} duplicated packages, {len(drifted)} drift problems")
    return 1 if dupes or drifted else 0


if __name__ == "__main__":
    sys.exit(main())
