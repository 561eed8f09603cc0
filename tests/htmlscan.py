"""Scan HTML the way the security tests read it: guarded tags, handlers, active URLs."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Tags whose presence on a page must come from the theme, never from content.
GUARDED_TAGS = {
    "script", "iframe", "object", "embed", "form", "style", "base", "frame", "frameset",
    "applet", "meta", "link", "svg", "math", "template", "noscript",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}
BAD_SCHEMES = re.compile(r"^(javascript|vbscript|data|file):", re.IGNORECASE)


def normalise(value: str) -> str:
    # Relative prefixes and page paths differ per page; the theme's markup does not.
    value = re.sub(r"(\.\./)+|\./", "", value)
    return re.sub(r'"base":\s*"[^"]*"', '"base": ""', value)


def inert_json(text: str) -> bool:
    """JSON that cannot end its script element early or open markup."""
    try:
        json.loads(text)
    except ValueError:
        return False
    return "<" not in text and ">" not in text


@dataclass
class Finding:
    where: str
    what: str


@dataclass
class PageScan(HTMLParser):
    """Guarded tags (as normalised signatures), handlers and bad URLs of one HTML text."""

    where: str = ""
    guarded: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    _open_script: list[str] | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            # As a browser's URL parser: trim C0 controls and spaces, drop tabs and newlines.
            clean = (value or "").strip("".join(map(chr, range(0x21))))
            clean = re.sub(r"[\t\n\r]", "", clean)
            if name.startswith("on"):
                self.findings.append(Finding(self.where, f"<{tag} {name}=...>"))
            if name in URL_ATTRIBUTES and BAD_SCHEMES.match(clean):
                self.findings.append(Finding(self.where, f"<{tag} {name}={value!r}>"))
            if name == "style" and re.search(r"url\(|expression\(", clean, re.IGNORECASE):
                self.findings.append(Finding(self.where, f"<{tag} style={value!r}>"))
        if tag in GUARDED_TAGS and tag != "svg":
            signature = (
                tag
                + " "
                + " ".join(
                    f"{n}={normalise(v or '')}"
                    for n, v in sorted(attrs)
                    if not (tag in ("meta", "link") and n in ("content", "href"))
                )
            )
            if tag == "script":
                self._open_script = [signature, ""]
            else:
                self.guarded.add(signature)

    def handle_data(self, data: str) -> None:
        if self._open_script is not None:
            self._open_script[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open_script is not None:
            signature, data = self._open_script
            if signature == "script type=application/ld+json" and inert_json(data):
                data = "(JSON data)"  # content-derived, but data the browser never runs
            self.guarded.add(signature + " | " + normalise(data))
            self._open_script = None


def scan_html(text: str, where: str) -> PageScan:
    scan = PageScan(where=where)
    scan.feed(text)
    scan.close()
    return scan


def elements(page: str, tag: str) -> list[dict[str, str | None]]:
    found: list[dict[str, str | None]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
            if name == tag:
                found.append(dict(attrs))

    Collect().feed(page)
    return found


def all_attributes(page: str) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend((name, key, value or "") for key, value in attrs)

    Collect().feed(page)
    return found
