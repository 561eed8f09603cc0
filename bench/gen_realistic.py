"""Write a catalog shaped like a real aggregated one, flaws included.

The shape follows a real aggregated catalog of 8,244 SKILL.md files: about 57,000
files in all, SKILL.md of 7.7 KB on average with a long tail (a few over 500 lines),
supporting files under references/, scripts/, assets/ and templates/ (some binary,
some HTML or SVG), and about three diagnostics per skill: extra top-level keys,
pseudo-tags and raw HTML in the body, links to files that are not there, names copied
across categories, names that do not match the folder, invalid YAML, lists where the
specification wants strings, unclosed fences, `skill.md` spellings and nested skills.

Deterministic for a seed.

    python bench/gen_realistic.py OUT [--skills 8000] [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

from gen_catalog import WORDS, _sentence

CATEGORIES = 40
UNKNOWN_KEYS = ("version", "author", "tags", "triggers", "model", "user-invocable", "category")
PSEUDO_TAGS = ("<HARD-GATE>", "<Story id='a'/>", "<example>", "<br>", "<details>", "<kbd>")
SUPPORTING = (
    # (path template, share of skills that have some, size range, binary)
    ("references/{w}.md", 0.55, (1_500, 16_000), False),
    ("scripts/{w}.py", 0.40, (400, 6_000), False),
    ("scripts/{w}.sh", 0.20, (200, 2_000), False),
    ("assets/{w}.png", 0.15, (3_000, 60_000), True),
    ("templates/{w}.md", 0.22, (500, 4_000), False),
    ("assets/{w}.svg", 0.03, (800, 5_000), False),
    ("examples/{w}.json", 0.25, (300, 8_000), False),
)


def _paragraph(rng: random.Random, size: int) -> str:
    sentences: list[str] = []
    total = 0
    while total < size:
        sentence = _sentence(rng, rng.randint(8, 24))
        sentences.append(sentence)
        total += len(sentence) + 1
    return " ".join(sentences)


def _supporting(rng: random.Random) -> list[tuple[str, int, bool]]:
    files: list[tuple[str, int, bool]] = []
    for template, share, (low, high), binary in SUPPORTING:
        if rng.random() < share:
            for _ in range(rng.choice((1, 1, 2, 3, 5, 8))):
                path = template.format(w=f"{rng.choice(WORDS)}-{rng.randint(1, 99)}")
                files.append((path, rng.randint(low, high), binary))
    return files


def _frontmatter(rng: random.Random, name: str, flaws: set[str]) -> list[str]:
    description = f"{_sentence(rng, 18)} Use when {' '.join(rng.sample(WORDS, 8))}."
    if "yaml-invalid" in flaws:
        description = f"Helps with {rng.choice(WORDS)}: use when {rng.choice(WORDS)}"
    lines = ["---", f"name: {name}", f"description: {description}"]
    if rng.random() < 0.6:
        lines.append("license: MIT")
    if "allowed-tools-list" in flaws:
        lines += ["allowed-tools:", "  - Read", "  - Bash"]
    elif rng.random() < 0.3:
        lines.append("allowed-tools: Read Grep Bash")
    lines += ["metadata:", f'  tags: "{", ".join(rng.sample(WORDS, 3))}"']
    if "metadata-nested" in flaws:
        lines += ["  source:", "    repo: example/skills"]
    for key in rng.sample(UNKNOWN_KEYS, len(UNKNOWN_KEYS))[: flaws_count(flaws, "unknown-key")]:
        lines.append(f"{key}: {rng.choice(WORDS)}")
    lines.append("---")
    return lines


def flaws_count(flaws: set[str], prefix: str) -> int:
    return sum(1 for flaw in flaws if flaw.startswith(prefix))


def _body(rng: random.Random, name: str, size: int, files: list[str], flaws: set[str]) -> list[str]:
    lines = [f"# {name.replace('-', ' ').title()}", "", _paragraph(rng, 300), ""]
    section = 0
    while sum(len(line) + 1 for line in lines) < size:
        section += 1
        lines += [f"## {rng.choice(WORDS).title()} {section}", ""]
        kind = rng.random()
        if kind < 0.35:
            lines += [_paragraph(rng, rng.randint(200, 900)), ""]
        elif kind < 0.6:
            lines += [f"- {_sentence(rng, rng.randint(5, 14))}" for _ in range(rng.randint(3, 9))]
            lines.append("")
        elif kind < 0.8:
            language = rng.choice(("bash", "python", "json", "ts"))
            lines.append(f"```{language}")
            lines += [
                f"{rng.choice(WORDS)} --{rng.choice(WORDS)} <{rng.choice(WORDS)}>"
                for _ in range(rng.randint(3, 15))
            ]
            lines += ["```", ""]
        else:
            lines += ["| step | what |", "| --- | --- |"]
            lines += [f"| {i} | `{rng.choice(WORDS)}` {_sentence(rng, 6)} |" for i in range(5)]
            lines.append("")
        if files and rng.random() < 0.5:
            target = rng.choice(files)
            lines += [f"See [{target}]({target}) for details.", ""]
    for index in range(flaws_count(flaws, "link-missing")):
        lines += [f"Read [the guide](references/missing-{index}.md) first.", ""]
    for index in range(flaws_count(flaws, "raw-html")):
        lines += [f"{PSEUDO_TAGS[index % len(PSEUDO_TAGS)]} {_sentence(rng, 8)}", ""]
    if "body-too-long" in flaws:
        lines += [f"- {_sentence(rng, 4)}" for _ in range(520)]
    if "fence-unclosed" in flaws:
        lines += ["```bash", "echo never closed"]
    return lines


def _flaws(rng: random.Random) -> set[str]:
    flaws: set[str] = set()
    for flaw, share, most in (
        ("unknown-key", 0.5, 4),
        ("raw-html", 0.3, 4),
        ("link-missing", 0.25, 4),
    ):
        if rng.random() < share:
            flaws.update(f"{flaw}-{i}" for i in range(rng.randint(1, most)))
    for flaw, share in (
        ("yaml-invalid", 0.03),
        ("allowed-tools-list", 0.05),
        ("metadata-nested", 0.04),
        ("body-too-long", 0.03),
        ("fence-unclosed", 0.02),
        ("name-mismatch", 0.04),
        ("name-title-case", 0.02),
        ("duplicate", 0.06),
        ("skill-md-lowercase", 0.01),
        ("nested", 0.01),
    ):
        if rng.random() < share:
            flaws.add(flaw)
    return flaws


def _skill_size(rng: random.Random) -> int:
    """Bytes of SKILL.md: log-normal, mean about 7.7 KB, median about 4.6 KB."""
    return min(int(math.exp(rng.gauss(math.log(4_600), 0.9))), 120_000)


def _write_supporting(folder: Path, rng: random.Random, files: list[tuple[str, int, bool]]) -> None:
    for path, size, binary in files:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if binary:
            target.write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(size))
        else:
            target.write_text(_paragraph(rng, size) + "\n")


def generate(out: Path, skills: int, seed: int) -> None:
    rng = random.Random(seed)
    categories = [f"{rng.choice(WORDS)}-{index:02d}" for index in range(CATEGORIES)]
    names: list[str] = []
    for index in range(skills):
        flaws = _flaws(rng)
        category = categories[rng.randrange(CATEGORIES)]
        if "duplicate" in flaws and names:
            name = rng.choice(names)  # the same skill copied into another category
        else:
            name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{index:05d}"
            names.append(name)
        folder_name = name
        if "name-mismatch" in flaws:
            folder_name = f"{name}-skill"
        if "name-title-case" in flaws:
            name = name.replace("-", " ").title()
        folder = out / category / folder_name
        while folder.exists():
            folder = folder.with_name(folder.name + "-copy")
        if "nested" in flaws and index:
            outer = sorted((out / category).iterdir())[0] if (out / category).exists() else None
            if outer is not None and (outer / "SKILL.md").exists():
                folder = outer / "skills" / folder_name
        folder.mkdir(parents=True)
        supporting = _supporting(rng)
        _write_supporting(folder, rng, supporting)
        lines = [*_frontmatter(rng, name, flaws), ""]
        lines += _body(rng, name, _skill_size(rng), [p for p, _, _ in supporting], flaws)
        skill_file = "skill.md" if "skill-md-lowercase" in flaws else "SKILL.md"
        (folder / skill_file).write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--skills", type=int, default=8_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.skills, args.seed)


if __name__ == "__main__":
    main()
