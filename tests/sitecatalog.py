"""A small catalog written into a temporary folder for site tests."""

from __future__ import annotations

from pathlib import Path


def write_skill(
    root: Path,
    category: str,
    name: str,
    *,
    description: str = "",
    tags: str = "",
    body: str = "",
    files: dict[str, str] | None = None,
    frontmatter: str | None = None,
) -> Path:
    folder = root / category / name
    folder.mkdir(parents=True, exist_ok=True)
    if frontmatter is None:
        frontmatter = (
            f"name: {name}\n"
            f'description: "{description or f"Does {name} things. Use when testing."}"\n'
            "license: MIT\n"
            f'metadata:\n  tags: "{tags or "testing"}"\n'
        )
    text = f"---\n{frontmatter}---\n\n{body or f'# {name}{chr(10)}{chr(10)}Steps.{chr(10)}'}"
    (folder / "SKILL.md").write_text(text, encoding="utf-8")
    for relative, content in (files or {}).items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return folder


def small_catalog(root: Path, *, with_invalid: bool = False) -> Path:
    """Two categories, three valid skills (one with supporting files)."""
    (root / "alpha").mkdir(parents=True)
    (root / "alpha" / "category.yml").write_text(
        "title: Alpha Things\ndescription: The first category.\norder: 1\n", encoding="utf-8"
    )
    write_skill(
        root,
        "alpha",
        "token-keeper",
        description="Rotates JWT refresh tokens safely. Use when sessions expire too often.",
        tags="jwt, tokens, auth",
        body=(
            "# Token Keeper\n\nRead [the lifecycle](references/lifecycle.md) first and run\n"
            "[the checker](scripts/check.py).\n\n## Steps\n\n1. Rotate.\n"
        ),
        files={
            "references/lifecycle.md": "# Lifecycle\n\nIssue, use, rotate, revoke.\n",
            "scripts/check.py": "print('ok')\n",
        },
    )
    write_skill(root, "alpha", "queue-tamer", tags="queues, retries")
    write_skill(root, "beta", "flaky-finder", tags="flaky, tests")
    if with_invalid:
        write_skill(
            root,
            "beta",
            "broken-skill",
            frontmatter="name: broken-skill\ndescription: Fails: here\n",
        )
    return root
