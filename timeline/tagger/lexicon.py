"""English words the rules are made of: months, weekdays, numbers, units, seasons.

Kept apart from the rules so that another language is another lexicon.
"""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a couple of": 2, "a dozen": 12, "dozen": 12,
}
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a number of", "numerous", "the past few")
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 4,
}
UNITS = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "fortnight": "W",
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}
MODIFIERS = {
    "early": "start", "the beginning of": "start", "the start of": "start", "the turn of": "start",
    "mid": "mid", "the middle of": "mid", "late": "end", "the end of": "end", "the close of": "end",
    "around": "approx", "about": "approx", "circa": "approx", "c.": "approx", "ca.": "approx", "approximately": "approx",
    "before": "before", "after": "after", "since": None,
}


def alternation(words: object) -> str:
    """A regex alternation of the given words, longest first so that 'Sept' wins over 'Sep'."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(word.replace(".", r"\.").replace(" ", r"\s+") for word in ordered)


FULL_MONTH = alternation(name.capitalize() for name in MONTHS if len(name) > 3 or name == "may")
ABBREVIATED_MONTH = alternation(name.capitalize() for name in MONTHS if len(name) <= 4 and name not in ("may", "june", "july"))
MONTH = rf"(?:{FULL_MONTH}|(?:{ABBREVIATED_MONTH})(?:\.(?!\w))?)"
WEEKDAY = alternation(name.capitalize() for name in WEEKDAYS)
NUMBER = rf"(?:\d+(?:\.\d+)?|(?:{alternation(n for n in NUMBERS if n not in ('a', 'an'))})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|an?)"
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|(?<=consecutive\s)quarters|(?<=successive\s)quarters|(?<=straight\s)quarters|years?|decades?|centur(?:y|ies))"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
