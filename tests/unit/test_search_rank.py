"""The site's ranking code (docs/assets/skillsite-rank.js) run under Node over a small
catalog's real search index: what a reader typing a skill's name gets first."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from sitecatalog import write_skill

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
from search_quality import rank_queries  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rank") / "catalog"
    # Names made of stop words and one-letter words, next to skills that share their
    # other words and say them more often.
    write_skill(root, "docs", "what-the", description="Explains odd compiler messages.")
    write_skill(root, "docs", "c-docs", description="Writes reference docs for C libraries.")
    write_skill(root, "docs", "docs-out", description="Exports docs to PDF and HTML.")
    write_skill(
        root, "docs", "docs-sync", description="Keeps docs in sync with code: docs, docs, docs."
    )
    write_skill(
        root,
        "plans",
        "process-plan-executor",
        description="Executes plans step by step.",
        body="# Executing Plans\n\nExecuting plans, one step at a time.\n",
    )
    write_skill(root, "plans", "executing-plans", description="Runs a written plan.")
    write_skill(root, "infra", "infra-proxmox", description="Manages Proxmox hosts.")
    write_skill(
        root,
        "infra",
        "infra-proxmox-backup",
        description="Backs up Proxmox infra: Proxmox infra snapshots, Proxmox infra restores.",
    )
    write_skill(root, "print", "latex-posters", description="Lays out LaTeX posters.")
    # A misspelling whose stem ("pot") is a word of another skill.
    write_skill(root, "print", "pottery", description="Glazing notes for old pots.")
    return root


@pytest.mark.parametrize(
    "query",
    ["what-the", "what the", "c-docs", "c docs", "docs-out", "Docs Out", "executing plans"],
)
def test_a_skill_s_whole_name_ranks_it_first(catalog: Path, query: str) -> None:
    for summary_only in (True, False):
        (found,) = rank_queries(catalog, [query], summary_only)
        assert found[:1] == [query.lower().replace(" ", "-")], (query, summary_only, found)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("proxmox infra", "infra-proxmox"),  # a name's words in another order
        ("latex poters", "latex-posters"),  # a typo whose stem another skill has
    ],
)
def test_reordered_and_misspelt_names_still_rank_the_skill_first(
    catalog: Path, query: str, expected: str
) -> None:
    (found,) = rank_queries(catalog, [query], False)
    assert found[:1] == [expected], found
