#!/usr/bin/env python3
"""Find SQL statements in source code that touch tenant tables without a tenant filter.

Scans source files for SQL statements (SELECT, UPDATE, DELETE, INSERT ... SELECT)
written as string literals or in .sql files. A statement that reads or writes one of
the tenant tables but never mentions the tenant column is reported with its file and
line. INSERT ... VALUES statements are reported when the column list lacks the tenant
column. Comments and strings are not parsed exactly: treat each finding as a place
to read, and the absence of findings as "nothing obvious", not as proof.

Statements marked with the comment `tenant-check: allow <reason>` on the same line or
the line before are skipped (cross-tenant admin queries, migrations).

Exit code: 0 no finding, 1 findings, 2 bad usage or unreadable path. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

SOURCE_SUFFIXES = {
    ".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".rb", ".go", ".java", ".kt", ".cs",
    ".php", ".sql", ".rs", ".scala", ".ex", ".exs",
}  # fmt: skip
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "vendor", "dist", "build", "__pycache__"}
STATEMENT_START = re.compile(r"\b(SELECT|UPDATE|DELETE\s+FROM|INSERT\s+INTO)\b", re.IGNORECASE)
# A statement ends at a semicolon, or at the end of the string literal holding it.
STATEMENT_END = re.compile(r';|"""|\'\'\'|`|"(?=\s*[),;+\]])|\'(?=\s*[),;+\]])')
MAX_STATEMENT = 4000
ALLOW = "tenant-check: allow"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    table: str
    statement: str


def table_pattern(tables: list[str]) -> re.Pattern[str]:
    names = "|".join(re.escape(t) for t in sorted(tables, key=len, reverse=True))
    return re.compile(
        rf'\b(?:FROM|JOIN|UPDATE|INTO)\s+(?:[\w"`]+\.)?["`]?({names})["`]?\b', re.IGNORECASE
    )


def statements(text: str) -> list[tuple[int, str]]:
    """(offset, statement text) for every SQL statement start found in the text."""
    found = []
    for match in STATEMENT_START.finditer(text):
        end = STATEMENT_END.search(text, match.end(), match.start() + MAX_STATEMENT)
        stop = end.start() if end else min(len(text), match.start() + MAX_STATEMENT)
        found.append((match.start(), text[match.start() : stop]))
    return found


def scan_text(path: str, text: str, tables: re.Pattern[str], tenant_column: str) -> list[Finding]:
    findings = []
    lines = text.splitlines()
    column = re.compile(rf"\b{re.escape(tenant_column)}\b", re.IGNORECASE)
    covered_until = -1
    for offset, statement in statements(text):
        if offset < covered_until:
            continue  # a sub-select of a statement already checked
        covered_until = offset + len(statement)
        touched = tables.search(statement)
        if not touched or column.search(statement):
            continue
        line = text.count("\n", 0, offset) + 1
        context = " ".join(lines[max(0, line - 2) : line])
        if ALLOW in context:
            continue
        findings.append(Finding(path, line, touched.group(1), " ".join(statement.split())[:160]))
    return findings


def source_files(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_file():
            files.append(path)
            continue
        for candidate in sorted(path.rglob("*")):
            if any(part in SKIP_DIRS for part in candidate.parts):
                continue
            if candidate.is_file() and candidate.suffix in SOURCE_SUFFIXES:
                files.append(candidate)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", type=Path, help="source files or folders")
    parser.add_argument(
        "--tables", required=True, help="comma-separated tenant-owned tables, e.g. orders,invoices"
    )
    parser.add_argument(
        "--tenant-column", default="tenant_id", help="tenant key column (default: tenant_id)"
    )
    parser.add_argument("--json", action="store_true", help="print findings as JSON")
    args = parser.parse_args(argv)
    tables = [t.strip() for t in args.tables.split(",") if t.strip()]
    if not tables:
        parser.error("--tables needs at least one table name")
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"find_unscoped_queries.py: no such path: {', '.join(missing)}", file=sys.stderr)
        return 2
    pattern = table_pattern(tables)
    findings: list[Finding] = []
    files = source_files(args.paths)
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        findings += scan_text(str(file), text, pattern, args.tenant_column)
    if args.json:
        print(json.dumps([asdict(f) for f in findings], indent=2))
    else:
        for f in findings:
            print(f"{f.path}:{f.line}: {f.table}: no {args.tenant_column} in: {f.statement}")
        print(f"{len(findings)} finding(s) in {len(files)} file(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
