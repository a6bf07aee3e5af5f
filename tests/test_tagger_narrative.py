"""Narrative anchoring on real text: Wikipedia's timeline of the Syrian civil war, read from ../shared/data."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import SHARED_DATA
from timeline.readers.frontmatter import split_front_matter
from timeline.readers.markdown_text import markdown_text
from timeline.tagger import is_narrative, tag_text

SYRIA = SHARED_DATA / "wikipedia-syria" / "timeline_of_the_syrian_civil_war.md"
SNAPSHOT = date(2023, 7, 7)

pytestmark = pytest.mark.skipif(not SYRIA.exists(), reason=f"evaluation data not found at {SYRIA}")


@pytest.fixture(scope="module")
def syria():
    """The article's plain text, the expressions found in it, and its headings."""
    raw = SYRIA.read_text(encoding="utf-8")
    _, body_start = split_front_matter(raw, SYRIA)
    text, _, headings = markdown_text(raw, body_start)
    return text, tag_text(text, SNAPSHOT, headings=headings), headings


def _under(syria, heading_words: str, expression: str) -> list[str]:
    """Values of ``expression`` in the section whose heading contains ``heading_words``."""
    text, expressions, headings = syria
    starts = [start for start, _ in headings]
    section = next(i for i, (start, end) in enumerate(headings) if heading_words in text[start:end])
    end = starts[section + 1] if section + 1 < len(starts) else len(text)
    return [e.value for e in expressions if headings[section][1] <= e.start < end and e.text == expression]


def test_the_syria_timeline_is_recognised_as_narrative(syria):
    text, _, _ = syria
    assert is_narrative(text, SNAPSHOT)


def test_day_under_a_heading_dated_march_to_july_2011_takes_2011(syria):
    assert _under(syria, "(March–July 2011)", "18 March") == ["2011-03-18"]


def test_day_under_a_heading_spanning_two_years_takes_the_year_its_month_falls_in(syria):
    assert _under(syria, "(November 2012–April 2013)", "18 November") == ["2012-11-18"]
    assert _under(syria, "(November 2012–April 2013)", "18 March") == ["2013-03-18"]


def test_days_without_years_never_take_the_snapshot_year_in_early_sections(syria):
    _, expressions, _ = syria
    early = [e for e in expressions if e.rule == "day-month" and e.span and e.span.begin.year <= 2013]
    assert early and all(e.anchor_source in ("expression", "heading") for e in early)
