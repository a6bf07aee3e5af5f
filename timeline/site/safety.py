"""What article content may put into a page: sanitised HTML and links with safe schemes only.

Autoescaping stops markup in text, but not a ``javascript:`` address in an
``href``; every URL from an article passes through :func:`safe_url` first.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import nh3
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise(html: str) -> Markup:
    """Article HTML from Markdown, with scripts, handlers and unsafe URLs removed."""
    return Markup(nh3.clean(html, url_schemes=set(SAFE_SCHEMES)))


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) or mailto address, else None (shown as plain text)."""
    if not url:
        return None
    cleaned = url.strip()
    return cleaned if urlsplit(cleaned).scheme.lower() in SAFE_SCHEMES else None
