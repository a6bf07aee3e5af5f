"""Articles in languages other than English, tagged with dateparser in that language.

dateparser knows some two hundred locales; what it finds is kept at the
precision it reports (day, week, month or year), never filled in.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from timeline.model import Expression
from timeline.tagger.timex import day_value, month_value, span_for, week_value


ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
LETTER = re.compile(r"[^\W\d_]")
LETTER_RUN = re.compile(r"[^\W\d_]+")
STOPWORDS = {
    "en": ("the", "and", "of", "is", "in", "to", "that", "for", "on", "with", "was", "he", "it"),
    "fr": ("le", "la", "les", "des", "est", "une", "dans", "et", "du", "pour", "que", "qui", "au", "sur"),
}
STOPWORD_PATTERNS = {language: re.compile(rf"(?<![^\W\d_])(?:{'|'.join(words)})(?![^\W\d_])", re.IGNORECASE)
                     for language, words in STOPWORDS.items()}
"""Each language's stopwords as whole words, counted by one regular expression rather than word by word."""
LOWERED_ASCII_STOPWORD_PATTERNS = {
    language: re.compile("(?:" + "|".join(rf"{word}(?<![^\W\d_]{word})" for word in words) + r")(?![^\W\d_])",
                         re.ASCII)
    for language, words in STOPWORDS.items()
}
"""The same for an ASCII text put in lower case: each word is found first and the letter before it checked after,
so that the regex engine skips to the words' first letters instead of trying every position case-blind."""


def detected_language(text: str, stated: str) -> str:
    """The language to tag ``text`` in: the stated one, unless it is the default English and the
    text is plainly Arabic (mostly Arabic letters) or French (more French than English stopwords).

    Readers state English when an article says nothing; a French article without
    front matter should still reach dateparser in French.
    """
    if stated.split("-")[0].lower() != "en":
        return stated
    sample = text[:5000]
    if ARABIC_LETTER.search(sample) and len(ARABIC_LETTER.findall(sample)) > 0.5 * len(LETTER.findall(sample)):
        return "ar"
    if sample.isascii():
        sample, patterns = sample.lower(), LOWERED_ASCII_STOPWORD_PATTERNS
    else:
        patterns = STOPWORD_PATTERNS
    french = len(patterns["fr"].findall(sample))
    return "fr" if french >= 3 and french > 2 * len(patterns["en"].findall(sample)) else stated


@lru_cache(maxsize=32)
def _parser(language: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[language], settings={"PREFER_DATES_FROM": "past"})


def _value(moment: datetime, period: str | None) -> str:
    day = moment.date()
    if period == "year":
        return f"{day.year:04d}"
    if period == "month":
        return month_value(day.year, day.month)
    if period == "week":
        return week_value(day)
    return day_value(day)


def _an_abbreviation_at_most(phrase: str) -> bool:
    """Whether ``phrase`` is no more than one word of three letters among words of one or two, in a Latin script:
    dateparser reads weekday and month abbreviations wherever they stand as words ('Die' as Dienstag, 'mer' as
    mercredi, 'Sam' as samedi, 'Mar y' as marzo), and in running text such a phrase is nearly always the word
    it spells. 'Hier', 'a dix ans' and 'أمس' are kept."""
    if any(character.isdigit() for character in phrase) or ARABIC_LETTER.search(phrase):
        return False
    words = [word for word in LETTER_RUN.findall(phrase) if len(word) > 2]
    return len(words) <= 1 and all(len(word) == 3 for word in words)


def tag_foreign(text: str, reference: date | None, language: str, reference_source: str) -> list[Expression]:
    """Dates dateparser finds in ``text`` written in ``language`` (an ISO 639-1 code), but for words it takes for
    abbreviated weekdays and months (:func:`_an_abbreviation_at_most`)."""
    return [expression for expression in dateparser_dates(text, reference, language, reference_source)
            if not _an_abbreviation_at_most(expression.text)]


def dateparser_dates(text: str, reference: date | None, language: str, reference_source: str) -> list[Expression]:
    """Every date dateparser's ``search_dates`` finds in ``text`` written in ``language``, at the precision it
    reports: the peer the tagger is measured against, as it is."""
    from dateparser.search import search_dates

    language = language.split("-")[0].lower()
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if reference is not None:
        settings["RELATIVE_BASE"] = datetime(reference.year, reference.month, reference.day)
    try:
        found = search_dates(text, languages=[language], settings=settings) or []
    except (ValueError, KeyError):
        return []
    expressions = []
    position = 0
    for phrase, moment in found:
        start = text.find(phrase, position)
        if start < 0:
            continue
        position = start + len(phrase)
        period = _parser(language).get_date_data(phrase).period
        value = _value(moment, period)
        expressions.append(Expression(
            text=phrase, start=start, end=position, type="DATE", value=value, span=span_for(value),
            anchor=reference.isoformat() if reference else None,
            anchor_source=reference_source if reference else None, rule=f"dateparser-{language}",
        ))
    return expressions
