"""Importance: how much an event matters in a long chronology, so that themes can show highlights first.

The score is meant to be explained in one sentence: one point per article that
reports the event, one more when the event is what an article leads with (its
earliest dated sentence, the one its headline is about), and two more when an
editor curated it. Everything else scores one.
"""

from __future__ import annotations

from collections.abc import Iterable

from timeline.model import Event

HIGHLIGHT = 2.0


def lead_event_ids(events: Iterable[Event]) -> set[str]:
    """The event each article leads with: the one dated by its earliest dated sentence."""
    leads: dict[str, tuple[int, str]] = {}
    for event in events:
        for source in event.sources:
            if source.rule != "curated":
                lead = leads.get(source.path)
                if lead is None or source.start < lead[0]:
                    leads[source.path] = (source.start, event.id)
    return {event_id for _, event_id in leads.values()}


def score_events(events: list[Event]) -> None:
    """Give every event its importance (see the module docstring for what counts)."""
    leads = lead_event_ids(events)
    for event in events:
        event.importance = reporting_articles(event) + (1.0 if event.id in leads else 0.0) + (
            2.0 if event.curated else 0.0)


def reporting_articles(event: Event) -> float:
    """The articles that report the event, and at least one: an event of one source (most are)
    counts one without a look at it, since a rebuild scores every event again."""
    sources = event.sources
    if len(sources) < 2:
        return 1.0
    return float(max(len({source.path for source in sources if source.rule != "curated"}), 1))


def highlights(events: list[Event], per_year: int = 0) -> set[str]:
    """Events that score at least :data:`HIGHLIGHT`; with ``per_year``, only the best of each year.

    Ties keep chronological order, so the cap is stable across rebuilds.
    """
    by_year: dict[int, list[Event]] = {}
    for event in events:
        if event.importance >= HIGHLIGHT:
            by_year.setdefault(event.span.begin.year, []).append(event)
    chosen = set()
    for year_events in by_year.values():
        ranked = sorted(year_events, key=lambda event: -event.importance)
        chosen |= {event.id for event in (ranked[:per_year] if per_year else ranked)}
    return chosen
