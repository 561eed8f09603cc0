#!/usr/bin/env python3
"""Dependencies between top-level modules of a codebase, cycles, and rule violations.

Reads Python files (import statements, parsed with ast) and JavaScript or
TypeScript files (relative import/require/export-from paths) under ROOT.
A module is the first folder (or single file) below ROOT; with --depth 2,
the first two levels, e.g. ROOT=src and src/shop/billing/ is "shop/billing".
Imports that do not resolve to another module under ROOT are ignored.

--allow FILE lists permitted dependencies, one per line, "from -> to";
"*" as the target allows everything ("shared" modules). Any edge not
listed is a violation. Lines starting with # are comments.

Exit code: 0 ok, 1 cycles or violations (with --allow or --fail-on-cycles),
2 usage or unreadable input. Stdlib only.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

JS_SUFFIXES = {".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"}
JS_IMPORT = re.compile(
    r"""(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]"""
    r"""|import\s*\(\s*['"]([^'"]+)['"]\s*\)"""
    r"""|require\s*\(\s*['"]([^'"]+)['"]\s*\)"""
    r"""|import\s+['"]([^'"]+)['"]"""
)
SKIP_DIRS = {"node_modules", ".git", ".venv", "venv", "dist", "build", "__pycache__", "coverage"}
MAX_FILES = 100_000
MAX_FILE_BYTES = 2_000_000


class InputError(Exception):
    pass


def module_of(path: Path, root: Path, depth: int) -> str | None:
    parts = list(path.relative_to(root).parts)
    if len(parts) < depth:
        return None  # above the module level: belongs to no module
    if len(parts) == depth:
        parts[-1] = parts[-1].split(".", 1)[0]  # a single-file module: "cli.py" -> "cli"
    return "/".join(parts[:depth])


def module_exists(root: Path, module: str) -> bool:
    base = root / module
    return base.is_dir() or any(
        base.with_suffix(suffix).is_file() for suffix in JS_SUFFIXES | {".py"}
    )


def python_targets(path: Path, root: Path, text: str) -> list[Path]:
    try:
        tree = ast.parse(text, filename=str(path))
    except SyntaxError:
        return []
    targets: list[Path] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = path.parent
                for _ in range(node.level - 1):
                    base = base.parent
            else:
                base = root
            dotted = (node.module or "").replace(".", "/")
            package = base / dotted if dotted else base
            # "from pkg import name": name may be a submodule, so try both
            targets.append(package)
            targets.extend(package / alias.name for alias in node.names if alias.name != "*")
            continue
        for name in names:
            targets.append(root / name.replace(".", "/"))
    return targets


def js_targets(path: Path, text: str) -> list[Path]:
    targets: list[Path] = []
    for match in JS_IMPORT.finditer(text):
        spec = next(group for group in match.groups() if group)
        if spec.startswith("."):
            targets.append(Path(os.path.normpath(path.parent / spec)))
    return targets


def build_graph(root: Path, depth: int) -> dict[tuple[str, str], int]:
    edges: dict[tuple[str, str], int] = defaultdict(int)
    count = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.suffix not in JS_SUFFIXES | {".py"} or path.is_symlink():
                continue
            count += 1
            if count > MAX_FILES:
                raise InputError(f"more than {MAX_FILES} source files; point ROOT at a subfolder")
            source = module_of(path, root, depth)
            if source is None or path.stat().st_size > MAX_FILE_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".py":
                targets = python_targets(path, root, text)
            else:
                targets = js_targets(path, text)
            imported: set[str] = set()
            for target in targets:
                try:
                    target_module = module_of(target, root, depth)
                except ValueError:
                    continue  # outside root: a third-party or stdlib import
                if target_module and target_module != source and module_exists(root, target_module):
                    imported.add(target_module)
            for target_module in imported:
                edges[(source, target_module)] += 1  # counted once per importing file
    return edges


def find_cycles(edges: dict[tuple[str, str], int]) -> list[list[str]]:
    graph: dict[str, list[str]] = defaultdict(list)
    for source, target in edges:
        graph[source].append(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(1000, 4 * len(graph) + 100))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def load_rules(path: Path) -> set[tuple[str, str]]:
    rules: set[tuple[str, str]] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        source, arrow, target = line.partition("->")
        if not arrow or not source.strip() or not target.strip():
            raise InputError(f"{path}:{number}: expected 'from -> to'")
        rules.add((source.strip(), target.strip()))
    return rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Module-to-module dependencies, cycles and boundary violations.",
    )
    parser.add_argument("root", type=Path, help="source root whose subfolders are modules")
    parser.add_argument("--depth", type=int, default=1, help="folder levels that name a module")
    parser.add_argument("--allow", type=Path, help="file of permitted 'from -> to' edges")
    parser.add_argument("--fail-on-cycles", action="store_true", help="exit 1 on any cycle")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not root.is_dir() or args.depth < 1:
        print(f"error: {args.root}: not a folder (or --depth < 1)", file=sys.stderr)
        return 2
    try:
        edges = build_graph(root, args.depth)
        rules = load_rules(args.allow) if args.allow else None
    except (InputError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("dependencies (importing files):")
    for (source, target), count in sorted(edges.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {source} -> {target}  ({count} files)")
    cycles = find_cycles(edges)
    for cycle in cycles:
        print(f"cycle: {' <-> '.join(cycle)}")
    violations = []
    if rules is not None:
        violations = [
            edge for edge in sorted(edges) if edge not in rules and (edge[0], "*") not in rules
        ]
        for source, target in violations:
            count = edges[(source, target)]
            print(f"violation: {source} -> {target} is not allowed ({count} files)")
    print(f"{len(edges)} dependencies, {len(cycles)} cycles, {len(violations)} violations")
    failed = bool(violations) or (args.fail_on_cycles and bool(cycles))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
