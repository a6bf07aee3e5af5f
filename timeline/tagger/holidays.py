"""Named days: fixed Christian-calendar days, Easter (dateutil), and the Islamic calendar (hijridate).

The Islamic dates use the Umm al-Qura calendar, which is what most of the Arab
world's press dates Ramadan and the Eids by; local sightings may differ by a day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter
from hijridate import Gregorian, Hijri

FIXED = {"christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
         "new year's day": (1, 1), "new year's eve": (12, 31), "boxing day": (12, 26)}
EASTER_OFFSETS = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2}
ISLAMIC = {"eid al-fitr": (10, 1, 1), "eid al-adha": (12, 10, 1), "ramadan": (9, 1, None),
           "islamic new year": (1, 1, 1), "ashura": (1, 10, 1)}
ALIASES = {"eid ul-fitr": "eid al-fitr", "eid el-fitr": "eid al-fitr", "eid ul-adha": "eid al-adha",
           "eid el-adha": "eid al-adha", "new year’s day": "new year's day", "new year’s eve": "new year's eve"}

PATTERN = (
    r"Christmas\s+(?:Day|Eve)|Christmas|Boxing\s+Day|New\s+Year['’]s\s+(?:Day|Eve)|"
    r"Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Eid\s+(?:al|ul|el)[-\s](?:Fitr|Adha)|Ramadan|"
    r"Islamic\s+New\s+Year|Ashura"
)

SPACES = re.compile(r"\s+")
TRIGGERS = ("christmas", "boxing", "year", "easter", "friday", "eid", "ramadan", "islamic", "ashura")


def normalise(name: str) -> str:
    key = SPACES.sub(" ", name.lower()).replace("eid al fitr", "eid al-fitr").replace("eid al adha", "eid al-adha")
    return ALIASES.get(key, key)


def occurrence(name: str, year: int) -> str | None:
    """The holiday's TIMEX value in a Gregorian year (Ramadan: its span as begin/end)."""
    if name in FIXED:
        month, day = FIXED[name]
        return date(year, month, day).isoformat()
    if name in EASTER_OFFSETS:
        return (easter(year) + timedelta(days=EASTER_OFFSETS[name])).isoformat()
    return _islamic(name, year)


def _islamic(name: str, year: int) -> str | None:
    month, day, _ = ISLAMIC[name]
    try:
        hijri_year = Gregorian(year, 6, 30).to_hijri().year
        for candidate in (hijri_year - 1, hijri_year, hijri_year + 1):
            first = Hijri(candidate, month, day).to_gregorian()
            if first.year == year:
                return _islamic_value(name, candidate)
    except (ValueError, OverflowError):
        return None
    return None


def _islamic_value(name: str, hijri_year: int) -> str:
    month, day, length = ISLAMIC[name]
    start = Hijri(hijri_year, month, day)
    begin = start.to_gregorian()
    if length == 1:
        return begin.isoformat()
    end = begin + timedelta(days=start.month_length() - 1)
    return f"{begin.isoformat()}/{end.isoformat()}"


def nearest(name: str, reference: date, future: bool = False) -> str | None:
    """The occurrence nearest the reference: the latest not after it, or the next in the future tense."""
    years = (reference.year, reference.year + 1) if future else (reference.year, reference.year - 1)
    for year in years:
        value = occurrence(name, year)
        if value is None:
            continue
        begin = date.fromisoformat(value[:10])
        if (begin >= reference) if future else (begin <= reference):
            return value
    return None
