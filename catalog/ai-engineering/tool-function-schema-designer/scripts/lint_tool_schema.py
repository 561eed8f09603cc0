#!/usr/bin/env python3
"""Lint LLM tool (function) definitions for common design mistakes.

Reads a JSON file holding one tool, a list of tools, or {"tools": [...]}.
Understands these shapes:
  OpenAI Chat Completions  {"type": "function",
                            "function": {"name", "description", "parameters", "strict"}}
  OpenAI Responses         {"type": "function", "name", "description", "parameters", "strict"}
  Anthropic                {"name", "description", "input_schema"}
  MCP                      {"name", "description", "inputSchema"}

Errors: invalid names, root schema not an object, duplicate names, arrays without
items, enum values of the wrong type, and (for strict tools or with --strict) objects that
allow extra keys or do not list every property in "required".
Warnings: short descriptions, properties without descriptions, open objects, no schema.

Exit code: 0 clean (or warnings only), 1 errors (or warnings with --fail-on-warning),
2 unreadable input or bad usage. Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NAME_RE = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
SNAKE_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
JSON_TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}
MIN_TOOL_DESCRIPTION = 40


@dataclass(frozen=True)
class Finding:
    severity: str
    tool: str
    where: str
    message: str

    def to_text(self) -> str:
        return f"{self.severity}: {self.tool}: {self.where}: {self.message}"


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    schema: Any
    strict: bool


def normalize(raw: Any, index: int) -> Tool:
    if not isinstance(raw, dict):
        return Tool(f"#{index}", "", None, False)
    if isinstance(raw.get("function"), dict):
        raw = raw["function"]
    schema = raw.get("parameters", raw.get("input_schema", raw.get("inputSchema")))
    name = raw.get("name") if isinstance(raw.get("name"), str) else f"#{index}"
    description = raw.get("description") if isinstance(raw.get("description"), str) else ""
    return Tool(name, description, schema, raw.get("strict") is True)


def type_names(node: dict) -> list[str]:
    declared = node.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [t for t in declared if isinstance(t, str)]
    return []


def lint_schema(node: Any, where: str, tool: str, strict: bool, out: list[Finding]) -> None:
    if not isinstance(node, dict):
        out.append(Finding("error", tool, where, "schema node must be an object"))
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for i, branch in enumerate(node.get(key, []) if isinstance(node.get(key), list) else []):
            lint_schema(branch, f"{where}.{key}[{i}]", tool, strict, out)
    types = type_names(node)
    if "enum" in node:
        values = node["enum"]
        if not isinstance(values, list) or not values:
            out.append(Finding("error", tool, where, "enum must be a non-empty list"))
        elif types:
            allowed = tuple(JSON_TYPES[t] for t in types if t in JSON_TYPES)
            wrong = [
                v
                for v in values
                if allowed
                and (not isinstance(v, allowed) or (isinstance(v, bool) and bool not in allowed))
            ]
            if wrong:
                out.append(
                    Finding(
                        "error", tool, where, f"enum values {wrong!r} do not match type {types}"
                    )
                )
    if "object" in types or "properties" in node:
        lint_object(node, where, tool, strict, out)
    if "array" in types:
        if "items" not in node:
            out.append(Finding("error", tool, where, "array without 'items'"))
        else:
            lint_schema(node["items"], f"{where}.items", tool, strict, out)


def lint_object(node: dict, where: str, tool: str, strict: bool, out: list[Finding]) -> None:
    properties = node.get("properties", {})
    if not isinstance(properties, dict):
        out.append(Finding("error", tool, where, "'properties' must be an object"))
        return
    required = node.get("required", [])
    if not isinstance(required, list):
        out.append(Finding("error", tool, where, "'required' must be a list"))
        required = []
    unknown = [r for r in required if r not in properties]
    if unknown:
        out.append(Finding("error", tool, where, f"'required' names missing properties: {unknown}"))
    closed = node.get("additionalProperties") is False
    if strict:
        if not closed:
            out.append(
                Finding("error", tool, where, "strict mode needs additionalProperties: false")
            )
        missing = [p for p in properties if p not in required]
        if missing:
            out.append(
                Finding(
                    "error",
                    tool,
                    where,
                    f"strict mode needs every property in 'required'; missing {missing}"
                    " (make optional ones nullable)",
                )
            )
    elif not closed:
        out.append(
            Finding(
                "warning", tool, where, "object allows extra keys; set additionalProperties: false"
            )
        )
    for prop_name, prop in properties.items():
        prop_where = f"{where}.{prop_name}"
        if (
            isinstance(prop, dict)
            and not str(prop.get("description", "")).strip()
            and "$ref" not in prop
        ):
            out.append(Finding("warning", tool, prop_where, "property has no description"))
        lint_schema(prop, prop_where, tool, strict, out)


def lint_tools(raw_tools: list[Any], force_strict: bool) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_tools):
        tool = normalize(raw, index)
        if not NAME_RE.match(tool.name):
            findings.append(
                Finding("error", tool.name, "name", "name must match ^[a-zA-Z0-9_-]{1,64}$")
            )
        elif not SNAKE_RE.match(tool.name):
            findings.append(
                Finding(
                    "warning",
                    tool.name,
                    "name",
                    "prefer snake_case verb_noun names, e.g. search_orders",
                )
            )
        if tool.name in seen:
            findings.append(Finding("error", tool.name, "name", "duplicate tool name"))
        seen.add(tool.name)
        if len(tool.description.strip()) < MIN_TOOL_DESCRIPTION:
            findings.append(
                Finding(
                    "warning",
                    tool.name,
                    "description",
                    "say what it does, when to use it and what it returns",
                )
            )
        if tool.schema is None:
            findings.append(
                Finding(
                    "warning",
                    tool.name,
                    "schema",
                    "no schema; Anthropic and MCP require one:"
                    ' {"type": "object", "properties": {}}',
                )
            )
            continue
        if not isinstance(tool.schema, dict) or "object" not in type_names(tool.schema):
            findings.append(
                Finding("error", tool.name, "schema", "root schema must have type 'object'")
            )
            continue
        lint_schema(tool.schema, "$", tool.name, tool.strict or force_strict, findings)
    return findings


def load_tools(path: Path) -> list[Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and isinstance(data.get("tools"), list):
        return data["tools"]
    if isinstance(data, list):
        return data
    return [data]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="+", type=Path, help="JSON files with tool definitions")
    parser.add_argument(
        "--strict", action="store_true", help="apply strict-mode rules to every tool"
    )
    parser.add_argument("--fail-on-warning", action="store_true", help="exit 1 on warnings too")
    args = parser.parse_args(argv)
    errors = warnings = 0
    for path in args.files:
        try:
            tools = load_tools(path)
        except OSError as exc:
            print(f"{path}: cannot read ({exc.strerror})", file=sys.stderr)
            return 2
        except json.JSONDecodeError as exc:
            print(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON ({exc.msg})", file=sys.stderr)
            return 2
        for finding in lint_tools(tools, args.strict):
            print(f"{path}: {finding.to_text()}")
            errors += finding.severity == "error"
            warnings += finding.severity == "warning"
    print(f"{errors} error(s), {warnings} warning(s)")
    if errors or (warnings and args.fail_on_warning):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
