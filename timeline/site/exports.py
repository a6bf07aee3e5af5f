"""Machine-readable exports of a chronology; ``events.json`` is a contract (see DESIGN.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timezone

from timeline.model import Chronology, DateSpan, Event
from timeline.tagger.timex import display


def date_record(span: DateSpan) -> dict:
    return {"value": span.value, "begin": span.begin.isoformat(), "end": span.end.isoformat(),
            "granularity": span.granularity, "modifier": span.modifier, "display": display(span)}


def event_record(event: Event) -> dict:
    """The contract's keys, plus ``conflicts``: dates other sources give for the same event."""
    return {
        "id": event.id,
        "date": date_record(event.span),
        "title": event.title,
        "text": event.text,
        "sources": [asdict(source) for source in event.sources],
        "tags": list(event.tags),
        "era": event.era,
        "curated": event.curated,
        "conflicts": [date_record(span) for span in event.conflicts],
    }


def events_json(chronology: Chronology, generated: datetime | None = None) -> str:
    generated = generated or datetime.now(timezone.utc)
    data = {
        "generated": generated.isoformat(timespec="seconds"),
        "title": chronology.title,
        "range": [chronology.range[0].isoformat(), chronology.range[1].isoformat()],
        "events": [event_record(event) for event in chronology.events],
        "eras": [{"name": era.name, "begin": era.begin.isoformat(), "end": era.end.isoformat(),
                  "description": era.description} for era in chronology.eras],
        "out_of_range": [event_record(event) for event in chronology.out_of_range],
        "warnings": [{"path": w.path, "line": w.line, "message": w.message, "severity": w.severity}
                     for w in chronology.warnings],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
