"""Merging again after an edit: only around the events that changed, with a full merge's result.

``timeline serve`` merges thousands of events after every save, of which one
article's changed; :class:`IncrementalMerge` remembers the last merge's
decisions and makes again only those a change could alter
(``tests/test_incremental_merge.py`` checks it against :func:`merge_events`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import compress, count, islice, repeat
from operator import attrgetter, eq, is_, lt
from typing import NamedTuple

from timeline.merge import (
    Group,
    Match,
    Sweep,
    comparable_text,
    content_words,
    earliest_open_end,
    merged_event,
    seed_match,
    sweep_order,
)
from timeline.model import Event

Identity = tuple[Hashable, int]
"""The part an event first came in and its position there: the same identity is the same event from one
merge to the next. An event of a new version of a part that equals one of the version before keeps
that one's identity (see :meth:`IncrementalMerge.merge`)."""


class Slot(NamedTuple):
    """One event of a part, with its :func:`sweep_order` worked out once."""

    order: tuple
    part: Hashable
    index: int
    identity: Identity
    event: Event


IDENTITY = attrgetter("identity")


class IncrementalMerge:
    """:func:`merge_events` for a builder that merges again and again after a few articles change.

    It takes the events in parts, each under a key that is equal only for the same
    events (an article's cache key), and remembers the last merge: the events in
    sweep order and, for each, the seed of the group it joined, its match and the
    seed of the oldest group open when it came. After a change it copies the last
    merge's decisions up to a changed event, reopens the groups open there by
    replaying them, matches again from there, and goes back to copying once no
    group whose members differ from last time is open in either merge: from then
    until the next change every event meets the same open groups as last time, so
    it joins the same one. Merged events are made again only for groups whose
    members changed.

    The result always equals ``merge_events`` of all the parts' events. The events
    returned are the ones it keeps for the next merge, and the parts' own where a
    group has one member: later stages may set what they work out anew on every
    build (an event's era and importance) but must copy an event before changing
    anything else in it (:func:`timeline.corrections.apply_corrections` does).
    """

    def __init__(self) -> None:
        self._part_slots: dict[Hashable, list[Slot]] = {}
        self._versions: dict[Hashable, Hashable] = {}  # a part's label to the key of its version last merged
        self._order: list[Hashable] = []  # the parts' keys, in the order the last merge had them
        self._forget()
        self.matched = 0  # events the last merge matched again rather than copied

    def _forget(self) -> None:
        """No last merge to start from: the next one matches every event."""
        self._slots: list[Slot] = []
        self._positions: dict[Identity, int] = {}
        self._seeds: list[Identity] = []
        self._matches: list[Match | None] = []
        self._oldest_open: list[Identity] = []
        self._merged: dict[Identity, Event] = {}

    def merge(self, parts: Sequence[tuple[Hashable, Sequence[Event]]],
              labels: Sequence[Hashable] | None = None) -> list[Event]:
        """The merged events of all ``parts``, as :func:`merge_events` gives them.

        ``labels``, one a part, name what stays the same from one version of a part
        to the next (an article's path, when its key is its content's digest): the
        events a new version shares with the one before are then not changes, and an
        edit that adds one sentence to an article is merged again around that sentence only.
        """
        slots = self._sorted(parts, labels)
        identities = list(map(IDENTITY, slots))
        positions = dict(zip(identities, range(len(slots))))
        old_positions = self._old_positions(identities)
        if old_positions is None or 2 * old_positions.count(None) > len(slots):
            self._forget()
            old_positions = [None] * len(slots)
        run = Rerun(self, slots, identities, positions, old_positions)
        run.sweep_all()
        self._slots, self._positions = slots, positions
        self._seeds, self._matches, self._oldest_open = run.seeds, run.matches, run.oldest_open
        self._remerge(run, positions)
        self.matched = run.matched
        seeds = compress(identities, map(eq, identities, self._seeds))
        return list(map(self._merged.__getitem__, seeds))

    def _sorted(self, parts: Sequence[tuple[Hashable, Sequence[Event]]],
                labels: Sequence[Hashable] | None) -> list[Slot]:
        """Every event in the sweep's order, which is the stable sort :func:`merge_events` makes of
        all the parts' events one part after the other: ties go by part, then by position in it.

        Parts seen last time keep their slots, which are still in order when the parts
        are: then only the new parts' slots are sorted, and each put in its place.
        """
        ranks = {key: rank for rank, (key, _) in enumerate(parts)}
        if len(ranks) < len(parts):
            raise ValueError("every part needs a key of its own")
        previous = self._previous_versions(parts, labels)
        known = self._part_slots
        self._part_slots = {key: known.get(key) or self._slots_of(key, events, known.get(previous.get(key), []))
                            for key, events in parts}
        kept = [slot for slot in self._slots if slot.part in ranks]
        added = [slot for key in ranks if key not in known for slot in self._part_slots[key]]
        order, self._order = self._order, list(ranks)

        def place(slot: Slot) -> tuple:
            return slot.order, ranks[slot.part], slot.index

        if not _same_order([key for key in order if key in ranks], ranks):
            return sorted(kept + added, key=place)
        for slot in sorted(added, key=place):
            bisect.insort(kept, slot, key=place)
        return kept

    def _previous_versions(self, parts: Sequence[tuple[Hashable, Sequence[Event]]],
                           labels: Sequence[Hashable] | None) -> dict[Hashable, Hashable]:
        """For each new part, the key of the last merge's version of it, when that version is gone;
        a label that more than one part has names no version."""
        if labels is None:
            self._versions = {}
            return {}
        counted = Counter(labels)
        versions = {label: key for (key, _), label in zip(parts, labels) if counted[label] == 1}
        present = {key for key, _ in parts}
        previous = {key: self._versions.get(label) for label, key in versions.items()}
        self._versions = versions
        return {key: old for key, old in previous.items() if old is not None and old != key and old not in present}

    @staticmethod
    def _slots_of(key: Hashable, events: Sequence[Event], previous: Sequence[Slot] = ()) -> list[Slot]:
        """The part's slots; an event equal to one of ``previous`` (the part's last version) takes its identity."""
        unclaimed: dict[str, list[Slot]] = {}
        for slot in previous:
            unclaimed.setdefault(slot.event.id, []).append(slot)
        return [Slot(sweep_order(event), key, index, _identity(event, unclaimed) or (key, index), event)
                for index, event in enumerate(events)]

    def _old_positions(self, identities: list[Identity]) -> list[int | None] | None:
        """Where each event (by its identity) was last time (None: new); None when kept events changed their
        order, as they do when the caller reorders its parts. Each step over all events runs in C: a save
        at a thousand articles walks 13,000 of them."""
        found = list(map(self._positions.get, identities))
        kept = [position for position in found if position is not None]
        return found if all(map(lt, kept, islice(kept, 1, None))) else None

    def _remerge(self, run: Rerun, positions: dict[Identity, int]) -> None:
        """Merged events made again for the groups whose members changed; those of groups gone are dropped."""
        for seed in run.changed:
            if seed in positions and self._seeds[positions[seed]] == seed:
                self._merged[seed] = merged_event(run.groups[seed])
            else:
                self._merged.pop(seed, None)


def _same_order(keys: list[Hashable], ranks: dict[Hashable, int]) -> bool:
    """Whether ``keys`` (parts kept from the last merge, in its order) come in that order now too: then
    the last merge's slots of those parts are still sorted, and new slots need only be put in place."""
    return all(ranks[first] < ranks[second] for first, second in zip(keys, keys[1:]))


def _identity(event: Event, unclaimed: dict[str, list[Slot]]) -> Identity | None:
    """The identity of an equal event among ``unclaimed`` (which then loses it), if there is one."""
    candidates = unclaimed.get(event.id, [])
    for number, slot in enumerate(candidates):
        if slot.event == event:
            del candidates[number]
            return slot.identity
    return None


class Rerun:
    """One merge of an :class:`IncrementalMerge`: the new decisions, copied or made again.

    A group is *changed* when it has a member in one merge that it lacks in the
    other: it takes or loses a new, removed or differently placed event. While a
    changed group is open in either merge, the events met may decide differently
    from last time, so they are matched again; once none is, the open groups are
    the same groups with the same members as last time, and so are the decisions
    up to the next changed event.
    """

    def __init__(self, last: IncrementalMerge, slots: list[Slot], identities: list[Identity],
                 positions: dict[Identity, int], old_positions: list[int | None]) -> None:
        self.last, self.slots, self.positions, self.old_positions = last, slots, positions, old_positions
        self.removed_before = self._removed_before()
        self.seeds: list[Identity] = list(identities)
        self.matches: list[Match | None] = [None] * len(slots)
        self.oldest_open: list[Identity] = list(self.seeds)
        self.groups: dict[Identity, Group] = {}
        self.changed: set[Identity] = set()
        self.open_changed: dict[Identity, Event] = {}
        self.matched = 0

    def _removed_before(self) -> dict[int, range]:
        """The events of last time that are gone, by the position they would come before now."""
        removed, expected = {}, 0
        for position, old in enumerate(self.old_positions):
            if old is not None:
                if old > expected:
                    removed[position] = range(expected, old)
                expected = old + 1
        if expected < len(self.last._slots):
            removed[len(self.slots)] = range(expected, len(self.last._slots))
        return removed

    def sweep_all(self) -> None:
        """Every event's decision: copied where nothing changed, matched again from each change on."""
        fresh = compress(count(), map(is_, self.old_positions, repeat(None)))
        changes = sorted(set(fresh).union(self.removed_before))
        position = 0
        for change in changes:
            if position == len(self.slots):
                return
            if change >= position:
                self._copy(position, change)
                position = self._match_from(change, set(changes))
        self._copy(position, len(self.slots))

    def _copy(self, begin: int, end: int) -> None:
        """Last time's decisions for the events from ``begin`` to ``end``, which are the same events in a row."""
        if begin >= end:
            return
        old = self.old_positions[begin]
        last = self.last
        self.seeds[begin:end] = last._seeds[old:old + end - begin]
        self.matches[begin:end] = last._matches[old:old + end - begin]
        self.oldest_open[begin:end] = last._oldest_open[old:old + end - begin]

    def _match_from(self, change: int, changes: set[int]) -> int:
        """Decide the events from ``change`` on until no changed group is open; the position reached.

        An event that no open changed group could take in either merge (their seeds'
        words and dates do not match it) meets the same candidates as last time:
        its decision is replayed, not made again.
        """
        sweep, seeds = self._reopen(change)
        groups = dict(zip(seeds, sweep.groups))
        oldest = 0
        for position in range(change, len(self.slots)):
            slot = self.slots[position]
            earliest_end = earliest_open_end(slot.event.span.begin)
            self.open_changed = {seed: event for seed, event in self.open_changed.items()
                                 if event.span.end >= earliest_end}
            if position not in changes and not self.open_changed:
                return position
            self._mark_removed(position)
            while oldest < len(seeds) and sweep.groups[oldest].end < earliest_end:
                oldest += 1
            self.oldest_open[position] = seeds[oldest] if oldest < len(seeds) else slot.identity
            if position in changes or self._changed_group_could_take(slot.event):
                group, self.matches[position] = sweep.place(slot.event)
                self.matched += 1
            else:
                group = self._replay(position, sweep, groups)
            if group.number == len(seeds):
                seeds.append(slot.identity)
                self.groups[slot.identity] = groups[slot.identity] = group
            self.seeds[position] = seeds[group.number]
            self._compare(position, group)
        self._mark_removed(len(self.slots))
        return len(self.slots)

    def _changed_group_could_take(self, event: Event) -> bool:
        words = content_words(comparable_text(event))
        return any(seed_match(event, words, seed, content_words(comparable_text(seed))) is not None
                   for seed in self.open_changed.values())

    def _replay(self, position: int, sweep: Sweep, groups: dict[Identity, Group]) -> Group:
        """Last time's decision for the event at ``position``, made again in ``sweep`` without matching."""
        old = self.old_positions[position]
        seed, self.matches[position] = self.last._seeds[old], self.last._matches[old]
        event = self.slots[position].event
        if seed == self.slots[position].identity:
            return sweep.start_group(event)
        group = groups[seed]
        group.add(event, group.seed_words, self.matches[position])
        return group

    def _reopen(self, change: int) -> tuple[Sweep, list[Identity]]:
        """A sweep as it stood before ``change``, replayed from the decisions before it without matching.

        Only the groups open when the event before it came can matter; older ones are closed for good.
        """
        sweep, reopened = Sweep(), {}
        first = self.positions[self.oldest_open[change - 1]] if change else change
        for position in range(first, change):
            event, seed = self.slots[position].event, self.seeds[position]
            if seed == self.slots[position].identity:
                reopened[seed] = self.groups[seed] = sweep.start_group(event)
            elif seed in reopened:
                reopened[seed].add(event, reopened[seed].seed_words, self.matches[position])
        return sweep, list(reopened)

    def _compare(self, position: int, group: Group) -> None:
        """Mark the groups the event joined now and last time as changed, unless they are the same."""
        seed, old = self.seeds[position], self.old_positions[position]
        old_seed = None if old is None else self.last._seeds[old]
        if old_seed != seed:
            self._mark(seed, group.seed)
            if old_seed is not None:
                self._mark(old_seed, self.last._slots[self.last._positions[old_seed]].event)

    def _mark_removed(self, position: int) -> None:
        for old in self.removed_before.get(position, ()):
            seed = self.last._seeds[old]
            self._mark(seed, self.last._slots[self.last._positions[seed]].event)

    def _mark(self, seed: Identity, seed_event: Event) -> None:
        self.changed.add(seed)
        self.open_changed[seed] = seed_event
