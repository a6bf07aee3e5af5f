"""``feed.xml``: an Atom feed of the chronology, newest events first, for feed readers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
import xml.etree.ElementTree as ET
from datetime import datetime, time, timezone

from timeline.model import Chronology, Event
from timeline.site.exports.records import last_reported, undated
from timeline.site.exports.registry import ExportContext, exporter
from timeline.tagger.timex import display

ATOM = "http://www.w3.org/2005/Atom"


def stable_id(name: str) -> str:
    """Atom ids must never change; a name-based UUID gives one without needing the site's address."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"timeline:{name}").urn


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def entry_updated(event: Event, fallback: datetime) -> str:
    """When the event was last reported (:func:`last_reported`); the feed's own time when no source says."""
    reported = last_reported(event)
    return rfc3339(datetime.combine(reported, time(), timezone.utc) if reported else fallback)


def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def entry_xml(event: Event, updated: str) -> str:
    """One ``<entry>``, written without a namespace of its own: it takes the feed's default namespace."""
    entry = ET.Element("entry")
    add(entry, "title", f"{display(event.span)}: {event.title}")
    add(entry, "id", stable_id(f"event:{event.id}"))
    add(entry, "updated", updated)
    add(entry, "link", href=f"index.html#event-{event.id}")
    add(entry, "summary", event.text)
    for tag in event.tags:
        add(entry, "category", term=tag)
    return ET.tostring(entry, encoding="unicode")


def feed_head(chronology: Chronology, context: ExportContext) -> str:
    """The feed element with everything but its entries, as text ending in ``</feed>``."""
    feed = ET.Element("feed", xmlns=ATOM)
    if context.config.url:
        feed.set("xml:base", context.config.url)
    add(feed, "title", chronology.title)
    add(feed, "id", stable_id(f"feed:{chronology.title}"))
    add(feed, "updated", rfc3339(context.generated))
    add(add(feed, "author"), "name", chronology.title)
    add(feed, "link", rel="alternate", href="index.html")
    add(feed, "link", rel="self", href="feed.xml")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True)


@exporter("atom", "feed.xml")
def atom_feed(chronology: Chronology, context: ExportContext) -> Iterator[str]:
    """Newest first; an entry is rendered again only when its event or its ``updated`` time changed."""
    yield feed_head(chronology, context).removesuffix("</feed>")
    yield from context.pieces(chronology.events, "atom",
                              lambda event: entry_xml(event, entry_updated(event, context.generated)),
                              shows_build_time=undated, newest_first=True)
    yield "</feed>"
