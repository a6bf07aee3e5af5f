"""Chronology: events in order, inside the configured range, each in its era.

Order is by date with mixed precisions: a month sorts before the days of that
month and a year before its months; ties keep publication date, then source
order, so the order is stable across rebuilds.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timeline.config import SiteConfig
from timeline.errors import ContentError
from timeline.importance import score_events
from timeline.tomlfile import read_toml
from timeline.merge import report_order
from timeline.model import Chronology, DateSpan, Diagnostic, Era, Event


def event_order(event: Event) -> tuple:
    """By date (coarser spans first when they start together), then by the order of their reports."""
    return (*event.span.sort_key(), *report_order(event))


def load_eras(path: Path) -> list[Era]:
    """Eras from a TOML file of ``[[era]]`` tables with name, begin, end and description."""
    if not path.exists():
        return []
    data = read_toml(path)
    eras = []
    for number, entry in enumerate(data.get("era", []), 1):
        try:
            begin, end = _as_date(entry["begin"]), _as_date(entry["end"])
            eras.append(Era(str(entry["name"]), begin, end, str(entry.get("description", ""))))
        except (KeyError, ValueError, TypeError) as error:
            raise ContentError(path, f"era {number} needs a name and begin/end dates ({error})") from None
    return eras


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def era_of(span: DateSpan, eras: list[Era]) -> str | None:
    """The narrowest era holding the event's start (eras may overlap).

    A coarse date that starts before every era holding part of it ("2010 and
    2011" against an era from December 2010) goes to the era it overlaps most.
    """
    holding = [era for era in eras if era.begin <= span.begin <= era.end]
    if holding:
        return min(holding, key=lambda era: era.end - era.begin).name
    overlapping = [era for era in eras if era.begin <= span.end and span.begin <= era.end]
    return max(overlapping, key=lambda era: _shared_days(span, era)).name if overlapping else None


def _shared_days(span: DateSpan, era: Era) -> int:
    return (min(span.end, era.end) - max(span.begin, era.begin)).days


def build_chronology(config: SiteConfig, events: list[Event], eras: list[Era],
                     warnings: list[Diagnostic]) -> Chronology:
    """Order the events, set aside those outside the range, and give each its era and importance."""
    begin, end = config.range_begin, config.range_end
    inside, outside = [], []
    score_events(events)
    for event in sorted(events, key=event_order):
        event.era = era_of(event.span, eras)
        (inside if event.span.begin <= end and event.span.end >= begin else outside).append(event)
    return Chronology(title=config.title, range=(begin, end), events=inside, eras=eras, out_of_range=outside,
                      warnings=warnings)
