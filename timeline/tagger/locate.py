"""Where in a text each rule is worth running: locators and the regions around their hits.

A rule's pattern is rich and the regex engine would try it at every position of
the text; a locator finds the few places it can match (a month name, a unit
word, a four-digit number) and the pattern runs only within the locator's
reach before and after each of them (``REACH`` characters unless it says less). The words
of all word locators are found together, in one pass of one regex over the text; pattern
locators are plain regexes for shapes that are not words ('2011-', '8:30', '1980s'), and those
whose hits begin with a digit are likewise found together, in one pass over the text's digits.
An ASCII text (nearly every English one) is instead scanned once for all words and shapes by
Hyperscan (see :class:`AsciiHitFinder`), which finds the same hits several times faster, where
Hyperscan is installed (its wheels are for x86-64 machines).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain
from re import _constants as sre
from re import _parser as sre_parse

try:
    import hyperscan
except ImportError:  # Hyperscan is built for x86-64 only; elsewhere the regex engine finds the same hits
    hyperscan = None

HYPERSCAN = hyperscan is not None
"""Whether ASCII texts are scanned by Hyperscan (read at each scan, so that tests can compare both ways)."""
REACH = 60
WHITESPACE = re.compile(r"\s")

Region = tuple[int, int]


@dataclass
class Scan:
    """One text and its lower-cased copy, shared by all locators, and whether it is all ASCII
    (then every regex can run in its quicker :func:`for_ascii` form)."""

    text: str
    lowered: str = field(init=False)
    ascii: bool = field(init=False)

    def __post_init__(self) -> None:
        self.lowered = lower_in_place(self.text)
        self.ascii = self.text.isascii()


def for_ascii(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` compiled for ASCII text only (``re.ASCII``).

    In an ASCII text it finds exactly what ``pattern`` finds, since ``\\w``, ``\\d``, ``\\s``, ``\\b``
    and case-blind letters mean the same there; but the regex engine answers them from a
    small table instead of asking Python's Unicode database for every character it tries.
    """
    return re.compile(pattern.pattern, pattern.flags & ~re.UNICODE | re.ASCII)


def lower_in_place(text: str) -> str:
    """The text in lower case, character for character, so that offsets stay the same.

    A few characters lower-case to two ('İ' to 'i̇'); those are kept as they are,
    since no date word contains them.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(character if len(character.lower()) != 1 else character.lower() for character in text)


def whole_words(words: frozenset[str]) -> re.Pattern:
    """A regex for any of the lower-case ``words`` standing whole: after a non-word character
    and before a character that is no letter.

    The words are written as a tree of their shared beginnings ('da(?:ily|y(?:s)?)'), which the
    regex engine walks letter by letter, instead of trying every word in turn at every position.
    """
    return re.compile(rf"\b{_tree(words)}(?![a-z])")


@lru_cache(maxsize=None)
def _cached_whole_words(words: frozenset[str]) -> re.Pattern:
    return whole_words(words)


def _tree(words: frozenset[str] | set[str]) -> str:
    branches: dict[str, set[str]] = {}
    for word in words:
        branches.setdefault(word[:1], set()).add(word[1:])
    ends = "" in branches
    options = [re.escape(letter) + _tree(rests) for letter, rests in sorted(branches.items()) if letter]
    if not options:
        return ""
    tree = options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"
    return f"(?:{tree})?" if ends else tree


@dataclass(frozen=True)
class WordLocator:
    """Hits on any of some lower-case words (matched whole, plurals included)."""

    words: frozenset[str]
    after: int = REACH
    before: int = REACH

    def hits(self, scan: Scan) -> list[Region]:
        return [match.span() for match in _cached_whole_words(self.words).finditer(scan.lowered)]


@dataclass(frozen=True)
class PatternLocator:
    """Hits of a plain regex over the lower-cased text, which is not scanned at all when it lacks
    every one of the strings a hit needs ('/' for '7/8/07').

    ``apart``, when given, holds the alternatives of the regex as regexes of their own (see :func:`either`).
    """

    pattern: re.Pattern
    needs: tuple[str, ...] = ()
    after: int = REACH
    before: int = REACH
    apart: tuple[re.Pattern, ...] = ()

    @cached_property
    def ascii_pattern(self) -> re.Pattern:
        return for_ascii(self.pattern)

    def may_hit(self, scan: Scan) -> bool:
        """Whether the text holds one of the strings every hit needs (when there are any)."""
        return not self.needs or any(map(scan.lowered.__contains__, self.needs))

    def hits(self, scan: Scan) -> list[Region]:
        if not self.may_hit(scan):
            return []
        if self.apart:
            return sorted(match.span() for alternative in self.apart for match in alternative.finditer(scan.lowered))
        pattern = self.ascii_pattern if scan.ascii else self.pattern
        return [match.span() for match in pattern.finditer(scan.lowered)]


Locator = WordLocator | PatternLocator


def words(*names: str, after: int = REACH, before: int = REACH) -> WordLocator:
    """A word locator for ``names`` and their plurals ('year', 'years'; 'century', 'centuries')."""
    forms = set(names)
    forms.update(name[:-1] + "ies" if name.endswith("y") and name[-2:-1] not in "aeiou" else name + "s"
                 for name in names)
    return WordLocator(frozenset(forms), after, before)


def shape(pattern: str, *needs: str, after: int = REACH) -> PatternLocator:
    """A pattern locator.

    The regex engine skips quickly to the places a pattern can begin only when it begins with a
    plain character or set; so a locator's pattern writes a leading repeat out (r'\\d\\d\\d\\d',
    not r'\\d{4}') and starts each alternative with a plain character (r'(?:-|–|to)', not r'(?:[-–]|to)').
    """
    return PatternLocator(re.compile(pattern), needs, after)


def either(*alternatives: str, after: int = REACH) -> PatternLocator:
    """A pattern locator for any of ``alternatives``, each beginning with a plain string (r'to\\s*\\d').

    Their alternation would make the regex engine stop at every first letter of theirs and try each
    alternative there; on its own, each is found by its string, much faster. The hits are the same,
    provided no hit of one can begin inside a hit of another or of itself, which the caller ensures.
    """
    return PatternLocator(re.compile("|".join(alternatives)), after=after, apart=tuple(map(re.compile, alternatives)))


def regions(locator: Locator, scan: Scan) -> list[Region]:
    """The regions around ``locator``'s hits in the scanned text (see :func:`merged`)."""
    return merged(locator.hits(scan), locator, scan.text)


def merged(hits: list[Region], locator: Locator, text: str) -> list[Region]:
    """Merged stretches from ``locator.before`` characters before each hit to ``locator.after``
    characters after it (a unit word ends its expression, a month name leads its day and year),
    ending at whitespace so that no word is cut in two ('Sept' of 'September').

    A region's end is looked for once its hits are known, from the furthest end among them: a hit whose
    stretch begins within ``locator.after`` characters of that end joins the region whatever its end.
    """
    found: list[Region] = []
    low = furthest = -1
    for start, end in hits:
        hit_low = start - locator.before if start > locator.before else 0
        if low >= 0 and hit_low > furthest + locator.after:
            high = _region_end(text, furthest + locator.after)
            if hit_low > high:
                found.append((low, high))
                low = -1
        if low < 0:
            low, furthest = hit_low, end
        elif end > furthest:
            furthest = end
    if low >= 0:
        found.append((low, _region_end(text, furthest + locator.after)))
    return found


def _region_end(text: str, position: int) -> int:
    """The first whitespace at or after ``position``, or the end of the text."""
    space = WHITESPACE.search(text, position)
    return space.start() if space else len(text)


class LocatorTable:
    """A fixed list of locators, and the regions of each in one text at a time.

    The words of all word locators are found in one pass of one regex (most of them are not
    in a given text, and asking each locator would cost more than the search), and each hit
    goes to the locators that have its word; the pattern locators that begin with a digit
    share one pass too (see :func:`shapes_at_digits`). An ASCII text gets all of them from one
    pass of Hyperscan instead (see :class:`AsciiHitFinder`).
    """

    def __init__(self, locators: tuple[Locator, ...]) -> None:
        self.locators = locators
        self._word_locators: dict[str, list[int]] = {}
        for index, locator in enumerate(locators):
            for word in locator.words if isinstance(locator, WordLocator) else ():
                self._word_locators.setdefault(word, []).append(index)
        tree = _tree(frozenset(self._word_locators))
        self._words_at_start = re.compile(rf"({tree})(?![a-z])")
        self._words_after_break = re.compile(rf"\W({tree})(?![a-z])")
        self._ascii_words_at_start = for_ascii(self._words_at_start)
        self._ascii_words_after_break = for_ascii(self._words_after_break)
        pattern_locators = [index for index, locator in enumerate(locators) if isinstance(locator, PatternLocator)]
        self._digit_led = [index for index in pattern_locators if begins_with_a_digit(locators[index].pattern)]
        self._pattern_locators = [index for index in pattern_locators if index not in self._digit_led]
        self._shapes_at_digits = shapes_at_digits([locators[index].pattern for index in self._digit_led])
        self._ascii_shapes_at_digits = for_ascii(self._shapes_at_digits)

    @cached_property
    def _ascii_hits(self) -> AsciiHitFinder:
        return AsciiHitFinder(self.locators, self._word_locators)

    def regions(self, scan: Scan) -> list[list[Region]]:
        """The regions of every locator, in the order of the table."""
        return self.regions_around(self.hits(scan), scan.text)

    def regions_around(self, hits: list[list[Region]], text: str) -> list[list[Region]]:
        """The regions around the hits of every locator (as :meth:`hits` gives them) in ``text``."""
        return [self.regions_at(index, found, text) for index, found in enumerate(hits)]

    def regions_at(self, index: int, hits: list[Region], text: str) -> list[Region]:
        """The regions around the hits of the locator at ``index`` in ``text``."""
        return merged(hits, self.locators[index], text) if hits else []

    def hits(self, scan: Scan) -> list[list[Region]]:
        """The hits of every locator, in the order of the table."""
        return self._ascii_hits.hits(scan) if scan.ascii and HYPERSCAN else self._regex_hits(scan)

    def _regex_hits(self, scan: Scan) -> list[list[Region]]:
        """The hits of every locator, found by the regex engine."""
        hits: list[list[Region]] = [[] for _ in self.locators]
        for match in self._word_matches(scan):
            span = match.span(1)
            for index in self._word_locators[match.group(1)]:
                hits[index].append(span)
        self._add_digit_led_hits(scan, hits)
        for index in self._pattern_locators:
            hits[index] = self.locators[index].hits(scan)
        return hits

    def _word_matches(self, scan: Scan) -> Iterator[re.Match]:
        """The matches of every locator word standing whole, the word as group 1.

        A whole word begins the text or follows a non-word character, and the regex engine skips
        from one non-word character to the next far faster than it tries the words at every
        position after a word boundary; so the words are looked for after such characters, and once
        at the start of the text.
        """
        at_start, after_break = ((self._ascii_words_at_start, self._ascii_words_after_break) if scan.ascii
                                 else (self._words_at_start, self._words_after_break))
        first = at_start.match(scan.lowered)
        if first is None:
            return after_break.finditer(scan.lowered)
        return chain((first,), after_break.finditer(scan.lowered, first.end()))

    def _add_digit_led_hits(self, scan: Scan, hits: list[list[Region]]) -> None:
        """The hits of the locators whose hits begin with a digit, from one pass over the text's digits.

        Each locator keeps the hits its own search would find: from each digit where it matches,
        unless that lies inside its hit before.
        """
        ends = [0] * len(self._digit_led)
        for match in (self._ascii_shapes_at_digits if scan.ascii else self._shapes_at_digits).finditer(scan.lowered):
            for shape_number, index in enumerate(self._digit_led):
                start, end = match.span(shape_number + 1)
                if start >= ends[shape_number]:
                    hits[index].append((start, end))
                    ends[shape_number] = end


def begins_with_a_digit(pattern: re.Pattern) -> bool:
    """Whether every match of ``pattern`` begins with a character that ``\\d`` matches, as read from its first
    piece (or the first piece of each of its alternatives); a pattern with groups of its own is left alone."""
    if pattern.groups:
        return False
    pieces = list(sre_parse.parse(pattern.pattern, pattern.flags))
    op, argument = pieces[0]
    firsts = [branch[0] if len(branch) else None for branch in argument[1]] if op is sre.BRANCH else [pieces[0]]
    return all(first == (sre.IN, [(sre.CATEGORY, sre.CATEGORY_DIGIT)]) for first in firsts)


def shapes_at_digits(patterns: list[re.Pattern]) -> re.Pattern:
    """One regex that stops at each digit where any of ``patterns`` (each beginning with a digit) matches,
    and holds the match of the k-th pattern as group k + 1.

    The regex engine skips from digit to digit quickly, and digits are few in prose; scanning the text
    once for all these patterns costs little more than scanning it for one. At a digit, a lookbehind
    over it holds a lookahead for each pattern, and a chain of conditionals fails the digit where none matched.
    """
    tries = "".join(f"(?:(?<=(?=({pattern.pattern})).)|)" for pattern in patterns)
    none_matched = "(?!)"
    for group in range(len(patterns), 0, -1):
        none_matched = f"(?({group})|{none_matched})"
    return re.compile(rf"\d{tries}{none_matched}")


class AsciiHitFinder:
    """The hits of a table's locators in an ASCII text, from one pass of Hyperscan over it.

    Hyperscan runs one automaton for all the locators' words and shapes, where the regex engine
    needs a pass for the words, one for the digits and one per other shape, and tries its
    patterns at every stop on the way. A word is looked for after a word boundary and before a
    character that is no letter (the ``(?![a-z])`` of :func:`whole_words`; the text is given a
    space at its end, so that one follows its last word; \\b, \\w, \\d and \\s mean the same to
    both on ASCII). For shapes Hyperscan only proposes starts: a shape's hits are its own regex's
    matches there, taken from left to right where none overlaps the one before, as ``finditer``
    takes them. Hyperscan reports, for each place a match ends, the leftmost start of one; that
    holds every start ``finditer`` takes as long as no two matches of a shape with different starts
    end together, which is true of these shapes (their first character does not recur inside a
    match; tests/test_tagger_locate.py compares both ways on many texts).
    """

    def __init__(self, locators: tuple[Locator, ...], word_locators: dict[str, list[int]]) -> None:
        self._locators = locators
        self._words = list(word_locators)
        self._word_locators = list(word_locators.values())
        self._shapes: list[tuple[int, re.Pattern]] = [
            (index, for_ascii(piece)) for index, locator in enumerate(locators) if isinstance(locator, PatternLocator)
            for piece in (locator.apart or (locator.pattern,))
        ]
        self._word_lengths = [len(word) for word in self._words]
        expressions = [rb"\b" + re.escape(word).encode() + rb"[^a-z]" for word in self._words]
        expressions += [pattern.pattern.encode() for _, pattern in self._shapes]
        flags = [0] * len(self._words) + [hyperscan.HS_FLAG_SOM_LEFTMOST] * len(self._shapes)
        self._automaton = Automaton(expressions, list(range(len(expressions))), flags)

    def hits(self, scan: Scan) -> list[list[Region]]:
        """The hits of every locator in the ASCII ``scan``, in the order of the table."""
        found: list[tuple[int, int, int]] = []
        self._automaton.scan(scan.lowered.encode("ascii") + b" ", _collect, found)
        hits: list[list[Region]] = [[] for _ in self._locators]
        starts: dict[int, list[int]] = {}
        word_count = len(self._words)
        for identifier, start, end in found:
            if identifier >= word_count:
                starts.setdefault(identifier - word_count, []).append(start)
            else:
                for index in self._word_locators[identifier]:
                    hits[index].append((end - 1 - self._word_lengths[identifier], end - 1))
        for shape_number, shape_starts in starts.items():
            index, pattern = self._shapes[shape_number]
            if self._locators[index].may_hit(scan):
                hits[index].extend(_leftmost_matches(pattern, scan.lowered, shape_starts))
        for found_hits in hits:
            found_hits.sort()
        return hits


def _collect(identifier: int, start: int, end: int, flags: int, found: list[tuple[int, int, int]]) -> None:
    found.append((identifier, start, end))


def _leftmost_matches(pattern: re.Pattern, text: str, starts: list[int]) -> list[Region]:
    """The spans ``pattern.finditer(text)`` gives, found by trying it only at ``starts`` (which hold all its matches' starts)."""
    spans: list[Region] = []
    end = 0
    for start in sorted(set(starts)):
        if start >= end:
            match = pattern.match(text, start)
            if match is not None:
                spans.append(match.span())
                end = match.end()
    return spans


class Automaton:
    """Patterns compiled together by Hyperscan, scanned with a scratch space of each thread's own: Hyperscan
    needs one for each scan in progress, and texts may be tagged in several threads at once (Dask's
    thread scheduler, a server)."""

    def __init__(self, expressions: list[bytes], ids: list[int], flags: list[int]) -> None:
        self._database = hyperscan.Database()
        self._database.compile(expressions=expressions, ids=ids, elements=len(expressions), flags=flags)
        self._scratch = threading.local()

    def scan(self, data: bytes, collect: Callable[[int, int, int, int, object], None], found: object) -> None:
        """Call ``collect(id, start, end, flags, found)`` for each match in ``data``."""
        scratch = getattr(self._scratch, "space", None)
        if scratch is None:
            scratch = self._scratch.space = hyperscan.Scratch(self._database)
        self._database.scan(data, match_event_handler=collect, context=found, scratch=scratch)
