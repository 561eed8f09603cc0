#!/usr/bin/env python3
"""Create a React + TypeScript component folder: component, test, story, styles, index.

Detects Storybook and jest-dom from package.json so the generated files compile in the
project as it is. Never overwrites existing files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PASCAL_CASE = re.compile(r"^[A-Z][A-Za-z0-9]*$")


@dataclass(frozen=True)
class Options:
    name: str
    styles: bool
    story: bool
    test: bool
    storybook_package: str
    jest_dom: bool


def project_dependencies(package_json: Path) -> dict[str, str]:
    """Map every declared dependency to its version range."""
    if not package_json.is_file():
        return {}
    data = json.loads(package_json.read_text(encoding="utf-8"))
    deps: dict[str, str] = {}
    for key in ("dependencies", "devDependencies", "peerDependencies"):
        deps.update(data.get(key, {}))
    return deps


def major_version(version_range: str) -> int:
    match = re.search(r"\d+", version_range)
    return int(match.group()) if match else 0


def storybook_types_package(deps: dict[str, str]) -> str:
    # Storybook 9 moved the Meta/StoryObj types to the framework package.
    framework = "@storybook/react-vite"
    if framework in deps and major_version(deps.get("storybook", "")) >= 9:
        return framework
    return "@storybook/react"


def component_source(o: Options) -> str:
    style_import = f'import styles from "./{o.name}.module.css";\n' if o.styles else ""
    classes = '[styles.root, className].filter(Boolean).join(" ")' if o.styles else "className"
    return f"""import type {{ ReactNode }} from "react";
{style_import}
export interface {o.name}Props {{
  children?: ReactNode;
  className?: string;
}}

export function {o.name}({{ children, className }}: {o.name}Props) {{
  return <div className={{{classes}}}>{{children}}</div>;
}}
"""


def test_source(o: Options) -> str:
    assertion = (
        'expect(screen.getByText("Hello")).toBeInTheDocument();'
        if o.jest_dom
        else 'expect(screen.getByText("Hello").textContent).toBe("Hello");'
    )
    return f"""import {{ render, screen }} from "@testing-library/react";
import {{ describe, expect, it }} from "vitest";
import {{ {o.name} }} from "./{o.name}";

describe("{o.name}", () => {{
  it("renders its children", () => {{
    render(<{o.name}>Hello</{o.name}>);
    {assertion}
  }});
}});
"""


def story_source(o: Options) -> str:
    return f"""import type {{ Meta, StoryObj }} from "{o.storybook_package}";
import {{ {o.name} }} from "./{o.name}";

const meta = {{
  component: {o.name},
  args: {{ children: "{o.name} content" }},
}} satisfies Meta<typeof {o.name}>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {{}};
"""


def styles_source() -> str:
    return ".root {\n  display: block;\n}\n"


def index_source(o: Options) -> str:
    module = f"./{o.name}"
    return (
        f'export {{ {o.name} }} from "{module}";\n'
        f'export type {{ {o.name}Props }} from "{module}";\n'
    )


def planned_files(o: Options) -> dict[str, str]:
    files = {f"{o.name}.tsx": component_source(o), "index.ts": index_source(o)}
    if o.test:
        files[f"{o.name}.test.tsx"] = test_source(o)
    if o.story:
        files[f"{o.name}.stories.tsx"] = story_source(o)
    if o.styles:
        files[f"{o.name}.module.css"] = styles_source()
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="component name in PascalCase, e.g. UserCard")
    parser.add_argument("--dir", default="src/components", help="parent folder")
    parser.add_argument("--package-json", default="package.json", help="for detection")
    parser.add_argument("--no-styles", action="store_true", help="skip the CSS module")
    parser.add_argument("--no-test", action="store_true", help="skip the Vitest test")
    parser.add_argument("--no-story", action="store_true", help="skip the Storybook story")
    parser.add_argument("--dry-run", action="store_true", help="print, write nothing")
    args = parser.parse_args()

    if not PASCAL_CASE.match(args.name):
        print(f"error: {args.name!r} is not PascalCase (example: UserCard)", file=sys.stderr)
        return 2
    deps = project_dependencies(Path(args.package_json))
    has_storybook = any(d.startswith("@storybook/") for d in deps)
    options = Options(
        name=args.name,
        styles=not args.no_styles,
        story=not args.no_story and has_storybook,
        test=not args.no_test,
        storybook_package=storybook_types_package(deps),
        jest_dom="@testing-library/jest-dom" in deps,
    )
    target = Path(args.dir) / args.name
    files = planned_files(options)
    clashes = [name for name in files if (target / name).exists()]
    if clashes:
        print(f"error: {target} already has {', '.join(clashes)}; nothing written", file=sys.stderr)
        return 1
    for name, text in files.items():
        if args.dry_run:
            print(f"--- {target / name}\n{text}")
            continue
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")
        print(f"created {target / name}")
    if not args.no_story and not has_storybook:
        print("note: no @storybook/* dependency found, story skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
