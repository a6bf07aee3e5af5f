"""Importance: how much an event matters in a long chronology, so that themes can show highlights first.

The score is meant to be explained in one sentence: one point per article that
reports the event, one more when the event is what an article leads with (its
earliest dated sentence, the one its headline is about), and two more when an
editor curated it. Everything else scores one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from timeline.model import Event

HIGHLIGHT = 2.0

Reports = dict[str, list[tuple[int, Event]]]
"""Each article's dated reports: where in the article each was found, and the event it went to."""


def article_reports(events: Iterable[Event]) -> Reports:
    """The reports of ``events`` by article; curated sources are no article's."""
    reports: Reports = {}
    for event in events:
        for source in event.sources:
            if source.rule != "curated":
                reports.setdefault(source.path, []).append((source.start, event))
    return reports


def lead_of(reports: list[tuple[int, Event]]) -> Event:
    """The event an article leads with: the one dated by its earliest dated sentence; of two dated by the
    same expression (a correction's copies), the one of the smaller id, whatever order they come in."""
    return min(reports, key=lambda report: (report[0], report[1].id))[1]


def lead_events(events: Iterable[Event]) -> set[int]:
    """The identities of the events the articles lead with, by the rule of :func:`lead_of`, in one pass
    that keeps each article's lead so far rather than all its reports."""
    leads: dict[str, tuple[int, Event]] = {}
    for event in events:
        for source in event.sources:
            if source.rule != "curated":
                lead = leads.get(source.path)
                if lead is None or source.start < lead[0] or (source.start == lead[0] and event.id < lead[1].id):
                    leads[source.path] = (source.start, event)
    return {id(event) for _, event in leads.values()}


def score_events(events: list[Event]) -> None:
    """Give every event its importance (see the module docstring for what counts)."""
    leads = lead_events(events)
    for event in events:
        event.importance = importance_of(event, id(event) in leads)


def importance_of(event: Event, leads: bool) -> float:
    return reporting_articles(event) + (1.0 if leads else 0.0) + (2.0 if event.curated else 0.0)


def reporting_articles(event: Event) -> float:
    """The articles that report the event, and at least one: an event of one source (most are)
    counts one without a look at it, since a rebuild scores every event again."""
    sources = event.sources
    if len(sources) < 2:
        return 1.0
    return float(max(len({source.path for source in sources if source.rule != "curated"}), 1))


class ImportanceKeeper:
    """:func:`score_events` for a builder that scores again after a few events come and go.

    An event's own reports never change (a stage copies an event before changing it), so only the
    events that came are scored, and those that lead an article they or the events gone report, or
    led it until now: every other event keeps the score it has.
    """

    def __init__(self, events: list[Event]) -> None:
        score_events(events)
        self._reports = article_reports(events)
        self._leads = {path: lead_of(found) for path, found in self._reports.items()}

    def rescore(self, added: list[Event], removed: Collection[int], removed_events: Iterable[Event]) -> None:
        """Score again after the events ``added`` came and those ``removed`` (by identity) went."""
        came = article_reports(added)
        touched = set(article_reports(removed_events)) | set(came)
        changed = {id(event): event for event in added}
        for path in touched:
            reports = self._reports.get(path, []) + came.get(path, [])
            kept = [report for report in reports if id(report[1]) not in removed]
            before, after = self._leads.pop(path, None), lead_of(kept) if kept else None
            if kept:
                self._reports[path], self._leads[path] = kept, after
            else:
                del self._reports[path]
            if after is not before:
                changed.update((id(event), event) for event in (before, after)
                               if event is not None and id(event) not in removed)
        leads = {id(lead) for lead in self._leads.values()}
        for event in changed.values():
            event.importance = importance_of(event, id(event) in leads)


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
