"""The shortcuts a rule takes to run less of its pattern must find exactly what the pattern finds."""

from __future__ import annotations

import re
import sys

import pytest

from timeline.tagger.rules import RULES
from timeline.tagger.starts import FOLDED_INTO_ASCII

EXAMPLES = [
    "on Tuesday, October 22, 2000 at noon", "the night of 20 June 1791", "22 October, 2000",
    "in March–April 2011", "from March to May 2012", "6-7 April", "4 and 5 May 2013",
    "the last week of March", "the first week of May 2011", "13 years after the 2011 revolt",
    "two centuries before the 1789 storming", "two to three days", "five-to-six weeks",
    "March 2011", "May of next year", "mid-December 2012", "in December of 2010",
    "Yesterday, 3 p.m. GMT; at 18:00 UTC Monday.", "two years ago—the 1990s—every week, in 2011-12 and 1861–1863",
    "yearly2011 x2011 the last 5 years (2008) ten-year plan; early 2011, late summer 2012, now",
    "the day before; that same day, the third quarter of last year; Christmas Eve 2010, on 7/8/07.",
    "THE LAST WEEK OF MARCH, EARLY 2011, TWO YEARS AGO; the Morning of 3 MAY 2012; About Five Days Later",
]
RULES_WITH_NEEDS = [rule for rule in RULES if rule.needs]


@pytest.mark.parametrize("rule", RULES_WITH_NEEDS, ids=lambda rule: rule.name)
def test_every_match_holds_what_its_rule_needs(rule):
    matches = [(text, match) for text in EXAMPLES for match in rule.pattern.finditer(text)]
    assert matches, f"no example for {rule.name}"
    for text, match in matches:
        for piece in rule.needs:
            assert piece.search(text, match.start(), len(text)), (rule.name, piece.pattern, text)


@pytest.mark.parametrize("form", ["any text", "no folded characters", "ASCII text"])
@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.word_break is not None], ids=lambda rule: rule.name)
def test_matches_found_from_word_breaks_are_the_patterns_own(rule, form):
    runner = rule.for_ascii_text if form == "ASCII text" else rule
    for text in EXAMPLES:
        if form == "ASCII text":
            text = text.encode("ascii", "replace").decode()
        for low in range(len(text)):
            for high in (len(text), len(text) - 1, (low + len(text)) // 2):
                expected = [match.span() for match in rule.pattern.finditer(text, low, high)]
                found = runner.matches(text, low, high, folded=form == "any text")
                assert [match.span() for match in found] == expected, (text, low, high)


def test_almost_every_rule_that_begins_words_has_a_quick_start_finder():
    rules = [rule for rule in RULES if rule.word_break is not None]
    assert sum(rule.word_starts is not None for rule in rules) >= len(rules) - 2


def test_only_the_folded_characters_match_an_ascii_letter_case_blind_beyond_ascii():
    beyond_ascii = "".join(chr(code) for code in range(0x80, sys.maxunicode + 1) if not 0xD800 <= code < 0xE000)
    assert "".join(sorted(set(re.findall(r"(?i)[a-z]", beyond_ascii)))) == "".join(sorted(FOLDED_INTO_ASCII))


def test_the_future_check_on_lowered_ascii_finds_what_the_case_blind_check_finds():
    from timeline.tagger.context import FUTURE, FUTURE_IN_LOWERED_ASCII

    assert FUTURE.pattern == FUTURE.pattern.lower()
    clauses = ["It WILL rain", "the Deadline passed", "they missed the deadline", "We'll see", "Plans To sell",
               "is Expected   to", "May\tBe", "nextdoor", "the NEXT step", "wants to", "hopes to win", "no future"]
    for clause in clauses + [clause.upper() for clause in clauses] + [clause.title() for clause in clauses]:
        assert (FUTURE_IN_LOWERED_ASCII.search(clause.lower()) is None) == (FUTURE.search(clause) is None), clause


def test_prepare_makes_now_what_each_rule_would_make_on_first_use():
    """A fresh interpreter: nothing is made before, everything after, and tagging is unchanged."""
    script = (
        "from datetime import date\n"
        "from timeline.tagger import RULES, prepare, tag_text\n"
        "forms = lambda: [form for rule in RULES for form in (rule, vars(rule).get('for_ascii_text')) if form]\n"
        "assert not any('word_starts' in vars(form) for form in forms())\n"
        "prepare()\n"
        "assert len(forms()) == 2 * len(RULES) and all('word_starts' in vars(form) for form in forms())\n"
        "print([e.value for e in tag_text('Talks began on 3 June 2013.', date(2013, 6, 5))])\n"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['2013-06-03']"
