"""Properties of the tagger on any input: it never raises, and its spans are sound and repeatable."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.tagger import tag_text
from timeline.tagger.foreign import LOWERED_ASCII_STOPWORD_PATTERNS, STOPWORD_PATTERNS, STOPWORDS, detected_language

WORDS = st.sampled_from([
    "on", "Tuesday", "March", "May", "2011", "13", "years", "ago", "later", "the", "previous", "day",
    "December", "8th", "-", "–", "BC", "500", "early", "mid-", "winter", "of", "last", "week", "Ramadan",
    "Eid al-Fitr", "18:00", "UTC", "p.m.", "\n\n", ",", ".", "and", "to", "every", "year", "$", "%",
])
TEXTS = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=40).map(" ".join))
REFERENCES = st.one_of(st.none(), st.dates())


@settings(max_examples=300, deadline=None)
@given(TEXTS, REFERENCES)
def test_tagger_never_raises_and_spans_lie_inside_the_text_without_overlap(text, reference):
    expressions = tag_text(text, reference)
    previous_end = 0
    for expression in expressions:
        assert 0 <= expression.start < expression.end <= len(text)
        assert text[expression.start:expression.end] == expression.text
        assert expression.start >= previous_end
        previous_end = expression.end


@settings(max_examples=200, deadline=None)
@given(TEXTS, REFERENCES)
def test_every_date_span_begins_no_later_than_it_ends(text, reference):
    for expression in tag_text(text, reference):
        if expression.span is not None:
            assert expression.span.begin <= expression.span.end


@settings(max_examples=100, deadline=None)
@given(TEXTS, REFERENCES)
def test_the_same_input_gives_the_same_output(text, reference):
    assert tag_text(text, reference) == tag_text(text, reference)


STOPWORD_TEXT = st.lists(st.one_of(
    st.sampled_from([word for words in STOPWORDS.values() for word in words]),
    st.sampled_from(["The", "LE", "Les", "DES", "there", "lex", "theme", "x", "2", "_", " ", "-", "'", "\n", ".", "é"]),
), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(STOPWORD_TEXT)
def test_stopwords_counted_in_a_lowered_ascii_text_are_those_counted_case_blind(text: str):
    """A language is told by its stopwords; an ASCII text is counted in lower case, the quicker way."""
    if text.isascii():
        for language, pattern in STOPWORD_PATTERNS.items():
            assert len(LOWERED_ASCII_STOPWORD_PATTERNS[language].findall(text.lower())) == len(pattern.findall(text))
    assert detected_language(text, "en") in ("en", "fr", "ar")
