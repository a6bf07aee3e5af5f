"""``timeline events``: the chronology as a table for people, JSON for machines, and why events merged."""

from __future__ import annotations

from datetime import date

from timeline.merge import CONFLICT_WINDOW, MIN_SHARED_WORDS
from timeline.model import Chronology, Event, MergeDecision
from timeline.site.exports import event_record
from timeline.tagger.timex import display

TITLE_WIDTH = 70


def select(events: list[Event], begin: date | None, end: date | None) -> list[Event]:
    """The events whose dates touch the period from ``begin`` to ``end`` (either may be open)."""
    return [event for event in events
            if (begin is None or event.span.end >= begin) and (end is None or event.span.begin <= end)]


def find_event(chronology: Chronology, event_id: str) -> Event | None:
    """The event with this id, or the merged event a report with this id was folded into."""
    for event in chronology.events + chronology.out_of_range:
        if event_id in event.member_ids:
            return event
    return None


def events_json(events: list[Event]) -> list[dict]:
    return [event_record(event) for event in events]


def format_table(events: list[Event]) -> str:
    """One line per event: date, id, number of sources ('!' when sources disagree on the date), era, title."""
    lines = [f"{'date':<24} {'id':<12} {'src':>4}  {'era':<22} title"]
    for event in events:
        flag = "!" if event.conflicts else " "
        title = event.title if len(event.title) <= TITLE_WIDTH else event.title[:TITLE_WIDTH - 1] + "…"
        lines.append(f"{event.span.value:<24} {event.id:<12} {len(event.sources):>3}{flag}  "
                     f"{(event.era or '-')[:22]:<22} {title}")
    return "\n".join(lines)


def explain(event: Event, out_of_range: bool = False) -> str:
    """Where the event comes from and, for a merged event, the evidence behind each merge."""
    lines = [f"{event.id}: {event.title}",
             f"  date: {event.span.value} ({display(event.span)})" + ("  [outside the range]" if out_of_range else ""),
             f"  era: {event.era or '-'}" + ("  curated" if event.curated else "")]
    if event.conflicts:
        lines.append("  conflicting dates: " + ", ".join(f"{span.value} ({display(span)})" for span in event.conflicts))
    lines.append(f"  sources ({len(event.sources)}):")
    for source in event.sources:
        said = f" says {source.date} with {source.expression!r}" if source.date else ""
        lines.append(f"    {source.path} (published {source.published or 'unknown'}){said}: {source.quote}")
    if not event.merges:
        lines.append("  not merged with any other report")
    else:
        lines.append("  merged:")
        lines += [f"    {describe(decision)}" for decision in event.merges]
    return "\n".join(lines)


def describe(decision: MergeDecision) -> str:
    """One merge in words, with the score and the threshold it passed."""
    if decision.reason == "correction":
        return f"{decision.member} into {decision.into}: asked for in the corrections file"
    kind = "curated event absorbed report" if decision.reason == "curated" else "same event"
    dates = ("dates overlap" if decision.dates == "overlap"
             else f"dates differ by at most {CONFLICT_WINDOW.days} days (kept as a conflict)")
    return (f"{decision.member} ~ {decision.matched} ({kind}, kept as {decision.into}): {dates}; "
            f"similarity {decision.similarity:.2f} >= {decision.threshold:.2f} with "
            f"{len(decision.shared_words)} shared words (at least {MIN_SHARED_WORDS}): "
            + ", ".join(decision.shared_words))
