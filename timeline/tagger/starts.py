"""Where a rule's match can begin, told apart quickly from where it cannot.

A rule whose matches begin words is tried only after non-word characters, but trying its
pattern there is dear: the pattern opens with optional words ('early', 'the morning of', a
weekday) that the regex engine enters one by one, the case-blind ones without its quick
check of the first letter. So this module reads from a rule's pattern the first few
characters its matches can begin with, as sets ('J' 'a' 'n', or a digit, a space, a
digit), and writes them as a tree of plain character sets that the engine rules out in a
step or two: a *start finder*, which hits after a non-word character where the next
characters can begin a match. Only where it hits need the pattern itself be tried.

A start finder may hit where no match begins, never miss where one does, provided the text
holds none of :data:`FOLDED_INTO_ASCII`: a case-blind letter becomes the set of its two
cases, which is all it matches but for those four characters (matching them too would make
the sets slow to compile). Patterns it cannot read (back-references, a match that can begin
with anything, case-blind characters beyond ASCII) get no start finder.

The pattern is read with the standard library's own regex parser (``re._parser``, internal
but stable since Python 3.11); should it ever fail, the rule gets no start finder.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

PREFIX_LENGTH = 6
"""The most characters a start finder checks; fewer when the pattern's beginnings would be too many.
Six rule out more places than four ('the past' from 'the day') for about the same time spent making
the finders; more would make them much slower to build for a little less matching."""
MOST_PREFIXES = 100
FOLDED_INTO_ASCII = "\u0130\u0131\u017f\u212a"
"""The only characters beyond ASCII that match an ASCII letter case-blind ('İ', 'ı', 'ſ', the Kelvin sign);
tests/test_tagger_rule_shortcuts.py checks this against every character Python knows."""
CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

CharacterSet = str
"""The inside of a regex character set: 'Jj', r'\\d', '^,' (a negated one begins with '^')."""
Prefix = tuple[CharacterSet, ...]


class Unreadable(Exception):
    """A pattern piece whose possible characters this module does not work out."""


def start_finder(pattern: re.Pattern) -> re.Pattern | None:
    """A regex that hits a non-word character wherever ``pattern`` can match right after it (in a text
    without :data:`FOLDED_INTO_ASCII`), and at few others; None when the pattern cannot be read."""
    prefixes = _readable_prefixes(pattern)
    if not prefixes or () in prefixes:
        return None
    return re.compile(rf"\W{_first_characters(prefixes)}(?={_alternatives(prefixes)})", pattern.flags & re.ASCII)


def _first_characters(prefixes: set[Prefix]) -> str:
    """A lookahead for the characters the prefixes begin with, all in one set: the regex engine rules out most
    places with it in one step, where the alternatives would have it check each first set in turn; empty
    when a first set is negated (sets cannot be joined then)."""
    firsts = sorted({prefix[0] for prefix in prefixes})
    if any(first.startswith("^") for first in firsts):
        return ""
    return f"(?=[{''.join(firsts)}])"


def _readable_prefixes(pattern: re.Pattern) -> set[Prefix] | None:
    """The longest beginnings of ``pattern``'s matches (up to :data:`PREFIX_LENGTH` characters)
    that are not too many, or None when the pattern cannot be read."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, AttributeError, TypeError, ValueError):
        return None
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    found = None
    for length in range(1, PREFIX_LENGTH + 1):
        try:
            found = _sequence(list(parsed), ignore_case, length)
        except (Unreadable, AttributeError, KeyError, TypeError, ValueError):
            break
    return found


def _sequence(items: list, ignore_case: bool, length: int) -> set[Prefix]:
    """The beginnings, ``length`` characters long or whole when shorter, of what a sequence of pieces matches."""
    done: set[Prefix] = set()
    growing: set[Prefix] = {()}
    for op, argument in items:
        growing = {prefix + more for prefix in growing for more in _piece(op, argument, ignore_case, length - len(prefix))}
        done |= {prefix for prefix in growing if len(prefix) >= length}
        growing -= done
        if len(done) + len(growing) > MOST_PREFIXES:
            raise Unreadable("too many beginnings")
        if not growing:
            break
    return done | growing


def _piece(op: object, argument: object, ignore_case: bool, length: int) -> set[Prefix]:
    if op is sre.LITERAL:
        return {(_characters(chr(argument), ignore_case),)}
    if op is sre.NOT_LITERAL and not ignore_case:
        return {("^" + re.escape(chr(argument)),)}
    if op is sre.IN:
        return {(_set(argument, ignore_case),)}
    if op is sre.BRANCH:
        return set().union(*(_sequence(list(branch), ignore_case, length) for branch in argument[1]))
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, inner = argument
        ignore_case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _sequence(list(inner), ignore_case, length)
    if op in REPEATS:
        return _repeat(*argument, ignore_case, length)
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(argument), ignore_case, length)
    if op in ZERO_WIDTH:
        return {()}
    raise Unreadable(str(op))


def _repeat(least: int, most: int, inner: object, ignore_case: bool, length: int) -> set[Prefix]:
    """The beginnings of ``least`` to ``most`` repeats of ``inner``, unrolled until they are ``length`` long."""
    once = _sequence(list(inner), ignore_case, length)
    if () in once:
        least = 0
        once.discard(())
    found: set[Prefix] = set()
    growing: set[Prefix] = {()}
    count = 0
    while growing:
        found |= {prefix for prefix in growing if count >= least or len(prefix) >= length}
        growing = {prefix for prefix in growing if len(prefix) < length}
        if count == most or not growing:
            break
        growing = {(prefix + more)[:length] for prefix in growing for more in once}
        count += 1
        if len(growing) > MOST_PREFIXES:
            raise Unreadable("too many beginnings")
    return found


def _characters(character: str, ignore_case: bool) -> CharacterSet:
    """The set of what ``character`` matches: itself, or case-blind a letter in both cases (and
    :data:`FOLDED_INTO_ASCII`, left out; no other ASCII character matches case-blind anything but itself)."""
    if not ignore_case:
        return re.escape(character)
    if not character.isascii():
        raise Unreadable("a case-blind non-ASCII character")
    if not character.isalpha():
        return re.escape(character)
    return re.escape(character.lower()) + re.escape(character.upper())


def _set(items: list, ignore_case: bool) -> CharacterSet:
    """A regex set holding at least what the parsed set ``items`` matches."""
    parts = []
    negated = False
    for op, argument in items:
        if op is sre.NEGATE:
            negated = True
        elif op is sre.LITERAL:
            parts.append(_characters(chr(argument), ignore_case))
        elif op is sre.RANGE:
            low, high = chr(argument[0]), chr(argument[1])
            parts.append(f"{re.escape(low)}-{re.escape(high)}")
            if ignore_case:
                parts.append(_other_case(low, high))
        elif op is sre.CATEGORY:
            parts.append(CATEGORIES[argument])
        else:
            raise Unreadable(str(op))
    if negated and ignore_case:
        raise Unreadable("a case-blind negated set")
    return ("^" if negated else "") + "".join(parts)


def _other_case(low: str, high: str) -> CharacterSet:
    """What a case-blind range matches beyond itself: nothing for one without letters ('0-9'),
    the other case for one of ASCII letters of one case ('a-z'; and :data:`FOLDED_INTO_ASCII`, left out)."""
    if not high.isascii():
        raise Unreadable("a case-blind non-ASCII range")
    span = [chr(code) for code in range(ord(low), ord(high) + 1)]
    if not any(character.isalpha() for character in span):
        return ""
    if not (all(map(str.islower, span)) or all(map(str.isupper, span))):
        raise Unreadable("a case-blind range with other characters than letters of one case")
    return f"{low.swapcase()}-{high.swapcase()}"


def _alternatives(prefixes: set[Prefix]) -> str:
    """The prefixes as one regex, sharing their beginnings (a trie), so the engine checks each set once."""
    tree: dict = {}
    for prefix in prefixes:
        node = tree
        for characters in prefix:
            node = node.setdefault(characters, {})
        node[None] = {}
    return _branch(tree)


def _branch(node: dict) -> str:
    if None in node:
        return ""
    options = [f"[{characters}]{_branch(child)}" for characters, child in sorted(node.items())]
    return options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"
