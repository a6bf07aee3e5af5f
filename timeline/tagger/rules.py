"""The English rule table: a pattern per kind of expression and the resolver that dates it.

Rules are data: :data:`RULES` lists (name, pattern, resolver). The engine finds
candidates with every pattern, keeps the longest non-overlapping ones and asks
each rule's resolver for a TimeML type and value; a resolver that returns None
rejects the candidate ("May" the verb, "ten" the number).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple
from datetime import date, timedelta

from timeline.model import DateSpan
from timeline.tagger import holidays
from timeline.tagger.context import PAST_VERB, Anchor, ResolutionContext
from timeline.tagger.locate import Locator, WordLocator, either, for_ascii, shape, words
from timeline.tagger.starts import start_finder
from timeline.tagger.lexicon import (
    FULL_MONTH, MODIFIERS, MONTH, MONTHS, NUMBER, NUMBERS, ORDINALS, PARTS_OF_DAY,
    SEASONS, UNIT, UNITS, VAGUE_NUMBERS, WEEKDAY, WEEKDAYS, YEAR, alternation,
)
from timeline.tagger.timex import day_value, month_end, month_value, week_value


class Resolution(NamedTuple):
    """What a resolver decided: TimeML type and value, and what it was resolved against (a tuple: one is made
    for nearly every candidate)."""

    type: str
    value: str
    modifier: str | None = None
    anchor: Anchor | None = None


Resolver = Callable[[re.Match, ResolutionContext], Resolution | None]


@dataclass(frozen=True)
class Rule:
    """A kind of expression: its pattern, its resolver, and a locator for a word every match contains
    (the engine runs the pattern only around the locator's hits, see :mod:`timeline.tagger.locate`).

    ``needs`` are pieces every match contains that the locator does not promise (the year of
    'October 22, 2000' near a month name): a plain search for each is much cheaper than the
    rich pattern, which is not run in a region lacking one. They are looked for in order, and a
    piece several rules need (a day before a month) is looked for once per region (see
    :meth:`holds_needs`), so a rule whose own piece is rarer puts the shared one first.
    ``word_break`` is the pattern behind a non-word character, for a rule whose every
    match begins a word (see :meth:`matches`); None for the few that need not ('yearly 490 BC').
    """

    name: str
    pattern: re.Pattern
    resolve: Resolver
    locator: Locator
    needs: tuple[re.Pattern, ...] = ()
    word_break: re.Pattern | None = None

    @cached_property
    def for_ascii_text(self) -> Rule:
        """The same rule with its regexes in their quicker form for an ASCII text (see :func:`for_ascii`)."""
        return replace(self, pattern=for_ascii(self.pattern), needs=tuple(map(for_ascii, self.needs)),
                       word_break=self.word_break and for_ascii(self.word_break))

    @cached_property
    def word_starts(self) -> re.Pattern | None:
        """A quicker stand-in for ``word_break``: the same, behind a start finder (see :mod:`timeline.tagger.starts`)
        that lets the regex engine try the pattern only where its first characters can begin. Made on first
        use, since reading the pattern takes a while; None for a rule without ``word_break`` or a start finder."""
        finder = start_finder(self.pattern) if self.word_break is not None else None
        if finder is None:
            return None
        return re.compile(rf"{finder.pattern}(?={self.pattern.pattern})", finder.flags)

    def holds_needs(self, text: str, low: int, high: int, known: dict[tuple[str, int], bool]) -> bool:
        """Whether ``text[low:high]`` holds every piece the rule needs; ``known`` keeps, for one text,
        what each piece's search in a region (by its pattern and the region's start) found."""
        for piece in self.needs:
            key = (piece.pattern, low)
            held = known.get(key)
            if held is None:
                held = known[key] = piece.search(text, low, high) is not None
            if not held:
                return False
        return True

    def matches(self, text: str, low: int, high: int, *, folded: bool = True) -> Iterator[re.Match]:
        """The pattern's matches in ``text[low:high]``, exactly those of ``pattern.finditer(text, low, high)``.

        A match that begins a word begins the text or follows a non-word character, and the regex
        engine skips to the next such character far faster than it tries a rich pattern at every
        position on the way; so it looks for the first break the pattern matches after (from the
        character before ``low``, or before the end of the match before), all in one search, and only
        the match found there is made again as the pattern's own. ``folded`` says that the text may
        hold one of the four characters the quick :attr:`word_starts` overlooks
        (:data:`timeline.tagger.starts.FOLDED_INTO_ASCII`).
        """
        if self.word_break is None:
            yield from self.pattern.finditer(text, low, high)
            return
        finder = self.word_break if folded or self.word_starts is None else self.word_starts
        match = self.pattern.match
        position = low
        found = match(text, 0, high) if low == 0 else None
        while position < high:
            if found is None:
                gap = finder.search(text, position - 1 if position else 0, high)
                if gap is None:
                    return
                found = match(text, gap.end(), high)
            yield found
            position = found.end()
            found = None


MOD = r"(?:(?P<mod>early|mid|late|the\s+(?:beginning|start|middle|end|close|turn)\s+of|around|about|circa|ca?\.)[\s-]+)?"
BOUNDARY_BEFORE = r"(?<![\w$£€#.,/:-])"
BOUNDARY_AFTER = r"(?![\w%]|[.,:]\d|\s*(?:%|percent|per\s+cent))"


SPACES = re.compile(r"\s+")
COUNTED = re.compile(
    r"\s+(?:people|persons|soldiers|troops|fighters|civilians|men|women|children|refugees|"
    r"families|homes|houses|km|kilometres|kilometers|miles|metres|meters|feet|tons|tonnes|"
    r"dollars|euros|pounds|prisoners|deaths|dead|cases|times|votes|members|units|rounds|"
    r"hours|days|weeks|months|years|decades|centuries|calories|acres)\b"
)
DECIMAL = re.compile(r"\d+\.\d+")
NOT_DIGITS = re.compile(r"\D")


def _phrase(words: str) -> str:
    """Words as the tables spell them: lower case, one space between ('The  Middle\nof' is 'the middle of')."""
    return SPACES.sub(" ", words.lower())


def _group(match: re.Match, name: str) -> str | None:
    """The named group's text, or None when it did not match or the pattern has no such group; cheaper than
    ``groupdict().get(name)``, which copies every group of a rich pattern."""
    return match.group(name) if name in match.re.groupindex else None


def _modifier(match: re.Match) -> str | None:
    raw = _group(match, "mod")
    return MODIFIERS.get(_phrase(raw)) if raw else None


def _number(word: str) -> int | None:
    word = _phrase(word)
    if word.replace(".", "", 1).isdigit():
        return int(float(word))
    if "-" in word:
        tens, _, ones = word.partition("-")
        return NUMBERS.get(tens, 0) + NUMBERS.get(ones, 0) or None
    return NUMBERS.get(word)


UNITS_LONGEST_FIRST = sorted(UNITS, key=len, reverse=True)


def _unit(word: str) -> str:
    word = word.lower()
    for name in UNITS_LONGEST_FIRST:
        if word.startswith(name[:4]) and (word.startswith(name) or name == "century"):
            return UNITS[name]
    return "D"


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


CLOCK_UNITS = {"H": "H", "MIN": "M", "S": "S"}


def shift(day: date, amount: int, unit: str) -> date:
    """Move a date by whole units, clamping the day where months are shorter."""
    if unit == "D":
        return day + timedelta(days=amount)
    if unit in ("W", "WE"):
        return day + timedelta(weeks=amount)
    if unit in CLOCK_UNITS:
        return day
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * amount
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month + 1, min(day.day, month_end(year, month + 1).day))


def value_at(day: date, unit: str) -> str:
    """A date written at the precision of a unit: days to a day, weeks to a week, years to a year."""
    if unit == "D" or unit in CLOCK_UNITS:
        return day_value(day)
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit in ("W", "WE"):
        return week_value(day)
    if unit == "M":
        return month_value(day.year, day.month)
    if unit == "DE":
        return f"{day.year // 10:03d}"
    if unit == "CE":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


# --- absolute dates ---------------------------------------------------------

def resolve_calendar_date(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'October 22, 2000', '22 October', 'Dec 8th', '2024-12-08', 'mid-December', 'March 2011', 'May of next year',
    'the night of 20 June 1791' (a TIME)."""
    parts = match.groupdict()
    month = int(parts["monthnum"]) if parts.get("monthnum") else _month(parts["month"])
    day = int(parts["day"]) if parts.get("day") else None
    if day is not None and not 1 <= day <= 31:
        return None
    if parts.get("month") and not _month_is_a_date(match, ctx, has_day=day is not None):
        return None
    anchor = None
    if parts.get("year"):
        year = _full_year(parts["year"], ctx.reference)
    elif parts.get("rel"):
        anchor = ctx.deictic_anchor()
        if anchor is None:
            return None
        year = anchor.day.year + RELATIVE_OFFSETS[parts["rel"]]
    else:
        anchor = ctx.year_for(month, day, match.start())
        if anchor is None:
            value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
            return Resolution("DATE", value)
        year = anchor.day.year
    try:
        value = day_value(date(year, month, day)) if day else month_value(year, month)
    except ValueError:
        return None
    if parts.get("part") and day:
        return Resolution("TIME", f"{value}T{PARTS_OF_DAY[parts['part'].lower()]}", anchor=anchor)
    return Resolution("DATE", value, _modifier(match), anchor)


def _full_year(digits: str, reference: date | None) -> int:
    """'07' in '7/8/07' is 2007 unless that lies more than ten years after the reference
    (without one, the POSIX rule: 69-99 are 1969-1999)."""
    if len(digits) == 4:
        return int(digits)
    if reference is None:
        return int(digits) + (2000 if int(digits) < 69 else 1900)
    recent = reference.year + 10
    year = recent // 100 * 100 + int(digits)
    return year if year <= recent else year - 100


NAMES_TOO = frozenset({"may", "march", "april", "june", "august"})
"""Months that are also a verb, a noun or a first name ('June said')."""
MONTH_AS_SUBJECT = re.compile(rf"\s+(?:(?:to|through|until|and)\s+(?:early\s+|late\s+|mid-?)?(?:{FULL_MONTH})\b|(?={PAST_VERB.pattern}))")
"""What follows a month that opens a sentence as its subject: a verb ('September saw'), or the end of a range
('February to April proved')."""


def _month_is_a_date(match: re.Match, ctx: ResolutionContext, has_day: bool) -> bool:
    """'May' and 'March' are also a verb and a noun: a bare month needs a date-like neighbour, or to open a
    sentence as its subject, if it is no name too."""
    if has_day or _group(match, "year") or _group(match, "mod"):
        return True
    before = ctx.text[max(0, match.start() - 12):match.start()].lower().split()
    month = match.group("month").lower()
    if (not before or before[-1][-1] in ".!?") and month not in NAMES_TOO:
        return MONTH_AS_SUBJECT.match(ctx.text, match.end()) is not None
    if before and before[-1] == "the" and month in ("march", "may"):
        return False
    return bool(before) and before[-1].lstrip("([") in {
        "in", "since", "until", "till", "by", "during", "from", "to", "through", "throughout", "into",
        "before", "after", "last", "next", "this", "of", "early", "late", "mid", "between", "and", "or",
        "on", "that", "the",
    }


def resolve_year(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'2011', 'early 2011', 'the winter of 2012', 'spring 2013', 'fiscal 2008'."""
    year = int(match.group("year"))
    season = _group(match, "season")
    if season:
        return Resolution("DATE", f"{year:04d}-{SEASONS[season.lower()]}", _modifier(match))
    if not _year_in_context(match, ctx):
        return None
    return Resolution("DATE", f"{year:04d}", _modifier(match))


def _year_in_context(match: re.Match, ctx: ResolutionContext) -> bool:
    """A four-digit number is a year unless it counts something ('2000 people') or is an address."""
    after = ctx.text[match.end():match.end() + 24].lower()
    return COUNTED.match(after) is None


def resolve_year_range_end(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """The second year of '1861-1863' or '1995-96'; it must come after the first."""
    first = int(match.group("first"))
    last = match.group("last")
    year = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    return Resolution("DATE", f"{year:04d}") if first < year <= first + 99 else None


def resolve_year_bc(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'490 BC', 'August 480 BC', 'the spring of 480 BC', the first year of '499-493 BC' (TIMEX3: BC0490)."""
    year = int(match.group("year"))
    if year == 0:
        return None
    value = f"BC{year:04d}"
    if match.group("season"):
        value += f"-{SEASONS[match.group('season').lower()]}"
    elif match.group("month"):
        value += f"-{_month(match.group('month')):02d}"
    return Resolution("DATE", value, _modifier(match))


def resolve_range_end_day(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """The bare second day of 'April 6-7' or 'May 4 and 5': the month and year of the day just before."""
    last = ctx.last
    if last is None or last.granularity != "day" or not RANGE_GAP.fullmatch(ctx.text[ctx.last_end:match.start()]):
        return None
    try:
        day = last.begin.replace(day=int(match.group("day")))
    except ValueError:
        return None
    if day <= last.begin:
        return None
    return Resolution("DATE", day_value(day), anchor=Anchor(last.begin, last.value, "expression"))


def resolve_ordinal_day(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'on the 20th': that day of the month of the day last named, or of the month the range it opens ends in ('from
    the 13th to the 19th of October 1950'). Against a day the text named, a smaller number is in the month after
    (a story goes on); against the publication date, a larger one is in the month before, unless the clause speaks
    of what is to come."""
    if match.group("month"):
        return resolve_calendar_date(match, ctx)
    anchor = ctx.day_anchor()
    if anchor is None:
        return None
    number = int(match.group("day"))
    month = anchor.day.replace(day=1)
    if anchor.source == "expression" or ctx.is_future(match.start()):
        months = 1 if number < anchor.day.day else 0
    else:
        months = -1 if number > anchor.day.day else 0
    return Resolution("DATE", day_value(shift(month, months, "M").replace(day=number)), anchor=anchor)


NAME_BEFORE = re.compile(r"(?<![.!?\n]\s)\b[A-Z][\w'’-]*\s+$")
NAME_AFTER = re.compile(r"[ \t]+[A-Z]")
CODE_NAME_BEFORE = re.compile(r"\bOperation\s+$")


def _in_a_name(match: re.Match, group: str, text: str) -> bool:
    """A capitalised word that ends a run of capitalised words is the head of a name ('the Arab
    Spring protests'), not the season it spells; one that leads into more capitals names an
    event by its season ('the Chinese Winter Offensive') and stays a date, unless it opens an
    operation's code name ('Operation Spring Shield', launched in February)."""
    word = match.group(group)
    if not word[0].isupper():
        return False
    before = text[max(0, match.start(group) - 40):match.start(group)]
    if CODE_NAME_BEFORE.search(before):
        return True
    return not NAME_AFTER.match(text, match.end(group)) and bool(NAME_BEFORE.search(before))


def resolve_bare_season(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'the summer', 'Spring', 'the early winter': the season of the year the text is in."""
    if _in_a_name(match, "season", ctx.text):
        return None
    code = SEASONS[match.group("season").lower()]
    anchor = ctx.year_for(SEASON_FIRST_MONTH[code], None, match.start())
    if anchor is None:
        return None
    year = anchor.day.year + 1 if code == "WI" and _late_in_its_year(anchor, ctx.last_absolute) else anchor.day.year
    return Resolution("DATE", f"{year:04d}-{code}", _modifier(match), anchor)


def _late_in_its_year(anchor: Anchor, last: DateSpan | None) -> bool:
    """Whether the text's last date, which ``anchor`` took its year from, lies late in that year (August on,
    the autumn): the winter a story comes to next is then the one that begins that December and is named
    by the year after (TIMEX3's 1915-WI is the winter of 1914 to 1915)."""
    return (anchor.source == "expression" and last is not None and anchor.value == last.value
            and last.granularity not in COARSER_THAN_MONTHS and last.begin.month >= 8)


def resolve_decade(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    return Resolution("DATE", match.group("decade")[:3], _modifier(match))


def resolve_short_decade(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'the 70s', "'80s": decades of the twentieth century."""
    return Resolution("DATE", f"19{match.group('decade')[0]}")


WORD_BEFORE = re.compile(r"(\S+)\s+$")


def resolve_short_year(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """"since '82", "the Club of '89": the year of those two digits nearest the date the text is at. Not after a
    word with a capital in it, which names a product or a team ("iLife '11", "Windows '95")."""
    before = WORD_BEFORE.search(ctx.text, max(0, match.start() - 30), match.start())
    if before is not None and not before.group(1).islower():
        return None
    anchor = ctx.narrative_anchor() if ctx.narrative else ctx.deictic_anchor()
    if anchor is None:
        return None
    digits, around = int(match.group("yy")), anchor.day.year
    year = min((century + digits for century in range(around // 100 * 100 - 100, around // 100 * 100 + 101, 100)),
               key=lambda candidate: abs(candidate - around))
    return Resolution("DATE", f"{year:04d}", anchor=anchor) if 1 <= year <= 9999 else None


def resolve_century(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'the 19th century' (TIMEX3: 18), 'the 4th century BC' (BC03: the years 400 to 301 BC)."""
    word = match.group("nth").lower()
    number = ORDINALS.get(word) or int(NOT_DIGITS.sub("", word) or 0)
    if not 1 <= number <= 21:
        return None
    return Resolution("DATE", f"{'BC' if match.group('bc') else ''}{number - 1:02d}", _modifier(match))


def resolve_decade_bc(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'the 470s BC' (TIMEX3: BC047, the years 479 to 470 BC)."""
    return Resolution("DATE", f"BC{int(match.group('decade')) // 10:03d}", _modifier(match))


def resolve_week_of_month(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'the last week of March' (2009-W13), 'the first week of May 2011': the ISO week holding
    the month's 7th, 14th, 21st or 28th day, or its last day but six."""
    month = _month(match.group("month"))
    if match.group("year"):
        year = int(match.group("year"))
        anchor = None
    else:
        anchor = ctx.year_for(month, None, match.start())
        if anchor is None:
            return None
        year = anchor.day.year
    word = match.group("nth").lower()
    last = month_end(year, month)
    day = last - timedelta(days=6) if word in LAST_PART else date(year, month, 7 * ORDINALS[word])
    return Resolution("DATE", week_value(day), anchor=anchor)


LAST_PART = ("last", "final", "past", "previous")


def resolve_part_of_year(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'the first quarter of 2008', 'third-quarter', 'the second half of last year', 'the last quarter'.

    Without a year, a part of a news report's year is the one nearest the publication
    date (the next one in the future tense); in narrative text it takes the text's
    year. 'The last quarter' is the one before the reference's.
    """
    word = match.group("nth").lower()
    unit = match.group("part").lower()
    months = 3 if unit == "quarter" else 6
    letter = "Q" if unit == "quarter" else "H"
    rel = (match.group("rel") or "").lower()
    if word in LAST_PART and not (match.group("year") or rel):
        anchor = ctx.deictic_anchor()
        if anchor is None:
            return None
        day = shift(anchor.day, -months, "M")
        return Resolution("DATE", f"{day.year:04d}-{letter}{(day.month - 1) // months + 1}", anchor=anchor)
    nth = 12 // months if word in LAST_PART else ORDINALS.get(word)
    if nth is None or nth > 12 // months:
        return None
    if match.group("year"):
        return Resolution("DATE", f"{match.group('year')}-{letter}{nth}")
    if rel:
        anchor = ctx.deictic_anchor()
        year = anchor.day.year + RELATIVE_OFFSETS.get(rel, 0) if anchor else None
    elif ctx.reference is not None and not ctx.narrative and not ctx.is_future(match.start()):
        anchor = Anchor(ctx.reference, ctx.reference.isoformat(), ctx.reference_source)
        year = _nearest_year((nth - 1) * months + 1, months, ctx.reference)
    else:
        anchor = ctx.year_for((nth - 1) * months + 1, None, match.start())
        year = anchor.day.year if anchor else None
    return Resolution("DATE", f"{year:04d}-{letter}{nth}", anchor=anchor) if year else None


def resolve_month_after_month(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'the previous April', 'the following May' (the nearest such month before or after the last date), and
    'month's end' (the end of the last date's month)."""
    anchor = ctx.narrative_anchor()
    if anchor is None:
        return None
    day = anchor.day
    if not match.group("month"):
        return Resolution("DATE", month_value(day.year, day.month), "end", anchor)
    month = _month(match.group("month"))
    if match.group("rel_month").lower() == "previous":
        year = day.year if month < day.month else day.year - 1
    else:
        year = day.year if month > day.month else day.year + 1
    return Resolution("DATE", month_value(year, month), anchor=anchor)


def resolve_quarter_code(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'Q1 2012', 'Q3-2011', '2012 Q4': a quarter as business news writes it."""
    year = match.group("year") or match.group("year_first")
    return Resolution("DATE", f"{year}-Q{match.group('quarter') or match.group('quarter_after')}")


def _nearest_year(first_month: int, months: int, reference: date) -> int:
    """The year whose part (from ``first_month``, ``months`` long) lies nearest the reference:
    in August 'the fourth quarter' is the coming one, in March the one just ended."""
    def distance(year: int) -> int:
        begin, end = date(year, first_month, 1), month_end(year, first_month + months - 1)
        return max((begin - reference).days, (reference - end).days, 0)

    return min((reference.year - 1, reference.year, reference.year + 1), key=distance)


def resolve_season(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'last summer', 'this winter': seasons of the reference year."""
    anchor = ctx.deictic_anchor()
    if anchor is None:
        return None
    code = SEASONS[match.group("season").lower()]
    year = anchor.day.year + {"last": -1, "next": 1}.get(match.group("rel").lower(), 0)
    return Resolution("DATE", f"{year:04d}-{code}", anchor=anchor)


# --- relative to the publication date ---------------------------------------

DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "the day before yesterday": -2,
                "the day after tomorrow": 2, "last night": -1, "this morning": 0, "this afternoon": 0,
                "this evening": 0, "overnight": -1}


def resolve_deictic_day(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'today', 'yesterday morning', 'tonight', 'last night', 'overnight' (the night before the reference)."""
    anchor = ctx.deictic_anchor()
    if anchor is None:
        return None
    words = _phrase(match.group("day"))
    day = anchor.day + timedelta(days=DEICTIC_DAYS[words])
    part = _group(match, "part") or words.split()[-1]
    code = PARTS_OF_DAY.get(part.lower())
    if code:
        return Resolution("TIME", f"{day_value(day)}T{code}", anchor=anchor)
    return Resolution("DATE", day_value(day), anchor=anchor)


def weekday_date(name: str, rel: str, reference: date, future: bool) -> date:
    """The named weekday nearest the reference: the latest not after it, the next one after it for
    'next' or in the future tense, and for 'last' never the reference day itself."""
    weekday = WEEKDAYS[name.lower()]
    back = (reference.weekday() - weekday) % 7
    if rel == "next" or (rel not in ("last", "past") and future):
        return reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    return reference - timedelta(days=back + (7 if rel == "last" and back == 0 else 0))


LIMIT_BEFORE = re.compile(r"\b(?:until|till|by)\s+$", re.I)


def resolve_weekday(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'on Tuesday': the latest Tuesday not after the reference, or the next one in the future tense;
    'until Friday', 'by Friday' (a limit, usually just ahead): whichever Friday is nearer."""
    anchor = ctx.deictic_anchor() if not ctx.narrative else ctx.narrative_anchor()
    if anchor is None:
        return None
    rel = (_group(match, "rel") or "").lower()
    name = match.group("weekday")
    day = weekday_date(name, rel, anchor.day, ctx.is_future(match.start()))
    if not rel and LIMIT_BEFORE.search(ctx.text, max(0, match.start() - 8), match.start()):
        ahead = weekday_date(name, "next", anchor.day, True)
        day = min((weekday_date(name, "", anchor.day, False), ahead), key=lambda d: abs((d - anchor.day).days))
    part = _group(match, "part")
    if part:
        return Resolution("TIME", f"{day_value(day)}T{PARTS_OF_DAY[part.lower()]}", anchor=anchor)
    return Resolution("DATE", day_value(day), anchor=anchor)


RELATIVE_OFFSETS = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "following": 1, "this": 0,
                    "current": 0, "same": 0, "that": 0, "the": 0}
NARRATIVE_RELATIONS = ("previous", "following", "same", "that")


def resolve_relative_unit(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'last week' (2024-W51), 'this month', 'earlier this month', 'next year', 'the following year', 'last weekend'
    (TIMEX3 2024-W50-WE, see :func:`_weekend_week`)."""
    rel = match.group("rel").lower().split()[-1]
    weekend = match.group("unit").lower() == "weekend"
    if rel == "the" and not (match.group("mod") or weekend) or rel == "that" and not match.group("side"):
        return None
    anchor = ctx.narrative_anchor() if rel in NARRATIVE_RELATIONS else ctx.deictic_anchor()
    unit = _unit(match.group("unit"))
    if anchor is None or rel in NARRATIVE_RELATIONS and _coarser_than(ctx.last, unit):
        return None
    day = shift(anchor.day, RELATIVE_OFFSETS[rel], unit)
    if unit == "WE":
        return Resolution("DATE", f"{week_value(_weekend_week(day, rel, match, ctx))}-WE", anchor=anchor)
    return Resolution("DATE", value_at(day, unit), _modifier(match), anchor)


UNIT_GRANULARITY = {"D": "day", "H": "day", "MIN": "day", "S": "day", "W": "week", "WE": "week", "M": "month",
                    "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century"}
GRANULARITY_UNIT = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "season": "Y", "half": "Y", "year": "Y",
                    "decade": "DE", "century": "CE"}
"""The unit a date of each granularity is written at; a season's or a half's count is written as its year."""
FINER_FIRST = ("day", "week", "month", "quarter", "season", "half", "year", "decade", "century")


def _coarser_than(last: DateSpan | None, unit: str) -> bool:
    """Whether the text's last date is known less precisely than ``unit``: after 'August 2019', 'the same week'
    or 'the following week' names no week."""
    wanted = UNIT_GRANULARITY.get(unit)
    return (last is not None and wanted is not None and last.granularity in FINER_FIRST
            and FINER_FIRST.index(last.granularity) > FINER_FIRST.index(wanted))


def _weekend_week(day: date, rel: str, match: re.Match, ctx: ResolutionContext) -> date:
    """A day of the ISO week whose end is the weekend meant. 'Last weekend' is the one that ends the week before:
    the Saturday and Sunday just gone on a weekday, the ones before on a weekend. 'This weekend' and 'the weekend'
    are this week's ('the talks resume this weekend'), but on a weekday a news sentence that tells the past speaks
    of the one just gone ('talks took place during the weekend', written on a Monday); a story told in the past goes
    on to the weekend after its day."""
    if (RELATIVE_OFFSETS[rel] == 0 and rel not in NARRATIVE_RELATIONS and day.weekday() < 5 and not ctx.narrative
            and not ctx.is_future(match.start()) and ctx.tells_the_past(match.start())):
        return day - timedelta(weeks=1)
    return day


def resolve_ago(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'two days ago', 'three years earlier', 'a year later' (against the last date)."""
    amount = _number(match.group("num"))
    if amount is None:
        return None
    unit = _unit(match.group("unit"))
    direction = match.group("dir").lower()
    anchor = ctx.deictic_anchor() if direction == "ago" else ctx.narrative_anchor()
    if anchor is None:
        return None
    sign = 1 if direction in ("later", "afterwards", "afterward", "on") else -1
    moved = shift(anchor.day, sign * amount, unit)
    if direction != "ago" and ctx.narrative and _coarser_than(ctx.last, unit):
        unit = GRANULARITY_UNIT[ctx.last.granularity]
    return Resolution("DATE", value_at(moved, unit), anchor=anchor)


def resolve_moments(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'Hours later', 'a few minutes earlier', 'moments ago': some time on the day of the last date (of the
    reference date for 'ago'), too little to name another day; TimeML writes it as that day at an unknown time
    ('1950-06-25TXX')."""
    anchor = ctx.deictic_anchor() if match.group("dir").lower() == "ago" else ctx.narrative_anchor()
    if anchor is None:
        return None
    return Resolution("DATE", f"{day_value(anchor.day)}TXX", anchor=anchor)


def resolve_after_event(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'two days after the KPA invaded', 'Two years before, the French had refused', in a narrative: counted
    from the date the story last gave, which is where it told of that event. In news, where such a count
    is from what the reader knows, it stays a duration (P2D), as TimeML's news corpora mark it."""
    if not ctx.narrative:
        return None
    amount = _number(match.group("num"))
    anchor = ctx.narrative_anchor()
    if amount is None or anchor is None:
        return None
    unit = _unit(match.group("unit"))
    sign = 1 if match.group("dir").lower() == "after" else -1
    return Resolution("DATE", value_at(shift(anchor.day, sign * amount, unit), unit), anchor=anchor)


def resolve_after_anchor(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'13 years after the 2011 revolt': counted from the year the same clause names, not from today."""
    amount = _number(match.group("num"))
    if amount is None:
        return None
    year = int(match.group("year"))
    unit = _unit(match.group("unit"))
    sign = 1 if match.group("dir").lower() == "after" else -1
    day = shift(date(year, 1, 1), sign * amount, unit)
    return Resolution("DATE", value_at(day, "Y"), anchor=Anchor(date(year, 1, 1), str(year), "expression"))


def resolve_after_date(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'Two days after the March 15, 2011 protests', 'three months after the fall of Aleppo in December 2016':
    counted from the date the same clause names, at that date's precision."""
    amount = _number(match.group("num"))
    month_name = match.group("month") or match.group("month2") or match.group("month3")
    if amount is None:
        return None
    month = _month(month_name)
    day_digits = match.group("day") or match.group("day2")
    day = int(day_digits) if day_digits else None
    year_digits = match.group("year") or match.group("year2") or match.group("year3")
    if year_digits:
        year = int(year_digits)
    else:
        found = ctx.year_for(month, day, match.start())
        if found is None:
            return None
        year = found.day.year
    anchor_day = date(year, month, day or 1)
    anchor_value = day_value(anchor_day) if day else month_value(year, month)
    sign = 1 if match.group("dir").lower() == "after" else -1
    moved = shift(anchor_day, sign * amount, _unit(match.group("unit")))
    value = day_value(moved) if day else month_value(moved.year, moved.month)
    return Resolution("DATE", value, anchor=Anchor(anchor_day, anchor_value, "expression"))


NEIGHBOUR_DAYS = {"previous": -1, "before": -1, "next": 1, "following": 1, "after": 1, "same": 0, "that": 0, "the": 0}


def resolve_neighbour_day(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'the previous day', 'the day before', 'that day', 'that night', 'early the next morning', 'late in the day':
    against the day last named."""
    anchor = ctx.day_anchor()
    if anchor is None:
        return None
    word = next(group for group in match.group("w1", "w2", "w3", "w4") if group).lower()
    day = day_value(anchor.day + timedelta(days=NEIGHBOUR_DAYS[word]))
    part = match.group("part") or match.group("part_after")
    if part:
        return Resolution("TIME", f"{day}T{PARTS_OF_DAY[part.lower()]}", anchor=anchor)
    return Resolution("DATE", day, _modifier(match), anchor)


HOLIDAY_EDGE = (r"(?:(?P<edge>the\s+eve|the\s+first\s+day|the\s+last\s+day)\s+of\s+"
                r"(?:the\s+(?:[a-z-]+\s+){0,3}?(?:month|festival|feast|holiday)\s+of\s+)?)?")
"""The day before a holiday or one of its own days: 'the eve of the Muslim fasting month of Ramadan'."""
EDGE_DAYS = {"the eve": lambda begin, end: begin - timedelta(days=1), "the first day": lambda begin, end: begin,
             "the last day": lambda begin, end: end}


def resolve_holiday(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'Christmas Day', 'New Year's Eve', 'Easter', 'Eid al-Fitr', 'Ramadan' (Islamic calendar), and the day before
    one or its first or last day ('the eve of Ramadan')."""
    resolution = _holiday(match, ctx)
    edge = _group(match, "edge")
    if resolution is None or not edge:
        return resolution
    begin, end = date.fromisoformat(resolution.value[:10]), date.fromisoformat(resolution.value[-10:])
    return resolution._replace(value=day_value(EDGE_DAYS[_phrase(edge)](begin, end)))


def _holiday(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """The holiday's own value: a day, or a span of days (Ramadan)."""
    name = holidays.normalise(match.group("holiday"))
    if match.group("year"):
        span = holidays.occurrence(name, int(match.group("year")))
        return Resolution("DATE", span) if span else None
    if ctx.narrative:
        anchor = ctx.narrative_anchor()
        forward = True
    else:
        anchor = ctx.deictic_anchor()
        forward = ctx.is_future(match.start())
    if anchor is None:
        return None
    value = holidays.nearest(name, anchor.day, future=forward)
    return Resolution("DATE", value, anchor=anchor) if value else None


# --- durations, sets, references, clock times -------------------------------

def resolve_duration(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'13 years' (P13Y), 'several days' (PXD), 'fifty-year' (P50Y), 'three hours' (PT3H)."""
    word = (match.group("num") or "one").lower()
    unit = _unit(match.group("unit"))
    if word in ("a", "an") and unit == "S":
        return None
    amount = _duration_amount(word)
    if amount is None or unit == "WE":
        return None
    if unit in CLOCK_UNITS:
        return Resolution("DURATION", f"PT{amount}{CLOCK_UNITS[unit]}")
    zeros, letter = {"DE": ("0", "Y"), "CE": ("00", "Y")}.get(unit, ("", unit))
    return Resolution("DURATION", f"P{amount}{zeros}{letter}")


def _duration_amount(word: str) -> str | None:
    """'X' for a vague amount ('several'), the number as written for '22.8', else the number's value."""
    if any(word.startswith(vague) for vague in VAGUE_NUMBERS):
        return "X"
    if DECIMAL.fullmatch(word):
        return word
    number = _number(word)
    return None if number is None else str(number)


def resolve_set(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'every year', 'annually', 'each week', 'weekly'."""
    word = match.group(0).lower().split()[-1]
    adverbs = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "annual": "P1Y", "yearly": "P1Y"}
    if word in adverbs:
        return Resolution("SET", adverbs[word])
    if word.capitalize() in WEEKDAY.split("|"):
        return Resolution("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}")
    return Resolution("SET", f"P1{_unit(word)}")


REFERENCES = {"now": ("DATE", "PRESENT_REF"), "currently": ("DATE", "PRESENT_REF"), "at present": ("DATE", "PRESENT_REF"),
              "nowadays": ("DATE", "PRESENT_REF"), "at the moment": ("DATE", "PRESENT_REF"),
              "these days": ("DATE", "PRESENT_REF"), "recently": ("DATE", "PAST_REF"), "in the past": ("DATE", "PAST_REF"),
              "in the future": ("DATE", "FUTURE_REF"), "the past": ("DATE", "PAST_REF"), "the future": ("DATE", "FUTURE_REF"),
              "recent years": ("DATE", "PAST_REF"), "recent months": ("DATE", "PAST_REF"),
              "recent weeks": ("DATE", "PAST_REF"), "recent days": ("DATE", "PAST_REF"),
              "over the years": ("DURATION", "PXY"), "for years": ("DURATION", "PXY"),
              "for decades": ("DURATION", "PXDE"), "recent": ("DATE", "PAST_REF")}


def resolve_reference(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'now', 'recently', 'in the future', 'recent years' (PAST_REF), 'over the years' (PXY): fixed phrases."""
    return Resolution(*REFERENCES[_phrase(match.group(0))])


ZONES = {"utc": "Z", "gmt": "Z", "z": "Z"}


def resolve_clock(match: re.Match, ctx: ResolutionContext) -> Resolution | None:
    """'3 p.m.', '18:00 UTC', '05:30hrs', '12:00 UTC Monday', '16:15 UTC, June 1st': a time on the day named
    after it, else on the day the text last named, else on the reference day."""
    hour = int(match.group("hour"))
    ampm = (_group(match, "ampm") or "").lower()
    if ampm and not 1 <= hour <= 12 or hour > 23:
        return None
    if ampm.startswith("p") and hour != 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    zone = ZONES.get((_group(match, "zone") or "").lower(), "")
    named = (_group(match, "named") or "").lower()
    time = f"T{hour:02d}:{int(match.group('minute') or 0):02d}{zone}"
    on_the_day_after = _clock_on_the_day_after(match, ctx, time) if match.group("day") or match.group("day_first") else None
    if on_the_day_after is not None:
        return on_the_day_after
    anchor = ctx.deictic_anchor() if named else ctx.day_anchor()
    if anchor is None:
        day = "XXXX-XX-XX"
    elif named in DEICTIC_DAYS:
        day = day_value(anchor.day + timedelta(days=DEICTIC_DAYS[named]))
    elif named:
        day = day_value(weekday_date(named, "", anchor.day, ctx.is_future(match.start())))
    else:
        day = day_value(anchor.day)
    return Resolution("TIME", day + time, anchor=anchor)


def _clock_on_the_day_after(match: re.Match, ctx: ResolutionContext, time: str) -> Resolution | None:
    """A time on the day written right after it, whose year is found as that date's own is (:func:`resolve_calendar_date`);
    None when that is no day ('May 40'). The year 2000, a leap year, stands in for an unknown one."""
    month = _month(match.group("month") or match.group("month_after"))
    day = int(match.group("day") or match.group("day_first"))
    anchor = ctx.year_for(month, day, match.start())
    try:
        on = date(anchor.day.year if anchor else 2000, month, day)
    except ValueError:
        return None
    value = day_value(on) if anchor else f"XXXX-{month:02d}-{day:02d}"
    return Resolution("TIME", value + time, anchor=anchor)


def _rule(
    name: str, pattern: str, resolve: Resolver, locator: Locator, needs: str | tuple[str, ...] = (),
    starts_words: bool = True,
) -> Rule:
    """A rule; ``starts_words`` says that every match of ``pattern`` begins a word (its first
    character is a letter or digit after a non-word character), as most do with a leading ``\\b``."""
    pieces = (needs,) if isinstance(needs, str) else needs
    return Rule(name, re.compile(pattern), resolve, locator, tuple(map(re.compile, pieces)),
                re.compile(rf"\W(?={pattern})") if starts_words else None)


MONTH_NAMES = WordLocator(frozenset(MONTHS), after=25)
SEASON_WORDS = words(*SEASONS)
UNIT_WORDS = words(*UNITS, after=10, before=45)
COUNTED_WORDS = words("ago", "later", "earlier", "afterward", "afterwards", "previously")
"""The words that end a count from a date ('two days later', 'hours ago'): one locator for the rules that count."""
BC_WORD = shape(r"b\.?c", "bc", "b.c")
"""'BC' or 'B.C.', which years and decades before Christ end with: one locator for both rules."""


RANGE_GAP = re.compile(r"\s*(?:[-–]|to|and|through)\s*")
COARSER_THAN_MONTHS = frozenset({"year", "decade", "century"})
SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 1}
RANGE_TO = r"(?:\s*[-–]\s*|\s+(?:to|and|through)\s+)"
BC = r"(?:BCE|BC|B\.C\.?)(?!\w)"
WEEKDAY_PREFIX = rf"(?:(?:{WEEKDAY}),?[ \t]+)?"
PART_OF = r"(?:(?i:(?:early\s+in\s+)?the\s+(?:early\s+)?(?P<part>morning|afternoon|evening|night)(?:\s+hours)?\s+of)\s+)?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# Pieces that rules' ``needs`` look for, each the core of its rule's pattern without the optional words around it
# ('22 October 2000' of 'on Sunday, 22 October 2000'). A month is looked for as any capitalised word beginning
# like one, which holds every MONTH and lets the regex engine skip from capital to capital; a day by its last digit.
ANY_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
LAST_DAY_DIGIT = r"\d(?:st|nd|rd|th)?"
DAY_BEFORE_MONTH = rf"{LAST_DAY_DIGIT}\s+(?:of\s+)?{ANY_MONTH_WORD}"
"""Held by every match of the rules with a day before their month; rare, so those rules look for it first."""
MONTH_BEFORE_YEAR = rf"{ANY_MONTH_WORD},?\s+(?:of\s+)?(?:{YEAR}|(?:next|last|this)\s+year)"
"""Held by every match of 'March 2011' and of 'March–April 2011' (whose second month it finds)."""

DAY_AFTER_CLOCK = (rf"(?:(?=\)?,?\s+(?:on\s+)?(?:(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])|"
                   rf"(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month_after>{MONTH})\b))|)")
"""The day a time is on when the day follows it ('at 16:15 UTC, June 1st', '(02:00 UTC) on 30 December'), looked
at but left to be a date of its own."""

RULES: tuple[Rule, ...] = (
    _rule("numeric-date", r"(?<![\w/.-])(?P<monthnum>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d\d)(?![\w/]|[.-]\d)", resolve_calendar_date, shape(r"\d/\d", "/")),
    _rule("iso-date", rf"{BOUNDARY_BEFORE}(?P<year>{YEAR})-(?P<monthnum>0[1-9]|1[0-2])-(?P<day>[0-3]\d)\b", resolve_calendar_date, shape(r"\d\d\d\d-", "-")),
    _rule("month-day-year", rf"\b{PART_OF}{WEEKDAY_PREFIX}(?P<month>{MONTH})\s+{DAY},?\s+(?P<year>{YEAR})\b", resolve_calendar_date, MONTH_NAMES, needs=rf"{ANY_MONTH_WORD}\s+{DAY},?\s+{YEAR}"),
    _rule("day-month-year", rf"\b{PART_OF}{WEEKDAY_PREFIX}{DAY}\s+(?:of\s+)?(?P<month>{MONTH}),?\s+(?P<year>{YEAR})\b", resolve_calendar_date, MONTH_NAMES, needs=(DAY_BEFORE_MONTH, rf"{LAST_DAY_DIGIT}\s+(?:of\s+)?{ANY_MONTH_WORD},?\s+{YEAR}")),
    _rule("month-day", rf"\b{PART_OF}{WEEKDAY_PREFIX}{MOD}(?P<month>{MONTH})\s+{DAY}\b(?![:.,]?\d)(?:(?={RANGE_TO}(?:(?:{MONTH})\s+)?\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?P<year>{YEAR})\b)|)", resolve_calendar_date, MONTH_NAMES),
    _rule("day-month", rf"\b{PART_OF}{WEEKDAY_PREFIX}{DAY}\s+(?:of\s+)?(?P<month>{MONTH})(?!\w)(?:(?={RANGE_TO}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH}),?\s+(?P<year>{YEAR})\b)|)", resolve_calendar_date, MONTH_NAMES, needs=DAY_BEFORE_MONTH),
    _rule("month-year", rf"(?:\b|(?<=-)){MOD}(?P<month>{MONTH}),?\s+(?:of\s+)?(?:(?P<year>{YEAR})|(?P<rel>next|last|this)\s+year)\b", resolve_calendar_date, MONTH_NAMES, needs=MONTH_BEFORE_YEAR),
    _rule("month-range-start", rf"\b(?P<month>{MONTH})(?={RANGE_TO}(?:{MONTH}),?\s+(?P<year>{YEAR})\b)", resolve_calendar_date, MONTH_NAMES, needs=(MONTH_BEFORE_YEAR, rf"{ANY_MONTH_WORD}{RANGE_TO}{ANY_MONTH_WORD},?\s+{YEAR}")),
    _rule("month", rf"(?:\b|(?<=-)){MOD}(?P<month>{FULL_MONTH})\b", resolve_calendar_date, MONTH_NAMES),
    _rule("year", rf"{BOUNDARY_BEFORE}(?:(?i:{MOD}(?:(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)?))?(?P<year>{YEAR}){BOUNDARY_AFTER}", resolve_year, shape(r"\d\d\d\d", after=15)),
    _rule("year-range-end", r"(?<=(?P<first>1[5-9]\d\d|20\d\d)[-–])(?P<last>\d\d(?:\d\d)?)(?![\w%]|[.,]\d)", resolve_year_range_end, shape(r"\d[-–]\d", "-", "–")),
    _rule("year-bc", rf"(?:(?i:{MOD}(?:(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?)?))?(?:\b(?P<month>{FULL_MONTH})\s+)?\b(?P<year>\d{{1,4}})(?:\s*{BC}|(?={RANGE_TO}\d{{1,4}}\s*{BC}))", resolve_year_bc, BC_WORD, starts_words=False),
    _rule("day-range-start", rf"\b{DAY}(?={RANGE_TO}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?\b)", resolve_calendar_date, MONTH_NAMES, needs=(DAY_BEFORE_MONTH, rf"{LAST_DAY_DIGIT}{RANGE_TO}\d\d?(?:st|nd|rd|th)?\s+(?:of\s+)?{ANY_MONTH_WORD}")),
    _rule("ordinal-day", rf"(?:(?<=\b[Oo]n\s)|(?<=\b[Bb]y\s)|(?<=\b[Ff]rom\s)|(?<=\b[Uu]ntil\s)|(?<=\b[Ss]ince\s)|(?<=\b[Aa]fter\s)|(?<=\b[Bb]efore\s))the\s+(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)\b(?:(?={RANGE_TO}the\s+\d{{1,2}}(?:st|nd|rd|th)\s+of\s+(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?\b)|(?=\s*(?:[,.;:)]|$)|{RANGE_TO}the\s+\d|\s+{PAST_VERB.pattern}))", resolve_ordinal_day, shape(r"\d(?:st|nd|rd|th)", "st", "nd", "rd", "th")),
    _rule("day-range-end", r"(?:(?<=[-–])|(?<=\bto\s)|(?<=\band\s)|(?<=\bthrough\s))(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![-–:.,]?\d)", resolve_range_end_day, either(r"-\s*\d", r"–\s*\d", r"to\s*\d", r"and\s*\d", r"through\s*\d")),
    _rule("bare-season", rf"(?i:\b(?:the\s+)?{MOD}(?:the\s+)?(?P<season>spring|summer|autumn|winter|(?<=the\s)fall(?!\s+of\s+\D)))\b", resolve_bare_season, SEASON_WORDS),
    _rule("decade", rf"(?i:\b(?:the\s+)?{MOD})?(?P<decade>1[5-9]\d0|20\d0)'?s\b", resolve_decade, shape(r"0'?s", "0s", "0's"), starts_words=False),
    _rule("decade-bc", rf"(?i:\b(?:the\s+)?{MOD})?\b(?P<decade>\d{{0,2}}[1-9]0)s\s*{BC}", resolve_decade_bc, BC_WORD, starts_words=False),
    _rule("short-decade", r"(?:(?<=\bthe\s)|(?<=\band\s)|')(?P<decade>[2-9]0)s\b", resolve_short_decade, shape(r"0s", "0s"), starts_words=False),
    _rule("short-year", r"(?<![\w'’])['’](?P<yy>\d\d)\b(?!['’.,]\d|\s*(?:%|percent|per\s+cent))", resolve_short_year, shape(r"['’]\d\d", "'", "’"), starts_words=False),
    _rule("century", rf"(?i:\b(?:the\s+)?{MOD}(?P<nth>\d{{1,2}}(?:st|nd|rd|th)|{alternation(ORDINALS)})[\s-]+century)\b(?:\s*(?P<bc>{BC}))?", resolve_century, words("century", "centuries")),
    _rule("month-after-month", rf"\b(?:(?i:the\s+(?P<rel_month>previous|following|next))\s+(?P<month>{FULL_MONTH})|(?i:month['’]s\s+end))\b", resolve_month_after_month, words("previous", "following", "next", "month")),
    _rule("quarter-code", rf"\b(?:Q(?P<quarter>[1-4])[\s/-](?P<year>{YEAR})|(?P<year_first>{YEAR})[\s-]?Q(?P<quarter_after>[1-4]))\b", resolve_quarter_code, shape(r"q[1-4]", "q")),
    _rule("part-of-year", rf"(?i:\b(?:the\s+)?(?P<nth>first|second|third|fourth|final|last|past|previous|1st|2nd|3rd|4th)[\s-]+(?P<part>quarter|half)(?:\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last|next|the)\s+year))?)\b", resolve_part_of_year, words("quarter", "half")),
    _rule("week-of-month", rf"\b(?i:the\s+(?P<nth>first|second|third|fourth|last|final)\s+week\s+of\s+)(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?\b", resolve_week_of_month, MONTH_NAMES, needs=r"(?i:week)"),
    _rule("season", r"(?i:\b(?P<rel>last|this|next)\s+(?P<season>spring|summer|autumn|fall|winter))\b", resolve_season, SEASON_WORDS),
    _rule("deictic-day", rf"(?i:\b(?:(?:earlier|later)\s+)?{MOD}(?P<day>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight|overnight|last\s+night|this\s+(?:morning|afternoon|evening))(?:\s+(?P<part>morning|afternoon|evening|night))?)\b", resolve_deictic_day, words("today", "yesterday", "tomorrow", "tonight", "overnight", "night", "morning", "afternoon", "evening")),
    _rule("weekday", rf"\b(?:(?i:(?P<rel>last|next|this|past|coming))\s+)?(?P<weekday>{WEEKDAY})(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?\b", resolve_weekday, words(*WEEKDAYS)),
    _rule("relative-unit", rf"(?i:\b(?:(?P<side>earlier|later)\s+)?{MOD}(?:the\s+)?(?P<rel>last|previous|next|coming|following|this|current|same|that|the)\s+(?P<unit>week|weekend|month|year|decade|century))\b", resolve_relative_unit, words("week", "weekend", "month", "year", "decade", "century")),
    _rule("after-anchor", rf"(?i:\b(?P<num>{NUMBER})\s+(?P<unit>years?|decades?|centur(?:y|ies))\s+(?P<dir>after|before))\b(?=[^.,;:\n]{{0,60}}?(?<!\d)(?P<year>{YEAR})(?!\d))", resolve_after_anchor, words("after", "before"), needs=YEAR),
    _rule("after-date", rf"(?i:\b(?P<num>{NUMBER})\s+(?P<unit>days?|weeks?|months?)\s+(?P<dir>after|before))\b"
          rf"(?=[^.,;:\n]{{0,40}}?\b(?:(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>{YEAR})(?!\d))?"
          rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH})(?:\s+(?P<year2>{YEAR})(?!\d))?|(?P<month3>{FULL_MONTH})\s+(?P<year3>{YEAR})(?!\d))\b)",
          resolve_after_date, words("after", "before")),
    _rule("after-event", rf"(?i:\b(?P<num>{NUMBER})\s+(?P<unit>{UNIT})\s+(?P<dir>after|before))\b", resolve_after_event, words("after", "before")),
    _rule("ago-later", rf"(?i:\b(?P<num>{NUMBER})\s+(?P<unit>{UNIT})\s+(?P<dir>ago|later|earlier|afterwards|afterward|previously))\b", resolve_ago, COUNTED_WORDS),
    _rule("moments-later", r"(?i:\b(?:(?:a\s+few|a\s+couple\s+of|several|some|just)\s+)?(?:hours|minutes|moments)\s+"
          r"(?P<dir>later|earlier|afterwards|afterward|ago))\b", resolve_moments,
          COUNTED_WORDS),
    _rule("neighbour-day", rf"(?i:\b{MOD}(?:the\s+(?P<w1>previous|next|following|same)\s+(?:day|(?P<part_after>morning|afternoon|evening|night))|the\s+day\s+(?P<w2>before|after)(?!\s+\w+ing\b)|(?P<w3>that)(?:\s+same)?\s+(?:day|(?P<part>morning|afternoon|evening|night))|(?P<w4>the)\s+day(?!\s+(?:of|when|that|on|in|before|after)\b|['’]))\b)", resolve_neighbour_day, words("day", "morning", "afternoon", "evening", "night")),
    _rule("holiday", rf"(?i:\b{HOLIDAY_EDGE}(?P<holiday>{holidays.PATTERN}))(?:,?\s+(?P<year>{YEAR}))?\b", resolve_holiday, words(*holidays.TRIGGERS)),
    _rule("duration", rf"(?i:\b(?:(?:the\s+)?(?:past|last|next|previous|coming|first|following)\s+|(?:over|nearly|almost|about|around|some|more\s+than|less\s+than|at\s+least|up\s+to)\s+)?(?P<num>{NUMBER}|{alternation(VAGUE_NUMBERS)})[\s-]+(?:(?:straight|consecutive|successive|full|trading|working|business)\s+)?(?P<unit>{UNIT})(?:-long|-old)?)\b(?!\s+(?:ago|later|earlier|afterwards|afterward|previously)\b)", resolve_duration, UNIT_WORDS),
    _rule("duration-range-start", rf"(?i:\b(?P<num>{NUMBER})(?=(?:\s*[-–]\s*|\s+(?:to|and|or)\s+)(?:{NUMBER})[\s-]+(?P<unit>{UNIT})\b))", resolve_duration, UNIT_WORDS, needs=rf"(?i:(?:[-–]\s*|\s(?:to|and|or)\s+)(?:{NUMBER})[\s-]+{UNIT})"),
    _rule("past-duration", rf"(?i:\bthe\s+past\s+(?:(?P<num>{NUMBER}|few|several)\s+)?(?P<unit>{UNIT}))\b", resolve_duration, words("past")),
    _rule("set", rf"(?i:\b(?:(?:every|each|per)\s+(?:day|week|month|year|{WEEKDAY})|daily|weekly|monthly|annually|annual|yearly))\b", resolve_set, words("every", "each", "per", "daily", "weekly", "monthly", "annual", "annually", "yearly")),
    _rule("reference", rf"(?i:\b(?:{alternation(REFERENCES)}))\b(?!\s+(?:(?:{NUMBER}|few|several)\s+)?{UNIT}\b)", resolve_reference, words("now", "current", "currently", "present", "nowadays", "moment", "these", "recent", "recently", "past", "future", "years", "decades")),
    _rule("clock", rf"(?i:\b(?P<hour>\d{{1,2}})(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)(?!\w)){DAY_AFTER_CLOCK}", resolve_clock, shape(r"\d\s*[ap]\.?m", "am", "pm", "a.m", "p.m")),
    _rule("clock-24h", rf"\b(?P<hour>[01]\d|2[0-3]):?(?P<minute>[0-5]\d)(?:\s*(?P<zone>UTC|GMT|Z)\b(?:\s+(?:on\s+)?(?P<named>today|yesterday|{WEEKDAY})\b)?|hrs\b|(?=\s*[-–]\s*\d\d:?\d\dhrs)){DAY_AFTER_CLOCK}", resolve_clock, shape(r"\d:\d|\d\s*(?:utc|gmt|z\b)|\dhrs", ":", "utc", "gmt", "z", "hrs")),
)
