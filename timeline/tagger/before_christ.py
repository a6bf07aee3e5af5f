"""Years before Christ counted on a stand-in calendar, so that a narrative of antiquity resolves like any other.

Resolvers count in Python dates, which hold no year before 1. Yet a history of the Persian wars names
'490 BC' and then 'the following year', 'the winter', 'mid-August', 'a decade earlier', all counted
from that year. The year Y BC stands in as the year ``STAND_IN - Y`` of the modern calendar: the
year after 490 BC is 489 BC, the year after its stand-in 4510 is 4511, and months and seasons fall
in it as in any year. What is counted from a stand-in is written back as the TIMEX3 value it stands
for (4511 is BC0489, the stand-in decade 451 is the 480s BC, BC048), and gets no date span on the
chronology, since its real date lies outside Python's calendar, as a BC year's own does.

The stand-in's leap years and weekdays are not those of the proleptic calendar, so a day counted
from a BC day may be a day off across a 29 February; TIMEX3 values of BC days are rare and the
narratives that give them ('the seventh day') name no weekday.
"""

from __future__ import annotations

import dataclasses
import re

from timeline.model import DateSpan
from timeline.tagger.timex import span_for

STAND_IN = 5000
"""Y BC stands in as year STAND_IN - Y: far from every modern year a text names, and leaving room
for the years BC that TIMEX3 writes (up to 9999 BC would need more; narratives name none)."""
BC_YEAR = re.compile(r"(?<![\w$£€#.,/-])(\d{1,4})\s*(?:BCE|BC|B\.C\.?)(?!\w)")
BC_VALUE = re.compile(r"BC(\d{4})(.*)")
STAND_IN_VALUE = re.compile(r"(\d{2,4})(.*)")


def years_before_christ(text: str) -> list[int]:
    """The years BC the text writes out ('490 BC', '480 B.C.'), as negative numbers: a narrative of
    antiquity is known as one by them, as a modern one is by its four-digit years."""
    if "BC" not in text and "B.C" not in text:
        return []
    return [-int(year) for year in BC_YEAR.findall(text)]


def is_before_christ(value: str) -> bool:
    """Whether a TIMEX3 value names a time before Christ ('BC0490', 'BC0480-08', 'BC048')."""
    return value.startswith("BC")


def stand_in_span(value: str, modifier: str | None = None) -> DateSpan | None:
    """The span on the stand-in calendar of a BC year, month or season ('BC0480-SU'), named by its own value,
    for later expressions to count from; None for one it cannot place (a BC decade or century)."""
    match = BC_VALUE.fullmatch(value)
    if match is None:
        return None
    year, rest = match.groups()
    span = span_for(f"{STAND_IN - int(year):04d}{rest}", modifier)
    return dataclasses.replace(span, value=value) if span is not None else None


def written_back(value: str) -> str | None:
    """The value a resolver counted on the stand-in calendar, as the time it stands for ('4511-WI' is
    'BC0489-WI'; '4511/4512' is 'BC0489/BC0488'; 'PAST_REF' stays as it is); None for a decade or
    century that reaches past the year 1 BC, which no TIMEX3 value names."""
    parts = [_written_back(part) for part in value.split("/")]
    return None if None in parts else "/".join(parts)


def _written_back(value: str) -> str | None:
    match = STAND_IN_VALUE.fullmatch(value)
    if match is None:
        return value
    digits, rest = match.groups()
    number = int(digits)
    if len(digits) == 4:
        year = STAND_IN - number
        return f"BC{year:04d}{rest}" if year > 0 else f"{1 - year:04d}{rest}"
    if len(digits) == 3:
        decade = (STAND_IN - number * 10 - 9) // 10
        return f"BC{decade:03d}{rest}" if decade >= 0 else None
    century = (STAND_IN - number * 100 - 99) // 100
    return f"BC{century:02d}{rest}" if century >= 0 else None
