"""Merging: one event per real happening, however many sentences report it.

Two reports are the same event when their dates overlap and their sentences
share most of their content words. The measure is the overlap coefficient
(shared words over the words of the shorter text), so that a terse caption can
match a long lead paragraph, and the shared words themselves explain the score.
Reports a few days apart still merge when their texts are nearly the same; the
date most reports agree with wins and the others stay on the event as
conflicts. A curated event always wins: it keeps its title, text and date and
takes the sources of the reports it absorbs.

Events are compared only with the seeds of groups whose dates are near their
own and of a kind that can relate to theirs, and that share enough words with
them (a sweep over events in date order, with an index from each word to the
open groups whose seed has it, one index for each class of seed dates), so the
cost grows with the number of similar events in a week, not with the square of
all events. A live build merges again only around what changed
(:mod:`timeline.remerge`), with exactly the result of a full merge.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from timeline.model import DateSpan, Event, MergeDecision

MERGE_THRESHOLD = 0.5
CONFLICT_THRESHOLD = 0.75
CONFLICT_WINDOW = timedelta(days=7)
MIN_SHARED_WORDS = 3
MONTH_DAYS = 31
INDEX_SLACK = 256  # entries the sweep's index may hold beyond twice what its last cleaning left

STOPWORDS = frozenset("""
a about after again against all also an and any are as at be been before being between both but by can could did
do does during each few for from further had has have having he her here hers him his how if in into is it its
itself just more most no nor not now of off on once only or other our out over own same she should so some such
than that the their them then there these they this those through to too under until up very was we were what when
where which while who whom why will with would said says told according added reported
yesterday today tonight tomorrow morning afternoon evening night earlier later last next week month year
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december
""".split())


@dataclass(frozen=True)
class Similarity:
    """How alike two texts are, with the words that make them so."""

    score: float
    shared: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """The best reason found to put an event into a group."""

    matched: Event
    similarity: Similarity
    threshold: float
    dates: str


@dataclass
class Group:
    """Reports found to be one event, and why each joined.

    A report joins a group by resembling its first report, the seed, never merely
    some later member: otherwise reports that each resemble the next chain into
    one giant event ('forces shelled Homs' ~ 'forces withdrew from Homs' ~ 'forces
    withdrew from Hama' ...), and comparing against every member grows with the
    square of the reports.
    """

    members: list[Event] = field(default_factory=list)
    seed_words: frozenset[str] = frozenset()
    matches: dict[str, Match] = field(default_factory=dict)
    quoted: set[tuple[str, str]] = field(default_factory=set)
    end: date = date.min  # the seed's end: after it (and the conflict window) nothing can match the seed
    number: int = 0  # the order of creation, which decides between equally good groups

    def add(self, event: Event, words: frozenset[str], match: Match | None = None) -> None:
        if not self.members:
            self.seed_words, self.end = words, event.span.end
        self.members.append(event)
        self.quoted.update((source.path, source.quote) for source in event.sources)
        if match is not None:
            self.matches[event.id] = match

    @property
    def seed(self) -> Event:
        return self.members[0]

    @property
    def has_curated(self) -> bool:
        return any(member.curated for member in self.members)


@functools.lru_cache(maxsize=1 << 16)
def content_words(text: str) -> frozenset[str]:
    """The words that say what happened: no function words, dates or plurals.

    Remembered, because a rebuild merges the same sentences again.
    """
    words = WORD.findall(text.lower())
    return frozenset(_singular(word) for word in words if word not in STOPWORDS and len(word) > 2)


WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _singular(word: str) -> str:
    """The word without a possessive or a plural 's' (plain string tests: a cold build singularises
    every word of a hundred thousand reports)."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """Shared content words over the words of the shorter text (0 to 1)."""
    if not first or not second:
        return 0.0
    return shared_fraction(len(first & second), len(first), len(second))


def shared_fraction(shared: int, size: int, other_size: int) -> float:
    """:func:`overlap` from counts alone: ``shared`` words over the words of the shorter text."""
    return shared / min(size, other_size)


def similarity(first: frozenset[str], second: frozenset[str]) -> Similarity:
    """The overlap with the shared words that explain it."""
    return Similarity(overlap(first, second), tuple(sorted(first & second)))


def date_relation(first: DateSpan, second: DateSpan) -> str | None:
    """'overlap' when the spans share a day, 'conflict' when they are close but apart, else None.

    A span longer than a month ('in 2014') says too little to be the same event as a
    report of another precision: it relates only to spans of its own granularity
    (:func:`relatable`, which the sweep's index asks of whole classes of spans).
    """
    if not relatable(date_class(first), date_class(second)):
        return None
    if first.overlaps(second):
        return "overlap"
    gap = max(first.begin, second.begin) - min(first.end, second.end)
    return "conflict" if gap <= CONFLICT_WINDOW else None


def _days(span: DateSpan) -> int:
    return (span.end - span.begin).days + 1


DateClass = tuple[str, bool]
"""A span's granularity and whether it is longer than :data:`MONTH_DAYS`: all that the first test of
:func:`date_relation` looks at, so the sweep can tell from its index which seeds a report could never match."""


def date_class(span: DateSpan) -> DateClass:
    return span.granularity, _days(span) > MONTH_DAYS


def relatable(first: DateClass, second: DateClass) -> bool:
    """Whether :func:`date_relation` can relate spans of these classes: of one granularity, or neither long."""
    return first[0] == second[0] or not (first[1] or second[1])


def comparable_text(event: Event) -> str:
    return f"{event.title} {event.text}" if event.curated else event.text


def report_order(event: Event) -> tuple:
    """Curated first, then the earliest published report, its file and position; reports without a date last.

    The first report in this order gives a merged event its id, title and text.
    """
    first = event.sources[0] if event.sources else None
    return (not event.curated, first.published or "9999" if first else "9999", first.path if first else "",
            first.start if first else 0, event.id)


def sweep_order(event: Event) -> tuple:
    """The order in which events are placed into groups: by date, then by the order of their reports."""
    return (event.span.begin, event.span.end, report_order(event))


def merge_events(events: list[Event]) -> list[Event]:
    """Fold reports of the same happening into one event each, recording why."""
    sweep = Sweep()
    for event in sorted(events, key=sweep_order):
        sweep.place(event)
    return [merged_event(group) for group in sweep.groups]


class Sweep:
    """The groups made so far by placing events in :func:`sweep_order`, and an index of the open ones.

    A group can take an event only if its seed shares :data:`MIN_SHARED_WORDS` content
    words with it (the first test of :func:`best_match`) and has dates that can relate
    to the event's, so only the groups found that often in the indexes from words to
    groups of the seed date classes :func:`relatable` to the event's are compared,
    best first, until one matches. (Without the classes, the groups of a year, open
    for a whole year, would be counted for every report of a day that year.) Events
    come in order of their begin, so a group once closed stays closed: closed groups
    are dropped from the index now and then, in one pass, not looked for at every event.
    """

    def __init__(self) -> None:
        self.groups: list[Group] = []
        self._by_class: dict[DateClass, dict[str, list[int]]] = {}  # the seed's date class, word -> groups
        self._related: dict[DateClass, list[dict[str, list[int]]]] = {}  # an event's class -> the indexes to count
        self._indexed = 0  # entries in the index, closed groups' included
        self._kept = 0  # entries left by the last pass that dropped closed groups

    def place(self, event: Event) -> tuple[Group, Match | None]:
        """Put ``event`` into the open group whose seed it matches best (the oldest of equals), or a new one."""
        words = content_words(comparable_text(event))
        earliest_end = earliest_open_end(event.span.begin)
        if self._indexed > 2 * self._kept + INDEX_SLACK:
            self._forget_closed(earliest_end)
        for group in self._candidates(words, date_class(event.span), earliest_end):
            match = best_match(event, words, group)
            if match is not None:
                group.add(event, words, match)
                return group, match
        return self.start_group(event, words), None

    def start_group(self, event: Event, words: frozenset[str] | None = None) -> Group:
        """A new group seeded by ``event``, without matching it: :meth:`place` found no match, or a replay knows.
        ``words`` are the event's content words when the caller has them already."""
        words = content_words(comparable_text(event)) if words is None else words
        group = Group(number=len(self.groups))
        group.add(event, words)
        self.groups.append(group)
        by_word = self._index_of(date_class(event.span))
        for word in words:
            by_word.setdefault(word, []).append(group.number)
        self._indexed += len(words)
        return group

    def _index_of(self, seed_class: DateClass) -> dict[str, list[int]]:
        """The index of the groups whose seed's dates are of ``seed_class``, made when the class first comes:
        then which indexes each class of events counts is worked out again."""
        by_word = self._by_class.get(seed_class)
        if by_word is None:
            by_word = self._by_class[seed_class] = {}
            self._related.clear()
        return by_word

    def _relatable_indexes(self, event_class: DateClass) -> list[dict[str, list[int]]]:
        """The indexes of the seed classes an event of ``event_class`` could match, worked out once a class."""
        indexes = self._related.get(event_class)
        if indexes is None:
            indexes = self._related[event_class] = [by_word for seed_class, by_word in self._by_class.items()
                                                    if relatable(seed_class, event_class)]
        return indexes

    def _candidates(self, words: frozenset[str], event_class: DateClass, earliest_end: date) -> list[Group]:
        """The open groups whose seed shares at least :data:`MIN_SHARED_WORDS` of ``words``, most alike first.

        Alike as :func:`best_match` scores it, and the oldest first of equally alike
        groups, so the first group that matches is the one the event joins.
        Counted over the indexes of the seeds' date classes relatable to ``event_class``
        as they are, closed groups and all: only the few groups that share enough
        are then checked for being open.
        """
        found: list[int] = []
        for by_word in self._relatable_indexes(event_class):
            for word in words:
                found += by_word.get(word, ())
        shared = [(self.groups[number], count) for number, count in Counter(found).items() if count >= MIN_SHARED_WORDS]
        ranked = sorted((-shared_fraction(count, len(words), len(group.seed_words)), group.number, group)
                        for group, count in shared if group.end >= earliest_end)
        return [group for *_, group in ranked]

    def _forget_closed(self, earliest_end: date) -> None:
        """Drop the groups closed for good from the index, once it has grown to twice what the last pass left.

        Each pass costs what the index holds, which is at most what was added
        since the previous pass: the work per group made stays constant.
        """
        groups = self.groups
        for by_word in self._by_class.values():
            for word, numbers in list(by_word.items()):
                open_numbers = [number for number in numbers if groups[number].end >= earliest_end]
                if open_numbers:
                    by_word[word] = open_numbers
                else:
                    del by_word[word]
        self._indexed = self._kept = sum(len(numbers) for by_word in self._by_class.values()
                                         for numbers in by_word.values())


def earliest_open_end(begin: date) -> date:
    """The earliest seed end of a group still open to an event beginning at ``begin``."""
    return begin - CONFLICT_WINDOW if begin - date.min >= CONFLICT_WINDOW else date.min


def best_match(event: Event, words: frozenset[str], group: Group) -> Match | None:
    """How well ``event`` matches the seed of ``group``, if enough for the relation of their dates.

    A curated event never joins another curated one, and two dates of one sentence never merge.
    """
    match = seed_match(event, words, group.seed, group.seed_words)
    if match is None or event.curated and group.has_curated or _same_sentence(event, group):
        return None
    return match


def seed_match(event: Event, words: frozenset[str], seed: Event, seed_words: frozenset[str]) -> Match | None:
    """How well ``event`` matches ``seed`` by their words and dates alone, whatever the seed's group holds.

    The cheapest test (enough shared words) comes first: this runs for every group the sweep finds.
    """
    if len(words & seed_words) < MIN_SHARED_WORDS:
        return None
    relation = date_relation(seed.span, event.span)
    if relation is None:
        return None
    alike = similarity(words, seed_words)
    threshold = MERGE_THRESHOLD if relation == "overlap" else CONFLICT_THRESHOLD
    return Match(seed, alike, threshold, relation) if alike.score >= threshold else None


def _same_sentence(event: Event, group: Group) -> bool:
    """Two dates of one sentence are two events that sentence reports, never one."""
    return any((source.path, source.quote) in group.quoted for source in event.sources)


def merged_event(group: Group) -> Event:
    """One event for the group: the curated or earliest report's id, title and text, every source."""
    members = sorted(group.members, key=report_order)
    kept = members[0]
    if len(members) == 1:
        return kept
    span, conflicts = settle_date(members)
    reason = "curated" if kept.curated else "similar"
    decisions = [decision for member in members for decision in member.merges]
    decisions += [MergeDecision(member=member_id, matched=match.matched.id, into=kept.id, reason=reason,
                                similarity=round(match.similarity.score, 3), threshold=match.threshold,
                                shared_words=match.similarity.shared, dates=match.dates)
                  for member_id, match in group.matches.items()]
    return replace(kept, span=span, conflicts=conflicts, merges=decisions,
                   sources=list(dict.fromkeys(source for member in members for source in member.sources)),
                   tags=tuple(dict.fromkeys(tag for member in members for tag in member.tags)))


def settle_date(members: list[Event]) -> tuple[DateSpan, list[DateSpan]]:
    """The curated date, or the one most reports agree with at the finest precision; the rest are conflicts.

    Reports are counted per distinct span, since a large event has hundreds of
    reports but few distinct dates. The first of equally good spans wins, as
    the counter keeps the order in which spans first appear.
    """
    spans = [member.span for member in members]
    if members[0].curated:
        chosen = spans[0]
    else:
        reports = Counter(spans)
        chosen = max(reports, key=lambda span: (sum(count for other, count in reports.items() if other.overlaps(span)),
                                                -(span.end - span.begin).days))
    conflicts = {span.value: span for span in spans if not span.overlaps(chosen)}
    return chosen, list(conflicts.values())

