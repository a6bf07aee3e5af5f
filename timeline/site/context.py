"""What templates see: the chronology grouped for reading, and the filters that format it.

Every theme gets the same context, so a theme only decides how things look,
never how events are grouped, which are highlights or how a date is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, groupby
from operator import attrgetter
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from timeline.config import SiteConfig
from timeline.importance import highlights
from timeline.model import Chronology, DateSpan, Era, Event
from timeline.site.exports import EXPORTERS
from timeline.site.safety import safe_url, sanitise
from timeline.tagger.timex import display

PALETTE_SIZE = 6
HTML_DATETIME: dict[str, Callable[[DateSpan], str]] = {
    "day": lambda span: span.begin.isoformat(),
    "week": lambda span: f"{span.begin.isocalendar().year}-W{span.begin.isocalendar().week:02d}",
    "month": lambda span: span.begin.strftime("%Y-%m"),
    "year": lambda span: f"{span.begin.year:04d}",
}


@dataclass
class Band:
    """A run of consecutive events of one era inside a year, drawn as one coloured band."""

    era: str | None
    colour: int
    events: list[Event] = field(default_factory=list)
    anchor: str = ""


@dataclass
class Year:
    """The events of one calendar year in bands; ``page`` is its own page when the chronology is long."""

    year: int
    bands: list[Band] = field(default_factory=list)
    page: str = ""

    @cached_property
    def events(self) -> list[Event]:
        """The year's events, listed once: asked for by the pages and the fragment keys of every render,
        and so always the same list, known to the fragment cache by its identity. Read once the
        year's bands are complete (:func:`by_year` makes them)."""
        return [event for band in self.bands for event in band.events]


def slug(text: str) -> str:
    """A name as a fragment identifier: stable across builds, readable in a shared link."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def era_colours(eras: list[Era]) -> dict[str | None, int]:
    """Each era keeps one palette colour everywhere; events outside every era get none (-1)."""
    return {None: -1, **{era.name: number % PALETTE_SIZE for number, era in enumerate(eras)}}


BEGIN_YEAR = attrgetter("span.begin.year")
ERA = attrgetter("era")
EVENT_ID = attrgetter("id")
SOURCES = attrgetter("sources")
OUTLET = attrgetter("source")


def by_year(events: list[Event], eras: list[Era], year_pages: bool = False) -> list[Year]:
    """Events grouped by the year they begin in, and inside a year into runs of one era.

    The first band of each era carries the era's anchor (``era-<slug>``), the
    target of the era navigation. Events in order come in runs of one year and era, taken a run
    at a time rather than an event at a time: a live rebuild groups every event again.
    """
    colours, anchored = era_colours(eras), set()
    years: dict[int, Year] = {}
    for number, of_year in groupby(events, key=BEGIN_YEAR):
        year = years.get(number)
        if year is None:
            year = years[number] = Year(number, page=f"years/{number}.html" if year_pages else "")
        for era, of_era in groupby(of_year, key=ERA):
            if not year.bands or year.bands[-1].era != era:
                anchor = f"era-{slug(era)}" if era and era not in anchored else ""
                if anchor:
                    anchored.add(era)
                year.bands.append(Band(era, colours.get(era, -1), anchor=anchor))
            year.bands[-1].events.extend(of_era)
    return list(years.values())


def marked_text(event: Event) -> Markup:
    """The event's sentence, escaped, with the date expression it was dated by in ``<mark>``."""
    if not event.mark:
        return escape(event.text)
    start, end = event.mark
    text = event.text
    return escape(text[:start]) + Markup("<mark>") + escape(text[start:end]) + Markup("</mark>") + escape(text[end:])


def time_value(span: DateSpan) -> str:
    """The ``datetime`` of a ``<time>`` element at the span's own precision where HTML has one."""
    return HTML_DATETIME.get(span.granularity, HTML_DATETIME["day"])(span)


def iso(day: date) -> str:
    return day.isoformat()


def long_date(day: date) -> str:
    """A day as readers write it, '8 December 2024', for fixed dates such as an era's bounds."""
    return f"{day.day} {day:%B} {day.year}"


def era_anchors(years: list[Year]) -> dict[str, str]:
    """Where each era's first band is; an era without events has none, so nothing links to it."""
    return {band.era: band.anchor for year in years for band in year.bands if band.anchor and band.era}


def bands_key(year: Year, level: int, highlighted: set[str], eras: list[Era]) -> tuple:
    """Everything a year's bands show besides its events: the fragment kind of ``macros.fresh_bands``.
    Which events are highlights is asked in C, one look-up an event, since each page showing the
    year asks again."""
    layout = tuple((band.era, band.colour, band.anchor, len(band.events)) for band in year.bands)
    return ("bands", level, year.year, layout, tuple((era.name, era.description) for era in eras),
            tuple(map(highlighted.__contains__, map(EVENT_ID, year.events))))


def events_by_article(events: list[Event]) -> dict[str, list[Event]]:
    """For the sources page: each article path with the events it reported, each event once."""
    found: dict[str, list[Event]] = {}
    for event in events:
        sources = event.sources
        paths = (sources[0].path,) if len(sources) == 1 else dict.fromkeys(source.path for source in sources)
        for path in paths:
            found.setdefault(path, []).append(event)
    return found


def outlets(events: list[Event]) -> list[str]:
    """Every outlet that reports an event, for the source filter: one look-up a report, in C, since a
    live rebuild lists them again."""
    named = set(map(OUTLET, chain.from_iterable(map(SOURCES, events))))
    return sorted(named - {None, ""})


FILTERS: dict[str, Callable[..., Any]] = {"display": display, "marked": marked_text, "time_value": time_value,
                                          "iso": iso, "long_date": long_date, "safe_url": safe_url}


def site_context(chronology: Chronology, config: SiteConfig, about_html: str) -> dict[str, Any]:
    """The variables of every page; ``many_events`` turns on year pages and the highlights-first index."""
    events = chronology.events
    many = len(events) >= config.many_events
    years = by_year(events, chronology.eras, year_pages=many)
    chosen = highlights(events, config.highlights_per_year) if many else set()
    return {
        "site": config,
        "chronology": chronology,
        "years": years,
        "era_anchors": era_anchors(years),
        "eras": chronology.eras,
        "era_colours": era_colours(chronology.eras),
        "eras_by_name": {era.name: era for era in chronology.eras},
        "many_events": many,
        "highlights": chosen,
        "bands_key": lambda year, level: bands_key(year, level, chosen, chronology.eras),
        "tags": sorted({tag for event in events for tag in event.tags}),
        "outlets": outlets(events),
        "about_html": sanitise(about_html),
        "articles": chronology.articles,
        "events_by_article": events_by_article(events + chronology.out_of_range),
        "exports": {export.name: export.filename for export in EXPORTERS.values()},
    }
