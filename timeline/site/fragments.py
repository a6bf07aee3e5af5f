"""Event fragments rendered once and reused: cards, a year's bands of cards, an article's entry
on the sources page, each event's piece of every export and each year's run of them.

A card appears on the index and again on its year's page, and a save in
``timeline serve`` changes the events of one article while thousands stay the
same; rendering each card through the theme's macro, and each event into every
export, is most of a build. A fragment is a function of its events' content, of
its kind (the card's heading level and whether it is a highlight; the export
format) and of the templates and code that render it, so that is its key; the
output is the renderer's own, byte for byte.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import fields
from itertools import chain, compress, repeat
from operator import and_, attrgetter, eq, is_, itemgetter
from pathlib import Path

import jinja2
from markupsafe import Markup

from timeline.cache import code_fingerprint, read_stamped, write_stamped
from timeline.model import Event

FragmentKey = tuple[bytes, Hashable]
PIECES_SLACK = 4096
"""Pieces of events gone that a cache keeping text may hold beyond those of the events of its last prune."""
Subject = Event | Sequence[Event]


def event_fingerprint(event: Event) -> bytes:
    """A digest of every field of the event (its repr names them all, sources and dates included)."""
    return hashlib.blake2b(repr(event).encode("utf-8"), digest_size=16).digest()


VALUE_FIELDS = ("id", "title", "text", "tags", "era", "curated", "mark", "importance")
"""Event fields holding immutable values (strings, numbers, tuples of them): they stand for themselves."""
FROZEN_FIELD = "span"
"""The event field holding one frozen dataclass."""
FROZEN_LIST_FIELDS = ("sources", "conflicts", "merges")
"""Event fields holding lists of frozen dataclasses."""

_values_of = attrgetter(*VALUE_FIELDS)
_frozen_lists_of = attrgetter(*FROZEN_LIST_FIELDS)


def event_content(event: Event) -> tuple[tuple, tuple]:
    """A key equal for two events exactly when their fields are, and the objects it names.

    Frozen dataclass values (dates, sources, merge decisions) are named by their
    identity, which is cheap, and is sound while the objects are held: they cannot
    change, and an identity is never reused while its object lives. The other
    fields hold immutable values that stand for themselves. Which field is which is
    spelt out rather than found by looking at each value, as a rebuild keys
    thousands of events: the tests hold these names to the fields of :class:`Event`.
    """
    span, lists = getattr(event, FROZEN_FIELD), _frozen_lists_of(event)
    held = tuple(chain.from_iterable(lists))
    return (_values_of(event), id(span), tuple(map(len, lists)), tuple(map(id, held))), (span, held)


Sighting = tuple[Event, tuple, bytes]
"""An event as a render saw it: the object, a copy of the values of the fields that may change in place
(lists copied too, so that a change made in place shows) and its digest."""

SIGHTED_EVENT, SIGHTED_VALUES, SIGHTED_DIGEST = itemgetter(0), itemgetter(1), itemgetter(2)
UNSEEN = (None, None, b"")
"""A sighting of no event, for the events a render did not see: no object is it."""

EVERY_FIELD = tuple(field.name for field in fields(Event))


def values_getter(names: Sequence[str]) -> Callable[[Event], tuple]:
    """The values of the fields ``names`` of an event, as a tuple however many they are."""
    if len(names) == 1:
        return lambda event: (getattr(event, names[0]),)
    return attrgetter(*names)


def copied(values: tuple) -> tuple:
    return tuple(list(value) if isinstance(value, list) else value for value in values)


def templates_fingerprint(environment: jinja2.Environment) -> bytes:
    """A digest of every template the environment can load, so an edited theme renders its cards anew."""
    digest = hashlib.blake2b(digest_size=16)
    for name in environment.list_templates():
        source, filename, _ = environment.loader.get_source(environment, name)
        digest.update(f"{name}\0{filename}\0".encode())
        digest.update(source.encode("utf-8"))
    return digest.digest()


class FragmentCache:
    """Fragments of the last render; a render keeps only the fragments it used, so memory stays bounded.

    A cache that renders once and stores its fragments (``timeline build``) keeps them as
    UTF-8: most of a site is ASCII, which Python's strings hold in one byte a character
    only until one curly quote makes the whole fragment two or four bytes a character.
    One that renders again and again in one process (the dev server) keeps them as text
    (``keep_text``): each render would otherwise decode the whole site's fragments again,
    tens of milliseconds at a thousand articles, to spare memory the server can afford. It also
    keeps every event's export pieces from render to render, asked for or not (:meth:`_keep_pieces`).

    With a ``store`` file, the fragments outlive the process: ``timeline build``
    run again renders only those of events that changed. The file names the
    templates and the code that rendered its fragments, and is ignored when either differs.

    ``changing`` names the fields of an event its owner may change in place between renders (by
    default, every field): the very event object of the last render is unchanged while those fields
    hold what they held. An owner that copies an event before changing anything else in it, as the
    build's stages do (see :data:`timeline.model.PER_BUILD_FIELDS`), spares every render a look at
    the other fields of thousands of events.
    """

    def __init__(self, store: Path | None = None, *, keep_text: bool = False,
                 changing: Sequence[str] = EVERY_FIELD) -> None:
        self.store = store
        self.keep_text = keep_text
        self.changing = tuple(changing)
        self._changing_of = values_getter(self.changing)
        self.templates = b""
        self.kept: dict[FragmentKey, bytes | str] = {}
        self.used: dict[FragmentKey, bytes | str] = {}
        self.fingerprints: dict[int, bytes] = {}
        self.known: dict[int, bytes] = {}
        self.unstored: set[FragmentKey] = set()
        self.parts_kept: dict[FragmentKey, tuple[FragmentKey, ...]] = {}
        self.parts_used: dict[FragmentKey, tuple[FragmentKey, ...]] = {}
        self.making: list[list[FragmentKey]] = []
        self.digests: dict[tuple, tuple[bytes, tuple]] = {}
        self.digested: dict[tuple, tuple[bytes, tuple]] = {}
        self.seen: dict[int, Sighting] = {}
        self.seeing: dict[int, Sighting] = {}
        self.sequence_keys: dict[tuple[int, ...], bytes] = {}
        self.sequence_lists: dict[int, tuple[Sequence[Event], bytes]] = {}
        self.derived_kept: dict[FragmentKey, Hashable] = {}
        self.derived_used: dict[FragmentKey, Hashable] = {}
        self.rendered: Counter[str] = Counter()
        self.adopted = False
        self.pieces: dict[FragmentKey, bytes | str] = {}
        self._pieces_pruned_to = 0

    def load(self, environment: jinja2.Environment) -> None:
        """Hold the fragments kept for ``environment``'s templates (from the store, the first time), forgetting
        those rendered by other templates."""
        fingerprint = templates_fingerprint(environment) + code_fingerprint().encode()
        if fingerprint != self.templates:
            self.templates = fingerprint
            self.kept, self.parts_kept = self._load(fingerprint)
            self.pieces = {}

    def start(self, environment: jinja2.Environment) -> None:
        """Begin a render with ``environment``; fragments rendered by other templates are forgotten."""
        self.load(environment)
        self.used, self.fingerprints, self.known, self.rendered = {}, self.known, {}, Counter()
        self.sequence_keys, self.sequence_lists, self.parts_used, self.making, self.unstored = {}, {}, {}, [], set()

    def finish(self) -> None:
        """End a render: keep the fragments it used, and store them when any had to be rendered or were adopted."""
        if self.keep_text:
            self._keep_pieces()
        self.kept, self.used, self.fingerprints, self.sequence_keys, self.sequence_lists = self.used, {}, {}, {}, {}
        self.parts_kept, self.parts_used = self.parts_used, {}
        self.derived_kept, self.derived_used = self.derived_used, {}
        self.digests, self.digested = self.digested, {}
        self.seen, self.seeing = self.seeing, {}
        if self.store is not None and (self.rendered or self.adopted):
            write_stamped(self.store, self.templates, *self.lasting())
        self.adopted = False

    def lasting(self) -> tuple[dict[FragmentKey, bytes | str], dict[FragmentKey, tuple[FragmentKey, ...]]]:
        """The fragments the last render kept that outlive it (all but those only ever asked for to make a larger
        one), and of each made of others, what it was made of."""
        fragments = {key: text for key, text in self.kept.items() if key not in self.unstored}
        return fragments, {key: parts for key, parts in self.parts_kept.items() if key in fragments}

    def adopt(self, templates: bytes, fragments: dict[FragmentKey, bytes | str],
              parts: dict[FragmentKey, tuple[FragmentKey, ...]]) -> bool:
        """Keep ``fragments`` rendered elsewhere (another process) by the templates and code ``templates`` names,
        with what those made of others were made of (``parts``), for the next render to take as its own, if
        they are this cache's; whether they were.

        The next render stores them, as it would had it rendered them itself.
        """
        if templates != self.templates:
            return False
        self.kept.update(fragments)
        self.parts_kept.update(parts)
        self.adopted = True
        return True

    def fingerprints_of(self, events: Sequence[Event]) -> list[bytes]:
        """The events' digests, kept for the next render, which must be of these very event objects."""
        digests = [event_fingerprint(event) for event in events]
        self.know(events, digests)
        return digests

    def know(self, events: Sequence[Event], digests: Sequence[bytes]) -> None:
        """Take the digests of ``events`` as given (remembered with a chronology from the same inputs)."""
        self.known.update(zip(map(id, events), digests))

    def knowing(self) -> FragmentCache:
        """A cache of no fragments and no store that knows the digests this one was told of (:meth:`know`), for
        rendering the same event objects elsewhere: in another render, or in a process forked with them. It keeps
        fragments as this one does, so that those it hands over need no converting."""
        other = FragmentCache(keep_text=self.keep_text, changing=self.changing)
        other.known = dict(self.known)
        return other

    def card(self, event: Event, level: int, highlighted: bool, render: Callable[[Event, int], Markup]) -> Markup:
        """The card of ``event`` as ``render`` (the theme's macro) makes it, rendered only if not seen before."""
        return self.template_fragment(event, ("card", level, highlighted), render, event, level)

    def template_fragment(self, subject: Subject, kind: Hashable, render: Callable[..., Markup],
                          *args: object) -> Markup:
        """What the template macro ``render`` makes of ``args``, which only ``subject`` and ``kind`` may vary."""
        return self._fragment(subject, kind, lambda: render(*args), True, Markup)

    def fragment(self, subject: Subject, kind: Hashable, render: Callable[[], str], stored: bool = True) -> str:
        """The fragment of ``subject`` (an event, or a run of events such as a year's) of this ``kind``,
        from ``render`` only if not seen before.

        ``render`` must depend on nothing but the subject, the kind and the code:
        what else it reads is not part of the key. A fragment not ``stored`` is kept
        for the next render in this process but left out of the store: one that is
        only ever asked for to make a larger stored fragment again.
        """
        return self._fragment(subject, kind, render, stored, str)

    def derived(self, subject: Subject, name: Hashable, compute: Callable[[], Hashable]) -> Hashable:
        """What ``compute`` makes of ``subject`` alone (``name`` tells such values apart), computed only
        when the subject's events changed.

        For the small values a render decides by, such as which key a fragment takes:
        kept for the next render in this process, never stored.
        """
        key = (self._subject_key(subject), name)
        if key not in self.derived_used:
            self.derived_used[key] = self.derived_kept[key] if key in self.derived_kept else compute()
        return self.derived_used[key]

    def _fragment(self, subject: Subject, kind: Hashable, render: Callable[[], str], stored: bool,
                  text: type[str]) -> str:
        """The fragment as ``text`` (``str`` or ``Markup``), decoded straight into that type: a year's
        bands run to megabytes, and each copy of them costs."""
        key = (self._subject_key(subject), kind)
        if not stored:
            self.unstored.add(key)
        elif self.making:
            self.making[-1].append(key)
        found = self.used.get(key)
        if found is None:
            found = self.kept.get(key)
            if found is None and not stored:
                found = self.pieces.get(key)
            if found is not None:
                self.used[key] = found
                self._keep_parts(key)
        if found is not None:
            return _as_text(found, text)
        self.making.append([])
        try:
            made = _as_text(render(), text)
        finally:
            parts = self.making.pop()
        if parts:
            self.parts_used[key] = tuple(dict.fromkeys(parts))
        self.rendered[kind if isinstance(kind, str) else kind[0]] += 1
        self.used[key] = made if self.keep_text else made.encode("utf-8")
        return made

    def _keep_parts(self, key: FragmentKey) -> None:
        """Keep what a fragment taken as it was kept is made of (a year's cards), though this render does not
        ask for them: the render that makes the fragment again, when one of its events changes, then makes
        only that event's part again. Parts are taken in bulk, as a rebuild keeps thousands of them. Only
        stored fragments count as parts: keeping every run's pieces of every export (``stored=False``), tens
        of thousands of keys, cost a rebuild more than making a year's pieces again now and then."""
        pending = [key]
        kept, used = self.kept, self.used
        while pending:
            parent = pending.pop()
            parts = self.parts_kept.get(parent)
            if parts is None:
                continue
            self.parts_used[parent] = parts
            found = list(map(kept.get, parts))
            if None in found:
                used.update((part, text) for part, text in zip(parts, found) if text is not None)
            else:
                used.update(zip(parts, found))
            pending.extend(filter(self.parts_kept.__contains__, parts))

    def _keep_pieces(self) -> None:
        """Keep the fragments not stored (each event's piece of each export) from render to render in a cache
        that renders again and again, whether the next render asks for them or not. A year's run taken whole
        does not ask for its pieces, and carrying them along with it, tens of thousands of keys, costs each
        render more than it saves; dropped, they had to be made again at the first save in another year.
        Pieces of events gone from the chronology are dropped once they could be as many as the others."""
        used = self.used
        self.pieces.update((key, used[key]) for key in self.unstored if key in used)
        if len(self.pieces) > 2 * self._pieces_pruned_to + PIECES_SLACK:
            live = set(self.fingerprints.values())
            self.pieces = {key: text for key, text in self.pieces.items() if key[0] in live}
            self._pieces_pruned_to = len(self.pieces)

    def _subject_key(self, subject: Subject) -> bytes:
        if isinstance(subject, Event):
            return self._fingerprint(subject)
        return self._sequence_key(subject)

    def _sequence_key(self, events: Sequence[Event]) -> bytes:
        """The digest of a run of events, taken once per render: the exports and the pages ask for each
        year's run several times. Named by its events' identities, safe until :meth:`finish` as in
        :meth:`_fingerprint`; a list asked for again (a year's events, an export's run) is known by its
        own identity, held with its key so that no other list takes it, without a look at its events
        (no list of events changes while a render runs)."""
        listed = self.sequence_lists.get(id(events))
        if listed is not None and listed[0] is events:
            return listed[1]
        identities = tuple(map(id, events))
        found = self.sequence_keys.get(identities)
        if found is None:
            digests = list(map(self.fingerprints.get, identities))
            if None in digests:
                self._recognise(events, identities)
                digests = [digest or self._fingerprint(event)
                           for digest, event in zip(map(self.fingerprints.get, identities), events)]
            found = hashlib.blake2b(b"".join(digests), digest_size=16).digest()
            self.sequence_keys[identities] = found
        if isinstance(events, list):
            self.sequence_lists[id(events)] = (events, found)
        return found

    def _recognise(self, events: Sequence[Event], identities: tuple[int, ...]) -> None:
        """Take the digests of the events of a run that are the very objects of the last render, unchanged
        (see :meth:`_fingerprint`), in bulk: each step over the run is one in C, where a rebuild would
        otherwise call :meth:`_fingerprint` for each of thousands of events."""
        sightings = list(map(self.seen.get, identities, repeat(UNSEEN)))
        same = list(map(and_, map(is_, map(SIGHTED_EVENT, sightings), events),
                        map(eq, map(SIGHTED_VALUES, sightings), map(self._changing_of, events))))
        recognised = list(compress(identities, same))
        sightings = list(compress(sightings, same))
        self.seeing.update(zip(recognised, sightings))
        self.fingerprints.update(zip(recognised, map(SIGHTED_DIGEST, sightings)))

    def _fingerprint(self, event: Event) -> bytes:
        """The event's digest, taken once per render: the index and its year page show the same event.

        Events do not change while a render runs, so their identity is a safe key
        until :meth:`finish`. Across renders, the very object of the last render whose
        fields still equal the copy taken then keeps its digest: a live rebuild hands on
        most events unchanged, and comparing a dict of fields that are mostly the same
        objects is cheaper still than naming them (:meth:`_content_digest`).
        """
        found = self.fingerprints.get(id(event))
        if found is not None:
            return found
        seen = self.seen.get(id(event))
        if seen is not None and seen[0] is event and seen[1] == self._changing_of(event):
            self.seeing[id(event)] = seen
            found = seen[2]
        else:
            found = self._content_digest(event)
            self.seeing[id(event)] = (event, copied(self._changing_of(event)), found)
        self.fingerprints[id(event)] = found
        return found

    def _content_digest(self, event: Event) -> bytes:
        """The digest of an event equal field for field to one of the last render, or a new one
        (:func:`event_content`): its sources and dates are mostly the very objects of the last build,
        and comparing them by identity is many times cheaper than digesting them."""
        content = event_content(event)
        try:
            known = self.digested.get(content[0]) or self.digests.get(content[0])
        except TypeError:  # a value of a field not of its declared type, such as a list of tags
            content = known = None
        found = known[0] if known else event_fingerprint(event)
        if content is not None:
            self.digested[content[0]] = (found, content[1])
        return found

    def _load(self, fingerprint: bytes) -> tuple[dict[FragmentKey, bytes | str], dict[FragmentKey, tuple[FragmentKey, ...]]]:
        stored = read_stamped(self.store, fingerprint) if self.store is not None else None
        return (stored[0], stored[1]) if stored else ({}, {})


def _as_text(fragment: bytes | str, text: type[str]) -> str:
    """A kept fragment as ``text`` (``str`` or ``Markup``): UTF-8 decoded, text taken as it is when
    it is of that type already (a copy of a year's bands would cost as much as decoding them)."""
    if isinstance(fragment, text):
        return fragment
    return text(fragment, "utf-8") if isinstance(fragment, bytes) else text(fragment)
