"""Markdown bodies: plain text (with offsets) for the tagger, and HTML for the about page."""

from __future__ import annotations

import re

import markdown

from timeline.readers.textmap import TextBuilder

# Markup that is dropped whole (images: their alt text is not article text),
# or replaced by the text it wraps (links), or dropped as bare syntax.
INLINE = re.compile(
    r"(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|\[(?P<link>[^\]]+)\]\([^)]*\)"
    r"|(?P<html><[^>\n]+>)"
    r"|(?P<syntax>^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`)",
    re.M,
)


def markdown_text(raw: str, body_start: int) -> tuple[str, object, tuple[tuple[int, int], ...]]:
    """Plain text of a Markdown body, its offset map, and the spans of its headings in that text.

    Headings are kept because narrative text takes its years from them.
    """
    builder = TextBuilder()
    heading_starts = []
    position = body_start
    for match in INLINE.finditer(raw, body_start):
        builder.copy(raw[position:match.start()], position)
        if match.group("link") is not None:
            builder.copy(match.group("link"), match.start("link"))
        elif (match.group("syntax") or "").lstrip().startswith("#"):
            heading_starts.append(builder.length)
        position = match.end()
    builder.copy(raw[position:], position)
    text, offsets = builder.build()
    return text, offsets, tuple((start, _line_end(text, start)) for start in heading_starts)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def render_markdown(body: str) -> str:
    """Markdown to HTML; the site stage sanitises it before it reaches a page."""
    return markdown.markdown(body, extensions=["extra", "sane_lists"], output_format="html")
