"""The exporter registry: format name to the file it writes and the function that writes it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from operator import attrgetter

from timeline.config import SiteConfig
from timeline.model import Chronology, Event
from timeline.site.fragments import FragmentCache


@dataclass(frozen=True)
class ExportContext:
    """What every export may need besides the chronology: one timestamp per build, so all files agree,
    and the pieces of unchanged events from earlier builds."""

    config: SiteConfig
    generated: datetime
    fragments: FragmentCache
    split: dict[int, tuple[Sequence[Event], list[list[Event]]]] = field(default_factory=dict, compare=False)

    def piece(self, event: Event, kind: Hashable, render: Callable[[], str]) -> str:
        """``event``'s piece of an export (``kind`` names the format), rendered only when it changed.

        Pieces are not stored for the next process, which asks for the year's run
        they make (:meth:`pieces`); a run to make again renders its pieces anew.
        """
        return self.fragments.fragment(event, kind, render, stored=False)

    def pieces(self, events: Sequence[Event], kind: str, render: Callable[[Event], str], separator: str = "",
               shows_build_time: Callable[[Event], bool] = lambda event: False,
               newest_first: bool = False) -> Iterator[str]:
        """Each event's piece of the format ``kind``, ``render(event)``, with ``separator`` between them.

        ``render`` may read nothing but the event and, for the events that
        ``shows_build_time`` (a function of the event alone) picks, the build's time.
        The pieces of each year's run of events are kept joined as one fragment too,
        so that a year without a changed event costs one look-up, not one an event.
        ``newest_first`` lists the events in chronological order (as ``events`` are) reversed, of
        events of the same date the earliest first: what a stable sort by date, newest first, makes of
        them. Each year's run is then the same run, sorted only when its fragment is made again.
        """
        runs = self._years(events)
        for number, run in enumerate(reversed(runs) if newest_first else runs):
            if number:
                yield separator
            yield self._run(run, kind, render, separator, shows_build_time, newest_first)

    def _years(self, events: Sequence[Event]) -> list[list[Event]]:
        """``events`` in runs of one year, split once a build: most formats list the same events. The
        list is held with its runs, so that its identity names no other list while the build runs."""
        if id(events) not in self.split:
            self.split[id(events)] = (events, [list(run) for _, run in itertools.groupby(events, key=BEGIN_YEAR)])
        return self.split[id(events)][1]

    def _run(self, run: list[Event], kind: str, render: Callable[[Event], str], separator: str,
             shows_build_time: Callable[[Event], bool], newest_first: bool) -> str:
        """The run's pieces joined; whether any shows the build's time is worked out once for the run's
        events, not again each build."""
        timed = self.fragments.derived(run, (kind, shows_build_time), lambda: any(map(shows_build_time, run)))

        def joined() -> str:
            ordered = sorted(run, key=date_order, reverse=True) if newest_first else run
            return separator.join(self.piece(event, (kind, self._time_shown(event, shows_build_time)),
                                             partial(render, event)) for event in ordered)

        return self.fragments.fragment(run, ("run", separator, kind, self.generated if timed else None, newest_first),
                                       joined)

    def _time_shown(self, event: Event, shows_build_time: Callable[[Event], bool]) -> datetime | None:
        return self.generated if shows_build_time(event) else None


BEGIN_YEAR = attrgetter("span.begin.year")


def date_order(event: Event) -> tuple:
    return event.span.sort_key()


Page = str | Iterable[str]
"""A file's text, whole or in pieces (written one after the other, never joined)."""


def page_pieces(page: Page) -> Iterable[str]:
    """The pieces of ``page``: itself when it is whole."""
    return [page] if isinstance(page, str) else page

Render = Callable[[Chronology, ExportContext], Page]


@dataclass(frozen=True)
class Exporter:
    name: str
    filename: str
    render: Render


EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, filename: str) -> Callable[[Render], Render]:
    """Register a render function as the format ``name``, written to ``filename`` in the output."""

    def register(render: Render) -> Render:
        EXPORTERS[name] = Exporter(name, filename, render)
        return render

    return register
