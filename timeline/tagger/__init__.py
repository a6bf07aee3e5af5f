"""Temporal tagger: text to dated expressions.

English text goes through the rule table (:mod:`timeline.tagger.rules`): every
pattern proposes candidates around its locator's hits, the leftmost-longest ones
its resolver accepts are kept, and each is resolved in reading order so that
"a year later" counts from the date before it. Other languages go to dateparser
(:mod:`timeline.tagger.foreign`).
Whether a text is news (resolve against the publication date) or narrative
(resolve against its own dates) is decided from the text itself.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from functools import cache
from typing import NamedTuple

from timeline.model import Article, DateSpan, Expression
from timeline.tagger.before_christ import is_before_christ, stand_in_span, written_back, years_before_christ
from timeline.tagger.context import ResolutionContext
from timeline.tagger.foreign import detected_language, tag_foreign
from timeline.tagger import locate
from timeline.tagger.locate import LocatorTable, Region, Scan
from timeline.tagger.presence import RulePresence
from timeline.tagger.rules import RULES, Resolution, Rule
from timeline.tagger.starts import FOLDED_INTO_ASCII
from timeline.tagger.timex import span_for

TAGGER_VERSION = "2"
DEICTIC = re.compile(r"(?i)\b(?:today|yesterday|tomorrow|tonight|last\s+(?:week|month|year|night)|this\s+(?:week|month|year)|(?:on|last|next)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")
REACHED_UNTIL = re.compile(r"\b(?:until|till)\s+(?:the\s+\w+\s+(?:\w+\s+){0,3}?(?:in|of|on)\s+)?$", re.I)
"""What comes just before a date that a clause only reaches forward to ('which lasted until the fall of Budapest
in February 1945', 'until 1945'): a story told in 1944 is still in 1944 after it, so year-less dates
that follow do not take its year."""
# A year not glued to a word, a price or a number ('$2000', '3.2011'). The check on the character
# before comes after the digits, so that the regex engine can skip to the next '1' or '2' instead
# of trying the pattern at every position of the text.
EXPLICIT_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)(?<![\w$£€#.,/-]\d{4})(?!\w)")


class Candidate(NamedTuple):
    """A rule's match, before its resolver has accepted it (a tuple: a text has hundreds, made cheaply).

    Its fields come in the order candidates are taken in, so that a list of them sorts as it is:
    earliest first, of those starting together the longest, of those alike the first rule's.
    """

    start: int
    longest_first: int
    """``start - end``: the longer the match, the smaller."""
    number: int
    """The rule's place in the rule table."""
    rule: Rule
    match: re.Match


LOCATORS = LocatorTable(tuple(dict.fromkeys(rule.locator for rule in RULES)))
RULES_AND_LOCATORS: tuple[tuple[Rule, int], ...] = tuple((rule, LOCATORS.locators.index(rule.locator)) for rule in RULES)
"""Each rule with the index of its locator in :data:`LOCATORS`: rules sharing a locator share its
regions, found once per text by position rather than by hashing the locator for every rule."""
FOUR_DIGITS = next(index for rule, index in RULES_AND_LOCATORS if rule.name == "year")
"""The index of the locator of four digits in a row, whose hits are where every :data:`EXPLICIT_YEAR` begins
(a run of exactly four digits, and ``finditer`` finds each run's first four)."""


def find_candidates(scan: Scan, hits: list[list[Region]]) -> list[Candidate]:
    """Every rule's matches in the scanned text, earliest first and, of those starting together,
    longest first (and, of those alike, in the order of the rule table).

    ``hits`` are the hits of every locator (as :meth:`LocatorTable.hits` gives them). A rule's pattern
    runs only in the regions around its locator's hits that hold what it needs, and in an ASCII text
    only when it may match somewhere in it (see :mod:`timeline.tagger.presence`); so the rules that
    cannot match are not even visited, and a locator's regions are worked out only for a rule that may.
    """
    text = scan.text
    folded = not scan.ascii and any(character in text for character in FOLDED_INTO_ASCII)
    numbers = sorted(_rule_presence().present(scan)) if scan.ascii and locate.HYPERSCAN else range(len(RULES))
    regions_by_locator: list[list[Region] | None] = [None] * len(hits)
    found = []
    known_needs: dict[tuple[str, int], bool] = {}
    for number in numbers:
        rule, locator_index = RULES_AND_LOCATORS[number]
        regions = regions_by_locator[locator_index]
        if regions is None:
            regions = regions_by_locator[locator_index] = LOCATORS.regions_at(locator_index, hits[locator_index], text)
        if scan.ascii:
            rule = rule.for_ascii_text
        for low, high in regions:
            if rule.needs and not rule.holds_needs(text, low, high, known_needs):
                continue
            for match in rule.matches(text, low, high, folded=folded):
                start, end = match.span()
                # tuple.__new__ makes the named tuple without the Python-level __new__ of its class
                found.append(tuple.__new__(Candidate, (start, start - end, number, rule, match)))
    found.sort()
    return found


@cache
def _rule_presence() -> RulePresence:
    """Which rules may match in an ASCII text; made on first use, since compiling the rules for Hyperscan
    takes a few tenths of a second."""
    return RulePresence([rule.pattern for rule in RULES])


def is_narrative(text: str, reference: date | None, years: list[int] | None = None) -> bool:
    """A text is narrative when most of its explicit years lie well before its reference date
    and it has few words that point at the moment of writing ("yesterday", "last week").

    WikiWars-style history is narrative; a news report that mentions a few old
    years ("the 2000 summit") or plans for years ahead ("from 2009 to 2011") is not.
    ``years``, when given, are the text's explicit years, found already (see :func:`explicit_years`).
    """
    if reference is None:
        return True
    if years is None:
        years = [int(year) for year in EXPLICIT_YEAR.findall(text)] + years_before_christ(text)
    if len(years) < 5:
        return False
    past = sum(1 for year in years if year < reference.year - 1)
    return past >= 0.6 * len(years) and len(DEICTIC.findall(text)) <= 0.1 * len(years)


def explicit_years(text: str, hits: list[list[Region]]) -> list[int]:
    """The text's :data:`EXPLICIT_YEAR` years, read at the hits of the locators (as :meth:`LocatorTable.hits`
    gives them) instead of searching the whole text for them once more, and its years BC."""
    years = []
    for start, _ in hits[FOUR_DIGITS]:
        year = EXPLICIT_YEAR.match(text, start)
        if year is not None:
            years.append(int(year.group(1)))
    return years + years_before_christ(text)


def tag_text(
    text: str,
    reference: date | None,
    *,
    reference_source: str = "publication",
    headings: tuple[tuple[int, int], ...] = (),
    narrative: bool | None = None,
) -> list[Expression]:
    """Find and resolve the temporal expressions of English ``text``; offsets are into ``text``.

    Candidates are taken leftmost-longest; one its rule rejects ('56 October' is
    no date) leaves the place free for a shorter or later one ('October 6, 2011').
    """
    scan = Scan(text)
    hits = LOCATORS.hits(scan)
    if narrative is None:
        narrative = is_narrative(text, reference, explicit_years(text, hits))
    context = ResolutionContext(
        text=text,
        reference=reference,
        reference_source=reference_source,
        narrative=narrative,
        headings=headings,
    )
    expressions = []
    current_heading = None
    covered = 0
    for start, _, _, rule, match in find_candidates(scan, hits):
        if start < covered:
            continue
        resolution = _resolve(rule, match, context)
        if resolution is None:
            continue
        value, span, counted = _dated(resolution)
        if value is None:
            continue
        covered = end = match.end()
        anchor = resolution.anchor
        expressions.append(Expression(match.group(0), start, end, resolution.type, value, span,
                                      anchor.value if anchor else None, anchor.source if anchor else None, rule.name))
        if counted is not None and not (context.narrative and context.is_future(start)):
            current_heading = _follow_heading(context, start, counted, current_heading)
            context.last = counted
            context.last_end = end
            if anchor is None and context.heading_at(start) is None and not _reached_until(text, start):
                context.last_absolute = counted
            if counted.granularity == "day":
                context.last_day = counted
    return expressions


def _dated(resolution: Resolution) -> tuple[str | None, DateSpan | None, DateSpan | None]:
    """The expression's value and date span, and the span the expressions after it count from: the same span,
    but for a time before Christ, which has none and is counted on a stand-in calendar (see
    :mod:`timeline.tagger.before_christ`). No value when a resolver counted one the calendar cannot name."""
    value, anchor = resolution.value, resolution.anchor
    if resolution.type not in ("DATE", "TIME"):
        return value, None, None
    if anchor is not None and is_before_christ(anchor.value):
        counted = span_for(value, resolution.modifier)
        value = written_back(value)
        return value, None, dataclasses.replace(counted, value=value) if counted and value else None
    span = span_for(value, resolution.modifier)
    if span is None and is_before_christ(value):
        return value, None, stand_in_span(value, resolution.modifier)
    return value, span, span


def _reached_until(text: str, start: int) -> bool:
    """Whether the date at ``start`` is where an 'until' clause reaches (:data:`REACHED_UNTIL`); the regex runs
    only where 'til' or 'TIL' comes shortly before, which rules out nearly every date with a plain search."""
    low = max(0, start - 48)
    return ((text.find("til", low, start) >= 0 or text.find("TIL", low, start) >= 0)
            and REACHED_UNTIL.search(text, low, start) is not None)


def _resolve(rule: Rule, match: re.Match, context: ResolutionContext) -> Resolution | None:
    """The rule's resolution, or None when it would fall outside the calendar Python can count
    ('2000 years ago' from the year 2000, 'tomorrow' from 31 December 9999): no date, not a crash."""
    try:
        return rule.resolve(match, context)
    except (OverflowError, ValueError):
        return None


def _follow_heading(
    context: ResolutionContext, position: int, span: DateSpan, current: tuple[int, int] | None
) -> tuple[int, int] | None:
    """Dates inside a heading set the span later year-less dates fall in ('(November 2012–April 2013)')."""
    heading = context.heading_at(position)
    if heading is None:
        return current
    if heading == current and context.heading is not None:
        first = context.heading
        context.heading = DateSpan(f"{first.value}/{span.value}", min(first.begin, span.begin),
                                   max(first.end, span.end), first.granularity)
    else:
        context.heading = span
    return heading


def prepare() -> None:
    """Make now what the tagger otherwise makes on first use: each rule's ASCII form, the start finders
    read from the rules' patterns and their approximations compiled for Hyperscan, under a second in all.
    A server calls it while idle, so that the first save it tags is tagged at full speed."""
    tag_text("", None)
    for rule in RULES:
        for form in (rule, rule.for_ascii_text):
            _ = form.word_starts  # a cached property: made once, kept on the rule


def tag_article_text(article: Article, reference: date | None = None) -> list[Expression]:
    """Tag an article's text; offsets are into ``article.text``.

    English gets the rule table; other languages (stated in the front matter or
    detected) get dateparser. ``reference`` overrides the article's publication date.
    """
    ref = reference or article.published
    source = "given" if reference else "publication"
    language = detected_language(article.text, article.language)
    if language.split("-")[0].lower() != "en":
        return tag_foreign(article.text, ref, language, source)
    return tag_text(article.text, ref, reference_source=source, headings=article.headings)


def tag_article(article: Article, reference: date | None = None) -> list[Expression]:
    """Tag an article and give each expression's offsets in the article's file."""
    return [to_file(expression, article) for expression in tag_article_text(article, reference)]


def to_file(expression: Expression, article: Article) -> Expression:
    """The same expression with offsets into the original file instead of the article's text."""
    start = article.offsets.to_file(expression.start)
    end = article.offsets.to_file(expression.end - 1) + 1
    return Expression(expression.text, start, end, expression.type, expression.value, expression.span,
                      expression.anchor, expression.anchor_source, expression.rule)
