"""Wikipedia's Syria timeline read as one article: events should fall inside their section's dates.

The section headings give a human-written date range ("Rebel offensives
(November 2012–April 2013)"); the share of events dated inside the range of
the nearest dated heading above them measures the whole chain from tagging to
events. Run with ``-s`` to see the share.
"""

import re
from datetime import date

import pytest

from timeline.curated import parse_written_date
from timeline.events import extract_events
from timeline.readers import read_article
from timeline.tagger import tag_article_text
from conftest import SHARED_DATA

TIMELINE = SHARED_DATA / "wikipedia-syria" / "timeline_of_the_syrian_civil_war.md"
HEADING_DATES = re.compile(r"\(([^()]*\d{4}[^()]*)\)\s*$|,\s*(\d{4})\s*$")
YEAR = re.compile(r"\d{4}")


def heading_range(heading: str) -> tuple[date, date] | None:
    """'(March–July 2011)' -> 2011-03-01..2011-07-31; the year of the end applies to a bare first month."""
    found = HEADING_DATES.search(heading)
    if not found:
        return None
    first, _, last = (found.group(1) or found.group(2)).partition("–")
    last = last or first
    if not YEAR.search(first):
        first = f"{first} {YEAR.search(last).group()}"
    begin, end = parse_written_date(first.strip()), parse_written_date(last.strip())
    return (begin.begin, end.end) if begin and end else None


@pytest.mark.skipif(not TIMELINE.exists(), reason="evaluation data not present")
def test_most_events_fall_inside_the_dates_of_their_section():
    article, _ = read_article(TIMELINE)
    events = extract_events(article, tag_article_text(article), TIMELINE.parent)
    sections = [(start, heading_range(article.text[start:end])) for start, end in article.headings]
    inside = outside = 0
    for event in events:
        position = article.text.find(event.text)
        dated = [dates for start, dates in sections if start < position and dates]
        if not dated:
            continue
        begin, end = dated[-1]
        if begin <= event.span.begin and event.span.end <= end:
            inside += 1
        else:
            outside += 1
    share = inside / (inside + outside)
    print(f"\n{inside} of {inside + outside} events in a dated section fall inside its dates ({share:.1%})")
    assert share >= 0.75
