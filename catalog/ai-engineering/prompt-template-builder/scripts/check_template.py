#!/usr/bin/env python3
"""Check (and optionally render) prompt template files with {{ variable }} placeholders.

A template file starts with a small header between --- lines:

  ---
  name: ticket-triage
  version: 3
  variables: [ticket_text, customer_tier]
  untrusted: [ticket_text]
  stable: [product_list]
  ---
  ...template text with {{ customer_tier }} and <ticket>{{ ticket_text }}</ticket>...

Checks:
  error    header missing, or no name/version/variables
  error    placeholder used but not declared in variables
  error    untrusted variable not wrapped directly in a tag pair: <tag>{{ var }}</tag>
  warning  variable declared but never used
  warning  a placeholder in the first --stable-lines lines (breaks prompt caching),
           unless the header lists it under stable (same value for every request)

--render VALUES.json prints the filled template (all variables required).
Exit code: 0 clean, 1 errors (or warnings with --strict), 2 usage or unreadable input.
Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
MAX_BYTES = 1_000_000


class InputError(Exception):
    pass


@dataclass
class Template:
    path: Path
    header: dict[str, str | list[str]]
    body: str
    body_start_line: int


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_value(raw: str) -> str | list[str]:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        return [item.strip().strip("'\"") for item in raw[1:-1].split(",") if item.strip()]
    return raw.strip("'\"")


def load(path: Path) -> Template:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(f"{path}: larger than {MAX_BYTES} bytes")
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8") from None
    lines = text.splitlines()
    header: dict[str, str | list[str]] = {}
    if not lines or lines[0].strip() != "---":
        return Template(path, header, text, 1)
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return Template(path, header, "\n".join(lines[number:]), number + 1)
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, value = line.partition(":")
            if not sep:
                raise InputError(f"{path}:{number}: expected 'key: value' in the header")
            header[key.strip()] = parse_value(value)
    raise InputError(f"{path}:1: header opened with --- but never closed")


def as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def check(template: Template, stable_lines: int) -> Report:
    report = Report()
    where = str(template.path)
    if not template.header:
        report.errors.append(f"{where}:1: no header; start with --- name/version/variables ---")
        return report
    for key in ("name", "version", "variables"):
        if key not in template.header:
            report.errors.append(f"{where}:1: header has no {key!r}")
    declared = as_list(template.header.get("variables"))
    untrusted = as_list(template.header.get("untrusted"))
    stable = as_list(template.header.get("stable"))
    used: set[str] = set()
    for offset, line in enumerate(template.body.splitlines()):
        number = template.body_start_line + offset
        for match in PLACEHOLDER.finditer(line):
            name = match.group(1)
            used.add(name)
            if name not in declared:
                report.errors.append(f"{where}:{number}: {{{{ {name} }}}} is not declared")
            if offset < stable_lines and name not in stable:
                report.warnings.append(
                    f"{where}:{number}: {{{{ {name} }}}} in the first {stable_lines} lines; "
                    "move variable parts after the stable instructions so the prefix caches"
                )
    for name in untrusted:
        if name not in declared:
            report.errors.append(f"{where}:1: untrusted {name!r} is not in variables")
            continue
        wrapped = re.compile(r"<([A-Za-z][\w-]*)>\s*\{\{\s*" + re.escape(name) + r"\s*\}\}\s*</\1>")
        bare = len(re.findall(r"\{\{\s*" + re.escape(name) + r"\s*\}\}", template.body))
        if bare != len(wrapped.findall(template.body)):
            report.errors.append(
                f"{where}: untrusted {{{{ {name} }}}} must sit alone inside a tag pair, "
                f"e.g. <{name}>{{{{ {name} }}}}</{name}>"
            )
    for name in declared:
        if name not in used:
            report.warnings.append(f"{where}:1: variable {name!r} is declared but never used")
    return report


def render(template: Template, values: dict[str, object]) -> str:
    missing = sorted(set(PLACEHOLDER.findall(template.body)) - set(values))
    if missing:
        raise InputError(f"missing values for: {', '.join(missing)}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template.body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Lint prompt templates ({{ var }} placeholders) and render them with values.",
    )
    parser.add_argument("templates", nargs="+", type=Path, help="template files")
    parser.add_argument("--render", type=Path, metavar="VALUES.json", help="print filled template")
    parser.add_argument("--stable-lines", type=int, default=5, help="lines that must be static")
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    args = parser.parse_args(argv)
    failed = False
    try:
        templates = [load(path) for path in args.templates]
        for template in templates:
            report = check(template, args.stable_lines)
            for message in report.errors:
                print(f"error: {message}")
            for message in report.warnings:
                print(f"warning: {message}")
            failed = failed or bool(report.errors) or (args.strict and bool(report.warnings))
        if args.render:
            if len(templates) != 1:
                raise InputError("--render takes exactly one template")
            values = json.loads(args.render.read_text(encoding="utf-8"))
            if not isinstance(values, dict):
                raise InputError(f"{args.render}: expected a JSON object of values")
            sys.stdout.write(render(templates[0], values) + "\n")
    except (InputError, OSError, json.JSONDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not failed and not args.render:
        print(f"ok: {len(templates)} template(s) checked")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
