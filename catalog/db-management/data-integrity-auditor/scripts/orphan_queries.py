#!/usr/bin/env python3
"""Print one orphan-counting SQL query per foreign key found in a schema dump.

Reads a schema-only dump (pg_dump --schema-only, mysqldump --no-data) and finds:
  - declared foreign keys: inline REFERENCES, table-level FOREIGN KEY clauses and
    ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY;
  - with --implied, columns named <something>_id that have no foreign key and whose
    <something> or <something>s names a table in the dump.

For each relationship it prints a query counting child rows whose parent row is
missing (NULL child values are not orphans). Single-column keys only; composite keys
are listed as comments to check by hand. Standard library only.

Exit code: 0 queries printed, 1 no relationship found, 2 unreadable input or usage.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

IDENT = r'(?:"[^"]+"|`[^`]+`|[A-Za-z_][\w$]*)'
QUALIFIED = rf"{IDENT}(?:\s*\.\s*{IDENT})?"
CREATE_TABLE = re.compile(
    rf"CREATE\s+(?:UNLOGGED\s+|TEMPORARY\s+|TEMP\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    rf"(?P<table>{QUALIFIED})\s*\(",
    re.IGNORECASE,
)
ALTER_FK = re.compile(
    rf"ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?(?P<table>{QUALIFIED})\s+"
    rf"ADD\s+(?:CONSTRAINT\s+{IDENT}\s+)?FOREIGN\s+KEY\s*\((?P<cols>[^)]*)\)\s*"
    rf"REFERENCES\s+(?P<parent>{QUALIFIED})\s*\((?P<pcols>[^)]*)\)",
    re.IGNORECASE | re.DOTALL,
)
TABLE_FK = re.compile(
    rf"FOREIGN\s+KEY\s*\((?P<cols>[^)]*)\)\s*REFERENCES\s+(?P<parent>{QUALIFIED})"
    rf"\s*\((?P<pcols>[^)]*)\)",
    re.IGNORECASE,
)
INLINE_REF = re.compile(
    rf"^\s*(?P<col>{IDENT})\s+[^,]*?\bREFERENCES\s+(?P<parent>{QUALIFIED})"
    rf"(?:\s*\((?P<pcol>[^)]*)\))?",
    re.IGNORECASE,
)
COLUMN = re.compile(rf"^\s*(?P<col>{IDENT})\s+\w", re.IGNORECASE)
NOT_COLUMNS = {"constraint", "primary", "foreign", "unique", "check", "key", "index", "exclude"}


@dataclass(frozen=True)
class Relationship:
    child: str
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]
    implied: bool = False


def bare(name: str) -> str:
    """An identifier without quotes, for comparing names."""
    return ".".join(part.strip().strip('"`') for part in name.split("."))


def columns_of(text: str) -> tuple[str, ...]:
    return tuple(bare(c) for c in text.split(",") if c.strip())


def split_top_level(body: str) -> list[str]:
    """Split a CREATE TABLE body on commas that are not inside parentheses."""
    parts, depth, current = [], 0, []
    for char in body:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def table_body(schema: str, start: int) -> str:
    """The text between a CREATE TABLE's opening parenthesis and its matching close."""
    depth = 1
    for position in range(start, len(schema)):
        if schema[position] == "(":
            depth += 1
        elif schema[position] == ")":
            depth -= 1
            if depth == 0:
                return schema[start:position]
    return schema[start:]


def parse(schema: str) -> tuple[dict[str, list[str]], list[Relationship]]:
    tables: dict[str, list[str]] = {}
    relationships: list[Relationship] = []
    for match in CREATE_TABLE.finditer(schema):
        table = bare(match.group("table"))
        tables[table] = []
        for item in split_top_level(table_body(schema, match.end())):
            fk = TABLE_FK.search(item)
            if fk:
                relationships.append(
                    Relationship(
                        table, columns_of(fk["cols"]), bare(fk["parent"]), columns_of(fk["pcols"])
                    )
                )
                continue
            column = COLUMN.match(item)
            if not column or bare(column["col"]).lower() in NOT_COLUMNS:
                continue
            tables[table].append(bare(column["col"]))
            inline = INLINE_REF.match(item)
            if inline:
                parent_columns = columns_of(inline["pcol"] or "id")
                relationships.append(
                    Relationship(
                        table, (bare(inline["col"]),), bare(inline["parent"]), parent_columns
                    )
                )
    for fk in ALTER_FK.finditer(schema):
        relationships.append(
            Relationship(
                bare(fk["table"]),
                columns_of(fk["cols"]),
                bare(fk["parent"]),
                columns_of(fk["pcols"]),
            )
        )
    return tables, relationships


def short(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def implied_relationships(
    tables: dict[str, list[str]], declared: list[Relationship]
) -> list[Relationship]:
    covered = {(r.child, r.columns[0]) for r in declared if len(r.columns) == 1}
    by_short = {short(t).lower(): t for t in tables}
    found = []
    for table, columns in tables.items():
        for column in columns:
            if not column.lower().endswith("_id") or (table, column) in covered:
                continue
            stem = column[:-3].lower()
            parent = by_short.get(stem + "s") or by_short.get(stem) or by_short.get(stem + "es")
            if parent and parent != table:
                found.append(Relationship(table, (column,), parent, ("id",), implied=True))
    return found


def quote(name: str) -> str:
    return ".".join(f'"{part}"' for part in name.split("."))


def orphan_query(rel: Relationship) -> str:
    label = "implied (no foreign key)" if rel.implied else "declared foreign key"
    header = f"-- {rel.child}.{', '.join(rel.columns)} -> {rel.parent}: {label}"
    if len(rel.columns) != 1 or len(rel.parent_columns) != 1:
        return header + "\n-- composite key: write this check by hand\n"
    child_col, parent_col = quote(rel.columns[0]), quote(rel.parent_columns[0])
    return (
        f"{header}\n"
        f"SELECT '{rel.child}.{rel.columns[0]}' AS relationship, count(*) AS orphans\n"
        f"FROM {quote(rel.child)} c\n"
        f"WHERE c.{child_col} IS NOT NULL\n"
        f"  AND NOT EXISTS (SELECT 1 FROM {quote(rel.parent)} p "
        f"WHERE p.{parent_col} = c.{child_col});\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("schema", type=Path, help="schema-only SQL dump")
    parser.add_argument(
        "--implied", action="store_true", help="also check *_id columns without a foreign key"
    )
    args = parser.parse_args(argv)
    try:
        schema = args.schema.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        print(f"orphan_queries.py: cannot read {args.schema}: {error}", file=sys.stderr)
        return 2
    tables, relationships = parse(schema)
    if args.implied:
        relationships += implied_relationships(tables, relationships)
    if not relationships:
        print(f"no foreign keys found in {args.schema} ({len(tables)} tables)", file=sys.stderr)
        return 1
    for rel in relationships:
        print(orphan_query(rel))
    declared = sum(not r.implied for r in relationships)
    print(f"-- {declared} declared, {len(relationships) - declared} implied relationship(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
