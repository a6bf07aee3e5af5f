"""Chronology: events in order, inside the configured range, each in its era.

Order is by date with mixed precisions: a month sorts before the days of that
month and a year before its months; ties keep publication date, then source
order, so the order is stable across rebuilds.
"""

from __future__ import annotations

import bisect
from datetime import date
from operator import attrgetter
from pathlib import Path

from timeline.config import SiteConfig
from timeline.errors import ContentError
from timeline.importance import ImportanceKeeper, score_events
from timeline.tomlfile import read_toml
from timeline.merge import report_order
from timeline.model import Chronology, DateSpan, Diagnostic, Era, Event


EVENT_ID = attrgetter("id")


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
    score_events(events)
    inside, outside = _ordered(config, events, eras)
    return _chronology(config, inside, outside, eras, warnings)


def _ordered(config: SiteConfig, events: list[Event], eras: list[Era]) -> tuple[list[Event], list[Event]]:
    """The events in order, those inside the range and those outside, each given its era."""
    inside, outside = [], []
    for event in sorted(events, key=event_order):
        event.era = era_of(event.span, eras)
        (inside if _in_range(event, config) else outside).append(event)
    return inside, outside


def _in_range(event: Event, config: SiteConfig) -> bool:
    return event.span.begin <= config.range_end and event.span.end >= config.range_begin


def _chronology(config: SiteConfig, inside: list[Event], outside: list[Event], eras: list[Era],
                warnings: list[Diagnostic]) -> Chronology:
    return Chronology(title=config.title, range=(config.range_begin, config.range_end), events=list(inside),
                      eras=eras, out_of_range=list(outside), warnings=warnings)


class IncrementalChronology:
    """:func:`build_chronology` for a builder that orders again and again after a few events change.

    It keeps the last chronology's events in order. An event it kept is the same
    object next time exactly when it is unchanged (a stage copies an event before
    changing it, see :class:`timeline.remerge.IncrementalMerge`), and so keeps its
    place, its era and, but for the articles' leads, its importance: only the events
    that came are ordered and given an era, only they and the leads they move are
    scored. The result always equals ``build_chronology`` of the same events: events
    sharing an id, which could tie in every part of their order, are ordered afresh.
    """

    def __init__(self) -> None:
        self._held: dict[int, Event] = {}
        self._inside: list[Event] = []
        self._outside: list[Event] = []
        self._settings: tuple | None = None
        self._importance: ImportanceKeeper | None = None

    def build(self, config: SiteConfig, events: list[Event], eras: list[Era],
              warnings: list[Diagnostic]) -> Chronology:
        """The chronology of ``events``, as :func:`build_chronology` makes it."""
        held = dict(zip(map(id, events), events))
        settings = (config.range_begin, config.range_end, eras)
        added = held.keys() - self._held.keys()
        removed = self._held.keys() - held.keys()
        if (settings != self._settings or 2 * (len(added) + len(removed)) > len(events)
                or len(held) < len(events) or len(set(map(EVENT_ID, events))) < len(events)):
            return self._start(config, events, eras, warnings, held)
        self._importance.rescore([held[key] for key in added], removed, [self._held[key] for key in removed])
        if removed:
            self._inside = [event for event in self._inside if id(event) not in removed]
            self._outside = [event for event in self._outside if id(event) not in removed]
        for key in added:
            event = held[key]
            event.era = era_of(event.span, eras)
            bisect.insort(self._inside if _in_range(event, config) else self._outside, event, key=event_order)
        self._held = held
        return _chronology(config, self._inside, self._outside, eras, warnings)

    def _start(self, config: SiteConfig, events: list[Event], eras: list[Era], warnings: list[Diagnostic],
               held: dict[int, Event]) -> Chronology:
        """Order every event afresh, and keep what the next build starts from."""
        self._importance = ImportanceKeeper(events)
        self._inside, self._outside = _ordered(config, events, eras)
        self._held, self._settings = held, (config.range_begin, config.range_end, eras)
        return _chronology(config, self._inside, self._outside, eras, warnings)
