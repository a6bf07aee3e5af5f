"""The exporter registry: format name to the file it writes and the function that writes it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

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

    def piece(self, event: Event, kind: Hashable, render: Callable[[], str]) -> str:
        """``event``'s piece of an export (``kind`` names the format), rendered only when it changed.

        Pieces are not stored for the next process, which asks for the year's run
        they make (:meth:`pieces`); a run to make again renders its pieces anew.
        """
        return self.fragments.fragment(event, kind, render, stored=False)

    def pieces(self, events: Sequence[Event], kind_of: Callable[[Event], Hashable], render: Callable[[Event], str],
               separator: str = "") -> Iterator[str]:
        """Each event's piece, ``render(event)`` under ``kind_of(event)``, with ``separator`` between them.

        The pieces of each year's run of events are kept joined as one fragment too,
        so that a year without a changed event costs one look-up, not one an event.
        """
        runs = itertools.groupby(events, key=lambda event: event.span.begin.year)
        for number, (_, run) in enumerate(runs):
            if number:
                yield separator
            yield self._run(list(run), kind_of, render, separator)

    def _run(self, run: list[Event], kind_of: Callable[[Event], Hashable], render: Callable[[Event], str],
             separator: str) -> str:
        kinds = [kind_of(event) for event in run]

        def joined() -> str:
            return separator.join(self.piece(event, kind, partial(render, event)) for event, kind in zip(run, kinds))

        return self.fragments.fragment(run, ("run", separator, tuple(kinds)), joined)


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
