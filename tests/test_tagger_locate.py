"""Locators: the places a rule is worth running, and the regions around them."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED, SHARED_DATA
from timeline.tagger.locate import REACH, LocatorTable, Scan, either, regions, shape, words

MEANTIME = SHARED_DATA / "timex" / "meantime-en.jsonl"


def test_word_locator_finds_whole_words_and_their_plurals_in_any_case():
    scan = Scan("Years passed; a newyear party, then one YEAR more.")
    hits = words("year").hits(scan)
    assert [scan.text[start:end] for start, end in hits] == ["Years", "YEAR"]


def test_pattern_locator_skips_a_text_without_the_strings_it_needs():
    locator = shape(r"\d/\d", "/")
    assert locator.hits(Scan("In 2011 and 2012.")) == []
    assert locator.hits(Scan("On 7/8/07.")) == [(3, 6)]


def test_regions_merge_near_hits_and_end_at_whitespace():
    text = "x " * 100 + "year and year " + "September " * 20
    scan = Scan(text)
    [(low, high)] = regions(words("year", after=3), scan)
    assert low == text.index("year") - REACH
    assert text[high] == " " and high < len(text)


def test_locator_table_gives_each_locator_its_own_regions():
    text = "x " * 100 + "In 2011, a year later, then 7/8/07."
    scan = Scan(text)
    locators = (words("year"), shape(r"\d{4}", after=15), words("month"), shape(r"\d/\d", "/"))
    assert LocatorTable(locators).regions(scan) == [regions(locator, scan) for locator in locators]


def test_a_character_that_lower_cases_to_two_does_not_hide_the_dates_around_it():
    from datetime import date

    from timeline.tagger import tag_text

    found = [e.text for e in tag_text("On Monday, March 3, 2011 in İstanbul.", date(2011, 3, 5))]
    assert found == [e.text for e in tag_text("On Monday, March 3, 2011 in Istanbul.", date(2011, 3, 5))]
    assert "Monday, March 3, 2011" in found


def test_an_ascii_text_gets_the_same_regions_from_the_ascii_forms_of_the_locators():
    from timeline.tagger import LOCATORS

    text = "On 7/8/07, two YEARS after the 2011-12 rally (3 p.m. GMT), in March 1861-1863 and the '80s."
    scan = Scan(text)
    assert scan.ascii
    unicode_scan = Scan(text)
    unicode_scan.ascii = False
    assert LOCATORS.regions(scan) == LOCATORS.regions(unicode_scan)
    assert any(LOCATORS.regions(scan))


def test_locators_that_begin_with_a_digit_share_a_pass_and_keep_their_own_hits():
    text = "On 7/8/07 at 10:30 GMT, 12345-6789 and 1861–1863, 5pm, 0800hrs, 3 a.m.; ٣/٤ and 2011-12."
    scan = Scan(text)
    locators = (words("year"), shape(r"\d/\d", "/"), shape(r"\d\d\d\d-", "-"), shape(r"\d\d\d\d", after=15),
                shape(r"\d[-–]\d", "-", "–"), shape(r"\d\s*[ap]\.?m"), shape(r"\d:\d|\d\s*(?:utc|gmt|z\b)|\dhrs"))
    assert LocatorTable(locators).regions(scan) == [regions(locator, scan) for locator in locators]
    assert [scan.text[start:end] for start, end in locators[3].hits(scan)] == ["1234", "6789", "1861", "1863", "0800", "2011"]


def test_a_locator_of_alternatives_found_one_by_one_hits_what_their_alternation_hits():
    text = "From 6-7 to 8, 1 to 2 and 3 through 4; onto 5, band 6, through-7 and – 8, to\n9, and x 1."
    locator = either(r"-\s*\d", r"–\s*\d", r"to\s*\d", r"and\s*\d", r"through\s*\d")
    scan = Scan(text)
    assert locator.hits(scan) == [match.span() for match in locator.pattern.finditer(scan.lowered)]
    assert len(locator.hits(scan)) == 10


TOKENS = st.sampled_from([
    "may", "Mayor", "day", "days", "daily", "2011", "12345", "1861-1863", "7/8/07", "10:30", "5pm", "3 a.m.", "0800hrs",
    "GMT", "z", "to", "onto 5", "and 6", "through 7", "-", "– 8", "'80s", "1990s", "490 BC", "b.c.", "week", "_year",
    "year2011", "9year", "now", "\t", "\x0b", "\n", " ", ",", ".", "(", "é",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=30).map("".join), st.lists(TOKENS, max_size=30).map(" ".join))
def test_hyperscan_finds_in_ascii_text_the_hits_the_regex_engine_finds(glued, spaced):
    pytest.importorskip("hyperscan")
    from timeline.tagger import LOCATORS

    for text in (glued, spaced):
        scan = Scan(text)
        by_regex = Scan(text)
        by_regex.ascii = False
        if scan.ascii:
            assert LOCATORS.regions(scan) == LOCATORS.regions(by_regex), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["2011", "1499", "1500", "19999", "$2000", "3.2011", "2011x", "x2011", "-1990", "٢٠١١",
                                 "201١", "1861–1863", "(1945)", "£1999", "#2000", " ", ",", "\n", "é"]), max_size=25).map("".join))
def test_the_explicit_years_read_at_the_locators_hits_are_those_a_search_finds(text):
    from timeline.tagger import EXPLICIT_YEAR, LOCATORS, explicit_years

    assert explicit_years(text, LOCATORS.hits(Scan(text))) == [int(year) for year in EXPLICIT_YEAR.findall(text)]


def test_without_hyperscan_the_regex_engine_tags_every_text_alike(monkeypatch: pytest.MonkeyPatch):
    from timeline.tagger import tag_text
    from timeline.tagger import locate

    texts = [(record["text"], date.fromisoformat(record["dct"])) for record in map(json.loads, MEANTIME.read_text(
        encoding="utf-8").splitlines()[:40])] if MEANTIME.exists() else []
    texts.append((SEED.read_text(encoding="utf-8"), date(2024, 12, 26)))
    with_hyperscan = [tag_text(text, published) for text, published in texts]
    monkeypatch.setattr(locate, "HYPERSCAN", False)
    assert [tag_text(text, published) for text, published in texts] == with_hyperscan
