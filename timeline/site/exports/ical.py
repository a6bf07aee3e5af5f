"""``events.ics``: each event an all-day iCalendar event spanning its whole DateSpan (RFC 5545).

"March 2011" becomes 1 to 31 March, never a made-up day. Written by hand because
the format is a few lines and a dependency would only be needed for this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from timeline import __version__
from timeline.model import Chronology, Event
from timeline.site.exports.records import last_reported, undated
from timeline.site.exports.registry import ExportContext, exporter
from timeline.site.safety import safe_url
from timeline.tagger.timex import display

LINE_OCTETS = 75
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(text: str) -> str:
    """TEXT values escape backslash, semicolon, comma and line breaks, and may hold no other control
    character but tab (RFC 5545, 3.3.11)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    printable = CONTROL.sub("", lines.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,"))
    return printable.replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character (3.1).

    An ASCII line (most of them) is cut by slicing, one octet a character; only
    other lines are walked character by character.
    """
    if line.isascii():
        rest = range(LINE_OCTETS, len(line), LINE_OCTETS - 1)
        return "\r\n ".join([line[:LINE_OCTETS], *(line[start:start + LINE_OCTETS - 1] for start in rest)])
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def ical_date(day: date) -> str:
    return day.strftime("%Y%m%d")


def description(event: Event) -> str:
    sources = [f"{s.title} ({s.source or 'unknown outlet'}{', ' + s.published if s.published else ''})"
               + (f" {s.url}" if s.url else "") for s in event.sources]
    return f"{display(event.span)}: {event.text}\n\nSources:\n" + "\n".join(sources)


def _exclusive_end(last_day: date) -> list[str]:
    """DTEND of an all-day event is exclusive: the day after the span's last day, where the calendar has one."""
    if last_day == date.max:
        return []
    return [f"DTEND;VALUE=DATE:{ical_date(last_day + timedelta(days=1))}"]


def stamp(event: Event, generated: datetime) -> str:
    """DTSTAMP: without a METHOD it is when the entry's information last changed (RFC 5545, 3.8.7.2),
    the day the event was last reported; the build's time for an event no source dates."""
    reported = last_reported(event)
    return f"{ical_date(reported)}T000000Z" if reported else generated.strftime("%Y%m%dT%H%M%SZ")


def vevent(event: Event, stamped: str) -> list[str]:
    """One all-day calendar entry per event, linking its first source with a safe URL."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.id}@timeline",
        f"DTSTAMP:{stamped}",
        f"DTSTART;VALUE=DATE:{ical_date(event.span.begin)}",
        *_exclusive_end(event.span.end),
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(description(event))}",
    ]
    if event.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(tag) for tag in event.tags))
    url = next((safe_url(s.url) for s in event.sources if safe_url(s.url)), None)
    if url:
        lines.append(f"URL:{url}")
    return [*lines, "END:VEVENT"]


def content_lines(lines: list[str]) -> str:
    return "".join(fold(line) + "\r\n" for line in lines)


@exporter("ics", "events.ics")
def events_ics(chronology: Chronology, context: ExportContext) -> Iterator[str]:
    calendar = content_lines(["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//timeline//timeline {__version__}//EN",
                              "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{escape_text(chronology.title)}"])
    yield calendar
    yield from context.pieces(chronology.events, "ics",
                              lambda event: content_lines(vevent(event, stamp(event, context.generated))),
                              shows_build_time=undated)
    yield content_lines(["END:VCALENDAR"])
