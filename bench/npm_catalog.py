"""A second, real catalog for the search quality check: SKILL.md files shipped in npm packages.

`.venv/bin/python bench/npm_catalog.py [--out bench/out/npm-catalog]` runs `npm pack` for
the packages below (pinned versions, MIT, Apache-2.0 and ISC licences), unpacks them and
lays every skill folder out as `<category>/<skill>/` (one category per package). The
skills are other people's work, so they stay out of the repository; only this recipe and
the queries (`bench/npm_catalog_queries.yml`, written before looking at any ranking) are
kept. Then:

    .venv/bin/python bench/search_quality.py --catalog bench/out/npm-catalog \\
        --queries bench/npm_catalog_queries.yml --misses
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
# category -> (package@version, folder inside the package that holds the skills)
PACKAGES = {
    "general": ("ai-labs-claude-skills@2.0.1", "package/dist/skills"),
    "project-management": ("@houseofwolvesllc/claude-scrum-skill@2.8.1", "package"),
    "dev-tools": ("@plaited/development-skills@0.8.1", "package/skills"),
    "team-guidelines": ("@wednesday-solutions-eng/ai-agent-skills@1.1.0", "package/skills"),
    "frameworks": ("@longtq2501/next-spring-skills@1.6.3", "package"),
    "automation": ("@n8n-as-code/skills@2.3.0-next.150", "package/dist/agent-skills"),
    "spec-driven": ("cc-sdd@3.0.2", "package/templates/agents/claude-code-skills/skills"),
}


def frontmatter_name(skill_file: Path) -> str | None:
    text = skill_file.read_text("utf-8", errors="replace")
    if not text.startswith("---"):
        return None
    try:
        data = yaml.safe_load(text.split("---", 2)[1])
    except yaml.YAMLError:
        return None
    return str(data.get("name")) if isinstance(data, dict) and data.get("name") else None


def unpack(spec: str, work: Path) -> Path:
    done = subprocess.run(
        ["npm", "pack", spec, "--silent", "--pack-destination", str(work)],
        check=True,
        capture_output=True,
        text=True,
    )
    folder = work / spec.replace("/", "_")
    with tarfile.open(work / done.stdout.strip().splitlines()[-1]) as archive:
        archive.extractall(folder, filter="data")
    return folder


def build(out: Path) -> int:
    if out.exists():
        shutil.rmtree(out)
    count = 0
    with tempfile.TemporaryDirectory() as scratch:
        for category, (spec, inside) in PACKAGES.items():
            root = unpack(spec, Path(scratch)) / inside
            for skill_file in sorted(root.rglob("SKILL.md")):
                name = frontmatter_name(skill_file)
                if name is None:  # a README-like SKILL.md without frontmatter: not a skill
                    continue
                # One package names a skill unlike its folder (an error the site would
                # report); the folder takes the name so the skill stays searchable.
                target = out / category / name
                if target.exists():
                    continue
                shutil.copytree(skill_file.parent, target)
                count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BENCH / "out" / "npm-catalog")
    args = parser.parse_args()
    print(f"{build(args.out)} skills in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
