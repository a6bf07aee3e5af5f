"""TIMEX3 values and the date spans they denote.

A value is the single source of truth; :func:`span_for` turns it into a
:class:`~timeline.model.DateSpan` at its own precision, and :func:`display`
writes it for people.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

from timeline.model import DateSpan

SEASONS = {"SP": ((3, 1), (5, 31)), "SU": ((6, 1), (8, 31)), "FA": ((9, 1), (11, 30))}
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
MONTH_NAMES = [calendar.month_name[number] for number in range(13)]

VALUE = re.compile(
    r"^(?:(?P<century>\d{2})|(?P<decade>\d{3})|(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T(?P<time>[\d:]+(?:Z|[+-]\d\d(?::?\d\d)?)?|MO|AF|EV|NI|DT|XX))?)?"
    r"|W(?P<week>\d{2})(?P<weekend>-WE)?|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?)$"
)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@functools.lru_cache(maxsize=1 << 14)
def span_for(value: str, modifier: str | None = None) -> DateSpan | None:
    """The span a DATE or TIME value denotes; None for durations, sets and references like PRESENT_REF.

    Remembered (a span is immutable), because texts name the same few thousand dates over and over:
    working one out reads the value with a regex and builds dates, which costs more than the lookup.
    """
    if "/" in value:
        first, _, last = value.partition("/")
        if "/" in last:
            return None
        a, b = span_for(first), span_for(last)
        if a is None or b is None or b.end < a.begin:
            return None
        return DateSpan(value, a.begin, b.end, a.granularity, modifier)
    match = VALUE.match(value)
    if not match:
        return None
    try:
        begin, end, granularity = _bounds(match)
    except ValueError:
        return None
    begin, end = narrow(begin, end, modifier)
    return DateSpan(value, begin, end, granularity, modifier)


def _bounds(match: re.Match) -> tuple[date, date, str]:
    parts = match.groupdict()
    if parts["century"]:
        first = int(parts["century"]) * 100
        return date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century"
    if parts["decade"]:
        first = int(parts["decade"]) * 10
        return date(max(first, 1), 1, 1), date(first + 9, 12, 31), "decade"
    year = int(parts["year"])
    if parts["day"]:
        day = date(year, int(parts["month"]), int(parts["day"]))
        return day, day, "day"
    if parts["month"]:
        month = int(parts["month"])
        return date(year, month, 1), month_end(year, month), "month"
    if parts["week"]:
        monday = date.fromisocalendar(year, int(parts["week"]), 1)
        return monday + timedelta(days=5 if parts["weekend"] else 0), monday + timedelta(days=6), "week"
    if parts["quarter"]:
        first = (int(parts["quarter"]) - 1) * 3 + 1
        return date(year, first, 1), month_end(year, first + 2), "quarter"
    if parts["half"]:
        first = 1 if parts["half"] == "1" else 7
        return date(year, first, 1), month_end(year, first + 5), "half"
    if parts["season"]:
        if parts["season"] == "WI":
            return date(year - 1, 12, 1), month_end(year, 2), "season"
        (m1, d1), (m2, d2) = SEASONS[parts["season"]]
        return date(year, m1, d1), date(year, m2, d2), "season"
    return date(year, 1, 1), date(year, 12, 31), "year"


def narrow(begin: date, end: date, modifier: str | None) -> tuple[date, date]:
    """'early', 'mid' and 'late' take the first, middle or last third of a span; a span of fewer than
    three days has no thirds and stays whole ('mid-March 1' is still 1 March)."""
    length = (end - begin).days + 1
    if modifier not in ("start", "mid", "end") or length < 3:
        return begin, end
    third = max(length // 3, 1)
    if modifier == "start":
        return begin, begin + timedelta(days=third - 1)
    if modifier == "mid":
        return begin + timedelta(days=third), end - timedelta(days=third)
    return end - timedelta(days=third - 1), end


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _day_text(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


MODIFIER_WORDS = {"start": "early {}", "mid": "mid-{}", "end": "late {}", "approx": "c. {}",
                  "before": "before {}", "after": "after {}"}


def display(span: DateSpan) -> str:
    """A span written at its own precision: '8 December 2024', 'December 2024', 'week of 16 December 2024'."""
    if "/" in span.value:
        first, _, last = span.value.partition("/")
        text = f"{_plain(first)}–{_plain(last)}"
    else:
        text = _plain(span.value)
    template = MODIFIER_WORDS.get(span.modifier or "")
    return template.format(text) if template else text


def _clock_text(time: str) -> str:
    """A TIMEX3 clock time as readers write it: '16:15Z' is '16:15 UTC', '21:34-05' is '21:34 UTC-05'."""
    if time.endswith("Z"):
        return f"{time[:-1]} UTC"
    for sign in "+-":
        clock, found, offset = time.partition(sign)
        if found:
            return f"{clock} UTC{sign}{offset}"
    return time


@functools.lru_cache(maxsize=1 << 14)
def _plain(value: str) -> str:
    """One value in words; remembered, because a site writes the same few thousand dates many times over."""
    match = VALUE.match(value)
    if not match:
        return value
    parts = match.groupdict()
    if parts["century"]:
        number = int(parts["century"]) + 1
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"the {number}{suffix} century"
    if parts["decade"]:
        return f"the {parts['decade']}0s"
    year = parts["year"]
    if parts["day"]:
        text = _day_text(date(int(year), int(parts["month"]), int(parts["day"])))
        time = parts["time"]
        return f"{text}, {PARTS_OF_DAY.get(time) or _clock_text(time)}" if time and time != "XX" else text
    if parts["month"]:
        return f"{MONTH_NAMES[int(parts['month'])]} {year}"
    if parts["week"]:
        if parts["weekend"]:
            return f"weekend of {_day_text(date.fromisocalendar(int(year), int(parts['week']), 6))}"
        return f"week of {_day_text(date.fromisocalendar(int(year), int(parts['week']), 1))}"
    if parts["quarter"]:
        return f"Q{parts['quarter']} {year}"
    if parts["half"]:
        return f"{'first' if parts['half'] == '1' else 'second'} half of {year}"
    if parts["season"]:
        return f"{SEASON_NAMES[parts['season']]} {year}"
    return year
