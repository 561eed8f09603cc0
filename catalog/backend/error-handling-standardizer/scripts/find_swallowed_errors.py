#!/usr/bin/env python3
"""Find places where errors are swallowed in Python and JavaScript/TypeScript code.

Python (parsed with ast): bare `except:`, handlers whose body is only pass,
`...` or continue, and broad handlers (Exception, BaseException) that neither
re-raise nor call anything that looks like logging or error reporting.
JS/TS (pattern match): empty `catch {}` blocks and `.catch(() => {})` or
`.catch(() => null | undefined)` on promises.
A finding whose line (or the handler's first body line) carries the comment
marker `swallow-ok` is accepted and not reported: write the reason next to it.
Prints path:line: rule: message. Exit 0: none found; 1: findings; 2: bad path.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

JS_SUFFIXES = {".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs"}
SKIP_PARTS = {"node_modules", ".venv", "venv", "dist", "build", ".git", "__pycache__"}
REPORTING_NAME_RE = re.compile(
    r"log|warn|error|exception|critical|report|capture|sentry", re.IGNORECASE
)
EMPTY_CATCH_RE = re.compile(r"catch\s*(?:\([^)]*\))?\s*\{\s*\}")
EMPTY_PROMISE_CATCH_RE = re.compile(
    r"\.catch\(\s*(?:\([^)]*\)|\w+)?\s*=>\s*(?:\{\s*\}|null|undefined|void 0)\s*\)"
)
BROAD = {"Exception", "BaseException"}
MAX_FILE_BYTES = 2_000_000
ACCEPT_MARKER = "swallow-ok"


def call_names(node: ast.AST) -> list[str]:
    names = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            if isinstance(func, ast.Attribute):
                names.append(func.attr)
            elif isinstance(func, ast.Name):
                names.append(func.id)
    return names


def handler_type_names(handler: ast.ExceptHandler) -> set[str]:
    if handler.type is None:
        return set()
    nodes = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {n.id if isinstance(n, ast.Name) else ast.unparse(n) for n in nodes}


def is_noop(body: list[ast.stmt]) -> bool:
    return all(
        isinstance(s, (ast.Pass, ast.Continue))
        or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
        for s in body
    )


def check_python(path: Path, text: str) -> list[str]:
    try:
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        return [f"{path}:{exc.lineno or 0}: parse-error: could not parse ({exc.msg})"]
    found = []
    lines = text.splitlines()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ExceptHandler):
            continue
        marked_lines = {node.lineno, node.body[0].lineno}
        if any(ACCEPT_MARKER in lines[n - 1] for n in marked_lines if n <= len(lines)):
            continue
        where = f"{path}:{node.lineno}"
        names = handler_type_names(node)
        if node.type is None:
            found.append(f"{where}: bare-except: catches everything, even KeyboardInterrupt")
        elif is_noop(node.body):
            found.append(f"{where}: swallowed: except {', '.join(sorted(names))} does nothing")
        elif names & BROAD:
            reraises = any(isinstance(s, ast.Raise) for s in ast.walk(node))
            reports = any(REPORTING_NAME_RE.search(n) for n in call_names(node))
            if not reraises and not reports:
                found.append(
                    f"{where}: unreported-broad-except: catches {', '.join(sorted(names))} "
                    "without re-raising or logging"
                )
    return found


def check_js(path: Path, text: str) -> list[str]:
    found = []
    for regex, rule, message in (
        (EMPTY_CATCH_RE, "empty-catch", "catch block is empty"),
        (EMPTY_PROMISE_CATCH_RE, "swallowed-promise", "promise rejection is discarded"),
    ):
        for match in regex.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line_start = text.rfind("\n", 0, match.start()) + 1
            if ACCEPT_MARKER in text[line_start : line_end if line_end != -1 else None]:
                continue
            found.append(f"{path}:{line}: {rule}: {message}")
    return found


def iter_files(paths: list[Path]) -> Iterator[Path]:
    for root in paths:
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in candidates:
            if SKIP_PARTS & set(path.parts) or not path.is_file():
                continue
            wanted = path.suffix == ".py" or path.suffix in JS_SUFFIXES
            if wanted and path.stat().st_size <= MAX_FILE_BYTES:
                yield path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=f"Accept a deliberate case with a '{ACCEPT_MARKER}' comment and a reason.",
    )
    parser.add_argument("paths", nargs="+", help="files or folders to scan")
    args = parser.parse_args(argv)
    roots = [Path(p) for p in args.paths]
    for root in roots:
        if not root.exists():
            print(f"error: {root} does not exist", file=sys.stderr)
            return 2
    findings: list[str] = []
    for path in iter_files(roots):
        text = path.read_text(encoding="utf-8", errors="replace")
        check = check_python if path.suffix == ".py" else check_js
        findings.extend(check(path, text))
    for line in findings:
        print(line)
    print(f"{len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
