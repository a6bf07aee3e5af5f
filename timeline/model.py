"""Plain data classes passed between the pipeline stages.

Each stage takes and returns these, never global state, so that results can be
cached per article and computed in other processes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, fields, replace
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple, TypeVar

GRANULARITIES = ("day", "week", "month", "quarter", "season", "half", "year", "decade", "century")

Frozen = TypeVar("Frozen")


def pickled_by_fields(cls: type[Frozen]) -> type[Frozen]:
    """Pickle a frozen slotted dataclass as a call with its field values.

    The dataclass's own way for such classes reads its field list in Python for every
    object, pickled or unpickled; results, caches and chronologies hold hundreds of
    thousands of these, and the call is as quick as pickling a plain object's dict.
    """
    values = attrgetter(*(item.name for item in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))  # type: ignore[method-assign]
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateSpan:
    """The time an expression denotes, kept at its own precision.

    ``begin`` and ``end`` bound the span inclusively; "2011" is the whole year,
    never a filled-in day.
    """

    value: str
    begin: date
    end: date
    granularity: str
    modifier: str | None = None

    def sort_key(self) -> tuple[date, int]:
        """Earlier first; of two spans starting together, the longer (coarser) first."""
        return (self.begin, -(self.end - self.begin).days)

    def overlaps(self, other: DateSpan) -> bool:
        return self.begin <= other.end and other.begin <= self.end


class Expression(NamedTuple):
    """A temporal expression found in a text, with how it was resolved.

    ``start``/``end`` are offsets into the original file. ``anchor`` is the date
    the expression was resolved against and ``anchor_source`` where that came
    from ("publication", "expression", "heading", "inferred"), so every date can
    be traced back. A named tuple rather than a frozen dataclass: the tagger makes
    one for every date it finds, and a frozen dataclass costs several times more to make.
    """

    text: str
    start: int
    end: int
    type: str
    value: str
    span: DateSpan | None
    anchor: str | None
    anchor_source: str | None
    rule: str


@dataclass(frozen=True)
class OffsetMap:
    """Maps positions in an article's text to character offsets in its file.

    Stored as runs: text position ``text_starts[i]`` is file offset
    ``file_starts[i]`` and the following characters advance together until the
    next run. This keeps memory linear in the number of edits, not characters.
    """

    text_starts: tuple[int, ...]
    file_starts: tuple[int, ...]

    def to_file(self, position: int) -> int:
        run = bisect.bisect_right(self.text_starts, position) - 1
        return self.file_starts[run] + position - self.text_starts[run]

    @classmethod
    def identity(cls, shift: int = 0) -> OffsetMap:
        return cls((0,), (shift,))


@dataclass(frozen=True)
class Article:
    """One source document, read and ready to tag."""

    path: Path
    title: str
    text: str
    offsets: OffsetMap
    published: date | None = None
    published_source: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    tags: tuple[str, ...] = ()
    slug: str = ""
    headings: tuple[tuple[int, int], ...] = ()
    name: str = ""
    """The file's path relative to the project, as its sources name it; set by the build, which knows
    the project (the sources page finds an article's events by it, with no look at the file)."""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Source:
    """Where an event was reported: the article and the quoted sentence."""

    path: str
    title: str
    source: str | None
    url: str | None
    published: str | None
    quote: str
    expression: str
    start: int
    end: int
    anchor: str | None = None
    anchor_source: str | None = None
    rule: str | None = None
    date: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class MergeDecision:
    """Why one event was folded into another, kept so the merge can be explained.

    ``reason`` is "similar" (same time, similar text), "curated" (an editor's
    event absorbed it) or "correction" (an editor asked for it). ``matched`` is
    the event ``member`` was compared with, which may differ from ``into``,
    the event that kept its id.
    """

    member: str
    matched: str
    into: str
    reason: str
    similarity: float | None = None
    threshold: float | None = None
    shared_words: tuple[str, ...] = ()
    dates: str = ""


@dataclass(slots=True)
class Event:
    """One dated happening, possibly reported by several sources."""

    id: str
    span: DateSpan
    title: str
    text: str
    sources: list[Source]
    tags: tuple[str, ...] = ()
    era: str | None = None
    curated: bool = False
    mark: tuple[int, int] | None = None
    conflicts: list[DateSpan] = field(default_factory=list)
    merges: list[MergeDecision] = field(default_factory=list)
    importance: float = 1.0

    def own_copy(self) -> Event:
        """A copy for a stage that changes an event in place (corrections fold sources and merges
        into it): the events a stage is given may be kept for the next build, which must not see
        what this one changed.

        Shallow: the other fields are replaced, never mutated.
        """
        return replace(self, sources=list(self.sources), merges=list(self.merges))

    @property
    def member_ids(self) -> list[str]:
        """This event's id and the ids of every event merged into it, so that old ids still find it."""
        merged = (event_id for decision in self.merges for event_id in (decision.member, decision.matched))
        return list(dict.fromkeys([self.id, *merged]))


PER_BUILD_FIELDS = ("era", "importance")
"""The fields of an event the stages after the merge set anew on every build, in place: a stage that changes
anything else in an event changes a copy (:meth:`Event.own_copy`), since the events it is given may be
the very objects a live build keeps for the next build."""


@dataclass(frozen=True)
class Era:
    """A named period; eras may overlap."""

    name: str
    begin: date
    end: date
    description: str = ""


@dataclass(frozen=True)
class Diagnostic:
    """A problem with an input, reported with the file and line it concerns."""

    path: str
    line: int | None
    message: str
    severity: str = "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class Chronology:
    """Events in order, with the eras and range they were placed in."""

    title: str
    range: tuple[date, date]
    events: list[Event]
    eras: list[Era] = field(default_factory=list)
    out_of_range: list[Event] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
