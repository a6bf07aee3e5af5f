"""``sitemap.xml``: the site's pages for search engines.

The sitemap protocol wants absolute addresses, so pages are joined to the
configured ``url``; without one they stay relative, like every other link.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = {"404.html"}


def sitemap_xml(page_names: Iterable[str], base_url: str = "") -> str:
    ET.register_namespace("", SITEMAP)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    prefix = base_url.rstrip("/") + "/" if base_url else ""
    for name in sorted(page_names):
        if name.endswith(".html") and name not in NOT_LISTED:
            ET.SubElement(ET.SubElement(urlset, f"{{{SITEMAP}}}url"), f"{{{SITEMAP}}}loc").text = prefix + name
    return ET.tostring(urlset, encoding="unicode", xml_declaration=True)
