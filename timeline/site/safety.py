"""What article content may put into a page: sanitised HTML and links with safe schemes only.

Autoescaping stops markup in text, but not a ``javascript:`` address in an
``href``; every URL from an article passes through :func:`safe_url` first.
"""

from __future__ import annotations

import nh3
from markupsafe import Markup

from timeline.urls import SAFE_SCHEMES, safe_url

__all__ = ["safe_url", "sanitise"]


def sanitise(html: str) -> Markup:
    """Article HTML from Markdown, with scripts, handlers and unsafe URLs removed."""
    return Markup(nh3.clean(html, url_schemes=set(SAFE_SCHEMES)))
