#!/usr/bin/env python3
"""Make or check HTTP deprecation headers (RFC 9745 Deprecation, RFC 8594 Sunset).

make:   print the headers for a deprecation
        deprecation_headers.py make --deprecation 2026-12-01 --sunset 2027-06-30 \
            --docs https://example.com/changes/v1 --successor https://api.example.com/v2/
check:  read a raw response head (curl -sI URL, or a file) and validate it
        curl -sI https://api.example.com/v1/orders | deprecation_headers.py check -

Rules checked:
  Deprecation is a structured-field date: "@" followed by Unix seconds
  Sunset is an HTTP-date (IMF-fixdate, e.g. "Wed, 30 Jun 2027 00:00:00 GMT")
  Sunset is later than Deprecation, by at least --min-notice-days (default 180)
  A Link with rel="deprecation" points to human-readable documentation

Exit code: 0 ok, 1 findings, 2 usage or unreadable input. Stdlib only.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

SF_DATE = re.compile(r"^@(-?\d{1,15})$")
LINK_PART = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]+)*)")
MAX_INPUT = 200_000
UTC = timezone(timedelta(0))  # not datetime.UTC: keeps Python 3.10 working


def parse_day(value: str) -> datetime:
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD date") from None


def make(args: argparse.Namespace) -> int:
    if args.sunset <= args.deprecation:
        print("error: --sunset must be after --deprecation", file=sys.stderr)
        return 2
    print(f"Deprecation: @{int(args.deprecation.timestamp())}")
    print(f"Sunset: {format_datetime(args.sunset, usegmt=True)}")
    links = [f'<{args.docs}>; rel="deprecation"; type="text/html"']
    if args.successor:
        links.append(f'<{args.successor}>; rel="successor-version"')
    print("Link: " + ", ".join(links))
    return 0


def read_headers(text: str) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("HTTP/"):
            headers.clear()  # keep only the last response after redirects
            continue
        name, sep, value = line.partition(":")
        if sep and name.strip():
            headers.setdefault(name.strip().lower(), []).append(value.strip())
    return headers


def link_relations(values: list[str]) -> dict[str, str]:
    relations: dict[str, str] = {}
    for value in values:
        for target, params in LINK_PART.findall(value):
            match = re.search(r'rel="?([^";]+)"?', params)
            if match:
                for rel in match.group(1).split():
                    relations[rel.lower()] = target
    return relations


def check(args: argparse.Namespace) -> int:
    try:
        text = sys.stdin.read(MAX_INPUT) if args.input == "-" else Path(args.input).read_text()
    except OSError as exc:
        print(f"error: {args.input}: cannot read ({exc.strerror})", file=sys.stderr)
        return 2
    headers = read_headers(text[:MAX_INPUT])
    findings: list[str] = []
    deprecation = sunset = None
    if "deprecation" not in headers:
        findings.append("no Deprecation header")
    else:
        raw = headers["deprecation"][-1]
        match = SF_DATE.match(raw)
        if match:
            deprecation = datetime.fromtimestamp(int(match.group(1)), tz=UTC)
        else:
            findings.append(
                f"Deprecation {raw!r} is not '@<unix seconds>' (RFC 9745); "
                "'true' and HTTP-dates are pre-standard forms"
            )
    if "sunset" in headers:
        raw = headers["sunset"][-1]
        try:
            sunset = parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            sunset = None
        if sunset is None or sunset.tzinfo is None or not raw.endswith("GMT"):
            findings.append(
                f"Sunset {raw!r} is not an HTTP-date like 'Wed, 30 Jun 2027 00:00:00 GMT'"
            )
            sunset = None
    else:
        findings.append("no Sunset header: clients cannot plan the removal date")
    if deprecation and sunset:
        if sunset <= deprecation:
            findings.append("Sunset is not later than Deprecation")
        elif sunset - deprecation < timedelta(days=args.min_notice_days):
            days = (sunset - deprecation).days
            findings.append(
                f"only {days} days between Deprecation and Sunset (< {args.min_notice_days})"
            )
    relations = link_relations(headers.get("link", []))
    if "deprecation" not in relations:
        findings.append('no Link with rel="deprecation" pointing to migration docs')
    for finding in findings:
        print(f"finding: {finding}")
    if not findings:
        print(
            f"ok: deprecated {deprecation:%Y-%m-%d}, sunset {sunset:%Y-%m-%d}, "
            f"docs {relations['deprecation']}"
        )
    return 1 if findings else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Make or check Deprecation/Sunset/Link headers for a deprecated API.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    make_parser = sub.add_parser("make", help="print headers for a deprecation")
    make_parser.add_argument("--deprecation", type=parse_day, required=True, help="YYYY-MM-DD")
    make_parser.add_argument("--sunset", type=parse_day, required=True, help="YYYY-MM-DD")
    make_parser.add_argument("--docs", required=True, help="URL of the migration guide")
    make_parser.add_argument("--successor", help="URL of the replacement version")
    check_parser = sub.add_parser("check", help="validate a response head (file or -)")
    check_parser.add_argument("input", help="file with raw headers, or - for stdin")
    check_parser.add_argument("--min-notice-days", type=int, default=180)
    args = parser.parse_args(argv)
    return make(args) if args.command == "make" else check(args)


if __name__ == "__main__":
    sys.exit(main())
