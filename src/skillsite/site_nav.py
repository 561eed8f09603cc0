"""The site's navigation, the same for every engine: Home, all skills, the categories,
hand-written pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from skillsite import layout
from skillsite.browse import BROWSE_PAGE_URI, BROWSE_TITLE
from skillsite.model import Catalog
from skillsite.render import page_title

NAV_FILE = "nav.json"  # written by `skillsite generate` beside docs/ and files/


def navigation(catalog: Catalog, pages: Mapping[str, str], hand_written: Sequence) -> list:
    """MkDocs-style `nav`: categories that have a page, in catalog order."""
    categories = [
        {page_title(c.title): layout.category_page(c.key)}
        for c in catalog.categories
        if layout.category_page(c.key) in pages
    ]
    browse = [{BROWSE_TITLE: BROWSE_PAGE_URI}] if BROWSE_PAGE_URI in pages else []
    return [{"Home": layout.HOME_PAGE}, *browse, {"Categories": categories}, *hand_written]
