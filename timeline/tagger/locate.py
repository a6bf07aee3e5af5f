"""Where in a text each rule is worth running: locators and the regions around their hits.

A rule's pattern is rich and the regex engine would try it at every position of
the text; a locator finds the few places it can match (a month name, a unit
word, a four-digit number) and the pattern runs only within the locator's
reach before and after each of them (``REACH`` characters unless it says less). Word locators look their words up in the set of the text's
words, built once for all rules, and find the few present ones by literal
search; pattern locators are plain regexes for shapes that are not words
('2011-', '8:30', '1980s').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

REACH = 60
WORD = re.compile(r"[a-z]+")
WHITESPACE = re.compile(r"\s")

Region = tuple[int, int]


@dataclass
class Scan:
    """One text, lower-cased, and the set of its words; shared by all locators.

    A word's positions are kept once found, since several locators share words
    ('year' is a unit, a holiday's word and a reference's).
    """

    text: str
    lowered: str = field(init=False)
    _positions: dict[str, list[Region]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.lowered = lower_in_place(self.text)

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(WORD.findall(self.lowered))

    def positions(self, word: str) -> list[Region]:
        """Where ``word`` stands whole in the text (found by a literal search, which is fast)."""
        found = self._positions.get(word)
        if found is None:
            found = self._positions[word] = [match.span() for match in _whole_word(word).finditer(self.lowered)]
        return found


def lower_in_place(text: str) -> str:
    """The text in lower case, character for character, so that offsets stay the same.

    A few characters lower-case to two ('İ' to 'i̇'); those are kept as they are,
    since no date word contains them.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(character if len(character.lower()) != 1 else character.lower() for character in text)


@lru_cache(maxsize=None)
def _whole_word(word: str) -> re.Pattern:
    return re.compile(rf"{word}(?<=\b{word})(?![a-z])")


@dataclass(frozen=True)
class WordLocator:
    """Hits on any of some lower-case words (matched whole, plurals included)."""

    words: frozenset[str]
    after: int = REACH
    before: int = REACH

    def hits(self, scan: Scan) -> list[Region]:
        return sorted(span for word in self.words & scan.words for span in scan.positions(word))


@dataclass(frozen=True)
class PatternLocator:
    """Hits of a plain regex over the lower-cased text, which is not scanned at all when it lacks
    every one of the strings a hit needs ('/' for '7/8/07')."""

    pattern: re.Pattern
    needs: tuple[str, ...] = ()
    after: int = REACH
    before: int = REACH

    def hits(self, scan: Scan) -> list[Region]:
        if self.needs and not any(map(scan.lowered.__contains__, self.needs)):
            return []
        return [match.span() for match in self.pattern.finditer(scan.lowered)]


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


def regions(locator: Locator, scan: Scan) -> list[Region]:
    """Merged stretches from ``locator.before`` characters before each hit to ``locator.after``
    characters after it (a unit word ends its expression, a month name leads its day and year),
    ending at whitespace so that no word is cut in two ('Sept' of 'September')."""
    text = scan.text
    merged: list[Region] = []
    for start, end in locator.hits(scan):
        low = max(0, start - locator.before)
        space = WHITESPACE.search(text, end + locator.after)
        high = space.start() if space else len(text)
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


class LocatorTable:
    """A fixed list of locators, and the regions of each in one text at a time.

    In a given text most word locators find nothing, and asking each one costs more than
    the search itself in a short news report; so the words of all of them are looked up
    in the text's words at once, and only the locators with a word present are asked.
    """

    def __init__(self, locators: tuple[Locator, ...]) -> None:
        self.locators = locators
        self._word_locators: dict[str, list[int]] = {}
        for index, locator in enumerate(locators):
            for word in locator.words if isinstance(locator, WordLocator) else ():
                self._word_locators.setdefault(word, []).append(index)
        self._words = frozenset(self._word_locators)
        self._pattern_locators = [index for index, locator in enumerate(locators) if isinstance(locator, PatternLocator)]

    def regions(self, scan: Scan) -> list[list[Region]]:
        """The regions of every locator, in the order of the table."""
        found: list[list[Region]] = [[] for _ in self.locators]
        asked = set(self._pattern_locators)
        for word in self._words & scan.words:
            asked.update(self._word_locators[word])
        for index in asked:
            found[index] = regions(self.locators[index], scan)
        return found
