"""Which rules can match anywhere in an ASCII text, from one Hyperscan pass over all their patterns.

A rule runs in every region around its locator's hits, yet in most texts most rules match
nowhere: a month name is near no 'the first week of', a unit word near no 'ago'. Each
region's run costs the regex engine a scan and Python a few calls, so a rule is first asked
whether it can match in the text at all. Hyperscan answers for all rules in one pass, given
each pattern's *approximation*: a pattern that matches wherever the rule's pattern matches,
and more. It is the middle of the pattern, from its first piece that must match some text to
its last (a match's middle is in the text too, and an automaton for it runs far quicker than
one for the optional words around it), with its zero-width assertions dropped ('\\b',
lookarounds), conditionals opened into both branches and case-blind letters written in both
cases. Only a lookbehind that begins the pattern and a lookahead that ends it are kept, as text
to match ('(?<=-)7' becomes '-7'), since what they look at is in the text just before or after
the match. Dropping assertions also covers a region's end, where a lookahead sees nothing and
may succeed where it fails in the whole text. The approximation is for ASCII text only, where
Python's \\d, \\s and \\w are Hyperscan's; characters beyond ASCII in a pattern match no such
text (but for :data:`~timeline.tagger.starts.FOLDED_INTO_ASCII` case-blind) and become a byte it never holds.

The pattern is read with the standard library's own regex parser (``re._parser``, as
:mod:`timeline.tagger.starts` does); a rule whose pattern it cannot read is always run.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

from timeline.tagger.locate import Automaton, Scan, hyperscan
from timeline.tagger.starts import FOLDED_INTO_ASCII

CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
NO_ASCII = r"\xff"
"""A byte no ASCII text holds: what a character beyond ASCII becomes."""
ANY_BYTE = r"[\x00-\xff]"
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
ASSERTIONS = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


class Unreadable(Exception):
    """A pattern piece this module does not approximate."""


class RulePresence:
    """For a list of patterns, which of them can match somewhere in an ASCII text."""

    def __init__(self, patterns: list[re.Pattern]) -> None:
        approximations = [approximation(pattern) for pattern in patterns]
        self._always = frozenset(number for number, found in enumerate(approximations) if found is None)
        readable = [(number, found) for number, found in enumerate(approximations) if found is not None]
        self._automaton = Automaton(
            [found.encode("ascii") for _, found in readable], [number for number, _ in readable],
            [hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_ALLOWEMPTY] * len(readable),
        )

    def present(self, scan: Scan) -> set[int]:
        """The numbers of the patterns that may match in the ASCII ``scan``'s text (all that do, and perhaps others)."""
        found = set(self._always)
        self._automaton.scan(scan.text.encode("ascii"), _collect, found)
        return found


def _collect(identifier: int, start: int, end: int, flags: int, found: set[int]) -> None:
    found.add(identifier)


def approximation(pattern: re.Pattern) -> str | None:
    """A Hyperscan pattern matching, in ASCII text, every stretch that ``pattern`` matches in any region of it
    (and perhaps more); None when the pattern holds a piece this module cannot approximate."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        items = _outermost(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
        if items and items[0][0] is sre.ASSERT and items[0][1][0] < 0:
            items[0] = (sre.SUBPATTERN, (None, 0, 0, items[0][1][1]), items[0][2])
        if items and items[-1][0] is sre.ASSERT and items[-1][1][0] > 0:
            items[-1] = (sre.SUBPATTERN, (None, 0, 0, items[-1][1][1]), items[-1][2])
        core = _without_optional_ends(items, parsed.state)
        return "".join(_piece(op, argument, ignore_case) for op, argument, ignore_case in core)
    except (Unreadable, re.error, KeyError, TypeError, ValueError):
        return None


Item = tuple[object, object, bool]
"""A parsed piece with whether it is case-blind."""


def _outermost(items: list, ignore_case: bool) -> list[Item]:
    """The pattern's outermost sequence, groups around parts of it opened up ('(?i:the\\s+(?P<x>...))' is
    'the', '\\s+' and the inside of the group), each piece with whether it is case-blind."""
    opened: list[Item] = []
    for op, argument in items:
        if op is sre.SUBPATTERN:
            _, add_flags, del_flags, inner = argument
            inner_case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            opened.extend(_outermost(list(inner), inner_case))
        else:
            opened.append((op, argument, ignore_case))
    return opened


def _without_optional_ends(items: list[Item], state: object) -> list[Item]:
    """The sequence without the pieces at either end that may match nothing ('early ', a weekday, '\\b')."""
    widths = [sre_parse.SubPattern(state, [(op, argument)]).getwidth()[0] for op, argument, _ in items]
    required = [index for index, width in enumerate(widths) if width > 0]
    return items[required[0]:required[-1] + 1] if required else items


def _sequence(items: object, ignore_case: bool) -> str:
    return "".join(_piece(op, argument, ignore_case) for op, argument in items)


def _piece(op: object, argument: object, ignore_case: bool) -> str:
    if op is sre.LITERAL:
        return _character(argument, ignore_case)
    if op is sre.NOT_LITERAL and not ignore_case:
        return f"[^\\x{argument:02x}]" if argument < 128 else ANY_BYTE
    if op is sre.IN:
        return _set(argument, ignore_case)
    if op is sre.ANY:
        return ANY_BYTE
    if op is sre.BRANCH:
        return "(?:" + "|".join(_sequence(branch, ignore_case) for branch in argument[1]) + ")"
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, inner = argument
        ignore_case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return f"(?:{_sequence(inner, ignore_case)})"
    if op in REPEATS:
        least, most, inner = argument
        return f"(?:{_sequence(inner, ignore_case)}){{{least},{'' if most == sre.MAXREPEAT else most}}}"
    if op is sre.ATOMIC_GROUP:
        return f"(?:{_sequence(argument, ignore_case)})"
    if op in ASSERTIONS:
        return ""
    if op is sre.GROUPREF_EXISTS:
        _, yes, no = argument
        return f"(?:{_sequence(yes, ignore_case)}|{_sequence(no or [], ignore_case)})"
    raise Unreadable(str(op))


def _character(code: int, ignore_case: bool) -> str:
    if code >= 128:
        _refuse_folded(code, code, ignore_case)
        return NO_ASCII
    character = chr(code)
    if ignore_case and character.isalpha():
        return f"[\\x{ord(character.lower()):02x}\\x{ord(character.upper()):02x}]"
    return f"\\x{code:02x}"


def _set(items: list, ignore_case: bool) -> str:
    """A set holding at least the ASCII characters of the parsed set ``items``."""
    negated = False
    parts = []
    for op, argument in items:
        if op is sre.NEGATE:
            negated = True
        elif op is sre.LITERAL:
            parts.extend(_set_members(argument, argument, ignore_case))
        elif op is sre.RANGE:
            parts.extend(_set_members(*argument, ignore_case))
        elif op is sre.CATEGORY:
            parts.append(CATEGORIES[argument])
        else:
            raise Unreadable(str(op))
    if negated:
        if ignore_case:
            raise Unreadable("a case-blind negated set")
        return f"[^{''.join(parts)}]" if parts else ANY_BYTE
    return f"[{''.join(parts)}]" if parts else NO_ASCII


def _set_members(low: int, high: int, ignore_case: bool) -> list[str]:
    """The ASCII part of the range ``low``-``high``, with the other case of its letters when case-blind."""
    if low >= 128:
        _refuse_folded(low, high, ignore_case)
        return []
    high = min(high, 127)
    members = [f"\\x{low:02x}-\\x{high:02x}"]
    if ignore_case:
        members += [f"\\x{ord(chr(code).swapcase()):02x}" for code in range(low, high + 1) if chr(code).isalpha()]
    return members


def _refuse_folded(low: int, high: int, ignore_case: bool) -> None:
    """Characters ``low``-``high`` beyond ASCII match nothing in ASCII text, but for the four of
    :data:`FOLDED_INTO_ASCII` case-blind ('ſ' matches 's'), which this module does not work out."""
    if ignore_case and any(low <= ord(character) <= high for character in FOLDED_INTO_ASCII):
        raise Unreadable("a case-blind character that matches an ASCII letter")
