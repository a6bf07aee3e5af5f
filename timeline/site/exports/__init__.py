"""Exports: the chronology in formats other tools open, registered by format name.

Each format is one function registered with :func:`exporter`; adding a format is
adding a module here, not a branch in the build.
"""

from __future__ import annotations

from datetime import datetime, timezone

from timeline.config import SiteConfig
from timeline.model import Chronology
from timeline.site.fragments import FragmentCache
from timeline.site.exports import atom, ical, records, timelinejs  # noqa: F401  (each registers its formats)
from timeline.site.exports.records import event_record
from timeline.site.exports.registry import EXPORTERS, ExportContext, Exporter, exporter

__all__ = ["EXPORTERS", "ExportContext", "Exporter", "event_record", "exporter", "render_exports"]


def render_exports(chronology: Chronology, config: SiteConfig, generated: datetime | None = None,
                   fragments: FragmentCache | None = None) -> dict[str, str]:
    """Every registered export, by output file name, stamped with one build time.

    Each event's piece of an export comes from ``fragments`` when the event is unchanged.
    """
    context = ExportContext(config, (generated or datetime.now(timezone.utc)).astimezone(timezone.utc),
                            fragments or FragmentCache())
    return {export.filename: export.render(chronology, context) for export in EXPORTERS.values()}
