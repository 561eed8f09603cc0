#!/usr/bin/env python3
"""Draft Keep a Changelog sections from Conventional Commits since a git ref.

Prints Markdown grouped by section plus the SemVer bump the commits imply.
The draft is raw material: rewrite each line for users before publishing.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import asdict, dataclass

HEADER_RE = re.compile(
    r"^(?P<type>[a-zA-Z]+)(?:\((?P<scope>[^)]*)\))?(?P<bang>!)?: (?P<subject>.+)$"
)
BREAKING_RE = re.compile(r"^BREAKING[ -]CHANGE: ", re.MULTILINE)
SECTION_BY_TYPE = {
    "feat": "Added",
    "fix": "Fixed",
    "perf": "Changed",
    "refactor": None,
    "deprecate": "Deprecated",
    "revert": "Changed",
    "security": "Security",
}
SECTION_ORDER = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]
RECORD_SEP = "\x1e"
FIELD_SEP = "\x1f"


@dataclass(frozen=True)
class Commit:
    sha: str
    type: str
    scope: str
    subject: str
    breaking: bool
    section: str | None


def run_git(repo: str, *args: str) -> str:
    result = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"error: git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def last_tag(repo: str) -> str | None:
    result = subprocess.run(
        ["git", "-C", repo, "describe", "--tags", "--abbrev=0"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


def parse_commit(sha: str, message: str) -> Commit | None:
    header, _, rest = message.partition("\n")
    match = HEADER_RE.match(header.strip())
    if not match:
        return None
    kind = match["type"].lower()
    breaking = bool(match["bang"]) or bool(BREAKING_RE.search(rest))
    section = SECTION_BY_TYPE.get(kind)
    if breaking and section is None:
        section = "Changed"
    return Commit(sha, kind, match["scope"] or "", match["subject"], breaking, section)


def collect(repo: str, since: str | None) -> tuple[list[Commit], list[str]]:
    rev_range = f"{since}..HEAD" if since else "HEAD"
    raw = run_git(repo, "log", "--no-merges", f"--format=%h{FIELD_SEP}%B{RECORD_SEP}", rev_range)
    commits: list[Commit] = []
    unparsed: list[str] = []
    for record in raw.split(RECORD_SEP):
        record = record.strip("\n")
        if not record:
            continue
        sha, _, message = record.partition(FIELD_SEP)
        commit = parse_commit(sha, message)
        if commit is None:
            unparsed.append(f"{sha} {message.splitlines()[0] if message else ''}")
        else:
            commits.append(commit)
    return commits, unparsed


def implied_bump(commits: list[Commit]) -> str:
    if any(c.breaking for c in commits):
        return "major"
    if any(c.type == "feat" for c in commits):
        return "minor"
    if any(c.section for c in commits):
        return "patch"
    return "none"


def render_markdown(commits: list[Commit], unparsed: list[str], since: str | None) -> str:
    lines = [f"## [Unreleased] (draft, commits since {since or 'the first commit'})", ""]
    for section in SECTION_ORDER:
        entries = [c for c in commits if c.section == section]
        if not entries:
            continue
        lines += [f"### {section}", ""]
        for c in entries:
            scope = f"**{c.scope}**: " if c.scope else ""
            prefix = "**BREAKING** " if c.breaking else ""
            lines.append(f"- {prefix}{scope}{c.subject} ({c.sha})")
        lines.append("")
    skipped = [c for c in commits if c.section is None]
    lines.append(f"Implied version bump: {implied_bump(commits)}")
    lines.append(f"Skipped (internal types): {len(skipped)}")
    if unparsed:
        lines += ["", "Not Conventional Commits (classify by hand):", ""]
        lines += [f"- {u}" for u in unparsed]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", default=".", help="repository path (default: .)")
    parser.add_argument(
        "--since", help="git ref to start after (default: the latest tag reachable)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead")
    args = parser.parse_args()
    since = args.since or last_tag(args.repo)
    commits, unparsed = collect(args.repo, since)
    if args.json:
        payload = {
            "since": since,
            "bump": implied_bump(commits),
            "commits": [asdict(c) for c in commits],
            "unparsed": unparsed,
        }
        print(json.dumps(payload, indent=2))
    else:
        print(render_markdown(commits, unparsed, since), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
