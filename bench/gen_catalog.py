"""Write a synthetic catalog: `<out>/<category>/<skill>/SKILL.md` plus supporting files.

Deterministic for a given seed. Skills look like real ones: a frontmatter block with
name, description, license and metadata; a body of headings, prose, lists, a code
fence and relative links to the files under references/ and scripts/.

    python bench/gen_catalog.py OUT --skills 10000 [--categories 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = tuple(
    [
        "cache",
        "query",
        "schema",
        "migration",
        "index",
        "latency",
        "token",
        "prompt",
        "pipeline",
        "deploy",
        "release",
        "review",
        "test",
        "fixture",
        "contract",
        "endpoint",
        "route",
        "handler",
        "queue",
        "worker",
        "retry",
        "backoff",
        "budget",
        "metric",
        "trace",
        "log",
        "alert",
        "secret",
        "policy",
        "header",
        "cookie",
        "session",
        "render",
        "layout",
        "component",
        "state",
        "form",
        "table",
        "modal",
        "drawer",
        "build",
        "lint",
        "format",
        "commit",
        "branch",
        "merge",
    ]
)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def skill_text(rng: random.Random, name: str, category: str) -> str:
    tags = ", ".join(sorted({rng.choice(WORDS) for _ in range(3)}))
    description = f"{_sentence(rng, 14)} Use when {' '.join(rng.sample(WORDS, 6))}."
    lines = [
        "---",
        f"name: {name}",
        f"description: {description}",
        "license: MIT",
        "metadata:",
        f"  category: {category}",
        f"  tags: {tags}",
        '  version: "1.0.0"',
        "---",
        "",
        f"# {name.replace('-', ' ').title()}",
        "",
        _sentence(rng, 30),
        "",
        "## When to use",
        "",
    ]
    lines += [f"- {_sentence(rng, 8)}" for _ in range(5)]
    lines += ["", "## Steps", ""]
    for step in range(1, 7):
        lines += [f"{step}. {_sentence(rng, 12)}", ""]
    lines += [
        "```bash",
        f"python scripts/run.py --target {rng.choice(WORDS)}",
        "```",
        "",
        "See [the reference](references/guide.md) and the `run` script in "
        "[scripts](scripts/run.py) for details.",
        "",
        "## Notes",
        "",
    ]
    lines += [_sentence(rng, 20) for _ in range(4)]
    return "\n".join(lines) + "\n"


def generate(out: Path, skills: int, categories: int, seed: int) -> None:
    rng = random.Random(seed)
    category_keys = [f"category-{index:02d}" for index in range(categories)]
    for key in category_keys:
        folder = out / key
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "category.yml").write_text(f"title: {key.title()}\norder: 10\n")
    for index in range(skills):
        category = category_keys[index % categories]
        name = f"skill-{index:05d}-{rng.choice(WORDS)}"
        folder = out / category / name
        (folder / "references").mkdir(parents=True, exist_ok=True)
        (folder / "scripts").mkdir(exist_ok=True)
        (folder / "SKILL.md").write_text(skill_text(rng, name, category))
        guide = "\n\n".join(_sentence(rng, 40) for _ in range(6))
        (folder / "references" / "guide.md").write_text(f"# Guide\n\n{guide}\n")
        (folder / "scripts" / "run.py").write_text("print('run')\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--skills", type=int, default=10_000)
    parser.add_argument("--categories", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.skills, args.categories, args.seed)


if __name__ == "__main__":
    main()
