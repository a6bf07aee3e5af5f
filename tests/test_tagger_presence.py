"""The rules' approximations for Hyperscan must match wherever the rules match, in any region of an ASCII text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("hyperscan")

from timeline.tagger import RULES, _rule_presence
from timeline.tagger.locate import Scan
from timeline.tagger.presence import RulePresence, approximation
from test_tagger_rule_shortcuts import EXAMPLES

TOKENS = st.sampled_from([
    "on", "Tuesday", "March", "Sept.", "May", "2011", "1861-1863", "13", "8th", "years", "ago", "later", "the", "previous",
    "day", "December", "-", "BC", "500", "early", "mid-", "winter", "of", "last", "week", "first", "quarter", "Ramadan",
    "18:00", "UTC", "p.m.", "3pm", "0800hrs", "7/8/07", "'80s", "1990s", "\n", ",", ".", "and", "to", "every", "year",
    "%", "percent", "people", "after", "Christmas", "now", "recent", "past", "few", "THE", "Morning", "of", "that",
])


def test_every_rule_has_an_approximation():
    assert all(approximation(rule.pattern) is not None for rule in RULES)


def test_an_approximation_reads_a_leading_lookbehind_and_a_trailing_lookahead_as_text():
    assert approximation(re.compile(r"(?<=-)\d(?=x)")) == r"(?:\x2d)[\d](?:\x78)"
    assert approximation(re.compile(r"\b(?:early\s+)?(?i:may)\b(?!\s+be)")) == r"[\x6d\x4d][\x61\x41][\x79\x59]"


def test_a_case_blind_character_beyond_ascii_that_matches_an_ascii_letter_is_not_approximated():
    assert approximation(re.compile("(?i)ſ")) is None
    assert approximation(re.compile("(?i)[–é]")) == r"\xff"


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=30).map(" ".join), st.integers(0, 200), st.integers(0, 200))
def test_a_rule_that_matches_in_a_region_of_an_ascii_text_is_present_in_it(text, low, length):
    present = _rule_presence().present(Scan(text))
    for number, rule in enumerate(RULES):
        if rule.pattern.search(text, low, low + length) or rule.pattern.search(text):
            assert number in present, (rule.name, text)


def test_the_examples_find_every_rule_present_where_it_matches():
    presence = RulePresence([rule.pattern for rule in RULES])
    for text in EXAMPLES:
        text = text.encode("ascii", "replace").decode()
        present = presence.present(Scan(text))
        assert {number for number, rule in enumerate(RULES) if rule.pattern.search(text)} <= present


def test_texts_tagged_in_several_threads_at_once_are_tagged_as_one_after_another():
    """Hyperscan needs a scratch space per scan in progress: each thread has its own."""
    from concurrent.futures import ThreadPoolExecutor
    from datetime import date

    from timeline.tagger import tag_text

    texts = [text.encode("ascii", "replace").decode() for text in EXAMPLES] * 40
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(lambda text: tag_text(text, date(2012, 6, 1)), texts))
    assert threaded == [tag_text(text, date(2012, 6, 1)) for text in texts]
