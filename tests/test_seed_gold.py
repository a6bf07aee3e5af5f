"""The seed article against its hand-made gold: every required expression with its value, no false dates."""

from collections import Counter

from timeline.readers import read_article
from timeline.tagger import tag_article
from conftest import SEED


def _found():
    article, _ = read_article(SEED)
    return tag_article(article)


def test_every_required_gold_expression_is_found_with_its_value(gold):
    found = Counter((e.text, e.value) for e in _found())
    for timex in gold["timexes"]:
        if timex.get("optional"):
            continue
        hits = found[(timex["text"], timex["value"])]
        alternatives = sum(n for (text, _), n in found.items() if text in timex.get("accept", []))
        assert hits + alternatives >= timex["count"], timex


def test_no_gold_not_date_is_tagged(gold):
    texts = {e.text for e in _found()}
    for not_date in gold["not_dates"]:
        assert not any(not_date == text or not_date in text.split() for text in texts), not_date


def test_offsets_point_at_the_expression_in_the_file():
    raw = SEED.read_text(encoding="utf-8")
    for expression in _found():
        assert raw[expression.start:expression.end] == expression.text


def test_every_expression_found_is_in_the_gold(gold):
    allowed = {timex["text"] for timex in gold["timexes"]}
    allowed |= {text for timex in gold["timexes"] for text in timex.get("accept", [])}
    assert [e.text for e in _found() if e.text not in allowed] == []
