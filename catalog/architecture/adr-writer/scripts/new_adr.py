#!/usr/bin/env python3
"""Create the next numbered ADR file from a template and optionally supersede an old one.

Existing ADRs are files named NNNN-some-title.md in the ADR folder. The new file gets
the next free number, a slug of the title, and the template with NUMBER, TITLE, STATUS
and DATE filled in. With --supersedes N, the new ADR links to ADR N and ADR N's status
line is rewritten to "Superseded by ..." so the link goes both ways.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import unicodedata
from pathlib import Path

ADR_FILE = re.compile(r"^(\d{4})-[a-z0-9-]+\.md$")
DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "assets" / "adr-template.md"
STATUSES = ("Proposed", "Accepted", "Rejected", "Deprecated")


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "decision"


def existing_adrs(adr_dir: Path) -> dict[int, Path]:
    found: dict[int, Path] = {}
    for path in adr_dir.glob("*.md"):
        match = ADR_FILE.match(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def mark_superseded(old: Path, new: Path, new_number: int) -> None:
    lines = old.read_text(encoding="utf-8").splitlines()
    link = f"Superseded by [ADR-{new_number:04d}]({new.name})"
    for index, line in enumerate(lines):
        if re.match(r"^\s*[-*]\s*Status:", line):
            lines[index] = f"- Status: {link}"
            break
        if re.match(r"^#+\s*Status\s*$", line):
            for body_index in range(index + 1, len(lines)):
                if lines[body_index].strip():
                    lines[body_index] = link
                    break
            break
    else:
        lines[1:1] = ["", f"- Status: {link}"]
    old.write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--title", required=True, help="decision title, imperative form")
    parser.add_argument("--dir", default="docs/adr", help="ADR folder (default: docs/adr)")
    parser.add_argument("--status", default="Proposed", choices=STATUSES)
    parser.add_argument("--supersedes", type=int, metavar="N", help="number of the ADR replaced")
    parser.add_argument("--template", type=Path, default=DEFAULT_TEMPLATE)
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="YYYY-MM-DD")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    adr_dir = Path(args.dir)
    adr_dir.mkdir(parents=True, exist_ok=True)
    if not args.template.is_file():
        print(f"error: template not found: {args.template} (pass --template)", file=sys.stderr)
        return 2
    adrs = existing_adrs(adr_dir)
    if args.supersedes is not None and args.supersedes not in adrs:
        print(f"error: no ADR numbered {args.supersedes:04d} in {adr_dir}", file=sys.stderr)
        return 2
    number = max(adrs, default=0) + 1
    path = adr_dir / f"{number:04d}-{slugify(args.title)}.md"
    text = args.template.read_text(encoding="utf-8")
    values = {"NUMBER": str(number), "TITLE": args.title, "STATUS": args.status, "DATE": args.date}
    text = re.sub(r"\b(NUMBER|TITLE|STATUS|DATE)\b", lambda m: values[m.group(1)], text)
    if args.supersedes is not None:
        old = adrs[args.supersedes]
        text = text.replace(
            "- Supersedes: none", f"- Supersedes: [ADR-{args.supersedes:04d}]({old.name})", 1
        )
        mark_superseded(old, path, number)
    path.write_text(text, encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
