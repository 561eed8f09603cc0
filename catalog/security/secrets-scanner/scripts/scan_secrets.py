#!/usr/bin/env python3
"""Scan files for likely hard-coded secrets and print redacted findings.

A quick, dependency-free first pass for when gitleaks or trufflehog is not
installed. It checks well-known token formats plus high-entropy values assigned
to secret-looking names. Exit status: 0 no findings, 1 findings, 2 bad usage.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import math
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

RULES: dict[str, re.Pattern[str]] = {
    "aws-access-key-id": re.compile(r"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b"),
    "github-token": re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36,255})\b"),
    "github-fine-grained-pat": re.compile(r"\b(github_pat_[A-Za-z0-9_]{60,255})\b"),
    "gitlab-pat": re.compile(r"\b(glpat-[A-Za-z0-9_-]{20,})\b"),
    "slack-token": re.compile(r"\b(xox[abposr]-[A-Za-z0-9-]{10,})\b"),
    "stripe-live-key": re.compile(r"\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b"),
    "google-api-key": re.compile(r"\b(AIza[0-9A-Za-z_-]{35})\b"),
    "private-key": re.compile(
        r"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----)"
    ),
    "jwt": re.compile(r"\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})"),
    "url-credentials": re.compile(r"[a-z][a-z0-9+.-]*://[^/\s:@]+:([^/\s:@]{6,})@"),
}
ASSIGNMENT = re.compile(
    r"(?i)\b[\w.-]*(?:password|passwd|secret|api[_-]?key|access[_-]?key|token|credential)s?[\w.-]*"
    r"\s*[:=]\s*['\"]?([^'\"\s,;]{12,})"
)
PLACEHOLDER = re.compile(
    r"(?i)(example|changeme|dummy|placeholder|your[_-]|xxxx|\$\{|\{\{|<|redacted|test)"
)
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", "dist", "build", ".tox"}
MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    preview: str


def shannon_entropy(value: str) -> float:
    counts = {ch: value.count(ch) for ch in set(value)}
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def redact(secret: str) -> str:
    return secret[:4] + "*" * max(len(secret) - 4, 4) if len(secret) > 8 else "*" * len(secret)


def scan_text(path: str, text: str, min_entropy: float) -> list[Finding]:
    findings: list[Finding] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "secrets-scan:allow" in line or "gitleaks:allow" in line:
            continue
        matched = False
        for rule, pattern in RULES.items():
            for match in pattern.finditer(line):
                findings.append(Finding(path, number, rule, redact(match.group(1))))
                matched = True
        if matched:
            continue
        for match in ASSIGNMENT.finditer(line):
            value = match.group(1)
            if PLACEHOLDER.search(value) or shannon_entropy(value) < min_entropy:
                continue
            findings.append(Finding(path, number, "high-entropy-assignment", redact(value)))
    return findings


def candidate_files(paths: list[Path], use_git: bool) -> list[Path]:
    if use_git:
        out = subprocess.run(["git", "ls-files", "-z"], capture_output=True, check=True)
        return [Path(p) for p in out.stdout.decode().split("\0") if p]
    files: list[Path] = []
    for root in paths:
        if root.is_file():
            files.append(root)
            continue
        for path in root.rglob("*"):
            if path.is_file() and not SKIP_DIRS.intersection(path.parts):
                files.append(path)
    return files


def read_text(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", type=Path, default=[Path(".")], help="files or folders (default: .)"
    )
    parser.add_argument(
        "--git",
        action="store_true",
        help="scan files tracked by git (git ls-files) instead of paths",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="skip paths matching GLOB (repeatable)",
    )
    parser.add_argument(
        "--min-entropy",
        type=float,
        default=3.5,
        help="entropy threshold for generic assignments (default 3.5)",
    )
    parser.add_argument("--json", action="store_true", help="print findings as a JSON array")
    args = parser.parse_args(argv)

    try:
        files = candidate_files(args.paths, args.git)
    except (subprocess.CalledProcessError, FileNotFoundError):
        print(
            "error: --git needs to run inside a git work tree with git installed", file=sys.stderr
        )
        return 2
    findings: list[Finding] = []
    for path in sorted(files):
        if any(fnmatch.fnmatch(str(path), pattern) for pattern in args.exclude):
            continue
        text = read_text(path)
        if text is not None:
            findings.extend(scan_text(str(path), text, args.min_entropy))

    if args.json:
        print(json.dumps([asdict(f) for f in findings], indent=2))
    else:
        for f in findings:
            print(f"{f.path}:{f.line}: {f.rule}: {f.preview}")
        print(f"{len(findings)} finding(s) in {len(files)} file(s)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
