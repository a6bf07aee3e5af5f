"""Plain-text articles as saved from a news site.

The first non-empty line is the headline; a ``***`` line and the "Read more at
..." trailer end the article (the outlet it names becomes the source); a
sentence broken across a blank line is joined again.
"""

from __future__ import annotations

import re

from timeline.readers.textmap import TextBuilder

TRAILER = re.compile(r"^\s*(?:\*{3,}|Read more at\s+(?P<outlet>\S+?)\.?\s*$)", re.M)
PARAGRAPH_BREAK = re.compile(r"[ \t\u00a0]*\r?\n(?:[ \t\u00a0]*\r?\n)+")
OUTLETS = {"dailymail.co.uk": "Daily Mail"}


def outlet_from_trailer(raw: str) -> str | None:
    match = re.search(r"Read more at\s+(\S+?)\.?\s*$", raw, re.M)
    if not match:
        return None
    domain = match.group(1).lower()
    return OUTLETS.get(domain, match.group(1))


def continues_sentence(before: str, after: str) -> bool:
    """A paragraph that starts in lower case continues the previous one (a broken sentence)."""
    return bool(before) and bool(after) and after[0].islower() and before.rstrip()[-1:] not in ".!?"


def news_text(raw: str, body_start: int = 0) -> tuple[str, str, object]:
    """Return (headline, text, offsets) for the article in ``raw[body_start:]``."""
    trailer = TRAILER.search(raw, body_start)
    end = trailer.start() if trailer else len(raw)
    builder = TextBuilder()
    position = body_start
    previous = ""
    for brk in PARAGRAPH_BREAK.finditer(raw, body_start, end):
        previous = _copy_paragraph(builder, raw, position, brk.start(), previous)
        following = raw[brk.end():end]
        if continues_sentence(previous, following):
            builder.insert(" ", brk.start())
        else:
            builder.copy(brk.group(0), brk.start())
        position = brk.end()
    _copy_paragraph(builder, raw, position, end, previous)
    text, offsets = builder.build()
    text = text.rstrip()
    headline = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return headline, text, offsets


def _copy_paragraph(builder: TextBuilder, raw: str, start: int, end: int, previous: str) -> str:
    piece = raw[start:end]
    builder.copy(piece, start)
    return piece if piece.strip() else previous
