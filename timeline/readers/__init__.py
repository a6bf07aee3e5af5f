"""Readers: files to :class:`~timeline.model.Article`, one reader per format, chosen by extension.

Adding a format is adding a function to :data:`READERS`, not editing a chain of ifs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from timeline.errors import ContentError
from timeline.model import Article, Diagnostic, OffsetMap
from timeline.readers.frontmatter import (
    as_tags,
    has_published,
    key_line,
    published_from,
    read_sidecar,
    sidecar_path,
    split_front_matter,
)
from timeline.readers.markdown_text import markdown_text
from timeline.readers.news_text import news_text, outlet_from_trailer
from timeline.urls import safe_url

KNOWN_KEYS = {
    "title", "published", "date", "pubDate", "source", "outlet", "url", "tags", "language", "lang",
    "references", "author", "description", "subject", "shortDescription", "img", "place", "slug",
}

Reader = Callable[[Path, str, dict, str], tuple[Article, list[Diagnostic]]]


MAX_ARTICLE_BYTES = 5_000_000


def decode(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[str, list[Diagnostic]]:
    """Read a file as UTF-8; a file in another encoding is decoded as Windows-1252 and reported.

    Scraped text is often Windows-1252; that guess keeps the words readable where
    replacing every odd byte would not.
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ContentError(path, f"file is {size:,} bytes, over the limit of {max_bytes:,} (max_article_bytes)")
        data = path.read_bytes()
    except OSError as error:
        raise ContentError(path, f"cannot read: {error.strerror}") from None
    if b"\x00" in data[:8192]:
        raise ContentError(path, "binary file, not an article")
    notes = _encoding_notes(path, data)
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        return text, notes + [Diagnostic(str(path), line, "not valid UTF-8; read as Windows-1252 instead")]


def _encoding_notes(path: Path, data: bytes) -> list[Diagnostic]:
    """Harmless quirks worth a note: editors add them silently and diffs then show every line changed."""
    notes = []
    if data.startswith(b"\xef\xbb\xbf"):
        notes.append(Diagnostic(str(path), 1, "file starts with a byte-order mark; it was ignored", "info"))
    first_crlf = data.find(b"\r\n")
    if first_crlf >= 0:
        line = data[:first_crlf].count(b"\n") + 1
        notes.append(Diagnostic(str(path), line, "Windows line endings (CRLF); read as plain line breaks", "info"))
    return notes


def checked_url(value: object, path: Path) -> tuple[str | None, list[Diagnostic]]:
    """The article's URL if safe (see :mod:`timeline.urls`); an unsafe one is dropped and reported."""
    url = safe_url(str(value)) if value else None
    if value and url is None:
        message = f"url {str(value).strip()!r} dropped: only http, https and mailto links are allowed"
        return None, [Diagnostic(str(path), None, message)]
    return url, []


def slug_for(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "article"


def _article(
    path: Path, meta: dict, text: str, offsets: OffsetMap, *, fallback_title: str = "",
    fallback_outlet: str | None = None, language: str, published_source: str, **extra: object,
) -> Article:
    """Assemble an article from its metadata; the reader supplies what the format itself says."""
    published = published_from(meta, path, str(meta.get("language") or meta.get("lang") or language))
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
    front, body_start = split_front_matter(raw, path)
    meta = {**sidecar, **front}
    text, offsets, headings = markdown_text(raw, body_start)
    source = "sidecar" if has_published(sidecar) and not has_published(front) else "front matter"
    article = _article(
        path, meta, text, offsets, language=language, headings=headings,
        published_source=source,
    )
    return article, unknown_keys(path, meta)


def read_news_text(path: Path, raw: str, sidecar: dict, language: str) -> tuple[Article, list[Diagnostic]]:
    body_start = 1 if raw.startswith("\ufeff") else 0
    headline, text, offsets = news_text(raw, body_start)
    article = _article(
        path, sidecar, text, offsets, fallback_title=headline, fallback_outlet=outlet_from_trailer(raw),
        language=language, published_source="sidecar",
    )
    return article, unknown_keys(sidecar_path(path), sidecar)


def unknown_keys(path: Path, meta: dict) -> list[Diagnostic]:
    """Unknown metadata keys are usually typos: warn, suggesting the key that was meant."""
    import difflib

    found = []
    for key in meta:
        if key in KNOWN_KEYS:
            continue
        close = difflib.get_close_matches(str(key), sorted(KNOWN_KEYS), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        found.append(Diagnostic(str(path), key_line(path, str(key)), f"unknown metadata key '{key}'{hint}"))
    return found


READERS: dict[str, Reader] = {".md": read_markdown, ".markdown": read_markdown, ".txt": read_news_text}


def is_article_name(name: str) -> bool:
    """Whether a file of this name is an article: a known format, not hidden (editors' swap files)."""
    return os.path.splitext(name)[1].lower() in READERS and not name.startswith(".")


def read_article(path: Path, language: str = "en", max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[Article, list[Diagnostic]]:
    """Read one article file; raises :class:`ContentError` naming the file on bad input."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ContentError(path, f"no reader for '{path.suffix}' files")
    raw, diagnostics = decode(path, max_bytes)
    if not raw.strip():
        raise ContentError(path, "empty file")
    article, more = reader(path, raw, read_sidecar(path), language)
    url, unsafe = checked_url(article.url, path)
    if unsafe:
        article = replace(article, url=url)
    diagnostics += more + unsafe
    if article.published is None:
        diagnostics.append(Diagnostic(
            str(path), None,
            "no publication date (add 'published: YYYY-MM-DD'); relative dates are resolved against dates in the text",
        ))
    return article, diagnostics
