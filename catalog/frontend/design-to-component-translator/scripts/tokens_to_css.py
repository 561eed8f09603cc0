#!/usr/bin/env python3
"""Convert a design tokens file (DTCG format, JSON) into CSS custom properties.

Reads tokens ($value, $type, groups, {alias.references}) as exported by
Figma variables plugins or Tokens Studio, and prints a :root block. Handles
the 2025.10 object forms of color ({colorSpace, components, alpha, hex}),
dimension and duration ({value, unit}) as well as plain strings. Aliases
become var(--...) references. Exit 0: converted; 1: some tokens unresolved or
skipped (listed on stderr); 2: unreadable input.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ALIAS_RE = re.compile(r"^\{([^{}]+)\}$")
NAME_PART_RE = re.compile(r"[^a-z0-9-]+")
FUNCTION_SPACES = {"oklch", "oklab", "lab", "lch", "hsl", "hwb"}
MAX_TOKENS = 20_000
UNSAFE_CSS_RE = re.compile(r"[;{}<>\n\r\\]")


def css_name(path: list[str], prefix: str) -> str:
    parts = [NAME_PART_RE.sub("-", p.lower()).strip("-") for p in path]
    return "--" + "-".join(([prefix] if prefix else []) + [p for p in parts if p])


def collect(node: dict, path: list[str], inherited_type: str | None, out: dict) -> None:
    group_type = node.get("$type", inherited_type)
    for key, child in node.items():
        if key.startswith("$") or not isinstance(child, dict):
            continue
        if "$value" in child:
            if len(out) >= MAX_TOKENS:
                raise ValueError(f"more than {MAX_TOKENS} tokens")
            out[".".join([*path, key])] = (child["$value"], child.get("$type", group_type))
        else:
            collect(child, [*path, key], group_type, out)


def number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def color(value: dict) -> str:
    if isinstance(value.get("hex"), str) and value.get("alpha", 1) == 1:
        return value["hex"]
    space = value.get("colorSpace", "srgb")
    comps = " ".join(number(c) for c in value.get("components", []))
    alpha = value.get("alpha", 1)
    tail = "" if alpha == 1 else f" / {number(alpha)}"
    if space in FUNCTION_SPACES:
        return f"{space}({comps}{tail})"
    return f"color({space} {comps}{tail})"


def convert(raw: object, token_type: str | None, prefix: str) -> str | None:
    if isinstance(raw, str):
        match = ALIAS_RE.match(raw)
        if match:
            return f"var({css_name(match.group(1).split('.'), prefix)})"
        return raw
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return number(raw)
    if token_type == "color" and isinstance(raw, dict):
        return color(raw)
    if token_type in ("dimension", "duration") and isinstance(raw, dict):
        return f"{number(raw.get('value'))}{raw.get('unit', '')}"
    if token_type == "cubicBezier" and isinstance(raw, list) and len(raw) == 4:
        return "cubic-bezier(" + ", ".join(number(n) for n in raw) + ")"
    if token_type == "fontFamily" and isinstance(raw, list):
        return ", ".join(f'"{f}"' if " " in f else f for f in raw)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tokens", help="tokens JSON file (DTCG format)")
    parser.add_argument("--prefix", default="", help="prefix for every variable, e.g. ds")
    parser.add_argument("--selector", default=":root", help="selector to wrap them in")
    args = parser.parse_args(argv)
    try:
        data = json.loads(Path(args.tokens).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise TypeError("top level must be a JSON object")
        tokens: dict[str, tuple[object, str | None]] = {}
        collect(data, [], None, tokens)
    except (OSError, TypeError, ValueError) as exc:
        print(f"error: {args.tokens}: {exc}", file=sys.stderr)
        return 2
    lines, problems = [], []
    for dotted, (raw, token_type) in tokens.items():
        css = convert(raw, token_type, args.prefix)
        if css is None:
            problems.append(f"skipped {dotted}: type {token_type!r} has no CSS conversion here")
            continue
        if UNSAFE_CSS_RE.search(css):
            problems.append(f"skipped {dotted}: value contains ; {{ }} < > or a line break")
            continue
        alias = ALIAS_RE.match(raw) if isinstance(raw, str) else None
        if alias and alias.group(1) not in tokens:
            problems.append(f"unresolved {dotted}: alias {{{alias.group(1)}}} names no token")
        lines.append(f"  {css_name(dotted.split('.'), args.prefix)}: {css};")
    print(args.selector + " {\n" + "\n".join(lines) + "\n}")
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
