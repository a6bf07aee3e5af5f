"""Flat records of events: ``events.json`` (a contract, see DESIGN.md) and ``events.csv``.

JSON is written compact: it is read by programs, and indenting it makes the
encoder several times slower on a chronology of thousands of events.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import date
from operator import attrgetter

from timeline.model import Chronology, DateSpan, Event, Source
from timeline.site.exports.registry import ExportContext, Page, exporter, page_pieces
from timeline.tagger.timex import display


def last_reported(event: Event) -> date | None:
    """The latest publication day among the event's sources: when what is known of it last changed."""
    published = max((source.published for source in event.sources if source.published), default=None)
    return date.fromisoformat(published[:10]) if published else None


def undated(event: Event) -> bool:
    """Whether no source says when the event was last reported, so that its entries in the feed and the
    calendar give the build's time instead."""
    return last_reported(event) is None


def date_record(span: DateSpan) -> dict:
    return {"value": span.value, "begin": span.begin.isoformat(), "end": span.end.isoformat(),
            "granularity": span.granularity, "modifier": span.modifier, "display": display(span)}


COMPACT = (",", ":")


SOURCE_FIELDS = tuple(field.name for field in fields(Source))
_source_values = attrgetter(*SOURCE_FIELDS)


def source_record(source: Source) -> dict:
    """The source's fields in declaration order, as ``dataclasses.asdict`` gives them.

    Read straight from the instance because every field is a string, a number or
    None: ``asdict`` deep-copies each value, which at thousands of sources a build
    is the slowest part of writing ``events.json``.
    """
    return dict(zip(SOURCE_FIELDS, _source_values(source)))


def event_record(event: Event) -> dict:
    """One event as DESIGN.md's ``events.json`` describes it, plus ``curated`` and ``conflicts``
    (the dates other sources give for the same event)."""
    return {
        "id": event.id,
        "date": date_record(event.span),
        "title": event.title,
        "text": event.text,
        "sources": [source_record(source) for source in event.sources],
        "tags": list(event.tags),
        "era": event.era,
        "curated": event.curated,
        "importance": event.importance,
        "conflicts": [date_record(span) for span in event.conflicts],
    }


def compact_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=COMPACT)


def json_object(members: dict[str, Page]) -> Iterator[str]:
    """A JSON object from members already encoded, so that event records encoded earlier are reused as they are."""
    yield "{"
    for number, (name, value) in enumerate(members.items()):
        yield f"{',' if number else ''}{compact_json(name)}:"
        yield from page_pieces(value)
    yield "}"


def json_records(events: list[Event], context: ExportContext, kind: str,
                 record: Callable[[Event], dict]) -> Iterator[str]:
    """A JSON array of one record per event, each encoded once and reused while the event is unchanged."""
    yield "["
    yield from context.pieces(events, kind, lambda event: compact_json(record(event)), ",")
    yield "]"


@exporter("json", "events.json")
def events_json(chronology: Chronology, context: ExportContext) -> Iterator[str]:
    return json_object({
        "generated": compact_json(context.generated.isoformat(timespec="seconds")),
        "title": compact_json(chronology.title),
        "range": compact_json([chronology.range[0].isoformat(), chronology.range[1].isoformat()]),
        "events": json_records(chronology.events, context, "json", event_record),
        "eras": compact_json([{"name": era.name, "begin": era.begin.isoformat(), "end": era.end.isoformat(),
                               "description": era.description} for era in chronology.eras]),
        "out_of_range": json_records(chronology.out_of_range, context, "json", event_record),
        "warnings": compact_json([{"path": w.path, "line": w.line, "message": w.message, "severity": w.severity}
                                  for w in chronology.warnings]),
    })


CSV_COLUMNS = ("id", "value", "begin", "end", "granularity", "modifier", "display", "title", "text", "era", "tags",
               "outlets", "urls", "articles")


def csv_row(event: Event) -> dict[str, str]:
    """One spreadsheet row; lists are joined with '; ' so each cell stays one value a person can read."""
    span = event.span
    return {
        "id": event.id, "value": span.value, "begin": span.begin.isoformat(), "end": span.end.isoformat(),
        "granularity": span.granularity, "modifier": span.modifier or "", "display": display(span),
        "title": event.title, "text": event.text, "era": event.era or "", "tags": "; ".join(event.tags),
        "outlets": "; ".join(dict.fromkeys(s.source for s in event.sources if s.source)),
        "urls": "; ".join(dict.fromkeys(s.url for s in event.sources if s.url)),
        "articles": "; ".join(dict.fromkeys(s.path for s in event.sources)),
    }


def csv_line(row: dict[str, str] | None) -> str:
    """One CSV record (the header for None), quoted as the csv module quotes it."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    if row is None:
        writer.writeheader()
    else:
        writer.writerow(row)
    return out.getvalue()


@exporter("csv", "events.csv")
def events_csv(chronology: Chronology, context: ExportContext) -> Iterator[str]:
    yield csv_line(None)
    yield from context.pieces(chronology.events, "csv", lambda event: csv_line(csv_row(event)))
