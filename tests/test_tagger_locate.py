"""Locators: the places a rule is worth running, and the regions around them."""

from __future__ import annotations

from timeline.tagger.locate import REACH, Scan, regions, shape, words


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
