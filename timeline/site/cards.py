"""Event cards rendered once and reused: across the pages of one render, and across rebuilds.

A card appears on the index and again on its year's page, and a save in
``timeline serve`` changes the cards of one article while thousands stay the
same; rendering each card through the theme's macro is most of a rebuild. A
card is a function of the event's content, the heading level, whether the
event is a highlight, and the templates, so that is its key; the output is the
macro's own, byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import jinja2
from markupsafe import Markup

from timeline.model import Event

CardKey = tuple[bytes, int, bool]


def event_fingerprint(event: Event) -> bytes:
    """A digest of every field of the event (its repr names them all, sources and dates included)."""
    return hashlib.blake2b(repr(event).encode("utf-8"), digest_size=16).digest()


def templates_fingerprint(environment: jinja2.Environment) -> bytes:
    """A digest of every template the environment can load, so an edited theme renders its cards anew."""
    digest = hashlib.blake2b(digest_size=16)
    for name in environment.list_templates():
        source, filename, _ = environment.loader.get_source(environment, name)
        digest.update(f"{name}\0{filename}\0".encode())
        digest.update(source.encode("utf-8"))
    return digest.digest()


class CardCache:
    """Rendered cards of the last render; a render keeps only the cards it used, so memory stays bounded."""

    def __init__(self) -> None:
        self.templates = b""
        self.kept: dict[CardKey, Markup] = {}
        self.used: dict[CardKey, Markup] = {}

    def start(self, environment: jinja2.Environment) -> None:
        """Begin a render with ``environment``; cards rendered by other templates are forgotten."""
        fingerprint = templates_fingerprint(environment)
        if fingerprint != self.templates:
            self.templates, self.kept = fingerprint, {}
        self.used = {}

    def finish(self) -> None:
        self.kept, self.used = self.used, {}

    def card(self, event: Event, level: int, highlighted: bool, render: Callable[[Event, int], Markup]) -> Markup:
        """The card of ``event`` as ``render`` (the theme's macro) makes it, rendered only if not seen before."""
        key = (event_fingerprint(event), level, highlighted)
        found = self.used.get(key) or self.kept.get(key)
        if found is None:
            found = Markup(render(event, level))
        self.used[key] = found
        return found
