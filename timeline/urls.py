"""The one rule for links that come from articles: absolute http(s) or mailto addresses only.

Readers drop other links with a diagnostic; the site applies the same rule to
every URL it writes, so a ``javascript:`` address never reaches an ``href``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) or mailto address, else None (shown as plain text)."""
    if not url:
        return None
    cleaned = str(url).strip()
    return cleaned if urlsplit(cleaned).scheme.lower() in SAFE_SCHEMES else None
