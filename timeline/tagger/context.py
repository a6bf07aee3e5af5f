"""What a resolver knows about the text around an expression.

News text resolves against its publication date; narrative text against its
own last date and the dated heading it sits under. The context holds both and
answers the questions resolvers ask: which year a year-less date falls in, what
"the next day" counts from, whether a sentence speaks of the future.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from timeline.model import DateSpan
from timeline.tagger.locate import for_ascii

FUTURE = re.compile(
    r"\b(?:will|shall|won't|is due|are due|is expected to|are expected to|is scheduled|are scheduled|"
    r"plans? to|planned|is set to|are set to|to be held|would|going to|should|may\s+be|might|scheduled|"
    r"(?<!missed\sa\s)(?<!missed\sthe\s)(?<!met\sthe\s)deadline|(?<!the\s)next|next(?!\s+(?:day|morning|afternoon|evening|night|week|month|year)\b)|wants? to|aims? to|intends? to|hopes? to)\b|'ll\b",
    re.I,
)
PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|[a-z]{2,}ed|said|took|began|came|went|made|met|held|saw|fell|fled|left|led|won|lost|gave|"
    r"became|broke|rose|struck|sent|kept|told|found|got|brought|stood|ran|shot|fought|spoke|wrote|threw|drove|hit|"
    r"put|set|cut|let|quit|spread|seized|overran|retook|overtook|undertook|withdrew|drew|flew|grew|knew|blew|sought|"
    r"caught|thought|bought|taught|heard|felt|swore|chose|froze|arose|dealt|meant|built|rebuilt|spent|sank|sat|shook)\b"
)
"""A verb in the past tense, or a past participle ('killed', 'threw', 'were'): the sentence tells what happened."""
SENTENCE_END = re.compile(r"[.?!](?=\s)|\n")
FUTURE_IN_LOWERED_ASCII = re.compile(FUTURE.pattern, re.ASCII)
"""FUTURE for an ASCII clause put in lower case: the same words found, but compared as they are written, which
lets the regex engine pass over a word at its first letter instead of trying every word case-blind."""


NAMED_YEAR = re.compile(r"\d{4}(?!\d)")


def year_of(span: DateSpan) -> int:
    """The year a span is named by: 1918 for the winter 1918-WI, which begins in December 1917."""
    named = NAMED_YEAR.match(span.value)
    return int(named.group()) if named else span.begin.year


CLAUSE_END = re.compile(r"[,;:.?!\n]|\b(?:that|which|who|when|while|amid|amidst|after|before)\b")
ASCII_CLAUSE_END = for_ascii(CLAUSE_END)
"""CLAUSE_END for ASCII text, where it finds the same without asking Python's Unicode database what a word is."""


SENTENCE_BREAKS = (". ", "\n", "? ", "! ")
CLAUSE_BREAKS = (*SENTENCE_BREAKS, ", ")


def _after_the_last(before: str, breaks: tuple[str, ...]) -> str:
    """What of ``before`` follows the last of its ``breaks`` (from the break's second character on), or all of it."""
    return before[max(map(before.rfind, breaks)) + 1:]


def _falls_in(heading: DateSpan, year: int, month: int, day: int | None) -> bool:
    """Whether the day (or the month) in ``year`` lies within the heading's span, taken from its first month."""
    return _days_outside(heading, year, month, day) == 0


def _days_outside(heading: DateSpan, year: int, month: int, day: int | None) -> int:
    """How many days the day (or the month) in ``year`` lies before or after the heading's span (taken from its
    first month); 0 inside it."""
    probe = date(year, month, min(day or 1, 28))
    begin = heading.begin.replace(day=1)
    if probe < begin:
        return (begin - probe).days
    return max(0, (probe - heading.end).days)


@dataclass
class Anchor:
    """A date something was resolved against, and where it came from."""

    day: date
    value: str
    source: str


@dataclass
class ResolutionContext:
    """Resolution state for one text, updated as expressions are resolved in order.

    ``last`` is the last date resolved (what "a year later" counts from) and
    ``last_end`` where its text ended; ``last_absolute`` the last date written
    with its own year outside a heading (what a year-less "18 March" takes its
    year from); ``last_day`` the last single day named (what "that day" means).
    """

    text: str
    reference: date | None
    reference_source: str = "publication"
    narrative: bool = False
    last: DateSpan | None = None
    last_end: int = -1
    last_absolute: DateSpan | None = None
    last_day: DateSpan | None = None
    heading: DateSpan | None = None
    headings: tuple[tuple[int, int], ...] = ()

    def clause_at(self, position: int) -> str:
        """The clause around ``position``: back to the last comma or sentence start, forward to
        the next comma, 'that' or 'which'.

        'announced Friday that it will give' is past for Friday; 'a June 3 hearing
        has been scheduled' is future for June 3.
        """
        rest = self.text[position:position + 160]
        after = (ASCII_CLAUSE_END if rest.isascii() else CLAUSE_END).split(rest, maxsplit=1)[0]
        return _after_the_last(self.text[max(0, position - 160):position], CLAUSE_BREAKS) + after

    def sentence_at(self, position: int) -> str:
        """The sentence around ``position`` (up to 200 characters each side)."""
        after = SENTENCE_END.split(self.text[position:position + 200], maxsplit=1)[0]
        return _after_the_last(self.text[max(0, position - 200):position], SENTENCE_BREAKS) + after

    def tells_the_past(self, position: int) -> bool:
        """Whether the sentence around ``position`` has a verb in the past ('threw', 'took place', 'was held')."""
        return PAST_VERB.search(self.sentence_at(position)) is not None

    def is_future(self, position: int) -> bool:
        """Whether the clause speaks of what is still to come ('will', 'is scheduled', 'should')."""
        clause = self.clause_at(position)
        if clause.isascii():
            return FUTURE_IN_LOWERED_ASCII.search(clause.lower()) is not None
        return FUTURE.search(clause) is not None

    def deictic_anchor(self) -> Anchor | None:
        """'today', 'last week': the publication date, or failing that the text's last date.

        A narrative's publication date is only when it was written down; there
        'that week' and 'today' speak of the text's own last date.
        """
        if self.narrative and self.last is not None:
            return Anchor(self.last.begin, self.last.value, "expression")
        if self.reference is not None:
            return Anchor(self.reference, self.reference.isoformat(), self.reference_source)
        if self.last is not None:
            return Anchor(self.last.begin, self.last.value, "inferred")
        return None

    def day_anchor(self) -> Anchor | None:
        """'that day', '18:00 UTC': the day the text last named, or else the deictic anchor."""
        if self.last_day is not None:
            return Anchor(self.last_day.begin, self.last_day.value, "expression")
        return self.deictic_anchor()

    def narrative_anchor(self) -> Anchor | None:
        """'a year later', 'the next day': the last date the text gave, or failing that the reference."""
        if self.last is not None:
            return Anchor(self.last.begin, self.last.value, "expression")
        return self.deictic_anchor()

    def year_for(self, month: int, day: int | None, position: int) -> Anchor | None:
        """The year of a date written without one; returned as the anchor it was taken from.

        Narrative text takes it from the dated heading above (the year in which the
        date falls inside the heading's span) or else from the last date; news text
        takes the nearest such date not after the publication date, or not before
        it when the sentence speaks of the future.
        """
        if self.narrative or self.reference is None:
            anchor = self._year_from_text(month, day)
            if anchor is not None:
                return anchor
        if self.reference is None:
            return None
        ref = self.reference
        wanted = (month, day or 1)
        if self.is_future(position):
            year = ref.year if wanted >= (ref.month, 1 if day is None else ref.day) else ref.year + 1
        else:
            year = ref.year if wanted <= (ref.month, ref.day) else ref.year - 1
        return Anchor(date(year, 1, 1), ref.isoformat(), self.reference_source)

    def _year_from_text(self, month: int, day: int | None) -> Anchor | None:
        """The year of the last explicit date if it lies under the current heading and puts the date there too,
        else the year that puts the date inside the heading ('15 January' under '(December 2016–April 2017)' after
        'December 2016' is in 2017), else whichever of the last date's year and the year that puts the date nearest
        the heading puts it nearer: '21 March' under '(April–June 2017)' after a mention of 2015 is in 2017, 'early
        October' under '(January–March 2014)' right after '18 September 2013' stays in 2013, and 'January' under
        '(December 2019)' is in 2020."""
        last, heading = self.last_absolute, self.heading
        if heading is None:
            return Anchor(date(year_of(last), 1, 1), last.value, "expression") if last is not None else None
        under_heading = last is not None and heading.begin <= last.begin <= heading.end
        if under_heading and _falls_in(heading, year_of(last), month, day):
            return Anchor(date(year_of(last), 1, 1), last.value, "expression")
        outside, year = min((_days_outside(heading, year, month, day), year)
                            for year in range(heading.begin.year - 1, heading.end.year + 2))
        if outside and last is not None and _days_outside(heading, year_of(last), month, day) <= outside:
            return Anchor(date(year_of(last), 1, 1), last.value, "expression")
        return Anchor(date(year, 1, 1), heading.value, "heading")

    def heading_at(self, position: int) -> tuple[int, int] | None:
        """The first heading that holds ``position``, or None.

        Headings come in reading order, and then the first whose end lies beyond ``position`` is found by
        halving (a long timeline has dozens of headings, asked about at every date); any other order is read
        heading by heading.
        """
        if not self.headings:
            return None
        ends = self._heading_ends_in_order
        if ends is None:
            return next(((start, end) for start, end in self.headings if start <= position < end), None)
        index = bisect.bisect_right(ends, position)
        if index < len(ends) and self.headings[index][0] <= position:
            return self.headings[index]
        return None

    @cached_property
    def _heading_ends_in_order(self) -> list[int] | None:
        """The ends of the headings when both their starts and their ends never decrease, else None."""
        starts = [start for start, _ in self.headings]
        ends = [end for _, end in self.headings]
        return ends if starts == sorted(starts) and ends == sorted(ends) else None
