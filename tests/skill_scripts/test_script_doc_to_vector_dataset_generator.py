"""The chunker bundled with catalog/ai-engineering/doc-to-vector-dataset-generator."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script

INSTALL = """---
title: Install
---
# Install

Run the installer.

## Linux

Use apt.

```bash
# a comment, not a heading
apt install foo
```

## macOS

Use brew.
"""


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_script(
        "doc-to-vector-dataset-generator", "scripts/chunk_docs.py", *args, stdin=stdin
    )


def chunks(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--max-tokens" in result.stdout


def test_chunks_follow_headings_and_keep_code_fences(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "install.md").write_text(INSTALL)
    (tmp_path / "faq.md").write_text("# FAQ\n\nRun the installer.\n")
    result = run(str(tmp_path), "--dedup")
    assert result.returncode == 0, result.stderr
    records = chunks(result.stdout)
    by_path = {(r["doc_id"], tuple(r["heading_path"])): r for r in records}
    linux = by_path[("guide/install.md", ("Install", "Linux"))]
    assert "# a comment, not a heading\napt install foo\n```" in linux["text"]
    assert linux["embed_text"].startswith("Install > Linux\n\nUse apt.")
    assert ("guide/install.md", ("Install", "macOS")) in by_path
    assert all("title:" not in r["text"] for r in records)
    # the repeated paragraph is kept once, in the first file read (faq.md)
    assert ("guide/install.md", ("Install",)) not in by_path
    assert "1 duplicates dropped" in result.stderr


def test_ids_are_stable_across_runs(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(INSTALL)
    first = [r["id"] for r in chunks(run(str(tmp_path)).stdout)]
    second = [r["id"] for r in chunks(run(str(tmp_path)).stdout)]
    assert first == second and len(set(first)) == len(first)


def test_long_sections_split_under_the_limit(tmp_path: Path) -> None:
    paragraphs = "\n\n".join(f"Paragraph {n} " + "word " * 60 for n in range(10))
    (tmp_path / "long.md").write_text(f"# Long\n\n{paragraphs}\n")
    records = chunks(run(str(tmp_path), "--max-tokens", "100").stdout)
    assert len(records) >= 5
    assert all(r["approx_tokens"] <= 100 for r in records)
    assert [r["chunk_index"] for r in records] == list(range(len(records)))


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "no such file or directory" in result.stderr


def test_overlap_repeats_a_paragraph_without_breaking_the_limit(tmp_path: Path) -> None:
    paragraphs = "\n\n".join(f"P{n} " + "word " * 20 for n in range(12))
    (tmp_path / "long.md").write_text(f"# Long\n\n{paragraphs}\n")
    result = run(str(tmp_path), "--max-tokens", "100", "--overlap-tokens", "40")
    records = chunks(result.stdout)
    assert all(r["approx_tokens"] <= 100 for r in records)
    first_of_second = records[1]["text"].split("\n\n")[0]
    assert first_of_second in records[0]["text"]
