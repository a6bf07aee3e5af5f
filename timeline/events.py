"""Events: dated sentences turned into chronology entries, one per real happening.

A sentence that places something in time yields an event per distinct date it
gives; two dates joined by "and"/"to"/a dash ("in 2010 and 2011") are one span.
The same sentence printed twice (a photo caption) is one event; events that
several sentences or articles report are merged later (:mod:`timeline.merge`).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from pathlib import Path

from timeline.model import Article, DateSpan, Event, Expression, Source
from timeline.paths import relative_path
from timeline.sentences import FINITE_VERB, Sentence, split_sentences
from timeline.tagger.timex import span_for
from timeline.titles import DATE_PREPOSITION, make_title, named_subject

JOINER = re.compile(r"^\s*(?:and|to|until|till|through|or|[-–—])\s*$", re.I)
SUBORDINATE = re.compile(r"\b(?:that|which|who|whose|since)\b", re.I)
CLAUSE_START = re.compile(r"[,;:(]|\s[–—]\s")
CONJUNCTION = r"(?:and|but|or|after|before|while|when|then|as|until)"
NEXT_HAPPENING = re.compile(
    rf"^[\s,]*{CONJUNCTION}\b|\b{CONJUNCTION}[\s,]+(?:(?:on|in|at|by|during)\s+)?(?:the\s+)?$", re.I)
"""A conjunction right after one date or right before the next, which begins another happening: 'took Aleppo last
month and Hama on Thursday', 'took Al-Safira on 1 November and the next day Aziziyeh'."""


def datable(expression: Expression) -> bool:
    """Expressions that place something in time; durations, sets and 'now' date nothing."""
    return expression.type in ("DATE", "TIME") and expression.span is not None


def join_ranges(text: str, expressions: list[Expression]) -> list[tuple[DateSpan, list[Expression]]]:
    """Pair dates written as a range ('2010 and 2011', '2011–2013') into one span."""
    joined: list[tuple[DateSpan, list[Expression]]] = []
    for expression in expressions:
        if joined:
            span, parts = joined[-1]
            previous = parts[-1]
            between = text[previous.end:expression.start]
            if len(parts) == 1 and JOINER.match(between) and span.granularity == expression.span.granularity \
                    and span.end < expression.span.begin:
                ranged = span_for(f"{span.value}/{expression.span.value}")
                if ranged is not None:
                    joined[-1] = (ranged, parts + [expression])
                    continue
        joined.append((expression.span, [expression]))
    return joined


def event_id(path: str, sentence: str, expression: str) -> str:
    """Stable across rebuilds while the article, the sentence and the expression stay the same."""
    return _id_of(path, normalise(sentence), expression)


def _id_of(path: str, normalised: str, expression: str) -> str:
    key = f"{path}\x00{normalised}\x00{expression}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def normalise(text: str) -> str:
    return SPACES.sub(" ", text).strip().lower()


SPACES = re.compile(r"\s+")
INTENTION = (r"(?:wants?|wanted|hop(?:e|es|ed|ing)|plan(?:s|ned|ning)?|vow(?:s|ed)?|aim(?:s|ed|ing)?|seek(?:s|ing)?|"
             r"sought|threaten(?:s|ed)?|intend(?:s|ed)?|promis(?:e|es|ed)|pledg(?:e|es|ed)|tri(?:es|ed)|trying)")
DEADLINE = re.compile(rf"\b{INTENTION}\s+to\b[^,;:]*\b(?:before|by)\s+(?:the\s+)?$", re.I)
"""A date that only bounds what someone meant to do: 'wanted to crush the protests before Ramadan', 'vowed to retake
the city by the end of the year'. Nothing happened then."""
COUNTED_FROM_WHAT_FOLLOWS = frozenset({"after-anchor", "after-date"})
"""Rules whose date is counted from a date the same clause names after it ('Thirteen years after the 2011 uprising')."""


def extract_events(article: Article, expressions: list[Expression], root: Path) -> list[Event]:
    """Events of one article from its tagged text (offsets into ``article.text``); named by the article's path
    relative to ``root``, which a build has given it already (resolving it again cost a tenth of a millisecond)."""
    path = article.name or relative_path(article.path, root)
    events: dict[tuple[str, str], Event] = {}
    dated = sorted((e for e in expressions if datable(e) and not _in_heading(article, e)), key=lambda e: e.start)
    starts = [e.start for e in dated]
    named = previous = None
    for sentence in split_sentences(article.text):
        about, named = named, named_subject(sentence.text, named)
        inside = _within(dated, starts, sentence)
        before, previous = previous, sentence.text
        if not inside:
            continue
        normalised = normalise(sentence.text)
        reported = reported_dates(article.text, sentence, join_ranges(article.text, inside))
        opening = _opening_date(sentence, inside[0])
        for number, (span, parts) in enumerate(reported):
            key = (normalised, span.value)
            if key in events:
                continue
            later = reported[number + 1][1][0].start - sentence.start if number + 1 < len(reported) else None
            events[key] = _event(article, path, sentence, normalised, span, parts, about, before, later, opening)
    return list(events.values())


def _opening_date(sentence: Sentence, first: Expression) -> tuple[int, int] | None:
    """Where the date phrase that opens the sentence ends ('On 12 July' of 'On 12 July FSA reported that one of its
    commanders had been killed on 11 July'), as a place in it; None when the sentence opens otherwise."""
    start = first.start - sentence.start
    return (0, first.end - sentence.start) if DATE_PREPOSITION.fullmatch(sentence.text, 0, start) else None


def _within(dated: list[Expression], starts: list[int], sentence: Sentence) -> list[Expression]:
    """The expressions inside ``sentence``, found by bisection so long texts stay linear."""
    first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
    return [e for e in dated[first:last] if e.end <= sentence.end]


def reported_dates(text: str, sentence: Sentence,
                   dates: list[tuple[DateSpan, list[Expression]]]) -> list[tuple[DateSpan, list[Expression]]]:
    """The dates a sentence reports, without the background dates of its subordinate clauses.

    In "Mubarak resigned yesterday, bowing to an uprising that began on January
    25" the sentence reports the resignation; January 25 only recalls another
    event, which has its own sentence elsewhere; so does a date that follows another
    with nothing between to begin another happening (:func:`_recalled_in_passing`).
    A sentence whose every date is background ("... protests which took place in
    2010 and 2011") keeps them all. A date that only bounds an intention (:data:`DEADLINE`) is no
    background of anything: it dates nothing.
    """
    dates = [(span, parts) for span, parts in dates if not _a_deadline(text, sentence, parts[0])]
    reported = [(span, parts) for span, parts in dates
                if not _in_subordinate_clause(text, sentence, parts[0]) and not _counted_from(parts[0], dates)]
    reported = [(span, parts) for number, (span, parts) in enumerate(reported)
                if number == 0 or not _recalled_in_passing(text, reported[number - 1][1][-1], parts[0])]
    return reported or dates


def _recalled_in_passing(text: str, earlier: Expression, expression: Expression) -> bool:
    """Whether ``expression`` only dates a thing named in the clause an ``earlier`` date of the sentence reports:
    in "Washington and Moscow agreed yesterday on a plan, averting strikes over a gas attack last month", last month
    dates the attack, not the agreement. So it is when nothing between the two begins another happening: no
    conjunction next to either date (:data:`NEXT_HAPPENING`), no semicolon, and no
    verb ("accepted the plan last month, missed a deadline on Tuesday") but the one right after the earlier date,
    which is that date's own ("the Council yesterday condemned the killing of 108 people on Friday")."""
    between = text[earlier.end:expression.start]
    if NEXT_HAPPENING.search(between) or ";" in between:
        return False
    after_space = len(between) - len(between.lstrip())
    verbs = FINITE_VERB.finditer(between, after_space)
    first = next(verbs, None)
    if first is not None and first.start() == after_space:
        first = next(verbs, None)
    return first is None


def _counted_from(expression: Expression, dates: list[tuple[DateSpan, list[Expression]]]) -> bool:
    """Whether an earlier date of the sentence was counted from ``expression``: in "Thirteen years after the
    2011 uprising, the regime fell" the sentence reports the fall in 2024; 2011 dates the uprising it recalls."""
    return any(other.rule in COUNTED_FROM_WHAT_FOLLOWS and other.end <= expression.start
               and other.anchor == expression.value for _, parts in dates for other in parts)


def _in_subordinate_clause(text: str, sentence: Sentence, expression: Expression) -> bool:
    return bool(SUBORDINATE.search(_clause_before(text, sentence, expression)))


def _a_deadline(text: str, sentence: Sentence, expression: Expression) -> bool:
    return bool(DEADLINE.search(_clause_before(text, sentence, expression)))


def _clause_before(text: str, sentence: Sentence, expression: Expression) -> str:
    """The words of the expression's clause before it."""
    before = text[sentence.start:expression.start]
    clause_starts = [match.end() for match in CLAUSE_START.finditer(before)]
    return before[clause_starts[-1] if clause_starts else 0:]


def _in_heading(article: Article, expression: Expression) -> bool:
    return any(start <= expression.start < end for start, end in article.headings)


def _event(article: Article, path: str, sentence: Sentence, normalised: str, span: DateSpan,
           parts: list[Expression], about: str | None = None, before: str | None = None,
           later: int | None = None, opening: tuple[int, int] | None = None) -> Event:
    """The event of one date a sentence reports; ``normalised`` is the sentence as its id reads it, ``about``
    whom the sentence before was about (see :func:`timeline.titles.named_subject`), ``before`` that sentence,
    whose subject a pronoun opening the title may stand for, ``later`` where in the sentence its next date
    begins, and ``opening`` the place of the date phrase that opens the sentence, if one does."""
    first, last = parts[0], parts[-1]
    phrase = article.text[first.start:last.end]
    source = Source(
        path=path,
        title=article.title,
        source=article.source,
        url=article.url,
        published=article.published.isoformat() if article.published else None,
        quote=sentence.text,
        expression=phrase,
        start=article.offsets.to_file(first.start),
        end=article.offsets.to_file(last.end - 1) + 1,
        anchor=first.anchor,
        anchor_source=first.anchor_source,
        rule=first.rule,
        date=span.value,
    )
    mark = (first.start - sentence.start, last.end - sentence.start)
    return Event(
        id=_id_of(path, normalised, phrase),
        span=span,
        title=make_title(sentence.text, mark, about, before, later, opening),
        text=sentence.text,
        sources=[source],
        tags=article.tags,
        mark=mark,
    )
