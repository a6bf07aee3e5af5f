"""Rules' ``needs``: a piece every match contains, so that a region without it can be skipped."""

from __future__ import annotations

import pytest

from timeline.tagger.rules import RULES

EXAMPLES = [
    "on Tuesday, October 22, 2000 at noon", "the night of 20 June 1791", "22 October, 2000",
    "in March–April 2011", "from March to May 2012", "6-7 April", "4 and 5 May 2013",
    "the last week of March", "the first week of May 2011", "13 years after the 2011 revolt",
    "two centuries before the 1789 storming", "two to three days", "five-to-six weeks",
    "March 2011", "May of next year", "mid-December 2012", "in December of 2010",
]
RULES_WITH_NEEDS = [rule for rule in RULES if rule.needs is not None]


@pytest.mark.parametrize("rule", RULES_WITH_NEEDS, ids=lambda rule: rule.name)
def test_every_match_holds_what_its_rule_needs(rule):
    matches = [(text, match) for text in EXAMPLES for match in rule.pattern.finditer(text)]
    assert matches, f"no example for {rule.name}"
    for text, match in matches:
        assert rule.needs.search(text, match.start(), len(text)), (rule.name, text)
