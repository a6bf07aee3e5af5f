"""``timeline.json`` in Knight Lab TimelineJS3's format, so a TimelineJS embed opens it as is.

Dates keep their precision: TimelineJS shows a date object with only ``year``
(or ``year`` and ``month``) as a year (or month), so a span is never written as
a day it does not name.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from markupsafe import escape

from timeline.model import Chronology, Era, Event
from timeline.site.exports.records import compact_json, json_object, json_records
from timeline.site.exports.registry import ExportContext, exporter
from timeline.site.safety import safe_url
from timeline.tagger.timex import display

DATE_PARTS = {"day": ("year", "month", "day"), "week": ("year", "month", "day"), "month": ("year", "month"),
              "quarter": ("year", "month"), "season": ("year", "month"), "half": ("year", "month")}
YEAR_ONLY = ("year",)


def date_object(day: date, granularity: str) -> dict[str, int]:
    return {part: getattr(day, part) for part in DATE_PARTS.get(granularity, YEAR_ONLY)}


def slide_text(event: Event) -> str:
    """TimelineJS renders ``text.text`` as HTML, so everything from an article is escaped here."""
    sources = ", ".join(
        (f'<a href="{escape(safe_url(s.url))}">{escape(s.title)}</a>' if safe_url(s.url) else str(escape(s.title)))
        + (f" ({escape(s.source)})" if s.source else "") for s in event.sources)
    return f"<p>{escape(event.text)}</p><p>Sources: {sources}</p>"


def slide(event: Event) -> dict:
    span = event.span
    start, end = date_object(span.begin, span.granularity), date_object(span.end, span.granularity)
    record = {"unique_id": f"event-{event.id}", "start_date": start, "display_date": display(span),
              "text": {"headline": str(escape(event.title)), "text": slide_text(event)}}
    if end != start:
        record["end_date"] = end
    if event.era:
        record["group"] = event.era
    return record


def era_record(era: Era) -> dict:
    return {"start_date": date_object(era.begin, "day"), "end_date": date_object(era.end, "day"),
            "text": {"headline": str(escape(era.name)), "text": str(escape(era.description))}}


@exporter("timelinejs", "timeline.json")
def timeline_json(chronology: Chronology, context: ExportContext) -> Iterator[str]:
    title = {"text": {"headline": str(escape(chronology.title)), "text": str(escape(context.config.description))}}
    return json_object({
        "title": compact_json(title),
        "events": json_records(chronology.events, context, "timelinejs", slide),
        "eras": compact_json([era_record(era) for era in chronology.eras]),
    })
