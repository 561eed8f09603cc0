#!/usr/bin/env python3
"""Compare JSON translation files against a reference locale.

Reports keys missing from or unknown to each locale, empty strings, and placeholders
({{name}} for i18next, {name} for ICU MessageFormat) that differ from the reference.
i18next plural suffixes (_zero, _one, _two, _few, _many, _other) are compared by base
key, because languages need different plural forms.

Layouts: ROOT/<locale>.json or ROOT/<locale>/<namespace>.json. Exit 1 if problems.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PLURAL_SUFFIX = re.compile(r"_(zero|one|two|few|many|other)$")
PLACEHOLDER = re.compile(r"\{\{\s*([\w.]+)[^}]*\}\}|\{\s*(\w+)\s*[,}]")


@dataclass(frozen=True)
class Problem:
    locale: str
    key: str
    message: str


def flatten(tree: object, prefix: str = "") -> dict[str, str]:
    """Nested JSON -> {"a.b.c": "text"}, the key path i18next uses."""
    if isinstance(tree, dict):
        items = [(str(k), v) for k, v in tree.items()]
    elif isinstance(tree, list):
        items = [(str(i), v) for i, v in enumerate(tree)]
    else:
        return {prefix: "" if tree is None else str(tree)}
    flat: dict[str, str] = {}
    for key, value in items:
        flat.update(flatten(value, f"{prefix}.{key}" if prefix else key))
    return flat


def load_json(path: Path) -> dict[str, str]:
    try:
        return flatten(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as error:
        print(
            f"error: {path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}",
            file=sys.stderr,
        )
        raise SystemExit(2) from None


def load_locales(root: Path) -> dict[str, dict[str, str]]:
    locales: dict[str, dict[str, str]] = {}
    for entry in sorted(root.iterdir()):
        if entry.is_file() and entry.suffix == ".json":
            locales[entry.stem] = load_json(entry)
        elif entry.is_dir():
            merged: dict[str, str] = {}
            for file in sorted(entry.glob("*.json")):
                merged.update({f"{file.stem}:{k}": v for k, v in load_json(file).items()})
            if merged:
                locales[entry.name] = merged
    return locales


def base_key(key: str) -> str:
    return PLURAL_SUFFIX.sub("", key)


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def grouped(messages: dict[str, str]) -> dict[str, set[str]]:
    """Base key -> union of the placeholders used by all its plural forms."""
    groups: dict[str, set[str]] = {}
    for key, text in messages.items():
        groups.setdefault(base_key(key), set()).update(placeholders(text))
    return groups


def compare(ref_name: str, ref: dict[str, str], name: str, other: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    ref_groups, other_groups = grouped(ref), grouped(other)
    for key in sorted(ref_groups.keys() - other_groups.keys()):
        problems.append(Problem(name, key, f"missing (present in {ref_name})"))
    for key in sorted(other_groups.keys() - ref_groups.keys()):
        problems.append(Problem(name, key, f"not in {ref_name} (stale or misspelled?)"))
    for key in sorted(ref_groups.keys() & other_groups.keys()):
        if ref_groups[key] != other_groups[key]:
            want = ", ".join(sorted(ref_groups[key])) or "none"
            got = ", ".join(sorted(other_groups[key])) or "none"
            problems.append(
                Problem(name, key, f"placeholders differ: {ref_name} has {want}, found {got}")
            )
    for key, text in sorted(other.items()):
        if not text.strip():
            problems.append(Problem(name, key, "empty translation"))
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]),
    )
    parser.add_argument("root", type=Path, help="folder holding the locale files")
    parser.add_argument("--ref", default="en", help="reference locale (default: en)")
    args = parser.parse_args()
    if not args.root.is_dir():
        print(f"error: {args.root} is not a folder", file=sys.stderr)
        return 2
    locales = load_locales(args.root)
    if args.ref not in locales:
        found = ", ".join(locales) or "none"
        print(
            f"error: reference locale {args.ref!r} not found in {args.root} (found: {found})",
            file=sys.stderr,
        )
        return 2
    reference = locales[args.ref]
    problems: list[Problem] = []
    for name, messages in locales.items():
        if name != args.ref:
            problems += compare(args.ref, reference, name, messages)
    for p in problems:
        print(f"{p.locale}: {p.key}: {p.message}")
    checked = ", ".join(n for n in locales if n != args.ref) or "none"
    print(
        f"{len(problems)} problem(s); checked {checked} against {args.ref} ({len(reference)} keys)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
