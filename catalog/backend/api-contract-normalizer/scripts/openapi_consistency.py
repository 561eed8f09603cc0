#!/usr/bin/env python3
"""Report inconsistencies in an OpenAPI 3.x document (JSON).

Checks: property name casing (against --case, or the majority style), path
segment style (lowercase kebab-case, no verbs, no trailing slash), path
parameter casing, missing or duplicate operationId, error responses (4xx/5xx)
not using application/problem+json, and timestamp-looking properties without
format: date-time. Convert YAML first, e.g. with `redocly bundle --ext json`.
Exit 0: consistent; 1: findings; 2: unreadable input.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

CASES = {
    "camel": re.compile(r"^[a-z][a-zA-Z0-9]*$"),
    "snake": re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"),
}
SEGMENT_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VERBS = {"get", "create", "update", "delete", "remove", "list", "fetch", "add", "set", "do"}
TIMESTAMP_RE = re.compile(r"(?:_at|At|_on|On|Date|_date|timestamp|Timestamp)$")
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
MAX_DEPTH = 64


def style_of(name: str) -> str | None:
    if CASES["camel"].match(name) and not CASES["snake"].match(name):
        return "camel"
    if CASES["snake"].match(name) and "_" in name:
        return "snake"
    return None if CASES["camel"].match(name) else "other"


def walk_properties(
    node: object, where: str, out: list[tuple[str, str, dict]], depth: int = 0
) -> None:
    if depth > MAX_DEPTH:
        return
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, schema in props.items():
                out.append((f"{where}.{name}", name, schema if isinstance(schema, dict) else {}))
        for key, child in node.items():
            walk_properties(child, f"{where}.{key}", out, depth + 1)
    elif isinstance(node, list):
        for i, child in enumerate(node):
            walk_properties(child, f"{where}[{i}]", out, depth + 1)


def check(doc: dict, wanted_case: str | None, errors_as_problem: bool) -> list[str]:
    findings: list[str] = []
    props: list[tuple[str, str, dict]] = []
    walk_properties(doc.get("components", {}), "components", props)
    walk_properties(doc.get("paths", {}), "paths", props)
    styles = Counter(s for _, name, _ in props if (s := style_of(name)) in CASES)
    case = wanted_case or (styles.most_common(1)[0][0] if styles else "camel")
    for where, name, schema in props:
        if not CASES[case].match(name):
            findings.append(f"property-case: {where}: '{name}' is not {case}Case")
        if (
            TIMESTAMP_RE.search(name)
            and schema.get("type") == "string"
            and schema.get("format") not in ("date-time", "date")
        ):
            findings.append(f"timestamp-format: {where}: string without format date-time")
    operation_ids: Counter[str] = Counter()
    for path, item in (doc.get("paths") or {}).items():
        if path != "/" and path.endswith("/"):
            findings.append(f"path-style: {path}: trailing slash")
        for segment in path.strip("/").split("/"):
            if not segment:
                continue
            if segment.startswith("{") and segment.endswith("}"):
                if not CASES[case].match(segment[1:-1]):
                    findings.append(f"path-param-case: {path}: '{segment}' is not {case}Case")
            elif not SEGMENT_RE.match(segment):
                findings.append(f"path-style: {path}: '{segment}' is not lowercase kebab-case")
            elif segment.split("-")[0] in VERBS:
                findings.append(f"path-style: {path}: '{segment}' is a verb; use the method")
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if method not in HTTP_METHODS or not isinstance(op, dict):
                continue
            label = f"{method.upper()} {path}"
            if op.get("operationId"):
                operation_ids[op["operationId"]] += 1
            else:
                findings.append(f"operation-id: {label}: missing operationId")
            for status, response in (op.get("responses") or {}).items():
                if not errors_as_problem or str(status)[:1] not in ("4", "5"):
                    continue
                if not isinstance(response, dict) or "$ref" in response:
                    continue
                content = response.get("content") or {}
                if content and "application/problem+json" not in content:
                    findings.append(f"error-format: {label} {status}: not application/problem+json")
    for op_id, count in sorted(operation_ids.items()):
        if count > 1:
            findings.append(f"operation-id: '{op_id}' used {count} times")
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", help="OpenAPI document in JSON")
    parser.add_argument("--case", choices=sorted(CASES), help="required property casing")
    parser.add_argument(
        "--no-problem-json",
        action="store_true",
        help="do not require application/problem+json for 4xx/5xx",
    )
    args = parser.parse_args(argv)
    try:
        doc = json.loads(Path(args.spec).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: {args.spec}: {exc} (YAML must be converted to JSON first)", file=sys.stderr)
        return 2
    if not isinstance(doc, dict) or not str(doc.get("openapi", "")).startswith("3."):
        print(
            f"error: {args.spec}: not an OpenAPI 3.x document (no 'openapi: 3.x' key)",
            file=sys.stderr,
        )
        return 2
    findings = check(doc, args.case, not args.no_problem_json)
    for line in findings:
        print(line)
    print(f"{len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
