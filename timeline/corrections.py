"""Editor's corrections to the machine's events, kept in ``content/corrections.toml``.

Each ``[[correction]]`` names an event by id (as ``timeline events`` lists it)
and says what to do with it::

    [[correction]]
    id = "3f2a91c0b2d4"
    suppress = true                 # not an event: drop it

    [[correction]]
    id = "8c1d0e7f5a21"
    date = "March 2011"             # any date a curated event accepts
    title = "Protests begin in Daraa"

    [[correction]]
    id = "aa11bb22cc33"
    merge = ["dd44ee55ff66"]        # the same event: fold these into it

Ids are stable across rebuilds, and the id of any report folded into a merged
event still names that event, so corrections survive new articles. A
correction the build cannot apply is a warning naming the file and line; it
never stops the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from timeline.curated import parse_written_date
from timeline.errors import ContentError
from timeline.model import DateSpan, Diagnostic, Event, MergeDecision
from timeline.tomlfile import parse_toml

KNOWN_KEYS = {"id", "suppress", "date", "title", "merge"}


@dataclass(frozen=True)
class Correction:
    """One ``[[correction]]`` table, checked, with the line it starts on."""

    id: str
    line: int | None
    suppress: bool = False
    date: DateSpan | None = None
    title: str | None = None
    merge: tuple[str, ...] = ()


def correct_events(events: list[Event], path: Path) -> tuple[list[Event], list[Diagnostic]]:
    """The events with the corrections of ``path`` applied, and every problem met on the way."""
    corrections, unreadable = load_corrections(path)
    corrected, unapplied = apply_corrections(events, corrections, path)
    return corrected, unreadable + unapplied


def load_corrections(path: Path) -> tuple[list[Correction], list[Diagnostic]]:
    """The corrections in ``path`` (none if it does not exist) and the problems found reading them."""
    if not path.exists():
        return [], []
    try:
        raw = path.read_text(encoding="utf-8")
        data = parse_toml(raw, path)
    except UnicodeDecodeError:
        return [], [Diagnostic(str(path), None, "not valid UTF-8", "error")]
    except ContentError as error:
        return [], [Diagnostic(error.path, error.line, error.message, "error")]
    entries = data.get("correction", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        return [], [Diagnostic(str(path), None, "write each correction as a [[correction]] table", "error")]
    problems = [Diagnostic(str(path), None, f"unknown table '{key}' (corrections go in [[correction]] tables)")
                for key in data if key != "correction"]
    corrections = []
    for entry, line in zip(entries, _table_lines(raw, len(entries))):
        correction, entry_problems = _read_entry(entry, line, path)
        problems += entry_problems
        if correction is not None:
            corrections.append(correction)
    return corrections, problems


def _table_lines(raw: str, count: int) -> list[int | None]:
    """The line each ``[[correction]]`` starts on (None for tables written some other way)."""
    lines: list[int | None] = [number for number, text in enumerate(raw.splitlines(), 1)
                               if re.match(r"\s*\[\[\s*correction\s*\]\]", text)]
    return lines + [None] * (count - len(lines))


def _read_entry(entry: dict, line: int | None, path: Path) -> tuple[Correction | None, list[Diagnostic]]:
    def warning(message: str) -> Diagnostic:
        return Diagnostic(str(path), line, message)

    problems = [warning(f"unknown key '{key}' (use {', '.join(sorted(KNOWN_KEYS))})") for key in entry
                if key not in KNOWN_KEYS]
    if not isinstance(entry.get("id"), str):
        return None, problems + [warning("a correction needs the 'id' of the event it corrects")]
    span = None
    if "date" in entry:
        span = parse_written_date(entry["date"])
        if span is None:
            problems.append(warning(f"'date' must be a date such as 2011-03-15 or 'March 2011', not {entry['date']!r}"))
    merge = entry.get("merge", [])
    merge = [merge] if isinstance(merge, str) else merge
    if not isinstance(merge, list) or not all(isinstance(other, str) for other in merge):
        problems.append(warning("'merge' must be a list of event ids"))
        merge = []
    if not isinstance(entry.get("suppress", False), bool):
        problems.append(warning("'suppress' must be true or false"))
    return Correction(id=entry["id"], line=line, suppress=entry.get("suppress") is True, date=span,
                      title=str(entry["title"]) if entry.get("title") else None, merge=tuple(merge)), problems


class CorrectedEvents:
    """The events under correction, found by any id they have had, even after an editor's merge."""

    def __init__(self, events: list[Event]) -> None:
        self.events = events
        self.by_id = {member_id: event for event in events for member_id in event.member_ids}
        self.dropped: set[str] = set()

    def find(self, event_id: str) -> Event | None:
        event = self.by_id.get(event_id)
        return None if event is None or event.id in self.dropped else event

    def merge(self, target: Event, other: Event) -> None:
        if other is not target:
            fold_into(target, other)
            self.dropped.add(other.id)
            self.by_id.update({member_id: target for member_id in other.member_ids})

    def drop(self, event: Event) -> None:
        self.dropped.add(event.id)

    def remaining(self) -> list[Event]:
        return [event for event in self.events if event.id not in self.dropped]


def apply_corrections(events: list[Event], corrections: list[Correction],
                      path: Path) -> tuple[list[Event], list[Diagnostic]]:
    """Apply each correction in file order; an id that names no event is a warning with the file and line.

    Without corrections the events are returned as they are: finding events by every id they have had
    means a look at each event's merges, a cost a rebuild should not pay for nothing. With them, the
    events are corrected as copies (:meth:`Event.own_copy`), since the events given may be kept for
    the next build (an incremental merge's).
    """
    if not corrections:
        return events, []
    corrected = CorrectedEvents([event.own_copy() for event in events])
    problems = []
    for correction in corrections:
        target = corrected.find(correction.id)
        if target is None:
            problems.append(Diagnostic(str(path), correction.line, f"no event has the id '{correction.id}'"))
            continue
        for other_id in correction.merge:
            other = corrected.find(other_id)
            if other is None:
                problems.append(Diagnostic(str(path), correction.line, f"no event has the id '{other_id}' to merge"))
            else:
                corrected.merge(target, other)
        target.span = correction.date or target.span
        target.title = correction.title or target.title
        if correction.suppress:
            corrected.drop(target)
    return corrected.remaining(), problems


def fold_into(target: Event, other: Event) -> None:
    """An editor's merge: ``target`` keeps its title and date and takes ``other``'s sources."""
    target.sources += [source for source in other.sources if source not in target.sources]
    target.tags = tuple(dict.fromkeys(target.tags + other.tags))
    target.merges += other.merges + [MergeDecision(member=other.id, matched=target.id, into=target.id,
                                                   reason="correction")]
    conflicts = target.conflicts + other.conflicts + [other.span]
    target.conflicts = list({span.value: span for span in conflicts if not span.overlaps(target.span)}.values())
