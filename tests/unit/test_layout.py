"""The site layout is written in one module: no other module spells a published path."""

from __future__ import annotations

import ast
import re

from sitebuild import REPO

from skillsite import layout

SOURCE = REPO / "src" / "skillsite"
HOOKS = REPO / "hooks"
# Pieces of published paths: the skill and category folders, the API, archives, SKILL.md.
PUBLISHED = re.compile(
    r"(^|/)(skills|categories|api)/|\.tar\.gz|^SKILL\.md$|^(feed\.xml|llms\.txt)$"
)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_published_paths_are_spelt_only_in_layout() -> None:
    offenders = []
    for path in [*SOURCE.rglob("*.py"), *HOOKS.glob("*.py")]:
        if path.name == "layout.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and PUBLISHED.search(node.value)
            ):
                offenders.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert offenders == [], "build these paths with skillsite.layout"


def test_layout_builds_each_kind_of_path() -> None:
    assert layout.skill_page("jwt-auth") == "skills/jwt-auth/index.md"
    assert layout.archive_path("jwt-auth") == "skills/jwt-auth/jwt-auth.tar.gz"
    assert layout.raw_file_path("jwt-auth") == "skills/jwt-auth/SKILL.md"
    assert layout.raw_file_path("jwt-auth", "references/a.md") == "skills/jwt-auth/references/a.md"
    assert layout.api_skill_path("jwt-auth") == "api/skills/jwt-auth.json"
    assert layout.category_page("db") == "categories/db/index.md"
    assert layout.category_folder("db") == "categories/db/"
