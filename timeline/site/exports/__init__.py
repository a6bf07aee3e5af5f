"""Exports: the chronology in formats other tools open, registered by format name.

Each format is one function registered with :func:`exporter`; adding a format is
adding a module here, not a branch in the build.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

from timeline.config import SiteConfig
from timeline.model import Chronology
from timeline.site.fragments import FragmentCache
from timeline.site.exports import atom, ical, records, timelinejs  # noqa: F401  (each registers its formats)
from timeline.site.exports.records import event_record
from timeline.site.exports.registry import EXPORTERS, ExportContext, Exporter, Page, exporter

__all__ = ["EXPORTERS", "ExportContext", "Exporter", "Page", "build_moment", "event_record", "exporter",
           "generate_exports"]


def build_moment(generated: datetime | None = None) -> datetime:
    """The build's time as every export writes it: in UTC, to the second; now, unless ``generated`` is given."""
    return (generated or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)


def generate_exports(chronology: Chronology, config: SiteConfig, generated: datetime | None = None,
                     fragments: FragmentCache | None = None) -> Iterator[tuple[str, Page]]:
    """Every registered export by file name, one at a time and in pieces, stamped with one build time.

    Each event's piece of an export comes from ``fragments`` when the event is unchanged. The time is
    taken to the second, as every format writes it, so that pieces showing it are made again only
    when what they show changed.
    """
    context = ExportContext(config, build_moment(generated), fragments or FragmentCache())
    for export in EXPORTERS.values():
        yield export.filename, export.render(chronology, context)
