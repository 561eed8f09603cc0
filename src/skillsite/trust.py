"""What a skill page and the API say about trusting a skill: its history and its scan.

Plain data for the templates (which escape every value) and for the JSON API.
"""

from __future__ import annotations

import json

from skillsite.dates import iso_utc
from skillsite.model import Skill
from skillsite.provenance import history_document
from skillsite.risk import RULES, Level
from skillsite.site_info import SiteInfo

RULES_PAGE = "risk-scan/"


def _day(moment) -> str:
    return moment.strftime("%Y-%m-%d") if moment else ""


def history_meta(skill: Skill, site: SiteInfo) -> dict[str, object]:
    history = site.history
    found = history.folders.get(skill.folder)
    return {
        "under_git": history.under_git,
        "shallow": history.shallow,
        "added": _day(found.added) if found else "",
        "added_iso": iso_utc(found.added) if found and found.added else "",
        "changed": _day(found.changed) if found else "",
        "changed_iso": iso_utc(found.changed) if found else "",
        "changes": found.changes if found else 0,
        "contributors": list(found.contributors) if found else [],
        "history_url": site.history_url(skill.folder) if history.under_git else "",
    }


def _finding(finding) -> dict[str, object]:
    return {
        "path": finding.path,
        "line": finding.line,
        "level": finding.level.value,
        "code": finding.code,
        "rule": RULES[finding.code].summary,
        "message": finding.message,
        "excerpt": finding.excerpt,
        "allowed": finding.allowed,
    }


def scan_meta(skill: Skill) -> dict[str, object]:
    findings = [_finding(f) for f in skill.risks]
    open_findings = [f for f in skill.risks if not f.allowed]
    high = sum(1 for f in open_findings if f.level is Level.HIGH)
    if not skill.risks:
        summary = "nothing found"
    else:
        parts = [f"{len(open_findings)} finding{'s' if len(open_findings) != 1 else ''}"]
        if high:
            parts.append(f"{high} high")
        allowed = len(skill.risks) - len(open_findings)
        if allowed:
            parts.append(f"{allowed} explained by the author")
        summary = ", ".join(parts)
    return {
        "summary": summary,
        "high": high,
        "open": len(open_findings),
        "findings": findings,
        "scripts": [{"path": s.path, "sha256": s.sha256, "size": s.size} for s in skill.scripts],
        "rules_url": RULES_PAGE,
    }


def scan_document(skill: Skill) -> dict[str, object]:
    """The API's view of the scan: every finding, allowed ones with their reason."""
    return {
        "findings": [_finding(f) for f in skill.risks],
        "open_findings": sum(1 for f in skill.risks if not f.allowed),
        "scripts": [{"path": s.path, "sha256": s.sha256, "size": s.size} for s in skill.scripts],
    }


def provenance_document(skill: Skill, site: SiteInfo) -> dict[str, object]:
    history = site.history
    return {
        **history_document(history, skill.folder),
        "version": skill.metadata.get("version") or None,
        "source_url": site.source_url(skill.skill_file) or None,
        "edit_url": site.edit_url(skill.skill_file) or None,
        "history_url": (site.history_url(skill.folder) or None) if history.under_git else None,
    }


def json_ld(skill: Skill, site: SiteInfo) -> str:
    """schema.org data for a skill page, safe inside <script> (no `<`, `>` or `&` raw)."""
    found = site.history.folders.get(skill.folder)
    document: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "SoftwareSourceCode",
        "name": skill.name,
        "description": skill.description,
        "url": site.skill_url(skill.name),
        "keywords": list(skill.tags),
        "isPartOf": {"@type": "WebSite", "name": site.site_name, "url": site.site_url},
    }
    if skill.license:
        document["license"] = skill.license
    if skill.metadata.get("version"):
        document["version"] = skill.metadata["version"]
    if site.source_url(skill.skill_file):
        document["codeRepository"] = site.source_url(skill.skill_file)
    if found:
        if found.added:
            document["dateCreated"] = iso_utc(found.added)
        document["dateModified"] = iso_utc(found.changed)
        document["author"] = [{"@type": "Person", "name": n} for n in found.contributors]
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
