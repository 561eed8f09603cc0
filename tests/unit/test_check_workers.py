"""`skillsite check` reports the same problems whatever the number of worker processes."""

from __future__ import annotations

from pathlib import Path

from sitecatalog import write_skill

from skillsite.loader import PARALLEL_MIN_SKILLS, LoadOptions, load_catalog
from skillsite.related import with_near_duplicates

COPIED_BODY = "\n".join(
    f"Step {n}: run the migration check against the staging database and compare rows."
    for n in range(12)
)


def _report(root: Path, workers: int) -> list[tuple[str, str]]:
    options = LoadOptions(workers=workers, diagnostics_only=True)
    catalog = with_near_duplicates(load_catalog(root, options))
    return [(d.path, d.code) for d in catalog.diagnostics]


def test_links_between_skills_and_copied_bodies_are_found_by_parallel_workers(
    tmp_path: Path,
) -> None:
    # Enough skills for the loader to split the work between processes.
    for index in range(PARALLEL_MIN_SKILLS + 50):
        write_skill(
            tmp_path,
            f"group-{index % 20}",
            f"skill-{index:04d}",
            description=f"Handles task number {index} of the catalog. Use when asked for it.",
            body=f"# Skill {index}\n\nDo task {index} and nothing else.\n",
        )
    write_skill(
        tmp_path,
        "group-3",
        "links-out",
        description="Points at a skill that is not in the catalog. Use when testing links.",
        body="See [the missing one](../../group-4/not-here/SKILL.md).\n",
    )
    write_skill(tmp_path, "group-5", "original", description="Migrates.", body=COPIED_BODY)
    write_skill(tmp_path, "group-9", "renamed-copy", description="Moves data.", body=COPIED_BODY)

    serial = _report(tmp_path, workers=1)
    parallel = _report(tmp_path, workers=2)

    assert parallel == serial
    assert ("group-3/links-out/SKILL.md", "skill-link-missing") in parallel
    assert ("group-5/original/SKILL.md", "near-duplicate") in parallel
    assert ("group-9/renamed-copy/SKILL.md", "near-duplicate") in parallel
