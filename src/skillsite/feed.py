"""feed.xml: an Atom 1.0 feed of the most recently updated skills."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime

from skillsite import layout
from skillsite.dates import iso_utc
from skillsite.model import Catalog
from skillsite.published import PublishedSkill
from skillsite.site_info import SiteInfo

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
FEED_PATH = layout.FEED
_EPOCH = datetime.fromtimestamp(0, UTC)

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def atom_feed(
    catalog: Catalog,
    skills: Sequence[PublishedSkill],
    site: SiteInfo,
    fallback_updated: datetime | None,
) -> bytes:
    """The FEED_SIZE most recently updated skills, newest first; undated skills are left out.

    The feed's own `updated` is its newest entry's, else `fallback_updated`, else 1970.
    """
    dated = [p for p in skills if p.updated is not None]
    newest = sorted(dated, key=lambda p: p.skill.name)
    newest.sort(key=lambda p: p.updated or _EPOCH, reverse=True)
    entries = newest[:FEED_SIZE]
    feed_updated = entries[0].updated if entries else (fallback_updated or _EPOCH)

    # Plain tag names under an xmlns attribute: ElementTree's default_namespace option
    # refuses the unqualified attributes (href, rel) that Atom uses.
    feed = ET.Element("feed", xmlns=ATOM)
    _text(feed, "id", f"{site.site_url}{FEED_PATH}")
    _text(feed, "title", site.site_name)
    _text(feed, "subtitle", f"Recently updated skills in {site.site_name}")
    _text(feed, "updated", iso_utc(feed_updated or _EPOCH))
    _link(feed, f"{site.site_url}{FEED_PATH}", rel="self", type="application/atom+xml")
    _link(feed, site.site_url, rel="alternate", type="text/html")
    author = ET.SubElement(feed, "author")
    _text(author, "name", site.site_name)
    for published in entries:
        skill = published.skill
        category = catalog.category(skill.category)
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", site.skill_url(skill.name))
        _text(entry, "title", skill.name)
        _text(entry, "updated", iso_utc(published.updated or _EPOCH))
        _link(entry, site.skill_url(skill.name), rel="alternate", type="text/html")
        ET.SubElement(
            entry,
            "category",
            term=_xml_safe(skill.category),
            label=_xml_safe(category.title if category else skill.category),
        )
        _text(entry, "summary", skill.description).set("type", "text")
    ET.indent(feed)
    document = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _xml_safe(text)
    return element


def _link(parent: ET.Element, href: str, **attributes: str) -> None:
    ET.SubElement(parent, "link", href=_xml_safe(href), **attributes)


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
