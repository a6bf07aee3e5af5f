"""The segmenter on the news text that breaks naive splitters."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.sentences import _word_before, split_sentences


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


@pytest.mark.parametrize("text", [
    "Mr. Rahman and Gen. Smith met on Dec. 8 at 3 p.m. on Friday.",
    "The U.S. State Department said so.",
    "Abu Bakr al-Baghdadi met J. R. Smith in 2014.",
    "About 1,000 troops (some 3.5 km away) crossed the border.",
    '"Is it over?" she asked.',
])
def test_abbreviations_initials_and_numbers_do_not_end_a_sentence(text: str):
    assert texts(text) == [text]


def test_sentence_final_abbreviation_ends_the_sentence_before_an_opening_word():
    assert texts("He was backed by the U.S. The rebels fled.") == ["He was backed by the U.S.", "The rebels fled."]


def test_closing_quote_stays_with_its_sentence():
    assert texts('He said: "It is over." Then he left.') == ['He said: "It is over."', "Then he left."]
    assert texts('"We declare the city free," the rebels said. Crowds gathered.') == [
        '"We declare the city free," the rebels said.', "Crowds gathered."]


def test_caption_lines_without_full_stop_are_sentences_of_their_own():
    caption = "Rebel fighters on a road in Damascus on December 12"
    assert texts(f"{caption}\n{caption}\n\nThe next day they left.") == [caption, caption, "The next day they left."]


def test_offsets_point_at_the_sentence_in_the_text():
    text = "  First one.  Second one.\nThird"
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text


@given(st.text(alphabet="ab. ,\n", max_size=60), st.text(alphabet="ab.1é", min_size=20, max_size=120),
       st.text(alphabet="ab. .", max_size=5), st.integers(0, 200))
def test_the_word_before_a_full_stop_is_the_whole_run_of_word_characters_and_dots_before_it(
        before: str, word: str, after: str, start: int):
    text, dot = before + word + after, len(before) + len(word)
    start = min(start, dot)
    found = _word_before(text, start, dot)
    expected = re.search(r"[\w.]+$", text[start:dot])
    assert (found and found.group()) == (expected and expected.group())
