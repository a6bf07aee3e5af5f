"""Readers: files to :class:`~timeline.model.Article`, one reader per format, chosen by extension.

Adding a format is adding a function to :data:`READERS`, not editing a chain of ifs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from timeline.errors import ContentError
from timeline.model import Article, Diagnostic, OffsetMap
from timeline.readers.frontmatter import (
    as_tags,
    published_from,
    read_sidecar,
    sidecar_path,
    split_front_matter,
)
from timeline.readers.markdown_text import markdown_text, render_markdown
from timeline.readers.news_text import news_text, outlet_from_trailer

KNOWN_KEYS = {
    "title", "published", "date", "pubDate", "source", "outlet", "url", "tags", "language", "lang",
    "references", "author", "description", "subject", "shortDescription", "img", "place", "slug",
}

Reader = Callable[[Path, str, dict, str], tuple[Article, list[Diagnostic]]]


def decode(path: Path) -> tuple[str, list[Diagnostic]]:
    """Read a file as UTF-8; undecodable bytes are replaced and reported, never fatal."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError(path, f"cannot read: {error.strerror}") from None
    if b"\x00" in data[:8192]:
        raise ContentError(path, "binary file, not an article")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = "invalid UTF-8; undecodable bytes were replaced"
        return data.decode("utf-8", errors="replace"), [Diagnostic(str(path), line, message)]


def slug_for(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "article"


def _article(
    path: Path, meta: dict, text: str, offsets: OffsetMap, *, fallback_title: str = "",
    fallback_outlet: str | None = None, language: str, published_source: str, **extra: object,
) -> Article:
    """Assemble an article from its metadata; the reader supplies what the format itself says."""
    published = published_from(meta, path)
    return Article(
        path=path,
        title=str(meta.get("title") or fallback_title or path.stem),
        text=text,
        offsets=offsets,
        published=published,
        published_source=published_source if published else None,
        source=meta.get("source") or meta.get("outlet") or fallback_outlet,
        url=meta.get("url"),
        language=str(meta.get("language") or meta.get("lang") or language),
        tags=as_tags(meta.get("tags")),
        slug=str(meta.get("slug") or slug_for(path)),
        **extra,
    )


def read_markdown(path: Path, raw: str, sidecar: dict, language: str) -> tuple[Article, list[Diagnostic]]:
    meta, body_start = split_front_matter(raw, path)
    meta = {**sidecar, **meta}
    text, offsets, headings = markdown_text(raw, body_start)
    html = render_markdown(raw[body_start:])
    source = "sidecar" if sidecar_has_date(sidecar) and not _front_has_date(raw, path) else "front matter"
    article = _article(
        path, meta, text, offsets, language=language, body_html=html, headings=headings,
        published_source=source,
    )
    return article, unknown_keys(path, meta)


def read_news_text(path: Path, raw: str, sidecar: dict, language: str) -> tuple[Article, list[Diagnostic]]:
    body_start = 1 if raw.startswith("\ufeff") else 0
    headline, text, offsets = news_text(raw, body_start)
    html = "".join(f"<p>{_escape(p.strip())}</p>\n" for p in text.split("\n\n")[1:] if p.strip())
    article = _article(
        path, sidecar, text, offsets, fallback_title=headline, fallback_outlet=outlet_from_trailer(raw),
        language=language, body_html=html, published_source="sidecar",
    )
    return article, unknown_keys(sidecar_path(path), sidecar)


def sidecar_has_date(sidecar: dict) -> bool:
    return any(key in sidecar for key in ("published", "date", "pubDate"))


def _front_has_date(raw: str, path: Path) -> bool:
    return any(key in split_front_matter(raw, path)[0] for key in ("published", "date", "pubDate"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unknown_keys(path: Path, meta: dict) -> list[Diagnostic]:
    """Unknown metadata keys are usually typos: warn, suggesting the key that was meant."""
    import difflib

    found = []
    for key in meta:
        if key in KNOWN_KEYS:
            continue
        close = difflib.get_close_matches(str(key), sorted(KNOWN_KEYS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        found.append(Diagnostic(str(path), None, f"unknown metadata key '{key}'{hint}"))
    return found


READERS: dict[str, Reader] = {".md": read_markdown, ".markdown": read_markdown, ".txt": read_news_text}


def is_article(path: Path) -> bool:
    return path.suffix.lower() in READERS and not path.name.startswith(".")


def read_article(path: Path, language: str = "en") -> tuple[Article, list[Diagnostic]]:
    """Read one article file; raises :class:`ContentError` naming the file on bad input."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ContentError(path, f"no reader for '{path.suffix}' files")
    raw, diagnostics = decode(path)
    if not raw.strip():
        raise ContentError(path, "empty file")
    article, more = reader(path, raw, read_sidecar(path), language)
    diagnostics += more
    if article.published is None:
        diagnostics.append(Diagnostic(
            str(path), None,
            "no publication date (add 'published: YYYY-MM-DD'); relative dates are resolved against dates in the text",
        ))
    return article, diagnostics
