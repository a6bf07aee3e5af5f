"""The exporter registry: format name to the file it writes and the function that writes it."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime

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
        """``event``'s piece of an export (``kind`` names the format), rendered only when it changed."""
        return self.fragments.fragment(event, kind, render)


Render = Callable[[Chronology, ExportContext], str]


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
