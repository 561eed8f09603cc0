#!/usr/bin/env python3
"""Audit HTTP security headers of a URL, or lint a Content-Security-Policy string.

Examples:
  check_headers.py https://example.com
  check_headers.py --csp "default-src 'self'; script-src 'self' 'unsafe-inline'"
Exit status: 0 no problems, 1 problems found, 2 bad usage or fetch error.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass

USER_AGENT = "check-headers/1.0 (+security header audit)"


@dataclass(frozen=True)
class Problem:
    header: str
    level: str  # "error" or "warning"
    message: str


def parse_csp(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens and tokens[0].lower() not in directives:
            directives[tokens[0].lower()] = tokens[1:]
    return directives


def lint_csp(policy: str) -> list[Problem]:
    d = parse_csp(policy)
    problems: list[Problem] = []
    scripts = d.get("script-src", d.get("default-src"))
    if scripts is None:
        problems.append(
            Problem("csp", "error", "no script-src or default-src: scripts unrestricted")
        )
    else:
        has_nonce_or_hash = any(s.startswith(("'nonce-", "'sha256-", "'sha384-")) for s in scripts)
        if "'unsafe-inline'" in scripts and not has_nonce_or_hash:
            problems.append(Problem("csp", "error", "script-src allows 'unsafe-inline' (XSS)"))
        if "'unsafe-eval'" in scripts:
            problems.append(Problem("csp", "warning", "script-src allows 'unsafe-eval'"))
        wide = [s for s in scripts if s in ("*", "http:", "https:", "data:")]
        if wide and "'strict-dynamic'" not in scripts:
            problems.append(Problem("csp", "error", f"script-src allows any source: {wide}"))
    if d.get("object-src", d.get("default-src")) not in (["'none'"],):
        problems.append(Problem("csp", "warning", "object-src should be 'none'"))
    if "base-uri" not in d:
        problems.append(Problem("csp", "warning", "base-uri missing (use 'none' or 'self')"))
    if "frame-ancestors" not in d:
        problems.append(Problem("csp", "warning", "frame-ancestors missing (clickjacking)"))
    if "report-to" not in d and "report-uri" not in d:
        problems.append(Problem("csp", "warning", "no report-to/report-uri: violations unseen"))
    return problems


def lint_headers(headers: dict[str, str], is_https: bool) -> list[Problem]:
    h = {k.lower(): v for k, v in headers.items()}
    problems: list[Problem] = []
    csp = h.get("content-security-policy")
    if csp:
        problems.extend(lint_csp(csp))
    elif "content-security-policy-report-only" in h:
        problems.append(Problem("csp", "warning", "CSP is report-only; not enforced yet"))
        problems.extend(lint_csp(h["content-security-policy-report-only"]))
    else:
        problems.append(Problem("content-security-policy", "error", "missing"))
    hsts = h.get("strict-transport-security", "")
    if is_https and "max-age" not in hsts:
        problems.append(Problem("strict-transport-security", "error", "missing on HTTPS"))
    elif is_https:
        max_age = hsts.lower().split("max-age=")[1].split(";")[0].strip().strip('"')
        if max_age.isdigit() and int(max_age) < 15552000:
            problems.append(
                Problem("strict-transport-security", "warning", "max-age under 180 days")
            )
    if h.get("x-content-type-options", "").lower() != "nosniff":
        problems.append(Problem("x-content-type-options", "error", "should be nosniff"))
    if "referrer-policy" not in h:
        problems.append(Problem("referrer-policy", "warning", "missing"))
    if "permissions-policy" not in h:
        problems.append(Problem("permissions-policy", "warning", "missing"))
    if "frame-ancestors" not in (csp or "") and "x-frame-options" not in h:
        problems.append(Problem("x-frame-options", "error", "no framing protection"))
    xxss = h.get("x-xss-protection")
    if xxss is not None and xxss.strip() != "0":
        problems.append(Problem("x-xss-protection", "warning", "legacy auditor; set 0 or remove"))
    for leaky in ("server", "x-powered-by"):
        if any(ch.isdigit() for ch in h.get(leaky, "")):
            problems.append(Problem(leaky, "warning", f"discloses version: {h[leaky]}"))
    return problems


def fetch_headers(url: str, timeout: float) -> tuple[str, dict[str, str]]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.geturl(), dict(response.headers.items())
    except urllib.error.HTTPError as error:  # 4xx/5xx pages need headers too
        return error.geturl() or url, dict(error.headers.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("url", nargs="?", help="URL to fetch (redirects are followed)")
    parser.add_argument("--csp", help="lint this policy string instead of fetching a URL")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds (default 10)")
    parser.add_argument("--json", action="store_true", help="print problems as JSON")
    args = parser.parse_args(argv)
    if bool(args.url) == bool(args.csp):
        parser.print_usage(sys.stderr)
        print("error: give exactly one of URL or --csp", file=sys.stderr)
        return 2

    if args.csp:
        problems = lint_csp(args.csp)
    else:
        try:
            final_url, headers = fetch_headers(args.url, args.timeout)
        except (urllib.error.URLError, ValueError, OSError) as error:
            print(f"error: cannot fetch {args.url}: {error}", file=sys.stderr)
            return 2
        problems = lint_headers(headers, final_url.startswith("https://"))
        if not args.json:
            print(f"checked {final_url}")

    if args.json:
        print(json.dumps([asdict(p) for p in problems], indent=2))
    else:
        for p in problems:
            print(f"{p.level:7} {p.header}: {p.message}")
        print(f"{len(problems)} problem(s)")
    return 1 if any(p.level == "error" for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
